/**
 * The dashboard's reads: grouped SQL queries, one per chart, that return counts and never a row
 * per person. This is a read-only query file inside the reports module (the same choice as
 * pathways/esf-source.ts for the ESF report): the pathways module has no aggregate reads, and a
 * dashboard would otherwise load every pathway through the service to count it.
 *
 * Tables read (never written): pathways, pathway_team, places, instruments, assessment_progress
 * (the ladder and distance travelled, kept by triggers on assessments and their scores),
 * referrals_in, referrals_out, partners, cohort_members, activities, activity_types, occurrences, registrations, matches, match_events, matching_items.
 * Match counts for places come from the matching service's report (see dashboard.ts); the
 * caseload's match counts are read here with the same definition.
 *
 * Every query runs inside `withOrganisation` (row-level security) and names the organisation too.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

export interface DashboardScope {
  organisationId: string;
  /** the places the viewer may see ('all' = organisation-wide) */
  places: 'all' | string[];
  placeId: string | null;
  programmeId: string | null;
  /** a companion's dashboard: only pathways where this person is on the team now */
  caseloadPersonId: string | null;
  from: string;
  to: string;
}

/** The ladder: instrument key and its single domain; life domains: the platform's own instrument. */
const LADDER = { key: 'participation-ladder', domain: 'participation' };
const LIFE_DOMAINS = 'life-domains';
/**
 * Distance travelled compares like with like: the companion's scores (the participant's own
 * scores are her view, shown on her file, and are taken less often).
 */
