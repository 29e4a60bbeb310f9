/**
 * Dashboards per role: counts only, never a person.
 *   - admin, coordinator (reports.read): the places they hold the role for, every count;
 *   - steering-group member (reports.read, and no admin or coordinator role): the same places,
 *     but a count from 1 to 4 is shown as "fewer than 5" (null), because a steering group
 *     includes partners from outside and a small count at one place can point to one person.
 *     This is primary suppression only: totals stay true, so a missing cell can sometimes be
 *     worked out from a total and the other cells; the dashboard shows no table where that
 *     matters more than the total itself.
 *   - companion (pathways.manage, no reports.read): the aggregates of their own caseload
 *     (pathways where they are on the team now), every count (it is their own work);
 *   - anyone else: 403.
 * Reads go through dashboard-source.ts (grouped SQL); match counts for places through the
 * matching service's report.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Dashboard, type DashboardOptions, type DashboardQuery, SMALL_CELL } from '../../../shared/dashboard.ts';
import { can, placesWith } from '../../../shared/permissions.ts';
import type { Db, Tx } from '../../db/client.ts';
import { withOrganisation } from '../../db/client.ts';
import { places, programmes } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import type { MatchingService } from '../matching/service.ts';
import { type DashboardScope, LADDER_KEY, LIFE_DOMAINS_KEY, dashboardSource as source } from './dashboard-source.ts';

/** How many partners the network picture names; the rest are one "other organisations" node. */
const NETWORK_PARTNERS = 10;

interface Viewer {
  scope: 'places' | 'caseload';
  places: 'all' | string[];
  suppress: boolean;
}

export function viewerOf(auth: Auth): Viewer {
  const reportPlaces = placesWith(auth.roles, 'reports.read');
  if (reportPlaces === 'all' || reportPlaces.length) {
    const seesEverything = auth.roles.some((r) => r.role === 'admin' || r.role === 'coordinator');
    return { scope: 'places', places: reportPlaces, suppress: !seesEverything };
  }
  if (can(auth.roles, 'pathways.manage')) return { scope: 'caseload', places: placesWith(auth.roles, 'pathways.manage'), suppress: false };
  throw errors.forbidden('Dashboards are for coordinators, companions and the steering group.');
}

/** Today in Brussels, as the programme's staff count days. */
function today(now: Date): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
}

function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

export function defaultPeriod(q: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const to = q.to ?? today(now);
  if (q.from) return { from: q.from, to };
  let y = Number(to.slice(0, 4));
  let m = Number(to.slice(5, 7)) - 11;
  if (m < 1) {
    m += 12;
    y--;
  }
  return { from: `${y}-${String(m).padStart(2, '0')}-01`, to };
}

