import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EsfReportOptions, EsfReportResponse } from '../../../shared/reports.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader, Select, TextField, useDocumentTitle } from '../../components/ui.tsx';
import './reports.css';

const ALL = 'all';
const valid = (s: string | null) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
type Row = EsfReportResponse['outputs'][number] | EsfReportResponse['results'][number];
type Table = 'outputs' | 'results' | 'warnings';

/**
 * /reports/esf: the ESF+ common indicators of one programme (optionally one place and a period),
 * women / men / non-binary / total, the data-quality warnings in words, and the downloads for the
 * funder and the steering group (CSV per table, Excel, PDF) in the page's language.
 */
export function EsfReportPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('reports.esf.title'));
  const [params, setParams] = useSearchParams();
  const options = useQuery({ queryKey: ['reports', 'esf', 'options'], queryFn: () => api<EsfReportOptions>('/reports/esf/options') });

  const programmes = options.data?.programmes ?? [];
  const programmeId = programmes.some((p) => p.id === params.get('programme')) ? (params.get('programme') as string) : programmes[0]?.id;
  const allPlaces = options.data?.allPlaces ?? false;
  const places = options.data?.places ?? [];
  const wantedPlace = params.get('place');
  const placeId = places.some((p) => p.id === wantedPlace) ? (wantedPlace as string) : allPlaces ? ALL : places[0]?.id;
  const from = valid(params.get('from')) ? (params.get('from') as string) : '';
  const to = valid(params.get('to')) ? (params.get('to') as string) : '';
  const backwards = !!from && !!to && from > to;
  const query = { programmeId, placeId: placeId === ALL ? undefined : placeId, from: from || undefined, to: to || undefined };

  const set = (next: Record<string, string>) => {
    const merged = { programme: programmeId ?? '', place: placeId ?? '', from, to, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v && v !== ALL)), { replace: true });
  };

  const report = useQuery({
    queryKey: ['reports', 'esf', query],
    enabled: !!programmeId && !!placeId && !backwards,
    queryFn: () => api<EsfReportResponse>('/reports/esf', { query }),
  });

  const lang = i18n.language.slice(0, 2);
  const download = (format: 'csv' | 'xlsx' | 'pdf', table?: Table) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) search.set(k, v);
    search.set('lang', ['nl', 'en', 'fr', 'ar'].includes(lang) ? lang : 'nl');
    // Excel with Belgian, Dutch or French settings expects semicolons.
    if (format === 'csv') search.set('separator', lang === 'en' ? 'comma' : 'semicolon');
    if (table) search.set('table', table);
    return `/api/v1/reports/esf.${format}?${search}`;
  };

  const nf = new Intl.NumberFormat(i18n.language);
  const tableTitle = (table: Table) => t(`reports.esf.${table}Title`);

  const table = (which: 'outputs' | 'results', rows: Row[]) => (
    <section aria-labelledby={`esf-${which}`}>
      <h2 id={`esf-${which}`}>{tableTitle(which)}</h2>
      <p className="muted">{t(`reports.esf.${which}Explained`)}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it */}
      <section className="table-scroll" aria-label={t('reports.esf.scrollRegion', { table: tableTitle(which) })} tabIndex={0}>
        <table className="data">
          <caption className="visually-hidden">{tableTitle(which)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.esf.columns.code')}</th>
              <th scope="col">{t('reports.esf.columns.indicator')}</th>
              <th scope="col" className="num">
                {t('reports.esf.columns.women')}
              </th>
              <th scope="col" className="num">
                {t('reports.esf.columns.men')}
              </th>
              <th scope="col" className="num">
                {t('reports.esf.columns.nonBinary')}
              </th>
              <th scope="col" className="num">
                {t('reports.esf.columns.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <td className="code">{r.code}</td>
                <th scope="row">
                  {t(`reports.esf.codes.${r.code}`)}
                  {r.incomplete && <span className="incomplete">{t('reports.esf.incomplete')}</span>}
                </th>
                <td className="num">{nf.format(r.counts.women)}</td>
                <td className="num">{nf.format(r.counts.men)}</td>
                <td className="num">{nf.format(r.counts.nonBinary)}</td>
                <td className="num">{nf.format(r.counts.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );

  return (
    <div className="esf-report">
      <PageHeader title={t('reports.esf.title')} />
      <p className="lead">{t('reports.esf.intro')}</p>
      {options.isPending && <Loading />}
      {options.error && <ErrorAlert error={options.error} />}
      {options.data && programmes.length === 0 && <p className="empty-state">{t('reports.esf.noProgrammes')}</p>}
      {options.data && programmeId && (
        <form className="filter-bar" aria-label={t('reports.esf.filters')} onSubmit={(e) => e.preventDefault()}>
          <Select
            label={t('reports.esf.programme')}
            options={programmes.map((p) => ({ id: p.id, label: p.name }))}
            value={programmeId}
            onChange={(v) => set({ programme: v })}
          />
          <Select
            label={t('reports.esf.place')}
            options={[...(allPlaces ? [{ id: ALL, label: t('reports.esf.allPlaces') }] : []), ...places.map((p) => ({ id: p.id, label: p.name }))]}
            value={placeId ?? null}
            onChange={(v) => set({ place: v })}
          />
          <TextField label={t('reports.esf.from')} type="date" value={from} onChange={(v) => set({ from: valid(v) ? v : '' })} inputDir="ltr" />
          <TextField
            label={t('reports.esf.to')}
            type="date"
            value={to}
            onChange={(v) => set({ to: valid(v) ? v : '' })}
            inputDir="ltr"
            errorMessage={backwards ? t('reports.esf.periodHelp') : undefined}
          />
        </form>
      )}
      {options.data && programmeId && <p className="muted">{t('reports.esf.periodHelp')}</p>}
      {report.isFetching && <Loading />}
      {report.error && <ErrorAlert error={report.error} />}
      {report.data && (
        <>
          <section aria-labelledby="esf-downloads">
            <h2 id="esf-downloads">{t('reports.esf.downloads')}</h2>
            <ul className="downloads">
              <li>
                <a href={download('pdf')} download>
                  {t('reports.esf.downloadPdf')}
                </a>
              </li>
              <li>
                <a href={download('xlsx')} download>
                  {t('reports.esf.downloadXlsx')}
                </a>
              </li>
              {(['outputs', 'results', 'warnings'] as const).map((which) => (
                <li key={which}>
                  <a href={download('csv', which)} download>
                    {t('reports.esf.downloadCsv', { table: t(`reports.esf.sheets.${which}`) })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          {table('outputs', report.data.outputs)}
          {table('results', report.data.results)}
          <section aria-labelledby="esf-warnings">
            <h2 id="esf-warnings">{tableTitle('warnings')}</h2>
            <p className="muted">{t('reports.esf.warningsExplained')}</p>
            {report.data.warnings.length === 0 ? (
              <p>{t('reports.esf.noWarnings')}</p>
            ) : (
              <ul className="warnings">
                {report.data.warnings.map((w) => (
                  <li key={w.code}>
                    {t(`reports.esf.warnings.${w.code}`, { count: w.count })}
                    {w.affects.length > 0 && (
                      <>
                        {' '}
                        (<span className="code">{w.affects.join(', ')}</span>)
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <p className="muted">
            {t('reports.esf.asOf')}: <span dir="ltr">{report.data.asOf}</span>
          </p>
        </>
      )}
    </div>
  );
}
