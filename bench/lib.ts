/** Shared helpers for the benchmarks: machine facts, ports, statistics, results. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const resultsDir = path.join(root, 'bench', 'results');

export interface Check {
  metric: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}

export interface BenchResult {
  name: string;
  skipped?: string;
  checks: Check[];
  [key: string]: unknown;
}

/** What a figure means depends on the machine: every result carries these facts. */
export function machineFacts() {
  const cpus = os.cpus();
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    // Other work on the machine skews the figures: the 1-minute load average just before the benchmark.
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    ci: !!process.env.CI,
    commit,
  };
}

/** `machine`: the facts taken before the benchmark started (its own load would count otherwise). */
export function writeResult(result: BenchResult, machine = machineFacts()) {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify({ ...result, machine }, null, 2)}\n`);
  return path.relative(root, file);
}

/** A port the OS says is free now (a small race with other processes is acceptable here). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
export const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `url` until it answers 200; rejects when `giveUp` resolves first or after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs: number, giveUp?: Promise<unknown>) {
  const deadline = Date.now() + timeoutMs;
  let stopped: unknown;
  giveUp?.then((why) => (stopped = why ?? 'stopped'));
  while (Date.now() < deadline) {
    if (stopped) throw new Error(`gave up waiting for ${url}: ${String(stopped)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Whether a PostgreSQL server answers at `url` (benchmarks skip with a message when not). */
export async function reachable(url: string) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** One statement on its own connection: creating and dropping a benchmark's database. */
export async function adminQuery(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Listens on a free loopback port and signs in as `account`; the Cookie header for later requests. */
export async function listenAndSignIn(app: FastifyInstance, account: { login: string; password: string } | undefined) {
  if (!account) throw new Error('the generator made no account for this role');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: account.login, password: account.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { base, headers: { cookie } };
}
