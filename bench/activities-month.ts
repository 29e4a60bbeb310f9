/**
 * activities-month: GET /api/v1/activities/calendar?placeId=…&from=…&to=… for one month of one
 * place holding 2,000 occurrences (a mix of one-off activities and weekly series, some with
 * registrations), on PostgreSQL, as a matchmaker of that place. The app runs in-process
 * (buildApp); requests are sequential, one at a time, after a warm-up. The answer must hold all
 * 2,000 occurrences, so a query that returns too little cannot pass.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { activities, activityTypes, occurrences, people, registrations } from '../src/server/db/schema/index.ts';
import { createMailer } from '../src/server/mail.ts';
import { localToUtc } from '../src/server/modules/activities/recurrence.ts';
import { rng } from '../src/shared/random.ts';
import { generateOrganisation, pick } from './generate.ts';
import { adminQuery, type BenchResult, listenAndSignIn, percentile, reachable, round } from './lib.ts';

const OCCURRENCES = 2000;
/** weekly series of 4 sessions (the first four weeks of the month); the rest are one-off */
const WEEKLY_SERIES = 250;
const WARMUP = 5;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const TARGET_P95_MS = 100;
/** A fixed month, so two runs measure the same data: March 2027 (31 days, summer time starts on the 28th). */
const YEAR = 2027;
const MONTH = 3;
const FROM = '2027-03-01';
const TO = '2027-04-01';

