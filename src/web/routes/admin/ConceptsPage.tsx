import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type Concept, type ConceptLanguage, conceptLanguages, type EscoImportResult } from '../../../shared/taxonomy.ts';
import { ApiError, api } from '../../api/client.ts';
import { Button, ErrorAlert, Loading, Notice, PageHeader, Pagination, SearchField, Select } from '../../components/ui.tsx';
import { BackLink, SavedNotice } from './common.tsx';

export const conceptKeys = { all: ['concepts'] as const };
const limit = 25;
const views = ['all', 'own', 'built-in', 'archived'] as const;

/** The label in the reader's language, else the first there is. */
export function conceptLabel(c: Pick<Concept, 'labels'>, language: string) {
  const lang = (conceptLanguages as readonly string[]).includes(language.slice(0, 2)) ? (language.slice(0, 2) as ConceptLanguage) : 'nl';
  return c.labels[lang] || conceptLanguages.map((l) => c.labels[l]).find(Boolean) || '';
}

/** /admin/concepts: search the built-in concepts and the organisation's own; add one; import ESCO files. */
export function ConceptsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const view = (views as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as (typeof views)[number]) : 'all';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const set = (next: Record<string, string | number | undefined>) => {
    const merged = { q, view, offset: String(offset), ...Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v === undefined ? '' : String(v)])) };
    setParams(Object.fromEntries(Object.entries(merged).filter(([k, v]) => v && !(k === 'view' && v === 'all') && !(k === 'offset' && v === '0'))), {
      replace: true,
    });
  };
  const concepts = useQuery({
    queryKey: [...conceptKeys.all, 'list', q, view, offset, i18n.language],
    queryFn: () =>
      api<{ items: Concept[]; total: number; own: number }>('/matching/concepts', {
        query: { q: q || undefined, source: view === 'archived' ? 'own' : view, archived: view === 'archived' ? 'true' : undefined, limit, offset },
      }),
    placeholderData: (prev) => prev,
  });
  const nf = new Intl.NumberFormat(i18n.language);

  return (
    <div>
      <BackLink to="/admin" label={t('admin.title')} />
      <PageHeader
        title={t('matchingAdmin.title')}
        actions={
          <Link to="/admin/concepts/new" className="button button-primary">
            <span aria-hidden="true">+</span> {t('matchingAdmin.add')}
          </Link>
        }
      />
      <p className="lead">{t('matchingAdmin.lead')}</p>
      <SavedNotice />
      <div className="filter-bar row">
        <SearchField label={t('matchingAdmin.search')} value={q} onChange={(v) => set({ q: v, offset: 0 })} description={t('matchingAdmin.searchHint')} />
        <Select
          label={t('matchingAdmin.show')}
          options={views.map((v) => ({ id: v, label: t(`matchingAdmin.views.${v}`) }))}
          value={view}
          onChange={(v) => set({ view: v, offset: 0 })}
        />
      </div>
      {concepts.isPending && <Loading />}
      <ErrorAlert error={concepts.error} />
      <p className="result-count" aria-live="polite">
        {concepts.data && t('matchingAdmin.count', { count: concepts.data.total, n: nf.format(concepts.data.total), own: nf.format(concepts.data.own) })}
      </p>
      {concepts.data?.items.length === 0 && <p className="empty-state">{t('matchingAdmin.empty')}</p>}
      {!!concepts.data?.items.length && (
        <table className="data responsive concepts-table">
          <caption className="visually-hidden">{t('matchingAdmin.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matchingAdmin.concept')}</th>
              <th scope="col">{t('matchingAdmin.otherLanguages')}</th>
              <th scope="col">{t('matchingAdmin.synonyms')}</th>
              <th scope="col">{t('matchingAdmin.source')}</th>
            </tr>
          </thead>
          <tbody>
            {concepts.data.items.map((c) => (
              <tr key={`${c.source}:${c.id}`}>
                <td data-label={t('matchingAdmin.concept')}>
                  {c.source === 'built-in' ? (
                    <span dir="auto">{conceptLabel(c, i18n.language)}</span>
                  ) : (
                    <Link to={`/admin/concepts/${c.id}`} dir="auto">
                      {conceptLabel(c, i18n.language)}
                    </Link>
                  )}
                  {c.broader && (
                    <span className="muted">
                      {' '}
                      · {t('matchingAdmin.under')} <span dir="auto">{c.broader.label}</span>
                    </span>
                  )}
                </td>
                <td data-label={t('matchingAdmin.otherLanguages')}>
                  <ul className="plain-list">
                    {conceptLanguages
                      .filter((l) => c.labels[l] && c.labels[l] !== conceptLabel(c, i18n.language))
                      .map((l) => (
                        <li key={l}>
                          <span className="muted">{l}</span>{' '}
                          <span lang={l} dir="auto">
                            {c.labels[l]}
                          </span>
                        </li>
                      ))}
                  </ul>
                </td>
                <td data-label={t('matchingAdmin.synonyms')}>
                  <SynonymPreview c={c} />
                </td>
                <td data-label={t('matchingAdmin.source')}>
                  <span className="badge">{t(`matchingAdmin.sources.${c.source}`)}</span>
                  {c.archived && <span className="badge"> {t('matchingAdmin.archived')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {concepts.data && (
        <Pagination offset={offset} limit={limit} total={concepts.data.total} onChange={(o) => set({ offset: o })} label={t('matchingAdmin.pages')} />
      )}
      <EscoImport />
    </div>
  );
}

function SynonymPreview({ c }: { c: Concept }) {
  const { t, i18n } = useTranslation();
  const all = conceptLanguages.flatMap((l) => c.synonyms[l].map((s) => ({ l, s })));
  if (!all.length) return <span className="muted">{t('admin.common.none')}</span>;
  const shown = all.slice(0, 4);
  return (
    <span>
      {shown.map(({ l, s }, i) => (
        <span key={`${l}:${s}`}>
          {i > 0 && ', '}
          <span lang={l} dir="auto">
            {s}
          </span>
        </span>
      ))}
      {all.length > shown.length && (
        <span className="muted"> {t('matchingAdmin.more', { n: new Intl.NumberFormat(i18n.language).format(all.length - shown.length) })}</span>
      )}
    </span>
  );
}

interface ImportProblem {
  file: string;
  row: number;
  reason: string;
}

/** Upload ESCO's CSV files; all land together, or the wrong rows are listed and nothing changes. */
function EscoImport() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const inputId = useId();
  const headingId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const run = useMutation({
    mutationFn: async (files: File[]) => {
      const body = { files: await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() }))) };
      // Not api(): a refused import's answer lists the wrong rows, which ApiError does not keep.
      const res = await fetch('/api/v1/matching/concepts/esco-import', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).catch(() => {
        throw new ApiError(0, { code: 'network' });
      });
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) throw Object.assign(new ApiError(res.status, answer), { problems: answer.problems as ImportProblem[] | undefined });
      return answer as EscoImportResult;
    },
    onSuccess: () => {
      setChosen([]);
      if (input.current) input.current.value = '';
      qc.invalidateQueries({ queryKey: conceptKeys.all });
    },
  });
  const problems: ImportProblem[] =
    run.error instanceof ApiError && run.error.code === 'esco_import_invalid' ? ((run.error as ApiError & { problems?: ImportProblem[] }).problems ?? []) : [];
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <section className="card esco-import" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('matchingAdmin.esco.title')}</h2>
      <p className="muted">{t('matchingAdmin.esco.hint')}</p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen.length) run.mutate(chosen);
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>{t('matchingAdmin.esco.files')}</label>
          <input
            id={inputId}
            ref={input}
            type="file"
            accept=".csv,text/csv"
            multiple
            onChange={(e) => {
              setChosen([...(e.target.files ?? [])]);
              run.reset();
            }}
          />
        </div>
        <div className="form-actions">
          <Button type="submit" isDisabled={!chosen.length} isPending={run.isPending}>
            {run.isPending ? t('matchingAdmin.esco.running') : t('matchingAdmin.esco.run', { count: chosen.length })}
          </Button>
        </div>
      </form>
      {run.data && (
        <Notice>
          {t('matchingAdmin.esco.done', {
            concepts: nf.format(run.data.concepts),
            created: nf.format(run.data.created),
            updated: nf.format(run.data.updated),
            unchanged: nf.format(run.data.unchanged),
          })}
        </Notice>
      )}
      {run.error && !problems.length && <ErrorAlert error={run.error} />}
      {!!problems.length && (
        <div role="alert" className="alert alert-error">
          <p>{t('matchingAdmin.esco.failed', { count: problems.length })}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.file}:${p.row}:${p.reason}`}>
                <span dir="ltr">{p.file}</span>
                {p.row > 0 && <> · {t('matchingAdmin.esco.row', { row: nf.format(p.row) })}</>}: <span dir="ltr">{p.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
