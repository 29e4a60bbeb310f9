import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { reportResponse } from '../../../shared/matching.ts';
import type { Place } from '../../../shared/organisation.ts';
import { ApiError, api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { ErrorAlert, Loading, PageHeader, Select, TextField } from '../../components/ui.tsx';
import './ProfileView.css';

type Report = z.infer<typeof reportResponse>;
type Row = Report['places'][number];
const ALL = 'all';
const figures = ['proposed', 'connected', 'declined', 'withdrawn', 'followedUp', 'met', 'notMet', 'closed'] as const;
type Figure = (typeof figures)[number];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const valid = (s: string | null) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
const value = (r: Omit<Row, 'placeId' | 'placeName'>, f: Figure) => (f === 'notMet' ? Math.max(0, r.followedUp - r.met) : r[f]);

/**
 * /matching/report: what the matchmaking of each place came to in a period: matches proposed,
 * connected (both sides said yes), declined or withdrawn, followed up, whether people met, closed.
 * Each step counts on the day it was taken. For matchmakers, coordinators and the steering group.
 */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const may = useCan();
  const [params, setParams] = useSearchParams();
  const today = new Date();
  const from = valid(params.get('from')) ? (params.get('from') as string) : `${today.getUTCFullYear()}-01-01`;
  const to = valid(params.get('to')) ? (params.get('to') as string) : isoDay(today);
  const placeId = params.get('place') ?? ALL;
  const set = (next: Record<string, string>) => setParams({ from, to, ...(placeId !== ALL ? { place: placeId } : {}), ...next }, { replace: true });
  const places = useQuery({ queryKey: ['places', 'list'], queryFn: () => api<{ items: Place[]; total: number }>('/places') });
  const report = useQuery({
    queryKey: ['matching', 'report', from, to, placeId],
    enabled: from <= to && may('matching.report'),
    queryFn: () => api<Report>('/matching/report', { query: { from, to, placeId: placeId === ALL ? undefined : placeId } }),
  });
  const nf = new Intl.NumberFormat(i18n.language);
  const rows = report.data?.places ?? [];
  const totals = figures.reduce(
    (acc, f) => {
      acc[f] = rows.reduce((s, r) => s + value(r, f), 0);
      return acc;
    },
    {} as Record<Figure, number>,
  );
  const placeName = (r: Row) => r.placeName ?? t('matchingReport.noPlace');

  if (!may('matching.report'))
    return (
      <div>
        <PageHeader title={t('matchingReport.title')} />
        <p className="empty-state">{t('matchingReport.notAllowed')}</p>
      </div>
    );

  return (
    <div className="matching-report">
      <PageHeader title={t('matchingReport.title')} />
      <p className="lead">{t('matchingReport.lead')}</p>
      <form className="filter-bar" aria-label={t('matchingReport.filters')} onSubmit={(e) => e.preventDefault()}>
        <TextField label={t('matchingReport.from')} type="date" value={from} onChange={(v) => valid(v) && set({ from: v })} inputDir="ltr" />
        <TextField
          label={t('matchingReport.to')}
          type="date"
          value={to}
          onChange={(v) => valid(v) && set({ to: v })}
          inputDir="ltr"
          errorMessage={from > to ? t('matchingReport.toBeforeFrom') : undefined}
        />
        <Select
          label={t('matchingReport.place')}
          options={[{ id: ALL, label: t('matchingReport.allPlaces') }, ...(places.data?.items ?? []).map((p) => ({ id: p.id, label: p.name }))]}
          value={placeId}
          onChange={(v) => setParams({ from, to, ...(v !== ALL ? { place: v } : {}) }, { replace: true })}
        />
      </form>
      {report.isPending && from <= to && <Loading />}
      {report.error && !(report.error instanceof ApiError && report.error.status === 404) && <ErrorAlert error={report.error} />}
      {report.error instanceof ApiError && report.error.status === 404 && <p className="empty-state">{t('matchingReport.placeNotYours')}</p>}
      {report.data && (
        <>
          <h2 className="visually-hidden">{t('matchingReport.summary')}</h2>
          <ul className="report-summary">
            {(['proposed', 'connected', 'followedUp', 'met'] as const).map((f) => (
              <li key={f}>
                <span className="figure">{nf.format(totals[f])}</span>
                {t(`matchingReport.figures.${f}`)}
              </li>
            ))}
          </ul>
          {rows.length === 0 ? (
            <p className="empty-state">{t('matchingReport.empty')}</p>
          ) : (
            <table className="data responsive">
              <caption>{t('matchingReport.caption', { from: formatDay(from, i18n.language), to: formatDay(to, i18n.language) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('matchingReport.place')}</th>
                  {figures.map((f) => (
                    <th key={f} scope="col" className="num">
                      {t(`matchingReport.figures.${f}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.placeId ?? 'none'}>
                    <th scope="row">{placeName(r)}</th>
                    {figures.map((f) => (
                      <td key={f} className="num" data-label={t(`matchingReport.figures.${f}`)}>
                        {nf.format(value(r, f))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              {rows.length > 1 && (
                <tfoot>
                  <tr className="totals">
                    <th scope="row">{t('matchingReport.total')}</th>
                    {figures.map((f) => (
                      <td key={f} className="num" data-label={t(`matchingReport.figures.${f}`)}>
                        {nf.format(totals[f])}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              )}
            </table>
          )}
          <p className="muted">{t('matchingReport.howCounted')}</p>
        </>
      )}
    </div>
  );
}

function formatDay(iso: string, language: string) {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}