export function dashboardService(db: Db, matching: Pick<MatchingService, 'report'>, clock: () => Date = () => new Date()) {
  async function placeRows(tx: Tx, auth: Auth, allowed: 'all' | string[]) {
    if (allowed !== 'all' && !allowed.length) return [];
    return tx
      .select({ id: places.id, name: places.name })
      .from(places)
      .where(and(eq(places.organisationId, auth.organisationId), allowed === 'all' ? undefined : inArray(places.id, allowed)))
      .orderBy(asc(places.name));
  }

  return {
    async options(auth: Auth): Promise<DashboardOptions> {
      const viewer = viewerOf(auth);
      return withOrganisation(db, auth.organisationId, async (tx) => ({
        scope: viewer.scope,
        places: viewer.scope === 'caseload' ? [] : await placeRows(tx, auth, viewer.places),
        programmes: await tx
          .select({ id: programmes.id, name: programmes.name })
          .from(programmes)
          .where(eq(programmes.organisationId, auth.organisationId))
          .orderBy(asc(programmes.name)),
        allPlaces: viewer.places === 'all',
        suppressedBelow: viewer.suppress ? SMALL_CELL : null,
      }));
    },

    async dashboard(auth: Auth, q: DashboardQuery): Promise<Dashboard> {
      const viewer = viewerOf(auth);
      const now = clock();
      const period = defaultPeriod(q, now);
      if (period.from > period.to) throw errors.badRequest('period_backwards', 'The period ends before it starts.');
      if (viewer.scope === 'places' && q.placeId && viewer.places !== 'all' && !viewer.places.includes(q.placeId)) throw errors.notFound('Place');
      const sup = (n: number) => (viewer.suppress && n > 0 && n < SMALL_CELL ? null : n);

      const { place, programme } = await withOrganisation(db, auth.organisationId, async (tx) => {
        let place: { id: string; name: string } | null = null;
        if (q.placeId) {
          [place] = await tx
            .select({ id: places.id, name: places.name })
            .from(places)
            .where(and(eq(places.organisationId, auth.organisationId), eq(places.id, q.placeId)));
          if (!place) throw errors.notFound('Place');
        }
        let programme: { id: string; name: string } | null = null;
        if (q.programmeId) {
          [programme] = await tx
            .select({ id: programmes.id, name: programmes.name })
            .from(programmes)
            .where(and(eq(programmes.organisationId, auth.organisationId), eq(programmes.id, q.programmeId)));
          if (!programme) throw errors.notFound('Programme');
        }
        return { place, programme };
      });
      const scope: DashboardScope = {
        organisationId: auth.organisationId,
        places: viewer.scope === 'places' ? viewer.places : 'all',
        placeId: place?.id ?? null,
        programmeId: programme?.id ?? null,
        caseloadPersonId: viewer.scope === 'caseload' ? auth.personId : null,
        from: period.from,
        to: period.to,
      };
      // The charts' queries are independent: each runs in its own transaction on its own
      // connection, at the same time, so the dashboard takes about as long as its slowest chart
      // rather than their sum. Since they already share the cores, each runs in one process, except
      // the read of assessment_progress, by far the largest, which PostgreSQL may split over two
      // workers. Each is one big read: sort and hash in memory, no JIT for a query run once.
      const read = <T>(query: (tx: Tx, s: DashboardScope) => Promise<T>, workers: 0 | 2 = 0) =>
        withOrganisation(db, auth.organisationId, async (tx) => {
          await tx.execute(
            sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', ${String(workers)}, true)`,
          );
          return query(tx, scope);
        });
      const [participantRows, progress, activityRows, caseloadMatches, referralsInRows, referralsOutRows, networkRows, placeMatches] = await Promise.all([
        read(source.participants),
        read(source.progress, 2),
        read(source.activities),
        viewer.scope === 'caseload' ? read(source.caseloadMatches) : null,
        read(source.referralsIn),
        read(source.referralsOut),
        read(source.network),
        viewer.scope === 'places' && can(auth.roles, 'matching.report')
          ? matching.report(auth, { from: period.from, to: period.to, placeId: q.placeId })
          : null,
      ]);
      // Participants over time: active in a month = started by its end and not ended before its start.
      const months = monthsOf(period.from, period.to);
      const byPlace = new Map<
        string,
        { placeId: string | null; placeName: string | null; before: number; starts: Map<string, number>; exits: Map<string, number> }
      >();
      for (const r of participantRows) {
        const key = r.place_id ?? '';
        const e = byPlace.get(key) ?? { placeId: r.place_id, placeName: r.place_name, before: 0, starts: new Map(), exits: new Map() };
        if (r.start_month === 'before') e.before += r.n;
        else e.starts.set(r.start_month, (e.starts.get(r.start_month) ?? 0) + r.n);
        if (r.exit_month) e.exits.set(r.exit_month, (e.exits.get(r.exit_month) ?? 0) + r.n);
        byPlace.set(key, e);
      }
      const participants = [...byPlace.values()]
        .sort((a, b) => (a.placeName ?? '').localeCompare(b.placeName ?? ''))
        .map((e) => {
          let active = e.before;
          let endedBefore = 0;
          return {
            placeId: e.placeId,
            placeName: e.placeName,
            months: months.map((month) => {
              const starts = e.starts.get(month) ?? 0;
              const exits = e.exits.get(month) ?? 0;
              active += starts;
              const row = { month, active: sup(active - endedBefore), starts: sup(starts), exits: sup(exits) };
              endedBefore += exits;
              return row;
            }),
          };
        });

      // The ladder's transition matrix.
      const rungs = [1, 2, 3, 4, 5, 6];
      const ladderRows = progress.filter((r) => r.instrument === LADDER_KEY);
      const moves = new Map(ladderRows.map((r) => [`${r.f}-${r.l}`, r.n]));
      const sumWhere = (f: (from: number, to: number) => boolean) => ladderRows.filter((r) => f(r.f, r.l)).reduce((n, r) => n + r.n, 0);
      const ladder = {
        rungs,
        moves: rungs.flatMap((from) => rungs.map((to) => ({ from, to, count: sup(moves.get(`${from}-${to}`) ?? 0) }))),
        pathways: sup(sumWhere(() => true)),
        up: sup(sumWhere((f, t) => t > f)),
        same: sup(sumWhere((f, t) => t === f)),
        down: sup(sumWhere((f, t) => t < f)),
      };

      // Distance travelled per life domain: the average change is rounded half away from zero, to two decimals.
      const perDomain = new Map<string, { n: number; change: number; improved: number; same: number; worse: number }>();
      for (const r of progress) {
        if (r.instrument !== LIFE_DOMAINS_KEY) continue;
        const e = perDomain.get(r.domain) ?? { n: 0, change: 0, improved: 0, same: 0, worse: 0 };
        e.n += r.n;
        e.change += (r.l - r.f) * r.n;
        if (r.l > r.f) e.improved += r.n;
        else if (r.l === r.f) e.same += r.n;
        else e.worse += r.n;
        perDomain.set(r.domain, e);
      }
      const distance = [...perDomain.entries()]
        .map(([domain, e]) => ({
          domain,
          pathways: sup(e.n),
          averageChange: viewer.suppress && e.n < SMALL_CELL ? null : (Math.sign(e.change) * Math.round((Math.abs(e.change) * 100) / e.n)) / 100,
          improved: sup(e.improved),
          same: sup(e.same),
          worse: sup(e.worse),
        }))
        .sort((a, b) => a.domain.localeCompare(b.domain));

      const activities = activityRows
        .map((r) => ({ month: r.month, typeKey: r.type_key, typeName: r.type_name, occurrences: sup(r.occurrences), attended: sup(r.attended) }))
        .sort((a, b) => a.month.localeCompare(b.month) || a.typeName.localeCompare(b.typeName));

      let m = { proposed: 0, connected: 0, declined: 0, withdrawn: 0, followedUp: 0, met: 0, closed: 0 };
      if (caseloadMatches) {
        const kind = (k: string) => caseloadMatches.find((r) => r.kind === k);
        m = {
          proposed: kind('proposed')?.n ?? 0,
          connected: kind('connected')?.n ?? 0,
          declined: kind('declined')?.n ?? 0,
          withdrawn: kind('withdrawn')?.n ?? 0,
          followedUp: kind('follow-up')?.n ?? 0,
          met: kind('follow-up')?.met ?? 0,
          closed: kind('closed')?.n ?? 0,
        };
      } else if (placeMatches) {
        const mine =
          viewer.places === 'all' ? placeMatches.places : placeMatches.places.filter((p) => p.placeId && (viewer.places as string[]).includes(p.placeId));
        for (const p of mine) for (const k of Object.keys(m) as (keyof typeof m)[]) m[k] += p[k];
      }
      const matches = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, sup(v)])) as Dashboard['matches'];

      const referralsIn = referralsInRows
        .map((r) => ({ source: r.source, partnerId: r.partner_id, partnerName: r.partner_name, status: r.status, count: sup(r.n) }))
        .sort((a, b) => a.source.localeCompare(b.source) || (a.partnerName ?? '').localeCompare(b.partnerName ?? '') || a.status.localeCompare(b.status));
      const referralsOut = referralsOutRows
        .map((r) => ({ partnerId: r.partner_id, partnerName: r.partner_name, status: r.status, count: sup(r.n) }))
        .sort((a, b) => a.partnerName.localeCompare(b.partnerName) || a.status.localeCompare(b.status));

      const participantCount = participantRows.reduce((n, r) => n + r.n, 0);
      const total = <T>(xs: T[], f: (x: T) => number) => sup(xs.reduce((n, x) => n + f(x), 0));
      const lastMonth = months[months.length - 1];
      const totals = {
        activeLastMonth: total(participantRows, (r) =>
          (r.start_month === 'before' || r.start_month <= lastMonth) && !(r.exit_month && r.exit_month < lastMonth) ? r.n : 0,
        ),
        starts: total(participantRows, (r) => (r.start_month === 'before' ? 0 : r.n)),
        exits: total(participantRows, (r) => (r.exit_month ? r.n : 0)),
        occurrences: total(activityRows, (r) => r.occurrences),
        attended: total(activityRows, (r) => r.attended),
        referralsIn: total(referralsInRows, (r) => r.n),
        referralsOut: total(referralsOutRows, (r) => r.n),
      };
      return {
        scope: viewer.scope,
        place,
        programme,
        period,
        suppressedBelow: viewer.suppress ? SMALL_CELL : null,
        generatedAt: now.toISOString(),
        participants,
        totals,
        ladder,
        distance,
        activities,
        matches,
        referralsIn,
        referralsOut,
        network: networkPicture(networkRows, participantCount, sup),
      };
    },
  };
}

