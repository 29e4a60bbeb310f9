import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { esfEventTypes, exitOutcomes } from '../../../shared/pathways.ts';
import { api } from '../../api/client.ts';
import { Button, Loading, Select, TextField } from '../../components/ui.tsx';
import { formatDate, todayIso, useEvents, usePathwayMutation } from './api.ts';
import { ChoiceGroup, errorFor, PathwaysError, usePathwaysError } from './components.tsx';
import type { PathwayTabProps } from './tabs.ts';

/** Ending: exit date and outcome; afterwards the ESF events, the six-month follow-up, and reopening by a lead. */
export function EndingTab({ pathway: p }: PathwayTabProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <p className="lead">{t('pathways.ending.lead')}</p>
      {p.status === 'active' && p.allowed.includes('ending.write') && <EndForm pathwayId={p.id} />}
      {p.status === 'ended' && p.endedOn && p.exitOutcome && (
        <div className="card">
          <p>
            <strong>{t('pathways.ending.ended', { date: formatDate(p.endedOn, i18n.language), outcome: t(`pathways.outcome.${p.exitOutcome}`) })}</strong>
          </p>
          {p.exitNote && (
            <p className="about-text" dir="auto">
              {p.exitNote}
            </p>
          )}
        </div>
      )}
      {p.status === 'ended' && <Events pathwayId={p.id} canWrite={p.allowed.includes('events.write')} />}
      {p.followUp && <FollowUp pathwayId={p.id} followUp={p.followUp} canWrite={p.allowed.includes('follow-up.write')} />}
      {p.mayReopen && <Reopen pathwayId={p.id} />}
    </div>
  );
}

function EndForm({ pathwayId }: { pathwayId: string }) {
  const { t } = useTranslation();
  const message = usePathwaysError();
  const [endedOn, setEndedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const m = { endedOn: !endedOn, outcome: !outcome, note: outcome === 'dropped-out' && !note.trim() };
  const missing: Partial<typeof m> = tried ? m : {};
  const end = usePathwayMutation(() => api(`/pathways/${pathwayId}/end`, { method: 'POST', body: { endedOn, outcome, note: note.trim() || null } }));
  return (
    <form
      className="card stack"
      aria-labelledby="end-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!Object.values(m).some(Boolean)) end.mutate(undefined);
      }}
    >
      <h3 id="end-title">{t('pathways.ending.endTitle')}</h3>
      <TextField
        label={t('pathways.ending.endedOn')}
        type="date"
        inputDir="ltr"
        value={endedOn}
        onChange={setEndedOn}
        isRequired
        errorMessage={missing.endedOn ? t('common.validation.required') : errorFor(end.error, 'endedOn', message)}
      />
      <ChoiceGroup
        label={t('pathways.ending.outcome')}
        value={outcome}
        onChange={setOutcome}
        options={exitOutcomes.map((o) => ({ id: o, label: t(`pathways.outcome.${o}`) }))}
        isRequired
        errorMessage={missing.outcome ? t('common.validation.required') : undefined}
      />
      <TextField
        label={outcome === 'dropped-out' ? t('pathways.ending.noteRequired') : t('pathways.ending.note')}
        multiline
        value={note}
        onChange={setNote}
        isRequired={outcome === 'dropped-out'}
        maxLength={2000}
        errorMessage={missing.note ? t('common.validation.required') : undefined}
      />
      <PathwaysError error={end.error} />
      <div>
        <Button type="submit" isPending={end.isPending}>
          {t('pathways.ending.end')}
        </Button>
      </div>
    </form>
  );
}

