import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Permission } from '../../../shared/permissions.ts';
import { useCan } from '../../api/session.ts';
import { PageHeader } from '../../components/ui.tsx';

/** Every report, one menu entry: each card shows only to who may open it. */
const reports: { to: string; title: string; text: string; any: Permission[] }[] = [
  { to: '/reports/dashboard', title: 'dashboard.home.title', text: 'reports.hub.dashboard', any: ['reports.read', 'pathways.manage'] },
  { to: '/reports/esf', title: 'reports.hub.esfTitle', text: 'reports.hub.esf', any: ['reports.read'] },
  { to: '/matching/report', title: 'matchingReport.nav', text: 'reports.hub.matching', any: ['matching.report'] },
  { to: '/research', title: 'dashboard.research.title', text: 'dashboard.research.homeText', any: ['research.export'] },
];

/** Permissions that open at least one report: the menu shows "Reports" to these. */
export const reportPermissions: Permission[] = [...new Set(reports.flatMap((r) => r.any))];

/** /reports: the reports this person may open. */
export function ReportsPage() {
  const { t } = useTranslation();
  const may = useCan();
  const mine = reports.filter((r) => r.any.some((p) => may(p)));
  return (
    <>
      <PageHeader title={t('reports.nav')} />
      <p className="lead">{t('reports.hub.lead')}</p>
      {mine.length === 0 ? (
        <p>{t('reports.hub.none')}</p>
      ) : (
        <ul className="cards action-cards">
          {mine.map((r) => (
            <li key={r.to} className="card card-link">
              <h2>
                <Link to={r.to}>{t(r.title)}</Link>
              </h2>
              <p>{t(r.text)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
