import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Dashboard, DashboardOptions } from '../../../shared/dashboard.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading, Notice, PageHeader, Select, TextField, useDocumentTitle } from '../../components/ui.tsx';
import { BarChart } from './charts/BarChart.tsx';
import { ChartFrame } from './charts/ChartFrame.tsx';
import { HeatTable } from './charts/HeatTable.tsx';
import { LineChart } from './charts/LineChart.tsx';
import { NetworkChart } from './charts/NetworkChart.tsx';
import { useCount } from './charts/patterns.tsx';
import './reports.css';
import './charts/charts.css';

const ALL = 'all';
const valid = (s: string | null) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
const sum = (xs: (number | null)[]) => xs.reduce<number>((n, v) => n + (v ?? 0), 0);
/** A sum of cells for a bar: hidden (null) when only hidden cells make it up. */
const sumCells = (xs: (number | null)[]) => (xs.length && xs.every((v) => v === null) ? null : sum(xs));

/**
 * /reports/dashboard: counts at a glance for a place (or a companion's caseload), a programme and
 * a period. Every chart has a title, a sentence that says what it shows, and its numbers as a
 * table. No person is ever shown; steering-group members see "fewer than 5" for small counts.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('dashboard.title'));
  const [params, setParams] = useSearchParams();
  const options = useQuery({ queryKey: ['dashboard', 'options'], queryFn: () => api<DashboardOptions>('/reports/dashboard/options') });
  const places = options.data?.places ?? [];
  const programmes = options.data?.programmes ?? [];
  const allPlaces = options.data?.allPlaces ?? false;
  const wantedPlace = params.get('place');
  const placeId = places.some((p) => p.id === wantedPlace) ? (wantedPlace as string) : allPlaces || !places.length ? ALL : places[0].id;
  const wantedProgramme = params.get('programme');
  const programmeId = programmes.some((p) => p.id === wantedProgramme) ? (wantedProgramme as string) : ALL;
  const from = valid(params.get('from')) ? (params.get('from') as string) : '';
  const to = valid(params.get('to')) ? (params.get('to') as string) : '';
  const backwards = !!from && !!to && from > to;
  const query = {
    placeId: placeId === ALL ? undefined : placeId,
    programmeId: programmeId === ALL ? undefined : programmeId,
    from: from || undefined,
    to: to || undefined,
  };
  const set = (next: Record<string, string>) => {
    const merged = { place: placeId, programme: programmeId, from, to, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v && v !== ALL)), { replace: true });
  };
  const dashboard = useQuery({
    queryKey: ['dashboard', query],
    enabled: options.isSuccess && !backwards,
    queryFn: () => api<Dashboard>('/reports/dashboard', { query }),
  });

  return (
    <div className="dashboard esf-report">
      <PageHeader title={t('dashboard.title')} />
      <p className="lead">{options.data?.scope === 'caseload' ? t('dashboard.leadCaseload') : t('dashboard.lead')}</p>
      <ErrorAlert error={options.error} />
      {options.data && (
        <search className="filter-bar" aria-label={t('dashboard.filters')}>
          {options.data.scope === 'places' && (
            <Select
              label={t('dashboard.place')}
              options={[...(allPlaces ? [{ id: ALL, label: t('dashboard.allPlaces') }] : []), ...places.map((p) => ({ id: p.id, label: p.name }))]}
              value={placeId}
              onChange={(id) => set({ place: id })}
            />
          )}
          <Select
            label={t('dashboard.programme')}
            options={[{ id: ALL, label: t('dashboard.allProgrammes') }, ...programmes.map((p) => ({ id: p.id, label: p.name }))]}
            value={programmeId}
            onChange={(id) => set({ programme: id })}
          />
          <TextField label={t('dashboard.from')} type="date" value={from} onChange={(v) => set({ from: valid(v) ? v : '' })} inputDir="ltr" />
          <TextField
            label={t('dashboard.to')}
            type="date"
            value={to}
            onChange={(v) => set({ to: valid(v) ? v : '' })}
            inputDir="ltr"
            errorMessage={backwards ? t('dashboard.periodBackwards') : undefined}
          />
        </search>
      )}
      {options.data?.suppressedBelow && <Notice>{t('dashboard.suppressedNotice', { n: options.data.suppressedBelow })}</Notice>}
      <ErrorAlert error={dashboard.error} />
      {dashboard.isPending && dashboard.fetchStatus !== 'idle' && <Loading />}
      {dashboard.data && <Charts d={dashboard.data} locale={i18n.language} />}
    </div>
  );
}

function Charts({ d, locale }: { d: Dashboard; locale: string }) {
  const { t } = useTranslation();
  const count = useCount();
  const c = (n: number | null) => count(n, d.suppressedBelow);
  const nf = new Intl.NumberFormat(locale);
  /** inside a picture, where room is short: "<5" for a hidden count */
  const short = (n: number | null) => (n === null ? `<${d.suppressedBelow ?? 5}` : nf.format(n));
  const monthLabel = (m: string) => new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  const monthLong = (m: string) => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  const statusLabel = (group: 'in' | 'out', s: string) => t(`dashboard.referrals.status.${group}.${s}`, { defaultValue: s });
  const period = t('dashboard.period', {
    from: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d.period.from}T00:00:00Z`)),
    to: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d.period.to}T00:00:00Z`)),
  });

  // Participants over time: one line per place for "active"; starts and exits summed over places.
  const months = d.participants[0]?.months.map((m) => m.month) ?? [];
  const at = (i: number, key: 'active' | 'starts' | 'exits') => d.participants.map((p) => p.months[i]?.[key] ?? null);
  const anySuppressed = (xs: (number | null)[]) => xs.some((x) => x === null);
  const totalOf = (i: number, key: 'active' | 'starts' | 'exits') => (anySuppressed(at(i, key)) && d.participants.length === 1 ? null : sum(at(i, key)));
  const lastIndex = months.length - 1;
  const participantSeries =
    d.participants.length > 1
      ? d.participants.map((p) => ({ label: p.placeName ?? t('dashboard.noPlace'), values: p.months.map((m) => m.active) }))
      : [
          { label: t('dashboard.participants.active'), values: months.map((_, i) => totalOf(i, 'active')) },
          { label: t('dashboard.participants.starts'), values: months.map((_, i) => totalOf(i, 'starts')) },
          { label: t('dashboard.participants.exits'), values: months.map((_, i) => totalOf(i, 'exits')) },
        ];

  const rungLabel = (r: number) => t(`dashboard.ladder.rungs.${r}`);
  const domainLabel = (k: string) => t(`dashboard.domains.${k}`, { defaultValue: k });

  // Activities per type over the period, and per month in the table.
  const types = [...new Set(d.activities.map((a) => a.typeName))];
  const activityRows = types.map((type) => {
    const rows = d.activities.filter((a) => a.typeName === type);
    return { label: type, values: [sumCells(rows.map((r) => r.attended))] };
  });

  const m = d.matches;
  const matchRows = (['proposed', 'connected', 'followedUp', 'met', 'closed', 'declined', 'withdrawn'] as const).map((k) => ({
    label: t(`dashboard.matches.${k}`),
    values: [m[k]],
  }));

  const inStatuses = [...new Set(d.referralsIn.map((r) => r.status))];
  const inSources = [...new Set(d.referralsIn.map((r) => r.partnerName ?? t(`dashboard.referrals.source.${r.source}`)))];
  const inRows = inSources.map((label) => ({
    label,
    values: inStatuses.map((s) =>
      sumCells(d.referralsIn.filter((r) => (r.partnerName ?? t(`dashboard.referrals.source.${r.source}`)) === label && r.status === s).map((r) => r.count)),
    ),
  }));
  const outStatuses = [...new Set(d.referralsOut.map((r) => r.status))];
  const outPartners = [...new Set(d.referralsOut.map((r) => r.partnerName))];
  const outRows = outPartners.map((label) => ({
    label,
    values: outStatuses.map((s) => sumCells(d.referralsOut.filter((r) => r.partnerName === label && r.status === s).map((r) => r.count))),
  }));

  const nodeLabel = (n: Dashboard['network']['nodes'][number]) => (n.kind === 'partner' ? (n.label ?? '') : t(`dashboard.network.nodes.${n.kind}`));
  const nodeName = new Map(d.network.nodes.map((n) => [n.id, nodeLabel(n)]));

  return (
    <div className="dashboard-grid">
      <p className="muted dashboard-period">
        {period}
        {d.place ? ` · ${d.place.name}` : ''}
        {d.programme ? ` · ${d.programme.name}` : ''}
      </p>

      <ChartFrame
        title={t('dashboard.participants.title')}
        summary={
          months.length
            ? t('dashboard.participants.summary', {
                active: c(d.totals.activeLastMonth),
                month: monthLong(months[lastIndex]),
                starts: c(d.totals.starts),
                exits: c(d.totals.exits),
              })
            : t('dashboard.empty')
        }
        table={{
          columns: [
            t('dashboard.month'),
            ...(d.participants.length > 1 ? [t('dashboard.place')] : []),
            t('dashboard.participants.active'),
            t('dashboard.participants.starts'),
            t('dashboard.participants.exits'),
          ],
          rows: d.participants.flatMap((p) =>
            p.months.map((mo) => [
              monthLong(mo.month),
              ...(d.participants.length > 1 ? [p.placeName ?? t('dashboard.noPlace')] : []),
              c(mo.active),
              c(mo.starts),
              c(mo.exits),
            ]),
          ),
        }}
      >
        {({ title: chartTitle, titleId }) =>
          months.length ? (
            <LineChart
              months={months}
              series={participantSeries}
              labelledBy={titleId}
              title={chartTitle}
              monthLabel={monthLabel}
              format={(n) => nf.format(n)}
            />
          ) : null
        }
      </ChartFrame>

      <ChartFrame
        title={t('dashboard.ladder.title')}
        summary={
          d.ladder.pathways === 0
            ? t('dashboard.ladder.none')
            : t('dashboard.ladder.summary', { pathways: c(d.ladder.pathways), up: c(d.ladder.up), same: c(d.ladder.same), down: c(d.ladder.down) })
        }
        table={{
          columns: [t('dashboard.ladder.from'), t('dashboard.ladder.to'), t('dashboard.count')],
          rows: d.ladder.moves.filter((mv) => mv.count !== 0).map((mv) => [`${mv.from} ${rungLabel(mv.from)}`, `${mv.to} ${rungLabel(mv.to)}`, c(mv.count)]),
        }}
      >
        {({ titleId }) => (
          <>
            <HeatTable rungs={d.ladder.rungs} moves={d.ladder.moves} rungLabel={rungLabel} suppressedBelow={d.suppressedBelow} labelledBy={titleId} />
            <ol className="rung-key">
              {d.ladder.rungs.map((r) => (
                <li key={r}>{rungLabel(r)}</li>
              ))}
            </ol>
          </>
        )}
      </ChartFrame>

      <ChartFrame
        title={t('dashboard.distance.title')}
        summary={
          d.distance.length
            ? t('dashboard.distance.summary', {
                domain: domainLabel([...d.distance].sort((a, b) => (b.averageChange ?? -9) - (a.averageChange ?? -9))[0].domain),
              })
            : t('dashboard.distance.none')
        }
        legend={[t('dashboard.distance.improved'), t('dashboard.distance.same'), t('dashboard.distance.worse')]}
        table={{
          columns: [
            t('dashboard.distance.domain'),
            t('dashboard.distance.pathways'),
            t('dashboard.distance.average'),
            t('dashboard.distance.improved'),
            t('dashboard.distance.same'),
            t('dashboard.distance.worse'),
          ],
          rows: d.distance.map((x) => [
            domainLabel(x.domain),
            c(x.pathways),
            x.averageChange === null ? c(null) : new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 2 }).format(x.averageChange),
            c(x.improved),
            c(x.same),
            c(x.worse),
          ]),
        }}
      >
        {({ title: chartTitle, titleId, patternId }) =>
          d.distance.length ? (
            <BarChart
              rows={d.distance.map((x) => ({
                label: `${domainLabel(x.domain)}${x.averageChange === null ? '' : ` (${new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 2 }).format(x.averageChange)})`}`,
                values: [x.improved, x.same, x.worse],
              }))}
              series={['improved', 'same', 'worse']}
              patternId={patternId}
              labelledBy={titleId}
              title={chartTitle}
              format={(n) => nf.format(n)}
            />
          ) : null
        }
      </ChartFrame>

      <ChartFrame
        title={t('dashboard.activities.title')}
        summary={
          d.activities.length
            ? t('dashboard.activities.summary', {
                occurrences: c(d.totals.occurrences),
                attended: c(d.totals.attended),
              })
            : t('dashboard.activities.none')
        }
        table={{
          columns: [t('dashboard.month'), t('dashboard.activities.type'), t('dashboard.activities.occurrences'), t('dashboard.activities.attended')],
          rows: d.activities.map((a) => [monthLong(a.month), a.typeName, c(a.occurrences), c(a.attended)]),
        }}
      >
        {({ title: chartTitle, titleId, patternId }) =>
          activityRows.length ? (
            <BarChart rows={activityRows} series={['attended']} patternId={patternId} labelledBy={titleId} title={chartTitle} format={(n) => nf.format(n)} />
          ) : null
        }
      </ChartFrame>

      <ChartFrame
        title={t('dashboard.matches.title')}
        summary={t('dashboard.matches.summary', { proposed: c(m.proposed), connected: c(m.connected), met: c(m.met) })}
        table={{ columns: [t('dashboard.matches.step'), t('dashboard.count')], rows: matchRows.map((r) => [r.label, c(r.values[0])]) }}
      >
        {({ title: chartTitle, titleId, patternId }) => (
          <BarChart rows={matchRows} series={['matches']} patternId={patternId} labelledBy={titleId} title={chartTitle} format={(n) => nf.format(n)} />
        )}
      </ChartFrame>

      <ChartFrame
        title={t('dashboard.referrals.inTitle')}
        summary={d.referralsIn.length ? t('dashboard.referrals.inSummary', { count: c(d.totals.referralsIn) }) : t('dashboard.referrals.none')}
        legend={inStatuses.map((s) => statusLabel('in', s))}
        table={{
          columns: [t('dashboard.referrals.from'), t('dashboard.referrals.statusColumn'), t('dashboard.count')],
          rows: d.referralsIn.map((r) => [r.partnerName ?? t(`dashboard.referrals.source.${r.source}`), statusLabel('in', r.status), c(r.count)]),
        }}
      >
        {({ title: chartTitle, titleId, patternId }) =>
          inRows.length ? (
            <BarChart rows={inRows} series={inStatuses} patternId={patternId} labelledBy={titleId} title={chartTitle} format={(n) => nf.format(n)} />
          ) : null
        }
      </ChartFrame>

      <ChartFrame
        title={t('dashboard.referrals.outTitle')}
        summary={
          d.referralsOut.length
            ? t('dashboard.referrals.outSummary', { count: c(d.totals.referralsOut), partners: outPartners.length })
            : t('dashboard.referrals.none')
        }
        legend={outStatuses.map((s) => statusLabel('out', s))}
        table={{
          columns: [t('dashboard.referrals.to'), t('dashboard.referrals.statusColumn'), t('dashboard.count')],
          rows: d.referralsOut.map((r) => [r.partnerName, statusLabel('out', r.status), c(r.count)]),
        }}
      >
        {({ title: chartTitle, titleId, patternId }) =>
          outRows.length ? (
            <BarChart rows={outRows} series={outStatuses} patternId={patternId} labelledBy={titleId} title={chartTitle} format={(n) => nf.format(n)} />
          ) : null
        }
      </ChartFrame>

      <ChartFrame
        title={t('dashboard.network.title')}
        summary={t('dashboard.network.summary', { links: c(d.network.links), bridging: c(d.network.bridging) })}
        table={{
          columns: [t('dashboard.network.between'), t('dashboard.network.kind'), t('dashboard.network.links'), t('dashboard.network.bridging')],
          rows: d.network.edges.map((e) => [
            `${nodeName.get(e.from) ?? ''} – ${nodeName.get(e.to) ?? ''}`,
            t(`dashboard.network.kinds.${e.kind}`),
            c(e.links),
            c(e.bridging),
          ]),
        }}
      >
        {({ title: chartTitle, titleId }) => (
          <>
            {d.network.edges.length ? <NetworkChart network={d.network} labelledBy={titleId} title={chartTitle} nodeLabel={nodeLabel} format={short} /> : null}
            <p className="muted">{t('dashboard.network.bridgingExplained')}</p>
          </>
        )}
      </ChartFrame>
    </div>
  );
}
