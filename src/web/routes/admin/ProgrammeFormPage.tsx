import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type Funder, funders, type Programme, type ProgrammeInput, parseEuroToCents, programmeInput } from '../../../shared/organisation.ts';
import { ApiError, api } from '../../api/client.ts';
import { check, type FieldProblems, focusFirstProblem, serverProblems } from '../../components/forms.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, CheckboxGroup, ErrorAlert, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { adminKeys, BackLink, ConfirmDelete, centsToInput, formatEuro, isolate, orNull, usePlaceList } from './common.tsx';
import { adminMessage } from './forms.ts';

interface LineRow {
  /** Only for React: rows come and go while editing. */
  key: number;
  funder: Funder;
  reference: string;
  amount: string;
}
interface Values {
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  placeIds: string[];
  lines: LineRow[];
}

let nextKey = 1;
/** A row left empty is ignored rather than refused: the form starts with one. */
const isBlank = (l: LineRow) => !l.amount.trim() && !l.reference.trim();
const newLine = (funder: Funder = 'ESF'): LineRow => ({ key: nextKey++, funder, reference: '', amount: '' });

function fromProgramme(p: Programme, language: string): Values {
  return {
    name: p.name,
    description: p.description ?? '',
    startsOn: p.startsOn ?? '',
    endsOn: p.endsOn ?? '',
    placeIds: p.places.map((x) => x.id),
    lines: p.fundingLines.map((l) => ({
      key: nextKey++,
      funder: ((funders as readonly string[]).includes(l.funder) ? l.funder : 'other') as Funder,
      reference: l.reference ?? '',
      amount: centsToInput(l.amountCents, language),
    })),
  };
}

function toInput(v: Values): ProgrammeInput {
  return {
    name: v.name,
    description: orNull(v.description),
    startsOn: v.startsOn,
    endsOn: orNull(v.endsOn),
    placeIds: v.placeIds,
    fundingLines: v.lines
      .filter((l) => !isBlank(l))
      .map((l) => ({ funder: l.funder, reference: orNull(l.reference), amountCents: parseEuroToCents(l.amount) ?? -1 })),
  };
}

/** /admin/programmes/new and /admin/programmes/:id */
export function ProgrammeFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const programme = useQuery({ queryKey: [...adminKeys.programmes, id], enabled: mode === 'edit', queryFn: () => api<Programme>(`/programmes/${id}`) });
  if (mode === 'new') return <ProgrammeForm />;
  return (
    <RecordGate query={programme} title={t('admin.programmes.title')}>
      {(data) => <ProgrammeForm key={data.updatedAt} existing={data} />}
    </RecordGate>
  );
}

