/**
 * people-search: GET /api/v1/people?q=... on PostgreSQL with 10,000 participants, as a
 * matchmaker, under 50 concurrent connections. The app runs in-process (buildApp); the load
 * generator runs in a worker thread. Afterwards each query is timed alone and EXPLAIN ANALYZEd,
 * with the exact SQL the app sent, to show where the time goes.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { type Database, type Db, openDatabase } from '../src/server/db/client.ts';
import * as schema from '../src/server/db/schema/index.ts';
import { createMailer } from '../src/server/mail.ts';
import { generateOrganisation } from './generate.ts';
import { adminQuery, type BenchResult, listenAndSignIn, percentile, reachable, round } from './lib.ts';
import type { LoadOptions, LoadSummary } from './load-worker.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_SEC = Number(process.env.BENCH_DURATION ?? 15);
const TARGET_P95_MS = 50;

/** What people type into the search box: name parts, two words, e-mail parts, typos that find nobody. */
export const searchQueries = [
  'moh',
  'fati',
  'emma',
  'youss',
  'olena',
  'kofi',
  'an',
  'peet',
  'janss',
  'el am',
  'yilmaz',
  'kovalen',
  'van den',
  'öztürk',
  'محمد',
  'amina benali',
  'jonas peeters',
  'fatima el',
  'mohamed ouali',
  'sofie maes',
  'ben ahmed',
  'gmail',
  'telenet.be',
  '@hotmail',
  'peeters.',
  'jjanssens',
  'xylofoon',
  'zzyzx',
  'qwerty uiop',
];

function runLoad(opts: LoadOptions): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: opts });
    worker.once('message', (m: { ok: true; summary: LoadSummary } | { ok: false; error: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.summary);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
  });
}

