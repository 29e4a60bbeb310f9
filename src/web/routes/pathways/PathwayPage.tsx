import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Notice, PageHeader, useOneTimeNotice } from '../../components/ui.tsx';
import { NotFoundPage } from '../home/NotFoundPage.tsx';
import { formatDate, usePathway } from './api.ts';
import { visibleTabs } from './tabs.ts';
import './pathways.css';

/** One pathway file: a header with who and where, a tab list, and the chosen tab. */
export function PathwayPage() {
  const { t, i18n } = useTranslation();
  const { id, tab = 'overview' } = useParams();
  const query = usePathway(id);
  const notice = useOneTimeNotice<'started'>();
  return (
    <RecordGate query={query} title={t('pathways.file.title')}>
      {(p) => {
        const tabs = visibleTabs(p);
        const current = tabs.find((x) => x.id === tab);
        if (!current) return <NotFoundPage />;
        const Tab = current.element;
        const name = `${p.participant.givenName} ${p.participant.familyName}`;
        return (
          <div className="pathway-file">
            <p className="muted back-link">
              <Link to="/pathways">{t('pathways.caseload.title')}</Link>
            </p>
            <PageHeader title={t('pathways.file.heading', { name })} />
            <p className="pathway-meta">
              <span className={`badge status-${p.status}`}>{t(`pathways.status.${p.status}`)}</span>{' '}
              {[p.placeName, p.programmeName].filter(Boolean).join(' · ')}
              {p.startedOn && <> · {t('pathways.file.since', { date: formatDate(p.startedOn, i18n.language) })}</>}
              {p.endedOn && <> · {t('pathways.file.ended', { date: formatDate(p.endedOn, i18n.language) })}</>}
            </p>
            {notice === 'started' && <Notice>{t('pathways.intake.started')}</Notice>}
            {!p.guidanceConsent && p.capacity !== 'participant' && (
              <div role="alert" className="alert alert-error">
                {t('pathways.file.noGuidanceConsent')}
              </div>
            )}
            <nav aria-label={t('pathways.file.tabs')} className="pathway-tabs">
              <ul>
                {tabs.map((x) => (
                  <li key={x.id}>
                    <NavLink to={x.id === 'overview' ? `/pathways/${p.id}` : `/pathways/${p.id}/${x.id}`} end>
                      {t(x.labelKey)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <section className="pathway-tab" aria-labelledby="tab-heading">
              <h2 id="tab-heading" className="visually-hidden">
                {t(current.labelKey)}
              </h2>
              <Tab pathway={p} />
            </section>
          </div>
        );
      }}
    </RecordGate>
  );
}
