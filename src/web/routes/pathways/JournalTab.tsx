import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../shared/care.ts';
import { type JournalVisibility, journalTypes, journalVisibilities } from '../../../shared/pathways.ts';
import { Button, Loading, Select, TextField } from '../../components/ui.tsx';
import { formatMoment, todayIso, useCareError, useJournal, useJournalWrite } from './care-api.ts';
import './care.css';
import type { PathwayTabProps } from './tabs.ts';

type JournalType = (typeof journalTypes)[number];

/** The local date and time now, for the form's defaults ("2026-11-25", "14:05"). */
function nowParts() {
  const d = new Date();
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return { date: todayIso(), time: hm };
}

/** A Brussels wall-clock date and time as an instant (ISO with the right offset for that day). */
function brusselsToIso(date: string, time: string) {
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    day: '2-digit',
  }).formatToParts(guess);
  const h = Number(parts.find((p) => p.type === 'hour')?.value);
  const m = Number(parts.find((p) => p.type === 'minute')?.value);
  const [th, tm] = time.split(':').map(Number);
  let offsetMin = h * 60 + m - (th * 60 + tm);
  if (offsetMin < -720) offsetMin += 1440;
  if (offsetMin > 720) offsetMin -= 1440;
  return new Date(guess.getTime() - offsetMin * 60_000).toISOString();
}
const isoToParts = (iso: string) => {
  const d = new Date(iso);
  return {
    date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d),
    time: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d),
  };
};

/**
 * The journal of a pathway. Team members write contact moments and choose who reads each one;
 * the participant sees the ones shared with them, in a simpler list.
 */
export function JournalTab({ pathway }: PathwayTabProps) {
  const { t } = useTranslation();
  const pathwayId = pathway.id;
  const capacity = pathway.capacity;
  const journal = useJournal(pathwayId);
  const careError = useCareError();
  const [writing, setWriting] = useState(false);
  const first = journal.data?.pages[0];
  const items = journal.data?.pages.flatMap((p) => p.items) ?? [];
  const forParticipant = capacity === 'participant';

  return (
    <section aria-labelledby="journal-title" className="care-section">
      <div className="care-heading">
        <h3 id="journal-title">{t(forParticipant ? 'care.journal.sharedTitle' : 'care.journal.title')}</h3>
        {first?.canWrite && !writing && <Button onPress={() => setWriting(true)}>{t('care.journal.new')}</Button>}
      </div>
      {forParticipant && <p className="muted">{t('care.journal.sharedLead')}</p>}
      {writing && <JournalForm pathwayId={pathwayId} onDone={() => setWriting(false)} />}
      {journal.isPending && <Loading />}
      {journal.error && (
        <p role="alert" className="alert alert-error">
          {careError(journal.error)}
        </p>
      )}
      {journal.data && !items.length && <p className="empty-state">{t(forParticipant ? 'care.journal.noneShared' : 'care.journal.none')}</p>}
      <ol className="journal-list">
        {items.map((e) => (
          <li key={e.id}>
            <JournalCard entry={e} pathwayId={pathwayId} simple={forParticipant} />
          </li>
        ))}
      </ol>
      {journal.hasNextPage && (
        <Button variant="secondary" isPending={journal.isFetchingNextPage} onPress={() => journal.fetchNextPage()}>
          {t('care.journal.more')}
        </Button>
      )}
    </section>
  );
}

