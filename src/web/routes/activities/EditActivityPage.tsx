import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import type { activity, scheduleChangeResult } from '../../../shared/activities.ts';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { type FieldProblems, focusFirstProblem, messageFor, serverProblems } from '../../components/forms.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, CheckboxGroup, ErrorAlert, Notice, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { checkProgramme, FacilitatorPicker, type PartValues, type PersonRef, ProgrammeEditor, partFromApi, partToApi } from './ActivityForm.tsx';
import { brusselsDate, programmeServerProblems, useActivityPlaces } from './api.ts';
import './activities.css';

type Activity = z.infer<typeof activity>;
type ChangeResult = z.infer<typeof scheduleChangeResult>;

const activityKey = (id: string) => ['activities', 'activity', id] as const;

/** /activities/:id/edit: correct an activity, and change the days and hours of a series. */
export function EditActivityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({ queryKey: activityKey(id), queryFn: () => api<Activity>(`/activities/${id}`) });
  return (
    <RecordGate query={query} title={t('activities.edit.title')}>
      {(a) => (
        <div className="activities narrow-form">
          <p>
            <Link to={backLink(a)}>{t('activities.edit.back')}</Link>
          </p>
          {/* The name is isolated so a Dutch name reads right inside an Arabic sentence. */}
          <PageHeader title={t('activities.edit.titleOf', { title: `\u2068${a.title}\u2069` })} />
          {a.can.manage ? (
            <>
              <Details a={a} />
              {a.schedule.recurrence && <ScheduleChange a={a} />}
            </>
          ) : (
            <p>{t('activities.edit.notAllowed')}</p>
          )}
        </div>
      )}
    </RecordGate>
  );
}

/** The next occurrence's page (or the last one's), where the organiser came from. */
function backLink(a: Activity) {
  const now = Date.now();
  const next = a.occurrences.find((o) => Date.parse(o.endsAt) > now) ?? a.occurrences.at(-1);
  return next ? `/activities/occurrences/${next.id}` : `/activities?place=${a.placeId}`;
}

interface Values {
  title: string;
  placeId: string;
  description: string;
  address: string;
  capacity: string;
}

