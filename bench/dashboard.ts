/**
 * dashboard: a place's dashboard (participants over time, ladder moves, distance travelled per
 * life domain, activities and attendance, matches, referrals in and out, the network with its
 * bridging connections) for an organisation of 100,000 participants on PostgreSQL, through the
 * dashboard service exactly as GET /api/v1/reports/dashboard runs it for a coordinator
 * (row-level security as schakel_app, every query). Target: within 300 ms.
 *
 * Data: the ESF generator (bench/esf-data.ts) for people and pathways (about 70% at the first
 * place), then INSERT ... SELECT generate_series for the rest: per started pathway two
 * participation-ladder and two life-domain assessments (seven domains) by a companion; 40%
 * referred in by one of 20 partners; 30% referred out; 10% with a partner's worker on the team;
 * cohorts of twelve; a weekly activity per type and place with ten attendances each; one request
 * per participant and half of them matched (60% of those connected). assessment_progress (what the
 * ladder and distance travelled read) is filled by one bulk refresh after the assessments (timed).
 * BENCH_DASHBOARD_PARTICIPANTS changes the size; BENCH_RUNS the number of timed runs (default 10).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import type { Auth } from '../src/server/http/auth.ts';
import { createMailer } from '../src/server/mail.ts';
import { createServices } from '../src/server/services.ts';
import { esfDataStatements } from './esf-data.ts';
import { adminQuery, type BenchResult, median, reachable, round } from './lib.ts';

const PARTICIPANTS = Number(process.env.BENCH_DASHBOARD_PARTICIPANTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUPS = 3;
const TARGET_MS = 300;
const PERIOD = { from: '2024-07-01', to: '2025-06-30' };

/** Everything the dashboard reads beyond pathways, generated in the database. */
function dashboardDataStatements(org: string, placeIds: [string, string], staffId: string): string[] {
  const o = `'${org}'::uuid`;
  return [
    `insert into instruments (organisation_id, id, key, name, domains, levels) values
      (${o}, gen_random_uuid(), 'participation-ladder', '{"en":"Participation ladder"}', '[{"key":"participation"}]', '[]'),
      (${o}, gen_random_uuid(), 'life-domains', '{"en":"Life domains"}', '[]', '[]')`,
    `insert into partners (organisation_id, id, name, kind)
      select ${o}, gen_random_uuid(), 'Partner ' || i, 'public' from generate_series(1, 20) i`,
    `create temporary table dash_p as
      select p.id, p.participant_id, p.place_id, p.started_on, coalesce(p.ended_on, date '2025-09-30') as until_on,
        row_number() over (order by p.id) as n, random() as r
      from pathways p where p.started_on is not null`,
    `create temporary table dash_partners as select id, row_number() over (order by id) - 1 as k from partners where organisation_id = ${o}`,
    // Assessments: the ladder and the life domains at the start and near the end. The triggers
    // that keep assessment_progress wait; one bulk refresh_assessment_progress fills it after.
    "select set_config('schakel.assessment_progress', 'deferred', false)",
    `insert into assessments (organisation_id, id, pathway_id, instrument_id, assessed_on, assessor_role, assessor_person_id)
      select ${o}, gen_random_uuid(), p.id, i.id, case when w.first then p.started_on + 7 else greatest(p.started_on + 8, p.until_on - 7) end,
        'companion', '${staffId}'::uuid
      from dash_p p cross join (values (true), (false)) w(first)
      join instruments i on i.organisation_id = ${o} and i.key in ('participation-ladder', 'life-domains')`,
    `insert into assessment_scores (organisation_id, assessment_id, domain_key, level)
      select ${o}, a.id, 'participation', 1 + floor(random() * 6)::int
      from assessments a join instruments i on i.organisation_id = a.organisation_id and i.id = a.instrument_id and i.key = 'participation-ladder'`,
    `insert into assessment_scores (organisation_id, assessment_id, domain_key, level)
      select ${o}, a.id, d.k, 1 + floor(random() * 5)::int
      from assessments a join instruments i on i.organisation_id = a.organisation_id and i.id = a.instrument_id and i.key = 'life-domains'
      cross join (values ('work'), ('housing'), ('health'), ('income'), ('education'), ('parenting'), ('social-network')) d(k)`,
    "select set_config('schakel.assessment_progress', '', false)",
    `select refresh_assessment_progress(${o})`,
    'analyze assessment_progress',
    // The links of the network picture wait as well: one refresh_network_links after everything.
    "select set_config('schakel.network_links', 'deferred', false)",
    // Referrals in (40% from a partner, 20% self), out (30%), partner workers on the team (10%).
    `insert into referrals_in (organisation_id, id, participant_id, pathway_id, place_id, source, partner_id, referred_on, status)
      select ${o}, gen_random_uuid(), p.participant_id, p.id, p.place_id, case when p.r < 0.4 then 'partner' else 'self' end,
        case when p.r < 0.4 then (select id from dash_partners where k = p.n % 20) end, p.started_on - 14, 'started'
      from dash_p p where p.r < 0.6`,
    `insert into referrals_out (organisation_id, id, pathway_id, partner_id, service, status, sent_at)
      select ${o}, gen_random_uuid(), p.id, (select id from dash_partners where k = (p.n * 7) % 20), 'begeleiding',
        (array['sent', 'accepted', 'started', 'completed', 'declined'])[1 + (p.n % 5)::int], (p.started_on + 30)::timestamp
      from dash_p p where p.r >= 0.6 and p.r < 0.9`,
    `insert into pathway_team (organisation_id, id, pathway_id, person_id, role, partner_id, joined_on)
      select ${o}, gen_random_uuid(), p.id, '${staffId}'::uuid, 'partner-worker', (select id from dash_partners where k = (p.n * 3) % 20), p.started_on + 20
      from dash_p p where p.n % 10 = 0`,
    // Cohorts of twelve pathways at the same place.
    `insert into cohorts (organisation_id, id, name, place_id)
      select ${o}, ('0195e5f0-00c0-7000-8000-' || lpad(to_hex(c), 12, '0'))::uuid, 'Groep ' || c, '${placeIds[0]}'::uuid
      from generate_series(0, ${Math.ceil(PARTICIPANTS / 240)}) c`,
    `insert into cohort_members (organisation_id, cohort_id, pathway_id, joined_on)
      select ${o}, ('0195e5f0-00c0-7000-8000-' || lpad(to_hex(p.n / 12), 12, '0'))::uuid, p.id, p.started_on
      from dash_p p where p.n < ${Math.ceil(PARTICIPANTS / 20)}`,
    // A weekly activity per type at each place, ten attendances per occurrence.
    `insert into activity_types (organisation_id, id, key, name) values
      (${o}, gen_random_uuid(), 'open-house', 'Open Huys'), (${o}, gen_random_uuid(), 'workshop', 'Workshop'), (${o}, gen_random_uuid(), 'group-session', 'Groepssessie')`,
    `insert into activities (organisation_id, id, type_id, place_id, title, schedule)
      select ${o}, gen_random_uuid(), t.id, pl.id, t.name || ' ' || pl.name, '{}'::jsonb
      from activity_types t cross join places pl where t.organisation_id = ${o} and pl.organisation_id = ${o}`,
    `insert into occurrences (organisation_id, id, activity_id, place_id, series_date, starts_at, ends_at)
      select ${o}, gen_random_uuid(), a.id, a.place_id, d::date, d + interval '9 hours', d + interval '11 hours'
      from activities a cross join generate_series(timestamp '2022-01-03', timestamp '2025-09-29', interval '7 days') d
      where a.organisation_id = ${o}`,
    `insert into registrations (organisation_id, id, occurrence_id, person_id, status, source)
      select ${o}, gen_random_uuid(), oc.id, p.participant_id, 'attended', 'staff'
      from (select id, row_number() over (order by id) as k from occurrences where organisation_id = ${o}) oc
      cross join generate_series(0, 9) j
      join dash_p p on p.n = 1 + (oc.k * 10 + j) % ${PARTICIPANTS}`,
    // One request per participant and an offer per partner; half the requests matched, 60% of those connected.
    `insert into matching_items (organisation_id, id, side, owner_type, person_id, place_id, text)
      select ${o}, ('0195e5f0-00d0-7000-8000-' || lpad(to_hex(p.n), 12, '0'))::uuid, 'request', 'person', p.participant_id, p.place_id, 'Hulp bij ' || p.n
      from dash_p p`,
    `insert into matching_items (organisation_id, id, side, owner_type, partner_id, text)
      select ${o}, ('0195e5f0-00d1-7000-8000-' || lpad(to_hex(k), 12, '0'))::uuid, 'offer', 'partner', id, 'Aanbod' from dash_partners`,
    `insert into matches (organisation_id, id, request_id, offer_id, place_id, status, connected_at, created_at)
      select ${o}, ('0195e5f0-00d2-7000-8000-' || lpad(to_hex(p.n), 12, '0'))::uuid, ('0195e5f0-00d0-7000-8000-' || lpad(to_hex(p.n), 12, '0'))::uuid,
        ('0195e5f0-00d1-7000-8000-' || lpad(to_hex(p.n % 20), 12, '0'))::uuid, p.place_id,
        case when p.r < 0.3 then 'connected' else 'proposed' end, case when p.r < 0.3 then (p.started_on + 40)::timestamp end, (p.started_on + 35)::timestamp
      from dash_p p where p.r < 0.5`,
    `insert into match_events (organisation_id, id, match_id, kind, at)
      select ${o}, gen_random_uuid(), m.id, 'proposed', m.created_at from matches m where m.organisation_id = ${o}
      union all
      select ${o}, gen_random_uuid(), m.id, 'connected', m.connected_at from matches m where m.organisation_id = ${o} and m.connected_at is not null`,
    'drop table dash_p',
    'drop table dash_partners',
    "select set_config('schakel.network_links', '', false)",
    `select refresh_network_links(${o})`,
    // What autovacuum does on a running system after a bulk load (and would otherwise do during the
    // timed runs), and the gigabytes just written flushed to disk now rather than while timing.
    'vacuum analyze',
    'checkpoint',
  ];
}