function JournalCard({ entry, pathwayId, simple }: { entry: JournalEntry; pathwayId: string; simple: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const { remove } = useJournalWrite(pathwayId);
  const careError = useCareError();
  if (editing) return <JournalForm pathwayId={pathwayId} entry={entry} onDone={() => setEditing(false)} />;
  return (
    <article className="card journal-entry" aria-labelledby={`je-${entry.id}`}>
      <header className="journal-meta">
        <h4 id={`je-${entry.id}`}>
          {t(`care.journal.types.${entry.type}`)} · <time dateTime={entry.occurredAt}>{formatMoment(entry.occurredAt, i18n.language)}</time>
        </h4>
        <p className="muted">
          {entry.author.name}
          {entry.durationMinutes != null && <> · {t('care.journal.minutes', { n: entry.durationMinutes })}</>}
        </p>
        {!simple && <span className={`badge visibility-${entry.visibility}`}>{t(`care.journal.visibility.${entry.visibility}`)}</span>}
      </header>
      <p className="journal-note" dir="auto">
        {entry.note}
      </p>
      {entry.editableUntil && !simple && (
        <div className="form-actions">
          <Button variant="secondary" onPress={() => setEditing(true)}>
            {t('care.journal.edit')}
          </Button>
          <Button
            variant="danger"
            isPending={remove.isPending}
            onPress={() => {
              if (window.confirm(t('care.journal.confirmDelete'))) remove.mutate(entry.id);
            }}
          >
            {t('care.journal.delete')}
          </Button>
          <span className="muted small">{t('care.journal.editableUntil', { when: formatMoment(entry.editableUntil, i18n.language) })}</span>
        </div>
      )}
      {remove.error && (
        <p role="alert" className="alert alert-error">
          {careError(remove.error)}
        </p>
      )}
    </article>
  );
}

function JournalForm({ pathwayId, entry, onDone }: { pathwayId: string; entry?: JournalEntry; onDone: () => void }) {
  const { t } = useTranslation();
  const { create, update } = useJournalWrite(pathwayId);
  const careError = useCareError();
  const start = entry ? isoToParts(entry.occurredAt) : nowParts();
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [type, setType] = useState<JournalType>(entry?.type ?? 'meeting');
  const [duration, setDuration] = useState(entry?.durationMinutes != null ? String(entry.durationMinutes) : '');
  const [note, setNote] = useState(entry?.note ?? '');
  const [visibility, setVisibility] = useState<JournalVisibility>(entry?.visibility ?? 'team');
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = entry ? update : create;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const minutes = duration.trim() === '' ? null : Number(duration);
    if (!note.trim()) return setProblem(t('care.journal.noteRequired'));
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440)) return setProblem(t('care.journal.durationInvalid'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return setProblem(t('care.journal.whenInvalid'));
    setProblem(null);
    const body = { occurredAt: brusselsToIso(date, time), type, durationMinutes: minutes, note: note.trim(), visibility };
    const done = { onSuccess: onDone };
    if (entry) update.mutate({ id: entry.id, ...body }, done);
    else create.mutate(body, done);
  };

  return (
    <form className="card care-form" onSubmit={submit} aria-labelledby="journal-form-title">
      <h4 id="journal-form-title">{t(entry ? 'care.journal.editTitle' : 'care.journal.new')}</h4>
      <div className="care-row">
        <TextField label={t('care.journal.date')} type="date" value={date} onChange={setDate} isRequired />
        <TextField label={t('care.journal.time')} type="time" value={time} onChange={setTime} isRequired />
        <TextField
          label={t('care.journal.duration')}
          inputMode="numeric"
          value={duration}
          onChange={setDuration}
          description={t('care.journal.durationHint')}
        />
      </div>
      <Select
        label={t('care.journal.type')}
        options={journalTypes.map((x) => ({ id: x, label: t(`care.journal.types.${x}`) }))}
        value={type}
        onChange={(v) => setType(v as JournalType)}
      />
      <TextField label={t('care.journal.note')} multiline value={note} onChange={setNote} isRequired />
      <RadioGroup className="field care-choice" value={visibility} onChange={(v) => setVisibility(v as JournalVisibility)}>
        <Label className="group-label">{t('care.journal.whoReads')}</Label>
        {journalVisibilities.map((v) => (
          <Radio key={v} value={v} className="care-choice-item">
            <span className="care-choice-title">{t(`care.journal.visibility.${v}`)}</span>
            <span className="muted small">{t(`care.journal.visibilityHint.${v}`)}</span>
          </Radio>
        ))}
      </RadioGroup>
      {(problem || mutation.error) && (
        <p role="alert" className="alert alert-error">
          {problem ?? careError(mutation.error)}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" isPending={mutation.isPending}>
          {t('care.save')}
        </Button>
        <Button variant="secondary" onPress={onDone}>
          {t('care.cancel')}
        </Button>
      </div>
    </form>
  );
}