function Details({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const may = useCan();
  const places = useActivityPlaces();
  const form = useRef<HTMLFormElement>(null);
  const [v, setV] = useState<Values>({
    title: a.title,
    placeId: a.placeId,
    description: a.description ?? '',
    address: a.address ?? '',
    capacity: a.capacity == null ? '' : String(a.capacity),
  });
  const [facilitators, setFacilitators] = useState<PersonRef[]>(a.facilitators);
  const [parts, setParts] = useState<PartValues[]>(() => a.programme.map(partFromApi));
  const [problems, setProblems] = useState<FieldProblems>({});
  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) =>
      setV((s) => ({ ...s, [k]: value }));
  const save = useMutation({
    mutationFn: () =>
      api<Activity>(`/activities/${a.id}`, {
        method: 'PATCH',
        body: {
          title: v.title,
          placeId: v.placeId,
          description: v.description.trim() || null,
          address: v.address.trim() || null,
          capacity: v.capacity.trim() ? Number(v.capacity) : null,
          facilitatorIds: facilitators.map((f) => f.id),
          programme: parts.map(partToApi),
        },
      }),
    onSuccess: (next) => {
      qc.setQueryData(activityKey(a.id), next);
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
    onError: (e) => {
      const programme = programmeServerProblems(e);
      setProblems(Object.keys(programme).length ? programme : serverProblems(e, { capacity_invalid: 'capacity' }));
      focusFirstProblem(form.current);
    },
  });
  const message = (field: string) => messageFor(t, field, problems[field]);
  const placeOptions = (places.data?.items ?? []).filter((p) => p.id === a.placeId || may('activities.manage', p.id)).map((p) => ({ id: p.id, label: p.name }));
  const withProgramme = a.type.key === 'network-event' || !!a.publicSlug || parts.length > 0;
  return (
    <Form
      ref={form}
      className="stack"
      validationBehavior="aria"
      aria-labelledby="details-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.reset();
        const found: FieldProblems = {};
        if (!v.title.trim()) found.title = { kind: 'required' };
        if (v.capacity.trim() && !(Number(v.capacity) >= 1 && Number.isInteger(Number(v.capacity))))
          found.capacity = { kind: 'code', code: 'capacity_invalid' };
        Object.assign(found, checkProgramme(parts, a.schedule.startTime, a.schedule.endTime));
        setProblems(found);
        if (Object.keys(found).length === 0) save.mutate();
        else focusFirstProblem(form.current);
      }}
    >
      <h2 id="details-heading">{t('activities.edit.details')}</h2>
      <TextField label={t('activities.new.name')} inputDir="auto" isRequired value={v.title} onChange={set('title')} errorMessage={message('title')} />
      <Select
        label={t('activities.new.place')}
        isRequired
        options={placeOptions}
        value={v.placeId}
        onChange={set('placeId')}
        errorMessage={message('placeId')}
      />
      <TextField
        label={t('activities.new.description')}
        inputDir="auto"
        description={t('activities.new.descriptionHint')}
        multiline
        value={v.description}
        onChange={set('description')}
        errorMessage={message('description')}
      />
      <TextField
        label={t('activities.new.address')}
        inputDir="auto"
        description={t('activities.new.addressHint')}
        value={v.address}
        onChange={set('address')}
      />
      <TextField
        label={t('activities.new.capacity')}
        description={t('activities.new.capacityHint')}
        inputMode="numeric"
        value={v.capacity}
        onChange={set('capacity')}
        errorMessage={message('capacity')}
      />
      <FacilitatorPicker value={facilitators} onChange={setFacilitators} canSearch={may('people.read', v.placeId)} />
      {withProgramme && <ProgrammeEditor parts={parts} onChange={setParts} problems={problems} startTime={a.schedule.startTime} />}
      <div>
        <Button type="submit" isPending={save.isPending}>
          {t('activities.edit.save')}
        </Button>
      </div>
      {save.isSuccess && <Notice>{t('activities.edit.saved')}</Notice>}
      {save.error && Object.keys(problems).length === 0 && <ErrorAlert error={save.error} />}
    </Form>
  );
}

interface Rule {
  startDate: string;
  weekdays: string[];
  startTime: string;
  endTime: string;
  until: string;
}

/** ISO weekday names (1 Monday … 7 Sunday) in the UI language. */
const weekdayName = (d: number, language: string) =>
  new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));

/**
 * A new rule from a date on: first what would happen (how many sign-ups move or are cancelled),
 * then, confirmed, the change. Nothing before that date changes.
 */
