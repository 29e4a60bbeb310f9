import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { BarrierStatus, LifeDomain } from '../../../shared/policy.ts';
import { useMe } from '../../api/session.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, ErrorAlert, Notice, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { type BarrierDetail, useBarrier, useUpdateBarrier } from './api.ts';
import { PolicyTabs } from './BarriersPage.tsx';
import { StatusBadge, SupportButton, useDomainOptions, useStatusOptions } from './components.tsx';

export function BarrierPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useBarrier(id);
  return (
    <RecordGate query={query} title={t('policy.barrier.title')}>
      {(b) => <BarrierView b={b} />}
    </RecordGate>
  );
}

function BarrierView({ b }: { b: BarrierDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data?.personId;
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));
  return (
    <div className="policy-page form-page">
      <PageHeader title={t('policy.barrier.title')} />
      <PolicyTabs />
      <blockquote className="about-text policy-quote" dir="auto" lang={b.lang ?? undefined}>
        {b.text}
      </blockquote>
      {b.survivor && (
        <Notice>
          {t('policy.barrier.mergedInto')} <Link to={`/policy/barriers/${b.survivor.id}`}>{b.survivor.text}</Link> · {t(`policy.status.${b.survivor.status}`)}
          {b.survivor.outcomeNote && <> · {b.survivor.outcomeNote}</>}
        </Notice>
      )}
      <dl className="details">
        <div>
          <dt>{t('policy.barrier.status')}</dt>
          <dd>
            <StatusBadge status={b.status} /> {(b.raisedByMe || b.supportedByMe) && <span className="policy-plain">{t(`policy.plain.${b.status}`)}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('policy.barrier.domain')}</dt>
          <dd>{t(`policy.domain.${b.domain}`)}</dd>
        </div>
        <div>
          <dt>{t('policy.barrier.actor')}</dt>
          <dd>{b.actorName ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('policy.barrier.people')}</dt>
          <dd>{b.peopleAffected}</dd>
        </div>
        <div>
          <dt>{t('policy.barrier.support')}</dt>
          <dd>{t('policy.card.support', { n: b.supportCount })}</dd>
        </div>
        <div>
          <dt>{t('policy.barrier.place')}</dt>
          <dd>{[b.placeName, b.activityTitle].filter(Boolean).join(' · ') || '–'}</dd>
        </div>
      </dl>
      {b.outcomeNote && (
        <section aria-labelledby="answer" className="policy-section">
          <h2 id="answer">{t('policy.barrier.answer')}</h2>
          <p className="policy-outcome">{b.outcomeNote}</p>
        </section>
      )}
      {b.can.support && <SupportButton b={b} />}

      {(b.texts.length > 1 || b.texts.some((x) => x.raisedBy && x.raisedBy.personId !== me)) && (
        <section aria-labelledby="texts" className="policy-section">
          <h2 id="texts">{t('policy.barrier.texts', { n: b.texts.length })}</h2>
          <ul className="policy-texts">
            {b.texts.map((x) => (
              <li key={x.barrierId}>
                <p dir="auto" lang={x.lang ?? undefined}>
                  {x.text}
                </p>
                <p className="muted">
                  {[x.raisedBy?.name, t(`policy.source.${x.source}`), when(x.createdAt)].filter(Boolean).join(' · ')}
                  {x.barrierId !== b.id && (
                    <>
                      {' · '}
                      <Link to={`/policy/barriers/${x.barrierId}`}>{t('policy.barrier.original')}</Link>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {b.supporters.length > 0 && (
        <section aria-labelledby="supporters" className="policy-section">
          <h2 id="supporters">{t('policy.barrier.supporters')}</h2>
          <ul className="policy-texts">
            {b.supporters.map((s) => (
              <li key={s.personId}>
                <strong>{s.name}</strong> <span className="muted">{when(s.at)}</span>
                {s.note && (
                  <p dir="auto" className="policy-note">
                    {s.note}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {b.proposals.length > 0 && (
        <section aria-labelledby="proposals" className="policy-section">
          <h2 id="proposals">{t('policy.barrier.proposals')}</h2>
          <ul>
            {b.proposals.map((p) => (
              <li key={p.id}>
                {p.title} <span className="badge">{t(`policy.proposalStatus.${p.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {b.can.edit && <EditForm b={b} />}
      {b.can.manage && <StatusForm b={b} />}

      <section aria-labelledby="history" className="policy-section">
        <h2 id="history">{t('policy.barrier.history')}</h2>
        <ol className="policy-history">
          {b.history.map((e) => (
            <li key={e.id}>
              <span className="muted">{when(e.at)}</span> {t(`policy.event.${e.kind}`, { defaultValue: e.kind })}
              {e.status && <> · {t(`policy.status.${e.status}`)}</>}
              {e.byName && <> · {e.byName}</>}
              {e.note && (
                <p dir="auto" className="policy-note">
                  {e.note}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** Rewording by who raised it (while open), or any change by the matchmaker. */
function EditForm({ b }: { b: BarrierDetail }) {
  const { t } = useTranslation();
  const update = useUpdateBarrier(b.id);
  const domains = useDomainOptions();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(b.text);
  const [domain, setDomain] = useState<string>(b.domain);
  const [people, setPeople] = useState(String(b.peopleAffected));
  if (!open)
    return (
      <div className="policy-actions">
        <Button variant="quiet" onPress={() => setOpen(true)}>
          {t('policy.barrier.edit')}
        </Button>
      </div>
    );
  return (
    <section aria-labelledby="edit-barrier" className="policy-section card">
      <h2 id="edit-barrier">{t('policy.barrier.edit')}</h2>
      <form
        className="policy-form"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ text, domain: domain as LifeDomain, peopleAffected: Number(people) || 0 }, { onSuccess: () => setOpen(false) });
        }}
      >
        <TextField label={t('policy.raise.text')} multiline isRequired value={text} onChange={setText} />
        <Select label={t('policy.raise.domain')} options={domains} value={domain} onChange={setDomain} />
        <TextField label={t('policy.raise.people')} type="number" inputMode="numeric" value={people} onChange={setPeople} />
        <ErrorAlert error={update.error} />
        <div className="policy-actions">
          <Button type="submit" isPending={update.isPending}>
            {t('policy.barrier.save')}
          </Button>
          <Button variant="quiet" onPress={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function StatusForm({ b }: { b: BarrierDetail }) {
  const { t } = useTranslation();
  const update = useUpdateBarrier(b.id);
  const statuses = useStatusOptions().filter((o) => o.id !== 'merged');
  const [status, setStatus] = useState<string>(b.status);
  const [note, setNote] = useState(b.outcomeNote ?? '');
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="set-status" className="policy-section card">
      <h2 id="set-status">{t('policy.barrier.setStatus')}</h2>
      <form
        className="policy-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          update.mutate({ status: status as Exclude<BarrierStatus, 'merged'>, outcomeNote: note.trim() || null }, { onSuccess: () => setSaved(true) });
        }}
      >
        <Select label={t('policy.barrier.status')} options={statuses} value={status} onChange={setStatus} />
        <TextField label={t('policy.barrier.outcomeNote')} description={t('policy.barrier.outcomeHelp')} multiline value={note} onChange={setNote} />
        {saved && <Notice>{t('policy.barrier.saved')}</Notice>}
        <ErrorAlert error={update.error} />
        <div>
          <Button type="submit" isPending={update.isPending}>
            {t('policy.barrier.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
