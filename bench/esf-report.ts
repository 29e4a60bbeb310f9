/**
 * esf-report: the ESF+ report (every output and result indicator by gender, and the warnings) for
 * a programme of 1,000,000 participants on PostgreSQL, through the reports service exactly as
 * GET /api/v1/reports/esf runs it: the programme and place checks, the organisation boundary
 * (row-level security as schakel_app) and the whole computation, one pass over esf_records (one
 * row per participant, kept by the database's triggers). Target: within 2 s.
 *
 * The data come from bench/esf-data.ts (INSERT ... SELECT generate_series inside PostgreSQL):
 * one organisation, 1,000,000 participants, about 1.1 million started pathways, a million entry
 * data rows and events, 0.7 million follow-ups; the generator then fills esf_records with one
 * bulk refresh_esf_records (also timed). A fresh database, dropped at the end.
 * BENCH_ESF_PARTICIPANTS changes the size; BENCH_RUNS the number of timed runs (default 5).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import type { Auth } from '../src/server/http/auth.ts';
import { reportsService } from '../src/server/modules/reports/service.ts';
import { esfDataStatements } from './esf-data.ts';
import { adminQuery, type BenchResult, median, reachable, round } from './lib.ts';

const PARTICIPANTS = Number(process.env.BENCH_ESF_PARTICIPANTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 2000;

/**
 * CPU seconds used so far by the server processes of one database, from /proc (PostgreSQL on this
 * machine only; null elsewhere). On a shared machine the wall time mostly measures waiting for a
 * core; the CPU time is what the report costs, and what it takes on an idle core. Parallel
 * workers come and go within a query, so they are not seen here: the CPU runs are made without
 * them (see below).
 */
