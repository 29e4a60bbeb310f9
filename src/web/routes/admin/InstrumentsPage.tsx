import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type InstrumentDetail, type InstrumentInput, instrumentInput, type Labels, labelFor } from '../../../shared/care.ts';
import { locales } from '../../../shared/schemas.ts';
import { ApiError } from '../../api/client.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, ErrorAlert, Loading, PageHeader, TextField } from '../../components/ui.tsx';
import { useCareError, useInstrument, useInstruments, useSaveInstrument } from '../pathways/care-api.ts';
import '../pathways/care.css';
import { BackLink, SavedNotice } from './common.tsx';

/** /admin/instruments: the organisation's assessment instruments, built-in and own, with archived ones. */
export function InstrumentsPage() {
  const { t, i18n } = useTranslation();
  const list = useInstruments(true);
  return (
    <div>
      <BackLink to="/admin" label={t('admin.title')} />
      <PageHeader
        title={t('care.instruments.title')}
        actions={
          <Link to="/admin/instruments/new" className="button button-primary">
            <span aria-hidden="true">+</span> {t('care.instruments.add')}
          </Link>
        }
      />
      <p className="lead">{t('care.instruments.lead')}</p>
      <SavedNotice />
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      <ul className="instrument-list">
        {list.data?.items.map((i) => (
          <li key={i.id} className="card">
            <h2 className="card-title">
              <Link to={`/admin/instruments/${i.id}`}>{labelFor(i.name, i18n.language)}</Link>
            </h2>
            <p className="muted">
              {t('care.instruments.shape', { domains: i.domains.length, levels: i.levels.length })}
              {i.key && <> · {t('care.instruments.builtIn')}</>}
              {i.archived && (
                <>
                  {' '}
                  · <span className="badge">{t('care.instruments.archived')}</span>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function InstrumentFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const one = useInstrument(mode === 'edit' ? id : undefined);
  if (mode === 'new') return <InstrumentForm />;
  return (
    <RecordGate query={one} title={t('care.instruments.title')}>
      {(data) => <InstrumentForm key={data.id} existing={data} />}
    </RecordGate>
  );
}

type Part = { rowKey: string; key: string; value: string; labels: Labels; description: Labels };
let partCounter = 0;
const part = (p: Partial<Omit<Part, 'rowKey'>> = {}): Part => ({ rowKey: `p${++partCounter}`, key: '', value: '', labels: {}, description: {}, ...p });

function LabelFields({ legend, value, onChange, multiline }: { legend: string; value: Labels; onChange: (l: Labels) => void; multiline?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="labels-grid">
      {locales.map((l) => (
        <TextField
          key={l}
          label={`${legend} (${t(`care.instruments.languages.${l}`)})`}
          value={value[l] ?? ''}
          onChange={(v) => onChange({ ...value, [l]: v })}
          isRequired={l === 'nl' && !multiline}
          inputDir={l === 'ar' ? 'rtl' : 'ltr'}
        />
      ))}
    </div>
  );
}

function InstrumentForm({ existing }: { existing?: InstrumentDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveInstrument(existing?.id);
  const careError = useCareError();
  const [name, setName] = useState<Labels>(existing?.name ?? {});
  const [description, setDescription] = useState<Labels>(existing?.description ?? {});
  const [domains, setDomains] = useState<Part[]>(
    () => existing?.domains.map((d) => part({ key: d.key, labels: d.labels, description: d.description ?? {} })) ?? [part()],
  );
  const [levels, setLevels] = useState<Part[]>(
    () =>
      existing?.levels.map((l) => part({ value: String(l.value), labels: l.labels, description: l.description ?? {} })) ?? [
        part({ value: '1' }),
        part({ value: '2' }),
      ],
  );
  const [problems, setProblems] = useState<string[]>([]);
  const scoredDomains = new Set(existing?.scored.domains ?? []);
  const scoredLevels = new Set(existing?.scored.levels ?? []);
  const trimmed = (l: Labels) => Object.fromEntries(Object.entries(l).filter(([, v]) => v?.trim())) as Labels;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = {
      name: trimmed(name),
      description: trimmed(description),
      domains: domains.map((d) => ({ key: d.key.trim(), labels: trimmed(d.labels), description: trimmed(d.description) })),
      levels: levels.map((l) => ({ value: Number(l.value), labels: trimmed(l.labels), description: trimmed(l.description) })),
    };
    const parsed = instrumentInput.safeParse(body);
    if (!parsed.success) {
      setProblems([...new Set(parsed.error.issues.map((i) => issueText(i.path, i.message)))]);
      return;
    }
    setProblems([]);
    save.mutate(body as InstrumentInput, { onSuccess: () => navigate('/admin/instruments', { state: { notice: t('care.instruments.saved') } }) });
  };
  const issueText = (path: PropertyKey[], message: string) => {
    const [where, index, field] = path;
    const n = typeof index === 'number' ? index + 1 : '';
    if (message === 'levels_not_ascending') return t('care.instruments.problems.ascending');
    if (message === 'duplicate_domain') return t('care.instruments.problems.duplicate', { n });
    if (where === 'domains' && path.length === 1) return t('care.instruments.problems.domains');
    if (where === 'levels' && path.length === 1) return t('care.instruments.problems.levels');
    if (field === 'key') return t('care.instruments.problems.key', { n });
    if (where === 'name') return t('care.instruments.problems.name');
    return t('care.instruments.problems.label', { part: t(where === 'levels' ? 'care.instruments.level' : 'care.instruments.domain'), n });
  };
  const archive = (archived: boolean) =>
    save.mutate(
      { archived },
      { onSuccess: () => navigate('/admin/instruments', { state: { notice: t(archived ? 'care.instruments.archivedNotice' : 'care.instruments.saved') } }) },
    );
  const conflict = save.error instanceof ApiError && save.error.code === 'instrument_scored';

  return (
    <div>
      <BackLink to="/admin/instruments" label={t('care.instruments.title')} />
      <PageHeader title={existing ? labelFor(existing.name, i18n.language) : t('care.instruments.new')} />
      {existing && existing.scored.assessments > 0 && (
        <p className="alert alert-success">{t('care.instruments.scoredNote', { n: existing.scored.assessments })}</p>
      )}
      <form onSubmit={submit} className="care-form" noValidate>
        <LabelFields legend={t('care.instruments.name')} value={name} onChange={setName} />
        <LabelFields legend={t('care.instruments.description')} value={description} onChange={setDescription} multiline />
        <h2>{t('care.instruments.domains')}</h2>
        <p className="muted">{t('care.instruments.domainsHint')}</p>
        {domains.map((d, i) => {
          const locked = scoredDomains.has(d.key);
          return (
            <fieldset key={d.rowKey} className="instrument-part">
              <legend>{t('care.instruments.domainN', { n: i + 1 })}</legend>
              <TextField
                label={t('care.instruments.key')}
                description={t('care.instruments.keyHint')}
                value={d.key}
                isReadOnly={locked}
                inputDir="ltr"
                onChange={(v) => setDomains((ds) => ds.map((x) => (x.rowKey === d.rowKey ? { ...x, key: v } : x)))}
                isRequired
              />
              <LabelFields
                legend={t('care.instruments.label')}
                value={d.labels}
                onChange={(l) => setDomains((ds) => ds.map((x) => (x.rowKey === d.rowKey ? { ...x, labels: l } : x)))}
              />
              {locked ? (
                <p className="muted small">{t('care.instruments.lockedDomain')}</p>
              ) : (
                <Button variant="quiet" isDisabled={domains.length <= 1} onPress={() => setDomains((ds) => ds.filter((x) => x.rowKey !== d.rowKey))}>
                  {t('care.instruments.removeDomain', { n: i + 1 })}
                </Button>
              )}
            </fieldset>
          );
        })}
        <Button variant="secondary" onPress={() => setDomains((ds) => [...ds, part()])}>
          {t('care.instruments.addDomain')}
        </Button>
        <h2>{t('care.instruments.levels')}</h2>
        <p className="muted">{t('care.instruments.levelsHint')}</p>
        {levels.map((l, i) => {
          const locked = scoredLevels.has(Number(l.value));
          return (
            <fieldset key={l.rowKey} className="instrument-part">
              <legend>{t('care.instruments.levelN', { n: i + 1 })}</legend>
              <TextField
                label={t('care.instruments.value')}
                inputMode="numeric"
                value={l.value}
                isReadOnly={locked}
                onChange={(v) => setLevels((ls) => ls.map((x) => (x.rowKey === l.rowKey ? { ...x, value: v } : x)))}
                isRequired
              />
              <LabelFields
                legend={t('care.instruments.label')}
                value={l.labels}
                onChange={(v) => setLevels((ls) => ls.map((x) => (x.rowKey === l.rowKey ? { ...x, labels: v } : x)))}
              />
              <LabelFields
                legend={t('care.instruments.levelDescription')}
                value={l.description}
                multiline
                onChange={(v) => setLevels((ls) => ls.map((x) => (x.rowKey === l.rowKey ? { ...x, description: v } : x)))}
              />
              {locked ? (
                <p className="muted small">{t('care.instruments.lockedLevel')}</p>
              ) : (
                <Button variant="quiet" isDisabled={levels.length <= 2} onPress={() => setLevels((ls) => ls.filter((x) => x.rowKey !== l.rowKey))}>
                  {t('care.instruments.removeLevel', { n: i + 1 })}
                </Button>
              )}
            </fieldset>
          );
        })}
        <Button
          variant="secondary"
          isDisabled={levels.length >= 10}
          onPress={() => setLevels((ls) => [...ls, part({ value: String(Math.max(0, ...ls.map((x) => Number(x.value) || 0)) + 1) })])}
        >
          {t('care.instruments.addLevel')}
        </Button>
        {!!problems.length && (
          <div role="alert" className="alert alert-error">
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {save.error && (
          <p role="alert" className="alert alert-error">
            {conflict ? t('care.errors.instrument_scored') : careError(save.error)}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {t('care.save')}
          </Button>
          {existing && (
            <Button variant="secondary" onPress={() => archive(!existing.archived)}>
              {t(existing.archived ? 'care.instruments.restore' : 'care.instruments.archive')}
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}
