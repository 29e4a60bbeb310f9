import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PathwayAction } from '../../../shared/pathways-api.ts';
import type { PathwayTabProps } from './tabs.ts';
import './care.css';

const parts: { tab: string; action: PathwayAction }[] = [
  { tab: 'assessments', action: 'assessment.read' },
  { tab: 'network', action: 'network.read' },
  { tab: 'journal', action: 'journal.read' },
];

/** On the participant's own pathway page: where she sees her scores, her network and what her companion shares. */
export function MyCareLinks({ pathway }: PathwayTabProps) {
  const { t } = useTranslation();
  const shown = parts.filter((p) => pathway.allowed.includes(p.action));
  if (!shown.length) return null;
  return (
    <section aria-labelledby="my-care" className="my-care">
      <h2 id="my-care">{t('care.my.title')}</h2>
      <ul className="my-care-links">
        {shown.map((p) => (
          <li key={p.tab} className="card">
            <Link to={`/pathways/${pathway.id}/${p.tab}`}>{t(`care.my.${p.tab}`)}</Link>
            <p className="muted">{t(`care.my.${p.tab}Hint`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
