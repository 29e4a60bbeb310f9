import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { pathwayStatuses } from '../../../shared/pathways.ts';
import { useCan } from '../../api/session.ts';
import { Loading, PageHeader, SearchField, Select } from '../../components/ui.tsx';
import { formatDate, useCaseload, useFollowUpsDue } from './api.ts';
import { ChoiceGroup, PathwaysError } from './components.tsx';
import './pathways.css';

/** The caseload: my pathways (team), my places' pathways (lead), search by name, and follow-ups that are due. */
export function PathwaysPage() {
  const { t, i18n } = useTranslation();
  const may = useCan();
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') === 'place' && may('pathways.oversee') ? 'place' : 'mine';
  const status = params.get('status') ?? '';
  const [q, setQ] = useState(params.get('q') ?? '');
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const list = useCaseload({ scope, q: params.get('q') ?? undefined, status: status || undefined });
  const dueList = useFollowUpsDue();
  const nf = new Intl.NumberFormat(i18n.language);

  return (
    <div className="pathways-page">
      <PageHeader
        title={t('pathways.caseload.title')}
        actions={
          <>
            <Link className="button button-secondary" to="/pathways/referrals">
              {t('pathways.caseload.referrals')}
            </Link>
            <Link className="button button-secondary" to="/pathways/referrals/new">
              {t('pathways.caseload.newReferral')}
            </Link>
            <Link className="button button-primary" to="/pathways/intake">
              {t('pathways.caseload.startIntake')}
            </Link>
          </>
        }
      />
      <p className="lead">{t('pathways.caseload.lead')}</p>

      {!!dueList.data?.items.length && (
        <section aria-labelledby="follow-ups" className="card follow-ups">
          <h2 id="follow-ups">{t('pathways.caseload.followUps')}</h2>
          <ul className="links">
            {dueList.data.items.map((f) => (
              <li key={f.pathwayId}>
                <Link to={`/pathways/${f.pathwayId}/ending`}>
                  {t('pathways.caseload.followUpItem', {
                    name: `${f.participant.givenName} ${f.participant.familyName}`,
                    ended: formatDate(f.endedOn, i18n.language),
                    due: formatDate(f.dueOn, i18n.language),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="caseload-filters">
        {may('pathways.oversee') && (
          <ChoiceGroup
            label={t('pathways.caseload.scope')}
            value={scope}
            onChange={(v) => set({ scope: v === 'place' ? 'place' : '' })}
            options={[
              { id: 'mine', label: t('pathways.caseload.mine') },
              { id: 'place', label: t('pathways.caseload.place') },
            ]}
          />
        )}
        <form
          className="search-bar"
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: q.trim() });
          }}
        >
          <SearchField
            label={t('pathways.caseload.search')}
            value={q}
            onChange={(v) => {
              setQ(v);
              if (!v) set({ q: '' });
              else if (v.trim().length >= 2) set({ q: v.trim() });
            }}
          />
        </form>
        <Select
          label={t('pathways.caseload.status')}
          value={status || 'all'}
          onChange={(v) => set({ status: v === 'all' ? '' : v })}
          options={[{ id: 'all', label: t('pathways.caseload.all') }, ...pathwayStatuses.map((s) => ({ id: s, label: t(`pathways.status.${s}`) }))]}
        />
      </div>

      {list.isPending && <Loading />}
      <PathwaysError error={list.error} />
      {list.data && (
        <>
          <p className="result-count" aria-live="polite">
            {t('pathways.caseload.count', { n: list.data.total, formatted: nf.format(list.data.total) })}
          </p>
          {!list.data.items.length && <p className="empty-state">{t('pathways.caseload.none')}</p>}
          <ul className="caseload">
            {list.data.items.map((p) => (
              <li key={p.id} className="card card-link caseload-item">
                <h2 className="caseload-name">
                  <Link to={`/pathways/${p.id}`}>
                    {p.participant.givenName} {p.participant.familyName}
                  </Link>
                </h2>
                <p className="caseload-meta">
                  <span className={`badge status-${p.status}`}>{t(`pathways.status.${p.status}`)}</span>{' '}
                  {[p.placeName, p.programmeName].filter(Boolean).join(' · ')}
                </p>
                {p.leadCompanion && <p className="muted">{t('pathways.caseload.leadCompanion', { name: p.leadCompanion })}</p>}
                {p.nextStepDue && <p className="muted">{t('pathways.caseload.nextStep', { date: formatDate(p.nextStepDue, i18n.language) })}</p>}
                {p.followUpDue && <p className="muted">{t('pathways.caseload.followUpDue', { date: formatDate(p.followUpDue, i18n.language) })}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