export async function peopleSearch(): Promise<BenchResult> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const shown = adminUrl.replace(/\/\/[^@]*@/, '//…@');
  if (!(await reachable(adminUrl))) {
    const why = `PostgreSQL is not reachable at ${shown}; start it (or set DATABASE_URL) to run this benchmark`;
    console.log(`  SKIPPED: ${why}`);
    return { name: 'people-search', skipped: why, checks: [] };
  }

  // Its own database, dropped at the end, like test/helper.ts does for each test file.
  const name = `schakel_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();

  let migrated: Database | undefined;
  let pool: pg.Pool | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    migrated = await openDatabase({ url, poolSize: 5 });
    await migrated.migrate();

    const t = performance.now();
    const org = await generateOrganisation(migrated.db, {
      participants: PARTICIPANTS,
      places: 3,
      roles: ['matchmaker'],
      onProgress: (n) => n % 5000 === 0 && console.log(`  generated ${n} participants`),
    });
    const generateMs = round(performance.now() - t, 0);
    console.log(`  ${org.participants} participants in 3 places generated in ${generateMs} ms`);

    // The app's database is ours, with a logger we switch on to catch the SQL of one request.
    const config = loadConfig({ DATABASE_URL: url, SCHAKEL_DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0' });
    pool = new pg.Pool({ connectionString: url, max: config.DATABASE_POOL_SIZE });
    pool.on('error', () => {});
    let captured: { sql: string; params: unknown[] }[] | null = null;
    const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => captured?.push({ sql, params }) } }) as unknown as Db;
    const database: Database = { ...migrated, db };
    app = await buildApp({ config, database, mailer: createMailer(config) });
    const { base, headers } = await listenAndSignIn(app, org.accounts.matchmaker);
    const paths = searchQueries.map((q) => `/api/v1/people?q=${encodeURIComponent(q)}`);

    // Each query once, to see it answers 200 and how many it finds.
    const found: Record<string, number> = {};
    for (const [i, p] of paths.entries()) {
      const r = await fetch(base + p, { headers });
      const body = (await r.json()) as { total?: number };
      if (r.status !== 200) throw new Error(`${p} answered ${r.status}: ${JSON.stringify(body)}`);
      found[searchQueries[i]] = body.total ?? -1;
    }

    console.log(`  load: ${CONNECTIONS} connections, 3 s warm-up, ${DURATION_SEC} s measured, ${searchQueries.length} queries round-robin`);
    const report = (l: LoadSummary) =>
      `${l.requestsPerSec} req/s; p50 ${l.latencyMs.p50} ms, p95 ${l.latencyMs.p95} ms, p99 ${l.latencyMs.p99} ms; errors ${l.errors}, non-2xx ${l.non2xx}, timeouts ${l.timeouts}`;
    const load = await runLoad({ url: base, headers, paths, connections: CONNECTIONS, durationSec: DURATION_SEC, warmupSec: 3 });
    console.log(`  ${report(load)}`);
    // The floor: a signed-in request that only resolves the session (GET /auth/me), same load.
    const baseline = await runLoad({ url: base, headers, paths: ['/api/v1/auth/me'], connections: CONNECTIONS, durationSec: 5, warmupSec: 1 });
    console.log(`  baseline GET /api/v1/auth/me: ${report(baseline)}`);
    // With a fixed number of connections each waiting for its answer, latency ≈ connections ÷
    // throughput; a lighter load shows the latency one person sees when the server is not saturated.
    const light = await runLoad({ url: base, headers, paths, connections: 10, durationSec: 8, warmupSec: 1 });
    console.log(`  at 10 connections: ${report(light)}`);

    // Alone (one request at a time): which queries cost the most, without queueing.
    const alone: { q: string; found: number; medianMs: number; p95Ms: number }[] = [];
    for (const [i, p] of paths.entries()) {
      const times: number[] = [];
      for (let k = 0; k < 20; k++) {
        const s = performance.now();
        const r = await fetch(base + p, { headers });
        await r.arrayBuffer();
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      alone.push({ q: searchQueries[i], found: found[searchQueries[i]], medianMs: round(percentile(times, 50), 2), p95Ms: round(percentile(times, 95), 2) });
    }
    alone.sort((a, b) => b.medianMs - a.medianMs);

    // EXPLAIN ANALYZE of the SQL one request runs, for the costliest queries: as the app runs it
    // (role schakel_app, row-level security on) and, for comparison, as the owner (RLS bypassed).
    const explains: { q: string; statement: number; executionMs: number; executionMsWithoutRls: number; plan: string; planWithoutRls: string }[] = [];
    let statementsPerRequest: string[] = [];
    const client = await pool.connect();
    const explain = async (s: { sql: string; params: unknown[] }, setOrg: { sql: string; params: unknown[] } | undefined, asApp: boolean) => {
      await client.query('begin');
      try {
        if (setOrg) await client.query(setOrg.sql, setOrg.params);
        // The replayed settings may already switch role; say explicitly which one this run uses.
        await client.query(asApp ? 'set local role schakel_app' : 'set local role none');
        const plan = await client.query(`explain (analyze, buffers) ${s.sql}`, s.params);
        const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
        return { text, ms: Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? Number.NaN) };
      } finally {
        await client.query('rollback');
      }
    };
    try {
      for (const { q } of alone.slice(0, 3)) {
        captured = [];
        const r = await fetch(`${base}/api/v1/people?q=${encodeURIComponent(q)}`, { headers });
        await r.arrayBuffer();
        const statements = captured as { sql: string; params: unknown[] }[];
        captured = null;
        if (!statementsPerRequest.length) statementsPerRequest = statements.map((st) => st.sql.replace(/\s+/g, ' ').slice(0, 160));
        const setOrgAt = statements.findIndex((st) => st.sql.includes('app.organisation_id'));
        const setOrg = statements[setOrgAt];
        for (const [n, st] of statements.entries()) {
          // The search itself: the reads inside the organisation's transaction.
          if (n <= setOrgAt || !/^\s*select/i.test(st.sql)) continue;
          const app = await explain(st, setOrg, true);
          const owner = await explain(st, setOrg, false);
          explains.push({ q, statement: n, executionMs: app.ms, executionMsWithoutRls: owner.ms, plan: app.text, planWithoutRls: owner.text });
          console.log(`  EXPLAIN "${q}" statement ${n}: ${app.ms} ms as schakel_app (RLS), ${owner.ms} ms without RLS`);
        }
      }
    } finally {
      client.release();
    }

    const p95 = load.latencyMs.p95;
    const failures = load.errors + load.non2xx + load.timeouts + light.errors + light.non2xx + light.timeouts;
    return {
      name: 'people-search',
      description: `GET /api/v1/people?q=… as a matchmaker, ${PARTICIPANTS} participants in 3 places on PostgreSQL, ${CONNECTIONS} connections for ${DURATION_SEC} s`,
      postgres: ((await pool.query('show server_version')).rows[0] as { server_version: string }).server_version,
      participants: org.participants,
      generateMs,
      connections: CONNECTIONS,
      queries: searchQueries,
      load,
      loadAt10Connections: light,
      baselineAuthMe: baseline,
      statementsPerRequest,
      alone,
      explains,
      checks: [
        { metric: 'latency p95 under load', value: p95, unit: 'ms', target: `<= ${TARGET_P95_MS} ms`, pass: p95 <= TARGET_P95_MS },
        { metric: 'errors + non-2xx + timeouts', value: failures, unit: '', target: '= 0', pass: failures === 0 },
        { metric: `throughput at ${CONNECTIONS} connections`, value: load.requestsPerSec, unit: 'req/s', target: '(informative)', pass: true },
        { metric: 'latency p95 at 10 connections', value: light.latencyMs.p95, unit: 'ms', target: '(informative)', pass: true },
        { metric: `baseline GET /auth/me at ${CONNECTIONS} connections`, value: baseline.requestsPerSec, unit: 'req/s', target: '(informative)', pass: true },
      ],
    };
  } finally {
    await app?.close().catch(() => {});
    await pool?.end().catch(() => {});
    await migrated?.close().catch(() => {});
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`).catch((e) => console.error(`  could not drop ${name}: ${e}`));
  }
}