type NetworkRow = Awaited<ReturnType<typeof source.network>>[number];

/**
 * The picture: one node for the participants in scope, one for other people (community members
 * who offered something), one per partner (the busiest NETWORK_PARTNERS; the rest together), and
 * an edge per node pair and kind of link with the pairs linked and the bridging ones.
 */
export function networkPicture(rows: NetworkRow[], participants: number, sup: (n: number) => number | null): Dashboard['network'] {
  const total = rows.find((r) => r.total);
  const detail = rows.filter((r) => !r.total && r.kind);
  const partnerLinks = new Map<string, { name: string; links: number }>();
  for (const r of detail) {
    if (r.other_kind !== 'partner' || !r.partner_id) continue;
    const e = partnerLinks.get(r.partner_id) ?? { name: r.partner_name ?? '', links: 0 };
    e.links += r.links;
    partnerLinks.set(r.partner_id, e);
  }
  const named = new Set(
    [...partnerLinks.entries()]
      .sort((a, b) => b[1].links - a[1].links || a[1].name.localeCompare(b[1].name))
      .slice(0, NETWORK_PARTNERS)
      .map(([id]) => id),
  );
  const nodeOf = (r: NetworkRow) =>
    r.other_kind === 'participant'
      ? 'participants'
      : r.other_kind === 'person'
        ? 'people'
        : r.partner_id && named.has(r.partner_id)
          ? `partner:${r.partner_id}`
          : 'other-partners';
  const edges = new Map<string, { from: string; to: string; kind: NetworkRow['kind']; links: number; bridging: number }>();
  const nodeCounts = new Map<string, number>();
  for (const r of detail) {
    const to = nodeOf(r);
    const key = `${to} ${r.kind}`;
    const e = edges.get(key) ?? { from: 'participants', to, kind: r.kind, links: 0, bridging: 0 };
    e.links += r.links;
    e.bridging += r.bridging;
    edges.set(key, e);
    if (to !== 'participants') nodeCounts.set(to, (nodeCounts.get(to) ?? 0) + r.links);
  }
  const nodes: Dashboard['network']['nodes'] = [{ id: 'participants', kind: 'participants', label: null, count: sup(participants) }];
  if (nodeCounts.has('people')) nodes.push({ id: 'people', kind: 'people', label: null, count: sup(nodeCounts.get('people') ?? 0) });
  for (const id of named)
    nodes.push({ id: `partner:${id}`, kind: 'partner', label: partnerLinks.get(id)?.name ?? null, count: sup(nodeCounts.get(`partner:${id}`) ?? 0) });
  if (nodeCounts.has('other-partners'))
    nodes.push({ id: 'other-partners', kind: 'other-partners', label: null, count: sup(nodeCounts.get('other-partners') ?? 0) });
  return {
    nodes,
    edges: [...edges.values()].map((e) => ({
      from: e.from,
      to: e.to,
      kind: e.kind as Dashboard['network']['edges'][number]['kind'],
      links: sup(e.links),
      bridging: sup(e.bridging),
    })),
    links: sup(total?.links ?? 0),
    bridging: sup(total?.bridging ?? 0),
  };
}

export type DashboardService = ReturnType<typeof dashboardService>;