function ProgrammeForm({ existing }: { existing?: Programme }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const places = usePlaceList();
  const [values, setValues] = useState<Values>(() =>
    existing ? fromProgramme(existing, lang) : { name: '', description: '', startsOn: '', endsOn: '', placeIds: [], lines: [newLine('ESF')] },
  );
  const [problems, setProblems] = useState<FieldProblems>({});
  const [fromServer, setFromServer] = useState<FieldProblems>({});
  const [tried, setTried] = useState(false);

  // Amounts the form cannot read, per row; checked as one types once a save was tried.
  const unreadable = (lines: LineRow[]) => lines.filter((l) => !isBlank(l) && parseEuroToCents(l.amount) === null);
  const badAmounts = new Set(unreadable(values.lines).map((l) => l.key));
  const validate = (v: Values) => {
    const found = check(programmeInput, toInput(v));
    // The amount rows have their own messages; the schema's complaint about -1 is not news.
    if (found.fundingLines && unreadable(v.lines).length) delete found.fundingLines;
    return found;
  };

  const save = useMutation({
    mutationFn: (v: Values) =>
      existing
        ? api<Programme>(`/programmes/${existing.id}`, { method: 'PATCH', body: toInput(v) })
        : api<Programme>('/programmes', { method: 'POST', body: toInput(v) }),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: adminKeys.programmes });
      navigate('/admin/programmes', { state: { notice: t('admin.common.saved', { name: isolate(saved.name) }) } });
    },
    onError: (error) => {
      const found = serverProblems(error, { name_taken: 'name', invalid_period: 'endsOn', unknown_place: 'placeIds' });
      setFromServer(found);
      if (Object.keys(found).length) focusFirstProblem(formRef.current);
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/programmes/${existing?.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.programmes });
      navigate('/admin/programmes', { state: { notice: t('admin.common.deleted', { name: isolate(existing?.name) }) } });
    },
  });

  const update = (next: Values, field?: string) => {
    setValues(next);
    if (field && field in fromServer) setFromServer(({ [field]: _, ...rest }) => rest);
    if (tried) setProblems(validate(next));
  };
  const set = <K extends keyof Values>(key: K, value: Values[K]) => update({ ...values, [key]: value }, key);
  const setLine = (key: number, patch: Partial<LineRow>) =>
    update({ ...values, lines: values.lines.map((l) => (l.key === key ? { ...l, ...patch } : l)) }, 'fundingLines');

  const shown: FieldProblems = { ...fromServer, ...problems };
  const err = (field: string) => adminMessage(t, field, shown[field]);
  const hasProblems = Object.keys(shown).length > 0 || (tried && badAmounts.size > 0);
  const otherError = save.error && !(save.error instanceof ApiError && (save.error.code === 'validation_failed' || Object.keys(fromServer).length > 0));

  // Live totals per funder, in the order of the list, from the rows that read as amounts.
  const totals = new Map<string, number>();
  for (const l of values.lines) {
    const cents = parseEuroToCents(l.amount);
    if (cents !== null) totals.set(l.funder, (totals.get(l.funder) ?? 0) + cents);
  }
  const grandTotal = [...totals.values()].reduce((a, b) => a + b, 0);
  const funderOptions = funders.map((f) => ({ id: f, label: t(`admin.funders.${f}`) }));
  const title = existing ? t('admin.programmes.editTitle', { name: isolate(existing.name) }) : t('admin.programmes.newTitle');

  return (
    <div className="form-page">
      <BackLink to="/admin/programmes" label={t('admin.programmes.title')} />
      <PageHeader title={title} />
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const found = validate(values);
          setProblems(found);
          if (Object.keys(found).length || badAmounts.size) {
            focusFirstProblem(formRef.current);
            return;
          }
          save.mutate(values);
        }}
      >
        {hasProblems && (
          <div role="alert" className="alert alert-error">
            {t('errors.validation_failed')}
          </div>
        )}
        {otherError && <ErrorAlert error={save.error} />}

        <TextField label={t('admin.programmes.name')} name="name" isRequired value={values.name} onChange={(v) => set('name', v)} errorMessage={err('name')} />
        <TextField
          label={t('admin.programmes.description')}
          name="description"
          multiline
          value={values.description}
          onChange={(v) => set('description', v)}
          errorMessage={err('description')}
        />
        <div className="row row-top">
          <TextField
            label={t('admin.programmes.startsOn')}
            name="startsOn"
            type="date"
            isRequired
            value={values.startsOn}
            onChange={(v) => set('startsOn', v)}
            errorMessage={err('startsOn')}
          />
          <TextField
            label={t('admin.programmes.endsOn')}
            description={t('admin.programmes.endsOnHelp')}
            name="endsOn"
            type="date"
            value={values.endsOn}
            onChange={(v) => set('endsOn', v)}
            errorMessage={err('endsOn')}
          />
        </div>
        {places.data && places.data.items.length > 0 && (
          <CheckboxGroup
            label={t('admin.programmes.places')}
            name="placeIds"
            options={places.data.items.map((p) => ({ id: p.id, label: p.name }))}
            value={values.placeIds}
            onChange={(v) => set('placeIds', v)}
            errorMessage={err('placeIds')}
          />
        )}

        <fieldset className="fieldset">
          <legend>{t('admin.programmes.funding')}</legend>
          <p className="muted">{t('admin.programmes.fundingHelp')}</p>
          <ol className="line-rows">
            {values.lines.map((l, i) => {
              const amountError = (tried || fromServer.fundingLines) && badAmounts.has(l.key) ? t('admin.validation.amount') : undefined;
              const n = i + 1;
              return (
                <li key={l.key}>
                  <div className="line-row" role="group" aria-label={t('admin.programmes.line', { n })}>
                    <Select
                      label={t('admin.programmes.funder')}
                      options={funderOptions}
                      value={l.funder}
                      onChange={(v) => setLine(l.key, { funder: v as Funder })}
                    />
                    <TextField label={t('admin.programmes.reference')} inputDir="auto" value={l.reference} onChange={(v) => setLine(l.key, { reference: v })} />
                    <TextField
                      label={t('admin.programmes.amount')}
                      inputMode="decimal"
                      inputDir="ltr"
                      value={l.amount}
                      onChange={(v) => setLine(l.key, { amount: v })}
                      errorMessage={amountError}
                      description={parseEuroToCents(l.amount) !== null && l.amount.trim() ? formatEuro(parseEuroToCents(l.amount) as number, lang) : undefined}
                    />
                    <Button
                      variant="quiet"
                      className="line-remove"
                      aria-label={t('admin.programmes.removeLine', { n })}
                      onPress={() => update({ ...values, lines: values.lines.filter((x) => x.key !== l.key) }, 'fundingLines')}
                    >
                      {t('admin.common.remove')}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
          <Button
            variant="secondary"
            onPress={() => update({ ...values, lines: [...values.lines, newLine(values.lines.length ? 'VCF' : 'ESF')] }, 'fundingLines')}
          >
            <span aria-hidden="true">+</span> {t('admin.programmes.addLine')}
          </Button>
          {totals.size > 0 && (
            <dl className="totals" aria-live="polite">
              {[...totals].map(([funder, cents]) => (
                <div key={funder}>
                  <dt>{t(`admin.funders.${funder}`)}</dt>
                  <dd className="amount">{formatEuro(cents, lang)}</dd>
                </div>
              ))}
              <div className="grand-total">
                <dt>{t('admin.programmes.total')}</dt>
                <dd className="amount">{formatEuro(grandTotal, lang)}</dd>
              </div>
            </dl>
          )}
        </fieldset>

        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {existing ? t('admin.common.save') : t('admin.programmes.create')}
          </Button>
          <Link to="/admin/programmes" className="button button-quiet">
            {t('admin.common.cancel')}
          </Link>
        </div>
      </Form>

      {existing && (
        <section className="danger-zone" aria-labelledby="programme-delete">
          <h2 id="programme-delete">{t('admin.common.deleteTitle')}</h2>
          <p className="muted">{t('admin.programmes.deleteHelp')}</p>
          <ErrorAlert error={remove.error} />
          <ConfirmDelete
            label={t('admin.programmes.delete')}
            question={t('admin.programmes.deleteQuestion', { name: isolate(existing.name) })}
            onConfirm={() => remove.mutate()}
            isPending={remove.isPending}
          />
        </section>
      )}
    </div>
  );
}
