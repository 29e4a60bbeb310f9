import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ResearchKey, researchTables } from '../../../shared/dashboard.ts';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { Button, DialogModal, ErrorAlert, Loading, Notice, PageHeader, Select, TextField, useDocumentTitle } from '../../components/ui.tsx';
import './reports.css';
import './charts/charts.css';

type Created = { key: ResearchKey; secret: string };

/**
 * /research: the impact researcher picks an export key by its label and downloads the
 * pseudonymised export (JSON, or one CSV per table), with small cells suppressed or not.
 * Admins create and rotate keys here; a key's secret is shown once, right after it is made.
 */
export function ResearchPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('dashboard.research.title'));
  const may = useCan();
  const qc = useQueryClient();
  const keys = useQuery({ queryKey: ['research', 'keys'], queryFn: () => api<{ items: ResearchKey[] }>('/research/keys') });
  const active = (keys.data?.items ?? []).filter((k) => !k.retiredAt);
  const [picked, setPicked] = useState<string | null>(null);
  const keyId = active.some((k) => k.id === picked) ? picked : (active[0]?.id ?? null);
  const [suppress, setSuppress] = useState(true);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  /** the key to rotate, asked once more: rotating gives every person a new pseudonym */
  const [rotating, setRotating] = useState<ResearchKey | null>(null);
  const done = (c: Created) => {
    setCreated(c);
    setLabel('');
    qc.invalidateQueries({ queryKey: ['research', 'keys'] });
  };
  const create = useMutation({ mutationFn: () => api<Created>('/research/keys', { method: 'POST', body: { label } }), onSuccess: done });
  const rotate = useMutation({ mutationFn: (id: string) => api<Created>(`/research/keys/${id}/rotate`, { method: 'POST' }), onSuccess: done });
  const df = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const href = (format: 'json' | 'csv', table?: string) => {
    const q = new URLSearchParams({ keyId: keyId ?? '', suppress: String(suppress) });
    if (table) q.set('table', table);
    if (format === 'csv' && i18n.language !== 'en') q.set('separator', 'semicolon');
    return `/api/v1/research/export${format === 'csv' ? '.csv' : ''}?${q}`;
  };

  return (
    <div className="research esf-report">
      <PageHeader title={t('dashboard.research.title')} />
      <p className="lead">{t('dashboard.research.lead')}</p>
      <ul className="research-rules">
        <li>{t('dashboard.research.rules.consent')}</li>
        <li>{t('dashboard.research.rules.pseudonyms')}</li>
        <li>{t('dashboard.research.rules.removed')}</li>
        <li>{t('dashboard.research.rules.audited')}</li>
      </ul>
      <ErrorAlert error={keys.error} />
      {keys.isPending && <Loading />}

      {may('research.export') && (
        <section aria-labelledby="research-export" className="chart">
          <h2 id="research-export">{t('dashboard.research.exportTitle')}</h2>
          {active.length ? (
            <>
              <div className="filter-bar">
                <Select label={t('dashboard.research.key')} options={active.map((k) => ({ id: k.id, label: k.label }))} value={keyId} onChange={setPicked} />
                <label className="checkbox-line">
                  <input type="checkbox" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />
                  {t('dashboard.research.suppress')}
                </label>
              </div>
              <p>
                <a className="button button-primary" href={href('json')} download>
                  {t('dashboard.research.downloadJson')}
                </a>
              </p>
              <h3>{t('dashboard.research.csvTitle')}</h3>
              <ul className="download-list">
                {researchTables.map((table) => (
                  <li key={table}>
                    <a href={href('csv', table)} download>
                      {t(`dashboard.research.tables.${table}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            !keys.isPending && <p>{t('dashboard.research.noKeys')}</p>
          )}
        </section>
      )}

      {may('organisation.manage') && (
        <section aria-labelledby="research-keys" className="chart">
          <h2 id="research-keys">{t('dashboard.research.keysTitle')}</h2>
          {created && (
            <Notice>
              <p>{t('dashboard.research.secretOnce', { label: created.key.label })}</p>
              <p>
                <code className="secret" dir="ltr">
                  {created.secret}
                </code>
              </p>
            </Notice>
          )}
          <form
            className="filter-bar"
            onSubmit={(e) => {
              e.preventDefault();
              if (label.trim()) create.mutate();
            }}
          >
            <TextField label={t('dashboard.research.label')} value={label} onChange={setLabel} isRequired description={t('dashboard.research.labelHelp')} />
            <Button type="submit" isPending={create.isPending}>
              {t('dashboard.research.create')}
            </Button>
          </form>
          <ErrorAlert error={create.error ?? rotate.error} />
          {(keys.data?.items.length ?? 0) > 0 && (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
            <section className="table-scroll" tabIndex={0} aria-labelledby="research-keys">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.research.label')}</th>
                    <th scope="col">{t('dashboard.research.fingerprint')}</th>
                    <th scope="col">{t('dashboard.research.created')}</th>
                    <th scope="col">{t('dashboard.research.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {keys.data?.items.map((k) => (
                    <tr key={k.id}>
                      <th scope="row">{k.label}</th>
                      <td>
                        <code dir="ltr">{k.fingerprint}</code>
                      </td>
                      <td>{df.format(new Date(k.createdAt))}</td>
                      <td>
                        {k.retiredAt ? (
                          t('dashboard.research.retired', { date: df.format(new Date(k.retiredAt)) })
                        ) : (
                          <Button variant="secondary" onPress={() => setRotating(k)} isPending={rotate.isPending && rotate.variables === k.id}>
                            {t('dashboard.research.rotate', { label: k.label })}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </section>
      )}
      <DialogModal
        isOpen={!!rotating}
        onOpenChange={(open) => !open && setRotating(null)}
        title={t('dashboard.research.rotateTitle', { label: rotating?.label ?? '' })}
      >
        <p>{t('dashboard.research.rotateExplained')}</p>
        <div className="form-actions">
          <Button variant="secondary" onPress={() => setRotating(null)}>
            {t('dashboard.research.keep')}
          </Button>
          <Button
            variant="danger"
            onPress={() => {
              if (rotating) rotate.mutate(rotating.id);
              setRotating(null);
            }}
          >
            {t('dashboard.research.rotateConfirm')}
          </Button>
        </div>
      </DialogModal>
    </div>
  );
}