const titles = [
  'Open huis',
  'Taalcafé',
  'Fietsatelier',
  'Sollicitatietraining',
  'Kookworkshop',
  'Naaiatelier',
  'Computerles',
  'Wandeling',
  'Repair café',
  'Infosessie werk',
  'Yoga',
  'Huiswerkbegeleiding',
];
const slots = [
  ['09:00', '10:30'],
  ['10:00', '12:00'],
  ['13:30', '15:30'],
  ['14:00', '16:00'],
  ['16:00', '17:00'],
  ['18:30', '20:30'],
] as const;
const day = (d: number) => `${YEAR}-${String(MONTH).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export async function activitiesMonth(): Promise<BenchResult> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const shown = adminUrl.replace(/\/\/[^@]*@/, '//…@');
  if (!(await reachable(adminUrl))) {
    const why = `PostgreSQL is not reachable at ${shown}; start it (or set DATABASE_URL) to run this benchmark`;
    console.log(`  SKIPPED: ${why}`);
    return { name: 'activities-month', skipped: why, checks: [] };
  }

  // Its own database, dropped at the end, like test/helper.ts does for each test file.
  const name = `schakel_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();

  let database: Database | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    database = await openDatabase({ url, poolSize: 5 });
    await database.migrate();
    const db = database.db;

    const t = performance.now();
    const org = await generateOrganisation(db, { participants: 300, places: 1, roles: ['matchmaker'], seed: 7 });
    const organisationId = org.organisationId;
    const placeId = org.placeIds[0];
    const random = rng(2027);
    const participantIds = (
      await db.select({ id: people.id }).from(people).where(sql`${people.organisationId} = ${organisationId} and ${people.kind} = 'participant'`)
    ).map((r) => r.id);

    const types = await db
      .insert(activityTypes)
      .values(['Open huis', 'Workshop', 'Training', 'Netwerkmoment'].map((n) => ({ organisationId, name: n })))
      .returning();

    // Activities: WEEKLY_SERIES weekly series starting on days 1–7 (4 sessions each, days 1–28),
    // and one-off activities for the rest, spread over the whole month.
    type Plan = { date: string; slot: readonly [string, string] };
    const plans: { title: string; typeId: string; capacity: number | null; schedule: object; sessions: Plan[] }[] = [];
    for (let i = 0; i < WEEKLY_SERIES; i++) {
      const first = 1 + (i % 7);
      const slot = pick(random, slots);
      const dates = [0, 1, 2, 3].map((w) => day(first + 7 * w));
      plans.push({
        title: `${pick(random, titles)} (wekelijks ${i + 1})`,
        typeId: pick(random, types).id,
        capacity: random() < 0.5 ? 12 : null,
        schedule: { startDate: dates[0], startTime: slot[0], endTime: slot[1], recurrence: { interval: 1, weekdays: [], until: dates[3] } },
        sessions: dates.map((date) => ({ date, slot })),
      });
    }
    for (let i = 0; plans.reduce((n, p) => n + p.sessions.length, 0) < OCCURRENCES; i++) {
      const date = day(1 + Math.floor(random() * 31));
      const slot = pick(random, slots);
      plans.push({
        title: `${pick(random, titles)} ${i + 1}`,
        typeId: pick(random, types).id,
        capacity: random() < 0.3 ? 20 : null,
        schedule: { startDate: date, startTime: slot[0], endTime: slot[1] },
        sessions: [{ date, slot }],
      });
    }

    const BATCH = 500;
    const occurrenceIds: string[] = [];
    for (let at = 0; at < plans.length; at += BATCH) {
      const chunk = plans.slice(at, at + BATCH);
      const rows = await db
        .insert(activities)
        .values(chunk.map((p) => ({ organisationId, placeId, typeId: p.typeId, title: p.title, capacity: p.capacity, schedule: p.schedule })))
        .returning({ id: activities.id });
      const occ = chunk.flatMap((p, k) =>
        p.sessions.map((s) => ({
          organisationId,
          activityId: rows[k].id,
          placeId,
          seriesDate: s.date,
          startsAt: localToUtc(s.date, s.slot[0]),
          endsAt: localToUtc(s.date, s.slot[1]),
          status: random() < 0.03 ? ('cancelled' as const) : ('scheduled' as const),
        })),
      );
      const ids = await db.insert(occurrences).values(occ).returning({ id: occurrences.id });
      occurrenceIds.push(...ids.map((r) => r.id));
    }

    // Registrations on about a third of the occurrences: 1–10 people each, some on the waiting list.
    const regs: (typeof registrations.$inferInsert)[] = [];
    for (const occurrenceId of occurrenceIds) {
      if (random() >= 0.35) continue;
      const n = 1 + Math.floor(random() * 10);
      const start = Math.floor(random() * participantIds.length);
      for (let k = 0; k < n; k++) {
        const r = random();
        regs.push({
          organisationId,
          occurrenceId,
          personId: participantIds[(start + k) % participantIds.length],
          status: r < 0.8 ? 'registered' : r < 0.9 ? 'waitlisted' : 'cancelled',
          source: r < 0.5 ? 'self' : 'staff',
        });
      }
    }
    for (let at = 0; at < regs.length; at += 1000) await db.insert(registrations).values(regs.slice(at, at + 1000));
    await db.execute(sql`vacuum analyze`);
    const generateMs = round(performance.now() - t, 0);
    const oneOff = plans.length - WEEKLY_SERIES;
    console.log(
      `  ${occurrenceIds.length} occurrences (${WEEKLY_SERIES} weekly series × 4, ${oneOff} one-off), ${regs.length} registrations, generated in ${generateMs} ms`,
    );

    const config = loadConfig({ DATABASE_URL: url, SCHAKEL_DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0' });
    app = await buildApp({ config, database, mailer: createMailer(config) });
    const { base, headers } = await listenAndSignIn(app, org.accounts.matchmaker);
    const path = `/api/v1/activities/calendar?placeId=${placeId}&from=${FROM}&to=${TO}`;

    const once = async () => {
      const s = performance.now();
      const r = await fetch(base + path, { headers });
      const text = await r.text();
      const ms = performance.now() - s;
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { items: { placeId?: string }[] };
      return { ms, items: body.items.length, bytes: text.length };
    };
    for (let k = 0; k < WARMUP; k++) await once();
    const times: number[] = [];
    let items = -1;
    let bytes = 0;
    for (let k = 0; k < REQUESTS; k++) {
      const r = await once();
      if (r.items !== OCCURRENCES) throw new Error(`the calendar answered ${r.items} occurrences for the month, not ${OCCURRENCES}`);
      items = r.items;
      bytes = r.bytes;
      times.push(r.ms);
    }
    times.sort((a, b) => a - b);
    const p50 = round(percentile(times, 50), 1);
    const p95 = round(percentile(times, 95), 1);
    console.log(
      `  ${REQUESTS} sequential requests after ${WARMUP} warm-up: median ${p50} ms, p95 ${p95} ms, max ${round(times[times.length - 1], 1)} ms; ${items} items, ${round(bytes / 1024, 0)} KiB`,
    );

    return {
      name: 'activities-month',
      description: `GET /api/v1/activities/calendar for one month (${FROM} to ${TO}) of one place with ${OCCURRENCES} occurrences, as a matchmaker, on PostgreSQL; ${REQUESTS} sequential requests after ${WARMUP} warm-up`,
      postgres: ((await database.db.execute(sql`show server_version`)) as unknown as { rows: { server_version: string }[] }).rows[0]?.server_version,
      occurrences: occurrenceIds.length,
      weeklySeries: WEEKLY_SERIES,
      oneOffActivities: oneOff,
      registrations: regs.length,
      generateMs,
      responseKiB: round(bytes / 1024, 0),
      latencyMs: { p50, p95, min: round(times[0], 1), max: round(times[times.length - 1], 1) },
      checks: [
        { metric: 'latency p95, sequential', value: p95, unit: 'ms', target: `<= ${TARGET_P95_MS} ms`, pass: p95 <= TARGET_P95_MS },
        { metric: 'items returned', value: items, unit: '', target: `= ${OCCURRENCES}`, pass: items === OCCURRENCES },
        { metric: 'latency median, sequential', value: p50, unit: 'ms', target: '(informative)', pass: true },
      ],
    };
  } finally {
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`).catch((e) => console.error(`  could not drop ${name}: ${e}`));
  }
}