const ASSESSOR = 'companion';

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const res = (await tx.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Which pathways the dashboard counts: overlapping the period, at the places in scope (alias p). */
function pathwayFilter(s: DashboardScope): SQL {
  const parts: SQL[] = [
    sql`p.organisation_id = ${s.organisationId}`,
    sql`p.started_on is not null`,
    sql`p.started_on <= ${s.to}::date`,
    sql`(p.ended_on is null or p.ended_on >= ${s.from}::date)`,
  ];
  if (s.places !== 'all') parts.push(sql`p.place_id = any(${uuidArray(s.places)}::uuid[])`);
  if (s.placeId) parts.push(sql`p.place_id = ${s.placeId}`);
  if (s.programmeId) parts.push(sql`p.programme_id = ${s.programmeId}`);
  if (s.caseloadPersonId)
    parts.push(
      sql`exists (select 1 from pathway_team tm where tm.organisation_id = p.organisation_id and tm.pathway_id = p.id and tm.person_id = ${s.caseloadPersonId} and tm.left_on is null)`,
    );
  return sql.join(parts, sql` and `);
}

/** The places filter on a table with a place_id column (alias given), for activities and matches. */
function placeFilter(s: DashboardScope, column: SQL): SQL {
  const parts: SQL[] = [sql`true`];
  if (s.places !== 'all') parts.push(sql`${column} = any(${uuidArray(s.places)}::uuid[])`);
  if (s.placeId) parts.push(sql`${column} = ${s.placeId}`);
  return sql.join(parts, sql` and `);
}

/**
 * Per pathway in scope (and per domain): the first level (f), the last level up to the period's
 * end (l) and how many scores up to then (k), from the companion's scores of one instrument. A
 * score is coded as day * 100 + level: the first is the smallest code (the lowest level on the
 * first day), the last the largest. assessment_progress keeps every code of a pathway in order,
 * so width_bucket (a binary search) counts the codes up to the period's end and the last of
 * those is the last score: a period in the past gives the same answer as reading the scores.
 */
function progressUpTo(s: DashboardScope, instrumentKey: string, domain: string | null): SQL {
  const upTo = sql`width_bucket((${s.to}::date - date '2000-01-01')::bigint * 100 + 99, ap.codes)`;
  return sql`select ap.domain_key, ap.first_level as f, ap.codes[${upTo}] % 100 as l, ${upTo} as k
    from assessment_progress ap
    join pathways p on p.organisation_id = ap.organisation_id and p.id = ap.pathway_id
    where ${pathwayFilter(s)} and ap.organisation_id = ${s.organisationId}
      and ap.instrument_id = (select id from instruments where organisation_id = ${s.organisationId} and key = ${instrumentKey})
      and ap.assessor_role = ${ASSESSOR} and ap.first_on <= ${s.to}::date
      ${domain ? sql`and ap.domain_key = ${domain}` : sql``}`;
}

/** The participants of the pathways in scope (for the caseload's activities and matches). */
const scopeParticipants = (s: DashboardScope) => sql`select distinct p.participant_id from pathways p where ${pathwayFilter(s)}`;

export const dashboardSource = {
  /** Pathways per place by the month they started ('before' the period) and the month they ended in the period. */
  participants(tx: Tx, s: DashboardScope) {
    return rows<{ place_id: string | null; place_name: string | null; start_month: string; exit_month: string | null; n: number }>(
      tx,
      sql`select p.place_id, pl.name as place_name,
            case when p.started_on < ${s.from}::date then 'before' else to_char(p.started_on, 'YYYY-MM') end as start_month,
            case when p.ended_on <= ${s.to}::date then to_char(p.ended_on, 'YYYY-MM') end as exit_month,
            count(*)::int as n
          from pathways p
          left join places pl on pl.organisation_id = p.organisation_id and pl.id = p.place_id
          where ${pathwayFilter(s)}
          group by 1, 2, 3, 4`,
    );
  },

  /**
   * First and last ladder rung of each pathway with two or more companion assessments up to the
   * period's end, read from assessment_progress (kept by triggers; see schema/progress.ts).
   */
  ladderMoves(tx: Tx, s: DashboardScope) {
    return rows<{ from_rung: number; to_rung: number; n: number }>(
      tx,
      sql`with fl as (${progressUpTo(s, LADDER.key, LADDER.domain)})
          select f::int as from_rung, l::int as to_rung, count(*)::int as n from fl where k >= 2 group by f, l`,
    );
  },

  /** Per life domain: first and last companion score of each pathway compared (as for the ladder). */
  distance(tx: Tx, s: DashboardScope) {
    return rows<{ domain: string; n: number; avg_change: number | null; improved: number; same: number; worse: number }>(
      tx,
      sql`with fl as (${progressUpTo(s, LIFE_DOMAINS, null)})
          select domain_key as domain, count(*)::int as n, round(avg(l - f), 2)::float8 as avg_change,
            (count(*) filter (where l > f))::int as improved, (count(*) filter (where l = f))::int as same, (count(*) filter (where l < f))::int as worse
          from fl where k >= 2 group by domain_key`,
    );
  },

  /**
   * Per month and activity type: occurrences held and attendances ticked. For a place: every
   * occurrence there; for a caseload: the occurrences the caseload's participants attended.
   */
  activities(tx: Tx, s: DashboardScope) {
    const caseload = s.caseloadPersonId ? sql`and r.person_id in (${scopeParticipants(s)})` : sql``;
    const join = s.caseloadPersonId ? sql`join` : sql`left join`;
    return rows<{ month: string; type_key: string | null; type_name: string; occurrences: number; attended: number }>(
      tx,
      sql`select to_char(o.starts_at at time zone 'Europe/Brussels', 'YYYY-MM') as month, t.key as type_key, t.name as type_name,
            count(distinct o.id)::int as occurrences, count(r.id)::int as attended
          from occurrences o
          join activities a on a.organisation_id = o.organisation_id and a.id = o.activity_id
          join activity_types t on t.organisation_id = a.organisation_id and t.id = a.type_id
          ${join} registrations r on r.organisation_id = o.organisation_id and r.occurrence_id = o.id and r.status = 'attended' ${caseload}
          where o.organisation_id = ${s.organisationId} and o.status = 'scheduled'
            and o.starts_at >= (${s.from}::date)::timestamp at time zone 'Europe/Brussels'
            and o.starts_at < (${s.to}::date + 1)::timestamp at time zone 'Europe/Brussels'
            and ${placeFilter(s, sql`o.place_id`)}
          group by 1, 2, 3`,
    );
  },

  /** A caseload's matches (its participants' requests): distinct matches per event kind in the period, as the matching report counts. */
  caseloadMatches(tx: Tx, s: DashboardScope) {
    return rows<{ kind: string; n: number; met: number }>(
      tx,
      sql`select e.kind, count(distinct e.match_id)::int as n, (count(distinct e.match_id) filter (where e.met))::int as met
          from match_events e
          join matches m on m.organisation_id = e.organisation_id and m.id = e.match_id
          join matching_items q on q.organisation_id = m.organisation_id and q.id = m.request_id
          where e.organisation_id = ${s.organisationId}
            and e.at >= (${s.from}::date)::timestamp at time zone 'Europe/Brussels'
            and e.at < (${s.to}::date + 1)::timestamp at time zone 'Europe/Brussels'
            and q.person_id in (${scopeParticipants(s)})
          group by e.kind`,
    );
  },

  /** Referrals in received in the period, by source, partner and how far they got. */
  referralsIn(tx: Tx, s: DashboardScope) {
    const where = s.caseloadPersonId ? sql`ri.pathway_id in (select p.id from pathways p where ${pathwayFilter(s)})` : sql`${placeFilter(s, sql`ri.place_id`)}`;
    return rows<{ source: string; partner_id: string | null; partner_name: string | null; status: string; n: number }>(
      tx,
      sql`select ri.source, ri.partner_id, pa.name as partner_name, ri.status, count(*)::int as n
          from referrals_in ri
          left join partners pa on pa.organisation_id = ri.organisation_id and pa.id = ri.partner_id
          where ri.organisation_id = ${s.organisationId} and ri.referred_on between ${s.from}::date and ${s.to}::date and ${where}
          group by 1, 2, 3, 4`,
    );
  },

  /** Referrals out of the pathways in scope, sent in the period (a proposal not yet sent: made in it), by partner and status. */
  referralsOut(tx: Tx, s: DashboardScope) {
    return rows<{ partner_id: string; partner_name: string; status: string; n: number }>(
      tx,
      sql`select ro.partner_id, pa.name as partner_name, ro.status, count(*)::int as n
          from pathways p
          join referrals_out ro on ro.organisation_id = p.organisation_id and ro.pathway_id = p.id
          join partners pa on pa.organisation_id = ro.organisation_id and pa.id = ro.partner_id
          where ${pathwayFilter(s)}
            and coalesce(ro.sent_at, ro.created_at) >= (${s.from}::date)::timestamp at time zone 'Europe/Brussels'
            and coalesce(ro.sent_at, ro.created_at) < (${s.to}::date + 1)::timestamp at time zone 'Europe/Brussels'
          group by 1, 2, 3`,
    );
  },

  /**
   * The connections the programme created, as pairs of ends ('person:<id>' or 'partner:<id>'):
   *   match: a connected match between the requester and the offer's owner (person or partner),
   *     dated when it was connected, for matches of the places in scope (a caseload: its
   *     participants' requests);
   *   referral-out: a referral out that was sent (sent, accepted, started, completed), dated sent;
   *   team: a partner's worker joining a pathway's team (participant - partner), dated joined;
   *   cohort: two participants in the same cohort (the later of their two joining dates).
   * Referrals in (a partner bringing someone in) are links that existed before: they are never
   * counted as created, but they do make a later link between the same two not bridging.
   *
   * A pair is **bridging** when the earliest link of any kind between its two ends (in all the
   * history of the pathways in scope, not only the period) is a created link dated in the
   * period: before it, no match, referral in or out, team or cohort link joined those two.
   * Returned: per kind of the other end (participant, other person, partner) and link kind, the
   * pairs linked in the period and how many of them are bridging; and one total row (`total`)
   * where a pair linked in two ways counts once.
   */
  network(tx: Tx, s: DashboardScope) {
    const from = sql`${s.from}::date`;
    const to = sql`${s.to}::date`;
    const matchScope = s.caseloadPersonId ? sql`q.person_id in (select participant_id from sp)` : sql`${placeFilter(s, sql`m.place_id`)}`;
    return rows<{
      other_kind: 'participant' | 'person' | 'partner';
      partner_id: string | null;
      partner_name: string | null;
      kind: string | null;
      total: boolean;
      links: number;
      bridging: number;
    }>(
      tx,
      sql`with sp as materialized (
            select p.id, p.participant_id from pathways p where ${pathwayFilter(s)}
          ), links as (
            select 'person:' || q.person_id as a,
                   case when o.partner_id is not null then 'partner:' || o.partner_id else 'person:' || o.person_id end as b,
                   'match' as kind, (m.connected_at at time zone 'Europe/Brussels')::date as on_date
            from matches m
            join matching_items q on q.organisation_id = m.organisation_id and q.id = m.request_id
            join matching_items o on o.organisation_id = m.organisation_id and o.id = m.offer_id
            where m.organisation_id = ${s.organisationId} and m.connected_at is not null and q.person_id is not null
              and (o.person_id is not null or o.partner_id is not null) and o.person_id is distinct from q.person_id
              and m.connected_at < (${to} + 1)::timestamp at time zone 'Europe/Brussels' and ${matchScope}
            union all
            select 'person:' || sp.participant_id, 'partner:' || ro.partner_id, 'referral-out', (coalesce(ro.sent_at, ro.created_at) at time zone 'Europe/Brussels')::date
            from sp join referrals_out ro on ro.organisation_id = ${s.organisationId} and ro.pathway_id = sp.id
            where ro.status in ('sent', 'accepted', 'started', 'completed')
            union all
            select 'person:' || sp.participant_id, 'partner:' || tm.partner_id, 'team', tm.joined_on
            from sp join pathway_team tm on tm.organisation_id = ${s.organisationId} and tm.pathway_id = sp.id
            where tm.partner_id is not null
            union all
            select 'person:' || x.participant_id, 'person:' || y.participant_id, 'cohort', greatest(cx.joined_on, cy.joined_on)
            from sp x
            join cohort_members cx on cx.organisation_id = ${s.organisationId} and cx.pathway_id = x.id
            join cohort_members cy on cy.organisation_id = ${s.organisationId} and cy.cohort_id = cx.cohort_id and cy.pathway_id <> cx.pathway_id
            join sp y on y.id = cy.pathway_id
            where x.participant_id < y.participant_id
            union all
            select 'person:' || sp.participant_id, 'partner:' || ri.partner_id, 'referral-in', ri.referred_on
            from sp join referrals_in ri on ri.organisation_id = ${s.organisationId} and ri.pathway_id = sp.id
            where ri.partner_id is not null
          ), pairs as (
            select least(a, b) as a, greatest(a, b) as b, kind, on_date from links where on_date <= ${to}
          ), firsts as (
            -- The first link of a pair is a referral in when one is on the pair's first day (a
            -- referral in goes first on its day): no sort, so the pairs group by hashing.
            select a, b, min(on_date) as first_on, min(on_date) filter (where kind = 'referral-in') as first_referral_in
            from pairs group by a, b
          ), created as (
            select distinct a, b, kind from pairs where kind <> 'referral-in' and on_date >= ${from}
          ), participants as (select distinct 'person:' || participant_id as ref from sp
          ), cl as (
            select case when c.a like 'partner:%' or c.b like 'partner:%' then 'partner'
                        when pa_.ref is not null and pb_.ref is not null then 'participant'
                        else 'person' end as other_kind,
                   pt.id as partner_id, pt.name as partner_name, c.kind, c.a || ' ' || c.b as pair,
                   f.first_on >= ${from} and f.first_referral_in is distinct from f.first_on as bridging
            from created c
            join firsts f on f.a = c.a and f.b = c.b
            left join participants pa_ on pa_.ref = c.a
            left join participants pb_ on pb_.ref = c.b
            left join partners pt on pt.organisation_id = ${s.organisationId}
              and pt.id = (case when c.a like 'partner:%' then substr(c.a, 9) when c.b like 'partner:%' then substr(c.b, 9) end)::uuid
          )
          select other_kind, partner_id, partner_name, kind, grouping(kind) = 1 as total,
            count(distinct pair)::int as links, (count(distinct pair) filter (where bridging))::int as bridging
          from cl
          group by grouping sets ((other_kind, partner_id, partner_name, kind), ())`,
    );
  },
};
