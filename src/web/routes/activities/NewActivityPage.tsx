import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { type FieldProblems, focusFirstProblem, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, CheckboxGroup, ErrorAlert, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { checkProgramme, FacilitatorPicker, type PartValues, type PersonRef, ProgrammeEditor, partToApi } from './ActivityForm.tsx';
import { brusselsDate, programmeServerProblems, useActivityPlaces } from './api.ts';
import './activities.css';

interface Values {
  title: string;
  typeId: string | null;
  placeId: string | null;
  description: string;
  address: string;
  capacity: string;
  startDate: string;
  startTime: string;
  endTime: string;
  options: string[];
  until: string;
}

/** /activities/new: a one-off or weekly activity at a place, in simple words. */
export function NewActivityPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const may = useCan();
  const places = useActivityPlaces();
  const types = useQuery({
    queryKey: ['activities', 'types'],
    queryFn: () => api<{ items: { id: string; key: string | null; name: string }[] }>('/activity-types'),
  });
  const [v, setV] = useState<Values>({
    title: '',
    typeId: null,
    placeId: null,
    description: '',
    address: '',
    capacity: '',
    startDate: brusselsDate(new Date()),
    startTime: '13:30',
    endTime: '15:30',
    options: [],
    until: '',
  });
  const [parts, setParts] = useState<PartValues[]>([]);
  const [facilitators, setFacilitators] = useState<PersonRef[]>([]);
  const [problems, setProblems] = useState<FieldProblems>({});
  const form = useRef<HTMLFormElement>(null);
  const weekly = v.options.includes('weekly');
  const save = useMutation({
    mutationFn: () =>
      api<{ id: string; occurrences: { id: string }[] }>('/activities', {
        method: 'POST',
        body: {
          title: v.title,
          typeId: v.typeId,
          placeId: v.placeId,
          description: v.description.trim() || null,
          address: v.address.trim() || null,
          capacity: v.capacity.trim() ? Number(v.capacity) : null,
          isPublic: v.options.includes('public'),
          facilitatorIds: facilitators.map((f) => f.id),
          programme: parts.map(partToApi),
          schedule: {
            startDate: v.startDate,
            startTime: v.startTime,
            endTime: v.endTime,
            recurrence: weekly ? { interval: 1, weekdays: [], until: v.until || null } : null,
          },
        },
      }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['activities'] });
      navigate(`/activities/occurrences/${a.occurrences[0].id}`);
    },
    onError: (e) => {
      const programme = programmeServerProblems(e);
      setProblems(
        Object.keys(programme).length
          ? programme
          : serverProblems(e, {
              capacity_invalid: 'capacity',
              end_before_start: 'endTime',
              recurrence_without_end: 'until',
              recurrence_too_long: 'until',
              until_before_start: 'until',
            }),
      );
      focusFirstProblem(form.current);
    },
  });
  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) =>
      setV((s) => ({ ...s, [k]: value }));
  const message = (field: string) => {
    const p = problems[field];
    return p?.kind === 'code' ? t(`errors.${p.code}`) : messageFor(t, field, p);
  };
  const placeOptions = (places.data?.items ?? []).filter((p) => may('activities.manage', p.id)).map((p) => ({ id: p.id, label: p.name }));
  const typeKey = types.data?.items.find((ty) => ty.id === v.typeId)?.key;
  const withProgramme = typeKey === 'network-event' || v.options.includes('public') || parts.length > 0;
  const typeOptions = (types.data?.items ?? []).map((ty) => ({
    id: ty.id,
    label: ty.key ? t(`activities.types.${ty.key}`, { defaultValue: ty.name }) : ty.name,
  }));

  return (
    <div className="activities narrow-form">
      <PageHeader title={t('activities.new.title')} />
      <Form
        ref={form}
        className="stack"
        validationBehavior="aria"
        onSubmit={(e) => {
          e.preventDefault();
          const found: FieldProblems = {};
          for (const k of ['title', 'typeId', 'placeId', 'startDate', 'startTime', 'endTime'] as const) if (!v[k]) found[k] = { kind: 'required' };
          if (weekly && !v.until) found.until = { kind: 'code', code: 'recurrence_without_end' };
          if (v.capacity.trim() && !(Number(v.capacity) >= 1 && Number.isInteger(Number(v.capacity))))
            found.capacity = { kind: 'code', code: 'capacity_invalid' };
          Object.assign(found, checkProgramme(parts, v.startTime, v.endTime));
          setProblems(found);
          if (Object.keys(found).length === 0) save.mutate();
          else focusFirstProblem(form.current);
        }}
      >
        <TextField label={t('activities.new.name')} inputDir="auto" isRequired value={v.title} onChange={set('title')} errorMessage={message('title')} />
        <Select label={t('activities.new.type')} isRequired options={typeOptions} value={v.typeId} onChange={set('typeId')} errorMessage={message('typeId')} />
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
        <div className="row">
          <TextField
            label={t('activities.new.date')}
            type="date"
            isRequired
            value={v.startDate}
            onChange={set('startDate')}
            errorMessage={message('startDate')}
          />
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
        <CheckboxGroup
          label={t('activities.new.options')}
          value={v.options}
          onChange={set('options')}
          options={[
            { id: 'weekly', label: t('activities.new.weekly') },
            { id: 'public', label: t('activities.new.public') },
          ]}
        />
        {weekly && (
          <TextField label={t('activities.new.until')} type="date" isRequired value={v.until} onChange={set('until')} errorMessage={message('until')} />
        )}
        <FacilitatorPicker value={facilitators} onChange={setFacilitators} canSearch={!!v.placeId && may('people.read', v.placeId)} />
        {withProgramme && <ProgrammeEditor parts={parts} onChange={setParts} problems={problems} startTime={v.startTime} />}
        <div>
          <Button type="submit" isPending={save.isPending}>
            {t('activities.new.save')}
          </Button>
        </div>
        {save.error && Object.keys(problems).length === 0 && <ErrorAlert error={save.error} />}
      </Form>
    </div>
  );
}