function Events({ pathwayId, canWrite }: { pathwayId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const message = usePathwaysError();
  const events = useEvents(pathwayId);
  const [type, setType] = useState<string>('employment');
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const add = usePathwayMutation(() => api(`/pathways/${pathwayId}/events`, { method: 'POST', body: { type, occurredOn, note: note.trim() || null } }));
  return (
    <section aria-labelledby="events" className="stack">
      <h3 id="events">{t('pathways.ending.events')}</h3>
      <p className="muted">{t('pathways.ending.eventsLead')}</p>
      {events.isPending && <Loading />}
      <PathwaysError error={events.error} />
      {events.data && !events.data.items.length && <p className="muted">{t('pathways.ending.noEvents')}</p>}
      <ul className="links">
        {events.data?.items.map((e) => (
          <li key={e.id}>
            {formatDate(e.occurredOn, i18n.language)}: {t(`pathways.event.${e.type}`)}
            {e.note && <span className="muted"> · {e.note}</span>}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form
          className="card stack"
          aria-labelledby="add-event"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(undefined, { onSuccess: () => setNote('') });
          }}
        >
          <h4 id="add-event">{t('pathways.ending.addEvent')}</h4>
          <div className="form-grid">
            <Select
              label={t('pathways.ending.eventType')}
              value={type}
              onChange={setType}
              options={esfEventTypes.map((x) => ({ id: x, label: t(`pathways.event.${x}`) }))}
            />
            <TextField
              label={t('pathways.ending.occurredOn')}
              type="date"
              inputDir="ltr"
              value={occurredOn}
              onChange={setOccurredOn}
              isRequired
              errorMessage={errorFor(add.error, 'occurredOn', message)}
            />
          </div>
          <TextField label={t('pathways.ending.note')} value={note} onChange={setNote} maxLength={1000} />
          <PathwaysError error={add.error} />
          <div>
            <Button type="submit" isPending={add.isPending}>
              {t('pathways.ending.addEvent')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function FollowUp({
  pathwayId,
  followUp: f,
  canWrite,
}: {
  pathwayId: string;
  followUp: { dueOn: string; doneOn: string | null; employed: boolean | null; improvedSituation: boolean | null; note: string | null; due: boolean };
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [employed, setEmployed] = useState<string | null>(null);
  const [improved, setImproved] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const m = { employed: !employed, improved: !improved };
  const missing: Partial<typeof m> = tried ? m : {};
  const save = usePathwayMutation(() =>
    api(`/pathways/${pathwayId}/follow-up`, {
      method: 'PUT',
      body: { employed: employed === 'yes', improvedSituation: improved === 'yes', note: note.trim() || null },
    }),
  );
  const yn = [
    { id: 'yes', label: t('pathways.answer.yes') },
    { id: 'no', label: t('pathways.answer.no') },
  ];
  const word = (b: boolean | null) => t(b ? 'pathways.ending.yes' : 'pathways.ending.no');
  return (
    <section aria-labelledby="follow-up" className="card stack">
      <h3 id="follow-up">{t('pathways.ending.followUp')}</h3>
      {f.doneOn ? (
        <>
          <p>
            {t('pathways.ending.followUpDone', { date: formatDate(f.doneOn, i18n.language), employed: word(f.employed), improved: word(f.improvedSituation) })}
          </p>
          {f.note && <p className="about-text">{f.note}</p>}
        </>
      ) : (
        <p>
          {t('pathways.ending.followUpDueOn', { date: formatDate(f.dueOn, i18n.language) })}
          {!f.due && <> {t('pathways.ending.followUpNotYet', { date: formatDate(f.dueOn, i18n.language) })}</>}
        </p>
      )}
      {!f.doneOn && f.due && canWrite && (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (!m.employed && !m.improved) save.mutate(undefined);
          }}
        >
          <ChoiceGroup
            label={t('pathways.ending.employed')}
            value={employed}
            onChange={setEmployed}
            options={yn}
            isRequired
            errorMessage={missing.employed ? t('common.validation.required') : undefined}
          />
          <ChoiceGroup
            label={t('pathways.ending.improved')}
            description={t('pathways.ending.improvedHelp')}
            value={improved}
            onChange={setImproved}
            options={yn}
            isRequired
            errorMessage={missing.improved ? t('common.validation.required') : undefined}
          />
          <TextField label={t('pathways.ending.note')} multiline value={note} onChange={setNote} maxLength={2000} />
          <PathwaysError error={save.error} />
          <div>
            <Button type="submit" isPending={save.isPending}>
              {t('pathways.ending.recordFollowUp')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function Reopen({ pathwayId }: { pathwayId: string }) {
  const { t } = useTranslation();
  const reopen = usePathwayMutation(() => api(`/pathways/${pathwayId}/reopen`, { method: 'POST' }));
  return (
    <section aria-labelledby="reopen" className="stack">
      <h3 id="reopen">{t('pathways.ending.reopen')}</h3>
      <p className="muted">{t('pathways.ending.reopenHelp')}</p>
      <PathwaysError error={reopen.error} />
      <div>
        <Button variant="secondary" isPending={reopen.isPending} onPress={() => reopen.mutate(undefined)}>
          {t('pathways.ending.reopen')}
        </Button>
      </div>
    </section>
  );
}
