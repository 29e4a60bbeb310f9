/**
 * matching-board: GET /api/v1/matching/board?placeId=…&suggestions=3, a place's whole board
 * recomputed: 1,000 open requests waiting at the place, each with its three best offers among
 * 10,000 open offers of the organisation, on PostgreSQL, as the matchmaker of the place. The app
 * runs in-process; the board is asked several times in a row (the first also reads the
 * organisation's figures and vocabulary). Every waiting request must come back with suggestions
 * computed, so an answer that skips requests cannot pass.
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
import { adminQuery, type BenchResult, listenAndSignIn, reachable, round } from './lib.ts';
import { insertItems } from './matching-data.ts';

const OFFERS = Number(process.env.BENCH_OFFERS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const RUNS = 4;
const TARGET_MS = 10_000;

export async function matchingBoard(): Promise<BenchResult> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const shown = adminUrl.replace(/\/\/[^@]*@/, '//…@');
  if (!(await reachable(adminUrl))) {
    const why = `PostgreSQL is not reachable at ${shown}; start it (or set DATABASE_URL) to run this benchmark`;
    console.log(`  SKIPPED: ${why}`);
    return { name: 'matching-board', skipped: why, checks: [] };
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
    const org = await generateOrganisation(db, { participants: 3000, places: 3, roles: ['matchmaker'], seed: 12 });
    const placeId = org.placeIds[0];
    const personIds = (
      await db.select({ id: people.id }).from(people).where(sql`${people.organisationId} = ${org.organisationId} and ${people.kind} = 'participant'`)
    ).map((r) => r.id);
    const random = rng(2027);
    await insertItems(db, random, { organisationId: org.organisationId, side: 'offer', n: OFFERS, personIds, placeId: null });
    await insertItems(db, random, { organisationId: org.organisationId, side: 'request', n: REQUESTS, personIds, placeId });
    const generateMs = round(performance.now() - t0, 0);
    const t1 = performance.now();
    await matchingService(db).buildIndex(org.organisationId);
    await db.execute(sql`vacuum analyze`);
    const indexMs = round(performance.now() - t1, 0);
    console.log(`  ${OFFERS} offers and ${REQUESTS} requests at the place generated in ${generateMs} ms, indexed in ${indexMs} ms`);

    const config = loadConfig({ DATABASE_URL: url, SCHAKEL_DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0' });
    app = await buildApp({ config, database, mailer: createMailer(config) });
    const { base, headers } = await listenAndSignIn(app, org.accounts.matchmaker);
    const times: number[] = [];
    let waiting = 0;
    let withSuggestions = 0;
    let bytes = 0;
    for (let k = 0; k < RUNS; k++) {
      const s = performance.now();
      const r = await fetch(`${base}/api/v1/matching/board?placeId=${placeId}&suggestions=3`, { headers });
      const text = await r.text();
      times.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`board answered ${r.status}: ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { unmatchedRequests: { suggestions: unknown[] }[] };
      waiting = body.unmatchedRequests.length;
      withSuggestions = body.unmatchedRequests.filter((x) => x.suggestions.length > 0).length;
      bytes = text.length;
    }
    const first = round(times[0], 0);
    const worst = round(Math.max(...times), 0);
    const warm = round(Math.max(...times.slice(1)), 0);
    console.log(
      `  board of ${waiting} waiting requests, ${withSuggestions} with suggestions: first ${first} ms, then at most ${warm} ms; ${round(bytes / 1024, 0)} KiB`,
    );
    return {
      name: 'matching-board',
      description: `GET /api/v1/matching/board?suggestions=3 for a place with ${REQUESTS} open requests against ${OFFERS} open offers, as its matchmaker, on PostgreSQL; ${RUNS} runs in a row`,
      postgres: ((await db.execute(sql`show server_version`)) as unknown as { rows: { server_version: string }[] }).rows[0]?.server_version,
      offers: OFFERS,
      requests: REQUESTS,
      generateMs,
      indexMs,
      boardMs: times.map((t) => round(t, 0)),
      waiting,
      withSuggestions,
      responseKiB: round(bytes / 1024, 0),
      checks: [
        { metric: 'whole board, slowest run', value: worst, unit: 'ms', target: `<= ${TARGET_MS} ms`, pass: worst <= TARGET_MS },
        { metric: 'waiting requests on the board', value: waiting, unit: '', target: `= ${REQUESTS}`, pass: waiting === REQUESTS },
        { metric: 'requests with suggestions', value: withSuggestions, unit: '', target: '(informative)', pass: true },
        { metric: 'whole board, first run', value: first, unit: 'ms', target: '(informative)', pass: true },
      ],
    };
  } finally {
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`).catch((e) => console.error(`  could not drop ${name}: ${e}`));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await matchingBoard(), null, 2));