export async function dashboardBench(): Promise<BenchResult> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  if (!(await reachable(adminUrl))) {
    const why = `PostgreSQL is not reachable at ${adminUrl.replace(/\/\/[^@]*@/, '//…@')}; start it (or set DATABASE_URL) to run this benchmark`;
    console.log(`  SKIPPED: ${why}`);
    return { name: 'dashboard', skipped: why, checks: [] };
  }
  const name = `schakel_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();

  let database: Database | undefined;
  try {
    // The application's own pool size (DATABASE_POOL_SIZE's default): the charts' queries run side by side.
    database = await openDatabase({ url, poolSize: loadConfig({}).DATABASE_POOL_SIZE });
    await database.migrate();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const generation = performance.now();
    let organisationId: string;
    let placeIds: [string, string];
    let sizes: Record<string, number> = {};
    let refreshSeconds = 0;
    let networkRefreshSeconds = 0;
    try {
      organisationId = (
        await client.query(`insert into organisations (id, name, slug) values (gen_random_uuid(), 'Dashboard bench', 'dashboard-bench') returning id`)
      ).rows[0].id;
      placeIds = (
        await client.query(
          `insert into places (organisation_id, id, name, city) values ($1, gen_random_uuid(), 'Stuyfplek Lier', 'Lier'), ($1, gen_random_uuid(), 'Sint-Niklaas', 'Sint-Niklaas') returning id`,
          [organisationId],
        )
      ).rows.map((r) => r.id as string) as [string, string];
      const programmeIds = (
        await client.query(
          `insert into programmes (organisation_id, id, name) values ($1, gen_random_uuid(), 'Stuyfplek'), ($1, gen_random_uuid(), 'Sleutel naar werk') returning id`,
          [organisationId],
        )
      ).rows.map((r) => r.id as string);
      const staffId = (
        await client.query(
          `insert into people (organisation_id, id, kind, given_name, family_name) values ($1, gen_random_uuid(), 'staff', 'Trajectgezel', 'Bench') returning id`,
          [organisationId],
        )
      ).rows[0].id as string;
      for (const statement of [
        ...esfDataStatements({
          organisationId,
          programmeId: programmeIds[0],
          otherProgrammeId: programmeIds[1],
          placeIds,
          participants: PARTICIPANTS,
          seed: 7,
        }),
        ...dashboardDataStatements(organisationId, placeIds, staffId),
      ]) {
        const t = performance.now();
        await client.query(statement);
        if (statement.startsWith('select refresh_assessment_progress')) refreshSeconds = round((performance.now() - t) / 1000, 1);
        if (statement.startsWith('select refresh_network_links')) networkRefreshSeconds = round((performance.now() - t) / 1000, 1);
      }
      sizes = (
        await client.query(
          `select (select count(*) from people where kind = 'participant')::int as participants, (select count(*) from pathways)::int as pathways,
            (select count(*) from pathways where place_id = $1)::int as pathways_at_place,
            (select count(*) from assessments)::int as assessments, (select count(*) from assessment_scores)::int as scores,
            (select count(*) from assessment_progress)::int as assessment_progress,
            (select count(*) from referrals_in)::int as referrals_in, (select count(*) from referrals_out)::int as referrals_out,
            (select count(*) from cohort_members)::int as cohort_members, (select count(*) from occurrences)::int as occurrences,
            (select count(*) from registrations)::int as attendances, (select count(*) from matches)::int as matches, (select count(*) from network_links)::int as network_links`,
          [placeIds[0]],
        )
      ).rows[0];
    } finally {
      await client.end();
    }
    const generationSeconds = round((performance.now() - generation) / 1000, 1);
    console.log(`  generated ${PARTICIPANTS.toLocaleString('en')} participants in ${generationSeconds} s`);
    console.log(`  rows: ${JSON.stringify(sizes)}; assessment_progress refreshed in ${refreshSeconds} s, network_links in ${networkRefreshSeconds} s`);

    const config = loadConfig({ DATABASE_URL: url, SCHAKEL_DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0' });
    const services = createServices(database, config, createMailer(config));
    const auth: Auth = {
      accountId: '00000000-0000-7000-8000-000000000000',
      organisationId,
      personId: '00000000-0000-7000-8000-000000000000',
      personKind: 'staff',
      login: 'coordinator@bench',
      locale: 'nl',
      roles: [{ role: 'coordinator', placeId: placeIds[0] }],
    };
    const run = async () => {
      const t = performance.now();
      const d = await services.dashboard.dashboard(auth, { placeId: placeIds[0], ...PERIOD });
      return { ms: performance.now() - t, d };
    };
    // The first openings after a bulk load fill PostgreSQL's and the pool's caches (each of the
    // chart queries' connections plans its queries for the first time): three warm-up runs,
    // reported, before the timed ones.
    const warmups: number[] = [];
    let warm = await run();
    warmups.push(warm.ms);
    for (let i = 1; i < WARMUPS; i++) {
      warm = await run();
      warmups.push(warm.ms);
    }
    console.log(`  warm-up ${warmups.map((t) => Math.round(t)).join(', ')} ms`);
    const times: number[] = [];
    let last = warm.d;
    for (let i = 0; i < RUNS; i++) {
      const r = await run();
      times.push(r.ms);
      last = r.d;
      console.log(`  run ${i + 1}: ${Math.round(r.ms)} ms`);
    }
    const med = round(median(times), 0);
    const activeLastMonth = last.participants[0]?.months.at(-1)?.active ?? 0;
    return {
      name: 'dashboard',
      participants: PARTICIPANTS,
      period: PERIOD,
      rows: sizes,
      generationSeconds,
      assessmentProgressRefreshSeconds: refreshSeconds,
      networkLinksRefreshSeconds: networkRefreshSeconds,
      runsMs: times.map((t) => round(t, 0)),
      warmupMs: warmups.map((t) => round(t, 0)),
      figures: {
        activeInLastMonth: activeLastMonth,
        ladderPathways: last.ladder.pathways,
        distanceDomains: last.distance.length,
        activityRows: last.activities.length,
        matches: last.matches,
        referralsOutRows: last.referralsOut.length,
        networkLinks: last.network.links,
        bridging: last.network.bridging,
      },
      checks: [
        { metric: 'median dashboard time', value: med, unit: 'ms', target: `<= ${TARGET_MS} ms`, pass: med <= TARGET_MS },
        { metric: 'slowest run', value: round(Math.max(...times), 0), unit: 'ms', target: '(info)', pass: true },
        // A dashboard that counted nothing would be fast for the wrong reason.
        { metric: 'pathways active in the last month', value: activeLastMonth ?? 0, unit: '', target: '> 10000', pass: (activeLastMonth ?? 0) > 10_000 },
        { metric: 'network links in the period', value: last.network.links ?? 0, unit: '', target: '> 1000', pass: (last.network.links ?? 0) > 1000 },
      ],
    };
  } finally {
    await database?.close();
    // BENCH_KEEP=1 keeps the database to look at query plans afterwards.
    if (process.env.BENCH_KEEP) console.log(`  kept database ${name}`);
    else await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
}
