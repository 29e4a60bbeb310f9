/**
 * matching-top10: GET /api/v1/matching/suggestions?requestId=…&limit=10, the ten best offers for
 * one request among 100,000 open offers, on PostgreSQL, as the matchmaker of the place. Offers and
 * requests are everyday sentences in Dutch, Arabic, French and English built from the concept
 * list's own terms (bench/matching-data.ts). The app runs in-process (buildApp); requests are
 * sequential, each for another request, after a warm-up. Every answer must hold ten offers.
 *   BENCH_OFFERS=20000 npm run bench -- matching-top10     a smaller run
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { people } from '../src/server/db/schema/index.ts';
import { createMailer } from '../src/server/mail.ts';
import { matchingService } from '../src/server/modules/matching/service.ts';
import { rng } from '../src/shared/random.ts';
import { generateOrganisation } from './generate.ts';
import { adminQuery, type BenchResult, listenAndSignIn, percentile, reachable, round } from './lib.ts';
import { insertItems } from './matching-data.ts';

const OFFERS = Number(process.env.BENCH_OFFERS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const TARGET_P95_MS = 50;

export async function matchingTop10(): Promise<BenchResult> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const shown = adminUrl.replace(/\/\/[^@]*@/, '//…@');
  if (!(await reachable(adminUrl))) {
    const why = `PostgreSQL is not reachable at ${shown}; start it (or set DATABASE_URL) to run this benchmark`;
    console.log(`  SKIPPED: ${why}`);
    return { name: 'matching-top10', skipped: why, checks: [] };
  }
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
    const t0 = performance.now();
    const org = await generateOrganisation(db, { participants: 5000, places: 3, roles: ['matchmaker'], seed: 11 });
    const placeId = org.placeIds[0];
    const personIds = (
      await db.select({ id: people.id }).from(people).where(sql`${people.organisationId} = ${org.organisationId} and ${people.kind} = 'participant'`)
    ).map((r) => r.id);
    const random = rng(2026);
    await insertItems(db, random, {
      organisationId: org.organisationId,
      side: 'offer',
      n: OFFERS,
      personIds,
      placeId: null,
      onProgress: (n) => n % 20_000 === 0 && console.log(`  ${n} offers`),
    });
    // The requests at the matchmaker's place, from people of that place.
    const requestIds = await insertItems(db, random, { organisationId: org.organisationId, side: 'request', n: REQUESTS + WARMUP, personIds, placeId });
    const generateMs = round(performance.now() - t0, 0);

    const config = loadConfig({ DATABASE_URL: url, SCHAKEL_DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0' });
    app = await buildApp({ config, database, mailer: createMailer(config) });
    // What an import does after its rows are in: index them (the first ranking would, otherwise).
    const t1 = performance.now();
    await matchingService(db).buildIndex(org.organisationId);
    await db.execute(sql`vacuum analyze`);
    const indexMs = round(performance.now() - t1, 0);
    const [{ terms }] = ((await db.execute(sql`select count(*)::int as terms from matching_index_terms`)) as unknown as { rows: { terms: number }[] }).rows;
    console.log(`  ${OFFERS} offers, ${REQUESTS + WARMUP} requests generated in ${generateMs} ms; indexed in ${indexMs} ms (${terms} index rows)`);

    const { base, headers } = await listenAndSignIn(app, org.accounts.matchmaker);
    const once = async (requestId: string) => {
      const s = performance.now();
      const r = await fetch(`${base}/api/v1/matching/suggestions?requestId=${requestId}&limit=10`, { headers });
      const text = await r.text();
      const ms = performance.now() - s;
      if (r.status !== 200) throw new Error(`suggestions answered ${r.status}: ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { suggestions: unknown[] };
      return { ms, n: body.suggestions.length };
    };
    const firstStarted = performance.now();
    await once(requestIds[0]);
    const firstMs = round(performance.now() - firstStarted, 0);
    for (const id of requestIds.slice(1, WARMUP)) await once(id);
    const times: number[] = [];
    const counts: number[] = [];
    for (const id of requestIds.slice(WARMUP)) {
      const r = await once(id);
      times.push(r.ms);
      counts.push(r.n);
    }
    times.sort((a, b) => a - b);
    const p50 = round(percentile(times, 50), 1);
    const p95 = round(percentile(times, 95), 1);
    const full = counts.filter((n) => n === 10).length;
    console.log(
      `  ${times.length} sequential requests after ${WARMUP} warm-up: median ${p50} ms, p95 ${p95} ms, max ${round(times[times.length - 1], 1)} ms; ${full} answers with 10 offers; first request ${firstMs} ms`,
    );
    return {
      name: 'matching-top10',
      description: `GET /api/v1/matching/suggestions?limit=10 for one request among ${OFFERS} open offers (nl/ar/fr/en sentences from the concept terms), as a matchmaker, on PostgreSQL; ${times.length} sequential requests, each another request, after ${WARMUP} warm-up`,
      postgres: ((await db.execute(sql`show server_version`)) as unknown as { rows: { server_version: string }[] }).rows[0]?.server_version,
      offers: OFFERS,
      indexRows: terms,
      generateMs,
      indexMs,
      firstRequestMs: firstMs,
      latencyMs: { p50, p95, min: round(times[0], 1), max: round(times[times.length - 1], 1) },
      answersWithTen: full,
      checks: [
        { metric: 'latency p95, sequential', value: p95, unit: 'ms', target: `<= ${TARGET_P95_MS} ms`, pass: p95 <= TARGET_P95_MS },
        { metric: 'answers with 10 offers', value: full, unit: '', target: `= ${times.length}`, pass: full === times.length },
        { metric: 'latency median, sequential', value: p50, unit: 'ms', target: '(informative)', pass: true },
        { metric: 'indexing all offers', value: indexMs, unit: 'ms', target: '(informative)', pass: true },
      ],
    };
  } finally {
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`).catch((e) => console.error(`  could not drop ${name}: ${e}`));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await matchingTop10(), null, 2));
