import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import type { Permission } from '../../shared/permissions.ts';
import { type Me, useCan, useLogout } from '../api/session.ts';
import { reportPermissions } from '../routes/reports/ReportsPage.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { Button } from './ui.tsx';

/** Navigation entries; each shows only to those whose role allows it. */
const nav: { to: string; key: string; permission?: Permission; any?: Permission[] }[] = [
  { to: '/', key: 'nav.home' },
  { to: '/people', key: 'nav.people', permission: 'people.read' },
  { to: '/matching/mine', key: 'matching.nav.mine' },
  { to: '/matching/board', key: 'matching.nav.board', permission: 'matching.manage' },
  { to: '/reports', key: 'reports.nav', any: reportPermissions },
  { to: '/activities', key: 'activities.nav', permission: 'activities.read' },
  { to: '/pathways', key: 'pathways.nav', permission: 'pathways.manage' },
  { to: '/policy', key: 'policy.nav' },
  { to: '/cohorts', key: 'referrals.nav.cohorts', permission: 'pathways.manage' },
  { to: '/partner/referrals', key: 'referrals.nav.inbox', permission: 'referrals.respond' },
  { to: '/admin', key: 'nav.admin', permission: 'organisation.manage' },
  { to: '/admin/audit', key: 'nav.audit', permission: 'audit.read' },
];

export function Layout({ me, children }: { me: Me | null; children: ReactNode }) {
  const { t } = useTranslation();
  const may = useCan();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span aria-hidden="true" className="logo">
            ∞
          </span>
          <span>Schakel</span>
          {me && <span className="org-name">{me.organisation.name}</span>}
        </div>
        <LanguageSwitcher signedIn={!!me} />
      </header>
      {me && (
        <nav aria-label={t('nav.main')} className="mainnav">
          <ul>
            {nav
              .filter((n) => (!n.permission || may(n.permission)) && (!n.any || n.any.some((p) => may(p))))
              .map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.to === '/' || n.to === '/admin'}>
                    {t(n.key)}
                  </NavLink>
                </li>
              ))}
          </ul>
          <div className="whoami">
            <NavLink to={`/people/${me.personId}`}>{t('nav.myProfile')}</NavLink>
            <Button variant="quiet" onPress={() => logout.mutate(undefined, { onSuccess: () => navigate('/login') })}>
              {t('nav.logout')}
            </Button>
          </div>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
