import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { type Concept, type ConceptInput, conceptKinds, conceptLanguages } from '../../../shared/taxonomy.ts';
import { ApiError, api, fieldErrors } from '../../api/client.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, ErrorAlert, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { conceptKeys, conceptLabel } from './ConceptsPage.tsx';
import { BackLink } from './common.tsx';

type Lang = (typeof conceptLanguages)[number];
interface Values {
  kind: string;
  labels: Record<Lang, string>;
  synonyms: Record<Lang, string>;
  broader: string;
  escoUri: string;
  description: string;
}
const empty: Values = {
  kind: 'skill',
  labels: { nl: '', en: '', fr: '', ar: '' },
  synonyms: { nl: '', en: '', fr: '', ar: '' },
  broader: '',
  escoUri: '',
  description: '',
};
const fromConcept = (c: Concept): Values => ({
  kind: c.kind,
  labels: { ...c.labels },
  synonyms: Object.fromEntries(conceptLanguages.map((l) => [l, c.synonyms[l].join('\n')])) as Record<Lang, string>,
  broader: c.broader?.ref ?? '',
  escoUri: c.escoUri ?? '',
  description: c.description ?? '',
});
const lines = (s: string) =>
  s
    .split(/\r?\n|;/)
    .map((x) => x.trim())
    .filter(Boolean);
const toInput = (v: Values): ConceptInput => ({
  kind: v.kind as ConceptInput['kind'],
  labels: Object.fromEntries(conceptLanguages.filter((l) => v.labels[l].trim()).map((l) => [l, v.labels[l].trim()])),
  synonyms: Object.fromEntries(conceptLanguages.map((l) => [l, lines(v.synonyms[l])])),
  broader: v.broader.trim() || null,
  escoUri: v.escoUri.trim() || null,
  description: v.description.trim() || null,
});

/** /admin/concepts/new and /admin/concepts/:id: a concept's labels and synonyms per language. */
export function ConceptFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const concept = useQuery({ queryKey: [...conceptKeys.all, id], enabled: mode === 'edit', queryFn: () => api<Concept>(`/matching/concepts/${id}`) });
  if (mode === 'new') return <ConceptForm />;
  return (
    <RecordGate query={concept} title={t('matchingAdmin.title')}>
      {(data) => <ConceptForm concept={data} />}
    </RecordGate>
  );
}

function ConceptForm({ concept }: { concept?: Concept }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [values, setValues] = useState<Values>(concept ? fromConcept(concept) : empty);
  const [noLabel, setNoLabel] = useState(false);
  const save = useMutation({
    mutationFn: (body: ConceptInput) =>
      concept ? api<Concept>(`/matching/concepts/${concept.id}`, { method: 'PATCH', body }) : api<Concept>('/matching/concepts', { method: 'POST', body }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: conceptKeys.all });
      navigate('/admin/concepts', { state: { notice: t('matchingAdmin.saved') } });
    },
  });
  const archive = useMutation({
    mutationFn: (archived: boolean) => api<Concept>(`/matching/concepts/${concept?.id}`, { method: 'PATCH', body: { archived } }),
    onSuccess: (c) => {
      qc.invalidateQueries({ queryKey: conceptKeys.all });
      navigate('/admin/concepts', { state: { notice: t(c.archived ? 'matchingAdmin.archivedNotice' : 'matchingAdmin.restoredNotice') } });
    },
  });
  const server = fieldErrors(save.error);
  const taken = save.error instanceof ApiError && save.error.code === 'concept_label_taken' ? save.error.message : undefined;
  const unknownBroader = save.error instanceof ApiError && save.error.code === 'concept_broader_unknown';
  const title = concept ? conceptLabel(concept, i18n.language) : t('matchingAdmin.new');
  const setLabel = (l: Lang, v: string) => setValues((x) => ({ ...x, labels: { ...x.labels, [l]: v } }));
  const setSyn = (l: Lang, v: string) => setValues((x) => ({ ...x, synonyms: { ...x.synonyms, [l]: v } }));

  return (
    <div className="form-page">
      <BackLink to="/admin/concepts" label={t('matchingAdmin.title')} />
      <PageHeader title={title} />
      {concept?.source === 'esco' && <p className="muted">{t('matchingAdmin.fromEsco')}</p>}
      <Form
        className="stack"
        validationBehavior="aria"
        onSubmit={(e) => {
          e.preventDefault();
          const input = toInput(values);
          if (!Object.keys(input.labels).length) {
            setNoLabel(true);
            return;
          }
          setNoLabel(false);
          save.mutate(input);
        }}
      >
        {noLabel && (
          <div role="alert" className="alert alert-error">
            {t('matchingAdmin.needLabel')}
          </div>
        )}
        {taken && (
          <div role="alert" className="alert alert-error">
            {t('matchingAdmin.labelTaken')}
          </div>
        )}
        {save.error && !taken && !unknownBroader && !Object.keys(server).length && <ErrorAlert error={save.error} />}
        {conceptLanguages.map((l) => (
          <fieldset key={l} className="card stack concept-language">
            <legend>{t(`matchingAdmin.languages.${l}`)}</legend>
            <TextField
              label={t('matchingAdmin.label')}
              value={values.labels[l]}
              onChange={(v) => setLabel(l, v)}
              maxLength={200}
              inputDir={l === 'ar' ? 'rtl' : 'ltr'}
              errorMessage={server[`labels.${l}`]}
            />
            <TextField
              label={t('matchingAdmin.synonymsField')}
              description={t('matchingAdmin.synonymsHint')}
              multiline
              inputDir={l === 'ar' ? 'rtl' : 'ltr'}
              value={values.synonyms[l]}
              onChange={(v) => setSyn(l, v)}
            />
          </fieldset>
        ))}
        <Select
          label={t('matchingAdmin.kind')}
          options={conceptKinds.map((k) => ({ id: k, label: t(`matchingAdmin.kinds.${k}`) }))}
          value={values.kind}
          onChange={(k) => setValues((x) => ({ ...x, kind: k }))}
        />
        <TextField
          label={t('matchingAdmin.broader')}
          description={t('matchingAdmin.broaderHint')}
          value={values.broader}
          onChange={(v) => setValues((x) => ({ ...x, broader: v }))}
          inputDir="ltr"
          autoCapitalize="none"
          errorMessage={unknownBroader ? t('matchingAdmin.broaderUnknown') : server.broader}
        />
        <TextField
          label={t('matchingAdmin.escoUri')}
          type="url"
          value={values.escoUri}
          onChange={(v) => setValues((x) => ({ ...x, escoUri: v }))}
          inputDir="ltr"
          errorMessage={server.escoUri ? t('matchingAdmin.escoUriInvalid') : undefined}
        />
        <TextField label={t('matchingAdmin.description')} multiline value={values.description} onChange={(v) => setValues((x) => ({ ...x, description: v }))} />
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {t('matchingAdmin.save')}
          </Button>
          {concept && (
            <Button variant="secondary" isPending={archive.isPending} onPress={() => archive.mutate(!concept.archived)}>
              {concept.archived ? t('matchingAdmin.restore') : t('matchingAdmin.archive')}
            </Button>
          )}
        </div>
        <ErrorAlert error={archive.error} />
      </Form>
    </div>
  );
}
