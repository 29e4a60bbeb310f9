import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { Button, Loading, SearchField } from '../../components/ui.tsx';
import { formatDate, usePathwayMutation, useTeam, useTeamCandidates } from './api.ts';
import { PathwaysError } from './components.tsx';
import type { PathwayTabProps } from './tabs.ts';

/** Who walks beside the participant; the team adds companions and partner workers and hands the lead over. */
export function TeamTab({ pathway: p }: PathwayTabProps) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const team = useTeam(p.id);
  const manage = p.allowed.includes('team.manage');
  const current = team.data?.items.filter((m) => !m.leftOn) ?? [];
  const former = team.data?.items.filter((m) => m.leftOn) ?? [];
  const lead = current.find((m) => m.role === 'lead-companion');
  const mayHandOver = manage && (p.capacity === 'lead' || !lead || lead.personId === me?.personId);
  const change = usePathwayMutation((x: { path: string; method: 'POST' | 'DELETE' }) => api(`/pathways/${p.id}/team${x.path}`, { method: x.method }));

  return (
    <div className="stack">
      <p className="lead">{t('pathways.team.lead')}</p>
      {team.isPending && <Loading />}
      <PathwaysError error={team.error ?? change.error} />
      <section aria-labelledby="team-now">
        <h3 id="team-now">{t('pathways.team.current')}</h3>
        <ul className="team-list">
          {current.map((m) => {
            const name = `${m.givenName} ${m.familyName}`;
            return (
              <li key={m.id} className="card team-member">
                <div>
                  <strong>{name}</strong>
                  <p className="muted">
                    {t(`pathways.role.${m.role}`)}
                    {m.partnerName && <> · {m.partnerName}</>} · {t('pathways.team.since', { date: formatDate(m.joinedOn, i18n.language) })}
                  </p>
                </div>
                {manage && m.role !== 'lead-companion' && (
                  <div className="form-actions">
                    {mayHandOver && (
                      <Button
                        variant="secondary"
                        aria-label={t('pathways.team.makeLeadNamed', { name })}
                        onPress={() => change.mutate({ path: `/${m.id}/lead`, method: 'POST' })}
                      >
                        {t('pathways.team.makeLead')}
                      </Button>
                    )}
                    <Button
                      variant="quiet"
                      aria-label={t('pathways.team.removeNamed', { name })}
                      onPress={() => change.mutate({ path: `/${m.id}`, method: 'DELETE' })}
                    >
                      {t('pathways.team.remove')}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {manage && p.guidanceConsent && <AddMember pathwayId={p.id} />}
      {!!former.length && (
        <section aria-labelledby="team-former">
          <h3 id="team-former">{t('pathways.team.former')}</h3>
          <ul className="links">
            {former.map((m) => (
              <li key={m.id}>
                {m.givenName} {m.familyName} · {t(`pathways.role.${m.role}`)} · {t('pathways.team.until', { date: formatDate(m.leftOn, i18n.language) })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function AddMember({ pathwayId }: { pathwayId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const candidates = useTeamCandidates(pathwayId, q, q.trim().length >= 2);
  const add = usePathwayMutation((personId: string) => api(`/pathways/${pathwayId}/team`, { method: 'POST', body: { personId } }));
  return (
    <section aria-labelledby="team-add" className="card stack">
      <h3 id="team-add">{t('pathways.team.add')}</h3>
      <SearchField label={t('pathways.team.search')} value={q} onChange={setQ} />
      <PathwaysError error={add.error} />
      {candidates.data && !candidates.data.items.length && <p className="muted">{t('pathways.team.none')}</p>}
      {!!candidates.data?.items.length && (
        <ul className="pick-list">
          {candidates.data.items.map((c) => (
            <li key={c.personId} className="pick-row">
              <span>
                {c.givenName} {c.familyName}
                {c.partnerName && <span className="muted"> · {c.partnerName}</span>}
              </span>
              <Button
                variant="secondary"
                aria-label={`${t('pathways.team.addThis')}: ${c.givenName} ${c.familyName}`}
                isPending={add.isPending && add.variables === c.personId}
                onPress={() => add.mutate(c.personId, { onSuccess: () => setQ('') })}
              >
                {t('pathways.team.addThis')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
