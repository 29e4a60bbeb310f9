/**
 * The dashboard's reads: grouped SQL queries, one per chart, that return counts and never a row
 * per person. This is a read-only query file inside the reports module (the same choice as
 * pathways/esf-source.ts for the ESF report): the pathways module has no aggregate reads, and a
 * dashboard would otherwise load every pathway through the service to count it.
 *
 * Tables read (never written): pathways, pathway_team, places, instruments, assessment_progress
 * (the ladder and distance travelled, kept by triggers on assessments, their scores and pathways),
 * network_links (the network picture, kept by triggers likewise), referrals_in, referrals_out,
 * partners, activities, activity_types, occurrences, registrations, matches, match_events, matching_items.
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
export const LADDER_KEY = 'participation-ladder';
const LADDER_DOMAIN = 'participation';
export const LIFE_DOMAINS_KEY = 'life-domains';
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

/**
 * Which pathways the dashboard counts: overlapping the period, at the places in scope. Reads the
 * columns place_id, programme_id, started_on, ended_on and the pathway's id (`idColumn`) of
 * `alias`: the pathways table, or a table that copies them (assessment_progress).
 */
function pathwayFilter(s: DashboardScope, alias = 'p', idColumn = 'id'): SQL {
  const p = sql.raw(alias);
  const id = sql.raw(`${alias}.${idColumn}`);
  const parts: SQL[] = [
    sql`${p}.organisation_id = ${s.organisationId}`,
    sql`${p}.started_on is not null`,
    sql`${p}.started_on <= ${s.to}::date`,
    sql`(${p}.ended_on is null or ${p}.ended_on >= ${s.from}::date)`,
  ];
  if (s.places !== 'all') parts.push(sql`${p}.place_id = any(${uuidArray(s.places)}::uuid[])`);
  if (s.placeId) parts.push(sql`${p}.place_id = ${s.placeId}`);
  if (s.programmeId) parts.push(sql`${p}.programme_id = ${s.programmeId}`);
  if (s.caseloadPersonId)
    parts.push(
      sql`exists (select 1 from pathway_team tm where tm.organisation_id = ${p}.organisation_id and tm.pathway_id = ${id} and tm.person_id = ${s.caseloadPersonId} and tm.left_on is null)`,
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
 * Per pathway in scope, instrument and domain: the first level (f), the last level up to the
 * period's end (l) and how many scores up to then (k), from the companion's scores of the ladder
 * and the life domains, in one pass over assessment_progress. A score is coded as
 * day * 100 + level: the first is the smallest code (the lowest level on the first day), the last
 * the largest. assessment_progress keeps every code of a pathway in order, so width_bucket (a
 * binary search) counts the codes up to the period's end and the last of those is the last score:
 * a period in the past gives the same answer as reading the scores.
 */
function progressUpTo(s: DashboardScope): SQL {
  const upTo = sql`width_bucket((${s.to}::date - date '2000-01-01')::bigint * 100 + 99, ap.codes)`;
  // A period that ends on or after the last score (a dashboard up to today) needs no search.
  return sql`select i.key as instrument, ap.domain_key, ap.first_level as f,
      case when ap.last_on <= ${s.to}::date then ap.last_level else ap.codes[${upTo}] % 100 end as l,
      case when ap.last_on <= ${s.to}::date then ap.count else ${upTo} end as k
    from assessment_progress ap
    join instruments i on i.organisation_id = ap.organisation_id and i.id = ap.instrument_id
    where ${pathwayFilter(s, 'ap', 'pathway_id')}
      and i.key in (${LADDER_KEY}, ${LIFE_DOMAINS_KEY}) and (i.key <> ${LADDER_KEY} or ap.domain_key = ${LADDER_DOMAIN})
      and ap.assessor_role = ${ASSESSOR} and ap.first_on <= ${s.to}::date`;
}

/** The participants of the pathways in scope (for the caseload's activities and matches). */
const scopeParticipants = (s: DashboardScope) => sql`select distinct p.participant_id from pathways p where ${pathwayFilter(s)}`;

export const dashboardSource = {
  /** Pathways per place by the month they started ('before' the period) and the month they ended in the period. */
  participants(tx: Tx, s: DashboardScope) {
    return rows<{ place_id: string | null; place_name: string | null; start_month: string; exit_month: string | null; n: number }>(
      tx,
      // Counted per month first (date_trunc on a plain timestamp: no time zone to work out per
      // row), then the months written out and the places named, once per group.
      sql`select c.place_id, pl.name as place_name,
            case when c.started is null then 'before' else to_char(c.started, 'YYYY-MM') end as start_month,
            to_char(c.ended, 'YYYY-MM') as exit_month, c.n
          from (
            select p.place_id,
              case when p.started_on >= ${s.from}::date then date_trunc('month', p.started_on::timestamp) end as started,
              case when p.ended_on <= ${s.to}::date then date_trunc('month', p.ended_on::timestamp) end as ended,
              count(*)::int as n
            from pathways p
            where ${pathwayFilter(s)}
            group by 1, 2, 3
          ) c
          left join places pl on pl.organisation_id = ${s.organisationId} and pl.id = c.place_id`,
    );
  },

  /**
   * The ladder's moves and the distance travelled per life domain: per instrument, domain, first
   * and last level, the pathways with two or more companion assessments up to the period's end,
   * read from assessment_progress (kept by triggers, with the pathway's place, programme and dates
   * copied in; see schema/progress.ts). One query for both charts, because both read the same
   * table; dashboard.ts turns the (first, last) counts into the ladder's matrix and each domain's
   * averages.
   */
  progress(tx: Tx, s: DashboardScope) {
    return rows<{ instrument: string; domain: string; f: number; l: number; n: number }>(
      tx,
      sql`with fl as (${progressUpTo(s)})
          select instrument, domain_key as domain, f::int, l::int, count(*)::int as n from fl where k >= 2 group by 1, 2, 3, 4`,
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
      sql`select c.partner_id, pa.name as partner_name, c.status, c.n
          from (
            select ro.partner_id, ro.status, count(*)::int as n
            from pathways p
            join referrals_out ro on ro.organisation_id = p.organisation_id and ro.pathway_id = p.id
            where ${pathwayFilter(s)}
              and coalesce(ro.sent_at, ro.created_at) >= (${s.from}::date)::timestamp at time zone 'Europe/Brussels'
              and coalesce(ro.sent_at, ro.created_at) < (${s.to}::date + 1)::timestamp at time zone 'Europe/Brussels'
            group by 1, 2
          ) c
          join partners pa on pa.organisation_id = ${s.organisationId} and pa.id = c.partner_id`,
    );
  },

  /**
   * The connections the programme created, read from network_links (one row per link, kept by
   * triggers; see schema/network.ts), as pairs of ends: two people, or a person and a partner.
   * Created in the period, for the dashboard's scope:
   *   match: a connected match at the places in scope (a caseload: its participants' requests);
   *   referral-out (sent), team (a partner's worker joined) and cohort (two participants in the
   *     same cohort): of the pathways in scope (a cohort pair: both pathways).
   * Referrals in (a partner bringing someone in) are links that existed before: they are never
   * counted as created, but they do make a later link between the same two not bridging.
   *
   * A pair is **bridging** when the earliest link of any kind between its two ends, anywhere in
   * the organisation's history (another place, an earlier pathway), is a created link dated in
   * the period: before it, no match, referral in or out, team or cohort link joined those two.
   * On a day with a referral in and another link, the referral in goes first. Each link carries
   * its pair's first day (pair_first_on, pair_first_by_referral_in), so no pair is looked up, and
   * its pathway's place, programme and dates, so the pathways in scope need no join.
   * Returned: per kind of the other end (participant, other person, partner) and link kind, the
   * pairs linked in the period and how many of them are bridging; and one total row (`total`)
   * where a pair linked in two ways counts once.
   */
  network(tx: Tx, s: DashboardScope) {
    const inScope = (alias: string, idColumn = 'id') => pathwayFilter(s, alias, idColumn);
    const matchScope = s.caseloadPersonId
      ? sql`exists (select 1 from pathways p where ${inScope('p')} and p.participant_id = l.person_id)`
      : placeFilter(s, sql`l.place_id`);
    // A match between two people: both participants of the pathways in scope, or someone else.
    const bothParticipants = sql`exists (select 1 from pathways p where ${inScope('p')} and p.participant_id = l.end_a)
      and exists (select 1 from pathways p where ${inScope('p')} and p.participant_id = l.end_b)`;
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
      sql`with created as (
            select
              case when l.partner then 'partner' when l.kind = 'cohort' then 'participant'
                   when ${bothParticipants} then 'participant' else 'person' end as other_kind,
              l.kind, l.end_a, l.end_b, l.partner,
              l.pair_first_on >= ${s.from}::date and not l.pair_first_by_referral_in as bridging
            from network_links l
            where l.organisation_id = ${s.organisationId} and l.kind <> 'referral-in'
              and l.on_date between ${s.from}::date and ${s.to}::date
              and case l.kind
                when 'match' then ${matchScope}
                -- the other member's pathway looked up by its key, only for the cohort pairs
                -- (a scalar subquery: not turned into a hash of every pathway in scope)
                when 'cohort' then ${inScope('l', 'pathway_id')} and (select true from pathways y
                  where y.organisation_id = l.organisation_id and y.id = l.other_pathway_id and ${inScope('y')} limit 1)
                else ${inScope('l', 'pathway_id')} end
            -- uuids first: the pairs sort (or hash) on them, not on the words
            group by l.end_a, l.end_b, l.partner, l.kind, 1, 6
          )
          select c.other_kind, c.partner_id, pt.name as partner_name, c.kind, false as total, c.links, c.bridging
          from (
            select other_kind, case when partner then end_b end as partner_id, kind,
              count(*)::int as links, (count(*) filter (where bridging))::int as bridging
            from created group by 1, 2, 3
          ) c
          left join partners pt on pt.organisation_id = ${s.organisationId} and pt.id = c.partner_id
          union all
          -- a pair linked in two ways counts once
          select null, null, null, null, true, count(*)::int, (count(*) filter (where bridging))::int
          from (select distinct end_a, end_b, partner, bridging from created) pairs`,
    );
  },
};
