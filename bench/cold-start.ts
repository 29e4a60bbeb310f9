/**
 * cold-start: the real server (`node src/server/main.ts`, PGlite, demo data on) as a child
 * process, timed from spawn until /api/ready answers 200. The first run starts on an empty data
 * dir (migrations + demo data), the others restart on that same dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchResult, freePort, median, root, round, waitForOk } from './lib.ts';

const RUNS = Number(process.env.BENCH_COLD_START_RUNS ?? 5);
const TARGET_MS = 5000;

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    // SIGTERM lets PGlite close its files cleanly, so the next run starts on a sound data dir.
    child.kill('SIGTERM');
  });
}

async function startOnce(dataDir: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join('src', 'server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SCHAKEL_DEMO: 'true', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(`server exited (${signal ?? code})`)));
  try {
    await waitForOk(`http://127.0.0.1:${port}/api/ready`, 60_000, exited);
    const ms = performance.now() - started;
    // main.ts reports its own time from first line to listening; the rest is node's boot and imports.
    const own = /ready at .* in (\d+) ms/.exec(output)?.[1];
    return { ms: round(ms), serverReportedMs: own ? Number(own) : null, demoLoaded: /Demo data loaded/.test(output) };
  } catch (e) {
    throw new Error(`${(e as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
  } finally {
    await stop(child);
  }
}

export async function coldStart(): Promise<BenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'schakel-bench-cold-'));
  const runs: { run: number; kind: 'empty data dir' | 'restart'; ms: number; serverReportedMs: number | null; demoLoaded: boolean }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await startOnce(dataDir);
      runs.push({ run: i + 1, kind: i === 0 ? 'empty data dir' : 'restart', ...r });
      console.log(`  run ${i + 1} (${i === 0 ? 'empty data dir: migrations + demo data' : 'restart'}): ready in ${r.ms} ms`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const all = runs.map((r) => r.ms);
  const first = runs[0].ms;
  const restarts = runs.slice(1).map((r) => r.ms);
  const worst = Math.max(...all);
  return {
    name: 'cold-start',
    description: 'node src/server/main.ts on PGlite with demo data: spawn until GET /api/ready answers 200',
    runs,
    firstMs: first,
    medianMs: median(all),
    medianRestartMs: restarts.length ? median(restarts) : null,
    maxMs: worst,
    checks: [
      { metric: 'ready, first start (empty dir)', value: first, unit: 'ms', target: `<= ${TARGET_MS} ms`, pass: first <= TARGET_MS },
      { metric: 'ready, median of all runs', value: median(all), unit: 'ms', target: `<= ${TARGET_MS} ms`, pass: median(all) <= TARGET_MS },
    ],
  };
}