function ScheduleChange({ a }: { a: Activity }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const r = a.schedule.recurrence;
  const today = brusselsDate(new Date());
  const startWeekday = ((new Date(`${a.schedule.startDate}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const [v, setV] = useState<Rule>({
    startDate: [a.schedule.startDate, today].sort()[1],
    weekdays: (r?.weekdays.length ? r.weekdays : [startWeekday]).map(String),
    startTime: a.schedule.startTime,
    endTime: a.schedule.endTime,
    until: r?.until ?? '',
  });
  const [problems, setProblems] = useState<FieldProblems>({});
  const [preview, setPreview] = useState<ChangeResult | null>(null);
  const set =
    <K extends keyof Rule>(k: K) =>
    (value: Rule[K]) => {
      setPreview(null);
      setV((s) => ({ ...s, [k]: value }));
    };
  const change = useMutation({
    mutationFn: (asPreview: boolean) =>
      api<ChangeResult>(`/activities/${a.id}/schedule`, {
        method: 'PUT',
        body: {
          preview: asPreview,
          schedule: {
            startDate: v.startDate,
            startTime: v.startTime,
            endTime: v.endTime,
            recurrence: { interval: r?.interval ?? 1, weekdays: v.weekdays.map(Number).sort(), until: v.until },
          },
        },
      }),
    onSuccess: (res) => {
      setPreview(res.applied ? null : res);
      if (res.applied) void qc.invalidateQueries({ queryKey: ['activities'] });
    },
    onError: (e) => {
      setPreview(null);
      setProblems(
        serverProblems(e, {
          change_in_past: 'startDate',
          end_before_start: 'endTime',
          recurrence_without_end: 'until',
          recurrence_too_long: 'until',
          until_before_start: 'until',
          invalid_weekday: 'weekdays',
          programme_outside_activity: 'startTime',
        }),
      );
      focusFirstProblem(form.current);
    },
  });
  const message = (field: string) => messageFor(t, field, problems[field]);
  // What would happen appears below the form: the cursor goes there, so a screen reader reads it.
  useEffect(() => {
    if (preview) document.getElementById('preview-heading')?.focus();
  }, [preview]);
  const done = change.data?.applied ? change.data : null;
  return (
    <section aria-labelledby="schedule-heading" className="schedule-change">
      <h2 id="schedule-heading">{t('activities.schedule.title')}</h2>
      <p className="muted">{t('activities.schedule.intro')}</p>
      <Form
        ref={form}
        className="stack"
        validationBehavior="aria"
        onSubmit={(e) => {
          e.preventDefault();
          const found: FieldProblems = {};
          for (const k of ['startDate', 'startTime', 'endTime', 'until'] as const) if (!v[k]) found[k] = { kind: 'required' };
          if (v.startDate && v.startDate < today) found.startDate = { kind: 'code', code: 'change_in_past' };
          if (v.startTime && v.endTime && v.endTime <= v.startTime) found.endTime = { kind: 'code', code: 'end_before_start' };
          if (v.weekdays.length === 0) found.weekdays = { kind: 'required' };
          setProblems(found);
          if (Object.keys(found).length === 0) change.mutate(true);
          else focusFirstProblem(form.current);
        }}
      >
        <TextField
          label={t('activities.schedule.from')}
          description={t('activities.schedule.fromHint')}
          type="date"
          isRequired
          value={v.startDate}
          onChange={set('startDate')}
          errorMessage={message('startDate')}
        />
        <CheckboxGroup
          label={t('activities.schedule.weekdays')}
          value={v.weekdays}
          onChange={set('weekdays')}
          errorMessage={message('weekdays')}
          options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ id: String(d), label: weekdayName(d, i18n.language) }))}
        />
        <div className="row">
          <TextField
            label={t('activities.new.start')}
            type="time"
            isRequired
            value={v.startTime}
            onChange={set('startTime')}
            errorMessage={message('startTime')}
          />
          <TextField label={t('activities.new.end')} type="time" isRequired value={v.endTime} onChange={set('endTime')} errorMessage={message('endTime')} />
        </div>
        <TextField
          label={t('activities.new.until')}
          description={t('activities.schedule.untilHint')}
          type="date"
          isRequired
          value={v.until}
          onChange={set('until')}
          errorMessage={message('until')}
        />
        <div>
          <Button type="submit" variant="secondary" isPending={change.isPending && change.variables === true}>
            {t('activities.schedule.preview')}
          </Button>
        </div>
      </Form>
      {preview && (
        <section className="card schedule-preview" aria-labelledby="preview-heading">
          <h3 id="preview-heading" tabIndex={-1}>
            {t('activities.schedule.whatHappens')}
          </h3>
          <ul>
            <li>{t('activities.schedule.added', { count: preview.added })}</li>
            <li>{t('activities.schedule.moved', { count: preview.moved, people: preview.registrationsMoved })}</li>
            <li>{t('activities.schedule.removed', { count: preview.removed })}</li>
          </ul>
          {preview.registrationsCancelled > 0 && (
            <p className="warning">{t('activities.schedule.cancelsSignUps', { count: preview.registrationsCancelled })}</p>
          )}
          <div className="page-actions">
            <Button onPress={() => change.mutate(false)} isPending={change.isPending && change.variables === false}>
              {t('activities.schedule.confirm')}
            </Button>
            <Button variant="quiet" onPress={() => setPreview(null)}>
              {t('activities.schedule.back')}
            </Button>
          </div>
        </section>
      )}
      {done && (
        <Notice>{t('activities.schedule.done', { added: done.added, moved: done.moved, removed: done.removed, count: done.registrationsCancelled })}</Notice>
      )}
      {change.error && Object.keys(problems).length === 0 && <ErrorAlert error={change.error} />}
    </section>
  );
}