async function serverCpuSeconds(client: pg.Client): Promise<number | null> {
  const pids = (await client.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map(
    (r) => r.pid as number,
  );
  try {
    let ticks = 0;
    for (const pid of pids) {
      // Fields 14 and 15 (utime, stime) after the command name in parentheses.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

export async function esfReport(): Promise<BenchResult> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  if (!(await reachable(adminUrl))) {
    const why = `PostgreSQL is not reachable at ${adminUrl.replace(/\/\/[^@]*@/, '//…@')}; start it (or set DATABASE_URL) to run this benchmark`;
    console.log(`  SKIPPED: ${why}`);
    return { name: 'esf-report', skipped: why, checks: [] };
  }
  const name = `schakel_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();

  let database: Database | undefined;
  try {
    database = await openDatabase({ url, poolSize: 2 });
    await database.migrate();

    // Generation runs as the owner on one connection (the generator uses a temporary table).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const generation = performance.now();
    let organisationId: string;
    let programmeId: string;
    let sizes: Record<string, number> = {};
    let refreshSeconds = 0;
    let tableMb = 0;
    try {
      organisationId = (await client.query(`insert into organisations (id, name, slug) values (gen_random_uuid(), 'ESF bench', 'esf-bench') returning id`))
        .rows[0].id;
      const placeIds = (
        await client.query(
          `insert into places (organisation_id, id, name, city) values ($1, gen_random_uuid(), 'Heusden', 'Heusden-Zolder'), ($1, gen_random_uuid(), 'Sint-Niklaas', 'Sint-Niklaas') returning id`,
          [organisationId],
        )
      ).rows.map((r) => r.id as string);
      const programmeIds = (
        await client.query(
          `insert into programmes (organisation_id, id, name) values ($1, gen_random_uuid(), 'SamenWerkt'), ($1, gen_random_uuid(), 'Sleutel naar werk') returning id`,
          [organisationId],
        )
      ).rows.map((r) => r.id as string);
      programmeId = programmeIds[0];
      for (const statement of esfDataStatements({
        organisationId,
        programmeId,
        otherProgrammeId: programmeIds[1],
        placeIds: [placeIds[0], placeIds[1]],
        participants: PARTICIPANTS,
        seed: 42,
      })) {
        const t = performance.now();
        await client.query(statement);
        if (statement.startsWith('select refresh_esf_records')) refreshSeconds = round((performance.now() - t) / 1000, 1);
      }
      tableMb = (await client.query(`select round(pg_total_relation_size('esf_records') / 1048576.0)::int as mb`)).rows[0].mb;
      sizes = (
        await client.query(
          `select (select count(*) from pathways)::int as pathways, (select count(*) from pathway_entry_data)::int as entry_data,
            (select count(*) from pathway_events)::int as events, (select count(*) from follow_ups)::int as follow_ups,
            (select count(*) from esf_records)::int as esf_records`,
        )
      ).rows[0];
    } finally {
      await client.end();
    }
    const generationSeconds = round((performance.now() - generation) / 1000, 1);
    console.log(`  generated ${PARTICIPANTS.toLocaleString('en')} participants in ${generationSeconds} s (refresh_esf_records ${refreshSeconds} s)`);
    console.log(`  rows: ${JSON.stringify(sizes)}`);

    const reports = reportsService(database.db);
    const auth: Auth = {
      accountId: '00000000-0000-7000-8000-000000000000',
      organisationId,
      personId: '00000000-0000-7000-8000-000000000000',
      personKind: 'staff',
      login: 'coordinator@bench',
      locale: 'nl',
      roles: [{ role: 'coordinator', placeId: null }],
    };
    // As the application runs it: the server's parallel workers may share the scan.
    const run = async () => {
      const t = performance.now();
      const report = await reports.esf(auth, { programmeId });
      return { ms: performance.now() - t, report };
    };
    const warm = await run();
    console.log(`  warm-up ${Math.round(warm.ms)} ms`);
    const times: number[] = [];
    let last = warm.report;
    for (let i = 0; i < RUNS; i++) {
      const r = await run();
      times.push(r.ms);
      last = r.report;
      console.log(`  run ${i + 1}: ${Math.round(r.ms)} ms`);
    }

    // The CPU cost, measured without parallel workers (whose time /proc cannot attribute once
    // they exit): a second pool on a database whose sessions plan serially.
    await adminQuery(adminUrl, `alter database ${name} set max_parallel_workers_per_gather = 0`);
    const serial = await openDatabase({ url, poolSize: 1 });
    const serialCpu: number[] = [];
    const serialMs: number[] = [];
    try {
      const serialReports = reportsService(serial.db);
      const serialProbe = new pg.Client({ connectionString: url });
      await serialProbe.connect();
      await serialReports.esf(auth, { programmeId });
      for (let i = 0; i < RUNS; i++) {
        const before = await serverCpuSeconds(serialProbe);
        const t = performance.now();
        await serialReports.esf(auth, { programmeId });
        serialMs.push(performance.now() - t);
        const after = await serverCpuSeconds(serialProbe);
        if (before !== null && after !== null) serialCpu.push((after - before) * 1000);
        console.log(`  serial run ${i + 1}: ${Math.round(serialMs[i])} ms${serialCpu[i] === undefined ? '' : `, database CPU ${Math.round(serialCpu[i])} ms`}`);
      }
      await serialProbe.end();
    } finally {
      await serial.close();
    }
    const total = last.outputs[0].counts.total;
    const med = round(median(times), 0);
    return {
      name: 'esf-report',
      participants: PARTICIPANTS,
      rows: sizes,
      generationSeconds,
      refreshSeconds,
      esfRecordsMb: tableMb,
      runsMs: times.map((t) => round(t, 0)),
      serialRunsMs: serialMs.map((t) => round(t, 0)),
      serialDatabaseCpuMs: serialCpu.map((t) => round(t, 0)),
      warmupMs: round(warm.ms, 0),
      outputs: Object.fromEntries(last.outputs.map((r) => [r.code, r.counts])),
      results: Object.fromEntries(last.results.map((r) => [r.code, r.counts])),
      warnings: Object.fromEntries(last.warnings.map((w) => [w.code, w.count])),
      checks: [
        { metric: 'median report time', value: med, unit: 'ms', target: `<= ${TARGET_MS} ms`, pass: med <= TARGET_MS },
        { metric: 'slowest run', value: round(Math.max(...times), 0), unit: 'ms', target: '(info)', pass: true },
        ...(serialCpu.length
          ? [
              {
                metric: 'median database CPU time per report (serial)',
                value: round(median(serialCpu), 0),
                unit: 'ms',
                target: '(info: the time on one idle core)',
                pass: true,
              },
            ]
          : []),
        // A report that counted too few would be fast for the wrong reason.
        { metric: 'participants counted (EECO01)', value: total, unit: '', target: `= ${PARTICIPANTS}`, pass: total === PARTICIPANTS },
      ],
    };
  } finally {
    await database?.close();
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
}
