/**
 * End-to-end runner: builds the web app, starts the real server (PGlite in a temporary data dir,
 * demo data) on a free port, runs each journey in a fresh browser context of Debian's Chromium,
 * checks every visited page with axe, and always stops the server.
 *
 *   npm run test:e2e                 all journeys
 *   npm run test:e2e -- arabic       only journeys whose id contains "arabic"
 *   E2E_SKIP_BUILD=1                 reuse dist/web (quicker while writing journeys)
 *   CHROMIUM=/path/to/chromium       another browser binary
 *
 * Ends with the line `e2e: N passed, M failed`; exits non-zero when anything failed.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { journeys as baseJourneys, type JourneySpec } from './journeys.ts';
import { AccessibilityError, type AxeFinding, formatFindings, Journey, root, screenshotDir } from './support.ts';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const JOURNEY_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_MS = 20 * 60_000;
// As the machine notes say: without the background-networking flags Chromium keeps dialling out on a closed network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const filters = process.argv.slice(2);
// Each area adds its journeys in its own file under e2e/journeys/, exporting `journeys`.
const areaDir = path.join(root, 'e2e', 'journeys');
const areaJourneys: JourneySpec[] = [];
if (existsSync(areaDir)) {
  for (const f of readdirSync(areaDir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(path.join(areaDir, f))) as { journeys: JourneySpec[] };
    areaJourneys.push(...mod.journeys);
  }
}
const journeys = [...baseJourneys, ...areaJourneys];
const selected = journeys.filter((j) => !filters.length || filters.some((f) => j.id.includes(f)));
let passed = 0;
let failed = 0;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let dataDir: string | undefined;
const logFile = path.join(root, 'test-results', 'e2e-server.log');

function summary() {
  return `e2e: ${passed} passed, ${failed} failed`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function stopServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function cleanup() {
  await browser?.close().catch(() => {});
  await stopServer();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

// Whatever happens, the server does not outlive the runner.
process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    console.log(`\nInterrupted (${signal}); stopping the server.`);
    await cleanup();
    failed = Math.max(failed, 1);
    console.log(summary());
    process.exit(130);
  });
}
setTimeout(async () => {
  console.log(`\nThe whole run took longer than ${RUN_TIMEOUT_MS / 60_000} minutes; giving up.`);
  await cleanup();
  failed += selected.length - passed - failed || 1;
  console.log(summary());
  process.exit(1);
}, RUN_TIMEOUT_MS).unref();

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function startServer(): Promise<{ baseUrl: string; tail: () => string }> {
  const port = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'schakel-e2e-'));
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  let recent = '';
  const keep = (d: Buffer) => {
    log.write(d);
    recent = (recent + d.toString()).slice(-8000);
  };
  server = spawn(process.execPath, [path.join('src', 'server', 'main.ts')], {
    cwd: root,
    // DATABASE_URL emptied: the journeys always run on their own embedded database with demo data.
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SCHAKEL_DEMO: 'true',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  let exited: string | undefined;
  server.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  for (;;) {
    if (exited) throw new Error(`the server ${exited} before it was ready:\n${recent}`);
    if (Date.now() - started > 60_000) throw new Error(`the server was not ready within 60 s:\n${recent}`);
    try {
      const res = await fetch(`${baseUrl}/api/ready`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`Server ready at ${baseUrl} in ${Date.now() - started} ms (log: ${path.relative(root, logFile)})`);
  return { baseUrl, tail: () => recent };
}

async function main() {
  if (!selected.length) throw new Error(`no journey matches ${filters.join(', ')}; known: ${journeys.map((j) => j.id).join(', ')}`);
  // Screenshots from an earlier run of these journeys would mislead.
  if (existsSync(screenshotDir)) {
    for (const f of readdirSync(screenshotDir)) if (selected.some((j) => f.startsWith(`${j.id}-`))) rmSync(path.join(screenshotDir, f));
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM`);

  if (!process.env.E2E_SKIP_BUILD) {
    console.log('Building the web app (npm run build)…');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', timeout: 10 * 60_000 });
    if (build.status !== 0) throw new Error(`npm run build failed (${build.signal ?? build.status})`);
  }
  const { baseUrl, tail } = await startServer();

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  console.log(`Chromium ${browser.version()}; screenshots in ${path.relative(root, screenshotDir)}/\n`);
  const minor: AxeFinding[] = [];

  for (const spec of selected) {
    const started = Date.now();
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(20_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    const journey = new Journey(spec.id, page, baseUrl);
    try {
      await withTimeout(spec.run(journey), JOURNEY_TIMEOUT_MS, `journey ${spec.id}`);
      if (pageErrors.length) throw new Error(`uncaught error(s) in the page:\n${pageErrors.join('\n')}`);
      passed++;
      console.log(`✔ ${spec.id}: ${spec.title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      const shot = path.join(screenshotDir, `${spec.id}-FAILED.png`);
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      console.log(`✘ ${spec.id}: ${spec.title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      if (e instanceof AccessibilityError) console.log(`  ${e.message.split('\n')[0]}\n${formatFindings(e.findings)}`);
      else {
        // Playwright appends its whole call log; the first lines say what went wrong.
        const lines = ((e as Error).message ?? String(e)).split('\n');
        console.log(`  ${lines.slice(0, 14).join('\n  ')}${lines.length > 14 ? `\n  … (${lines.length - 14} more lines)` : ''}`);
      }
      console.log(`  page: ${page.url()}; screenshot: ${path.relative(root, shot)}`);
      if (consoleErrors.length) console.log(`  browser console errors:\n    ${consoleErrors.slice(-10).join('\n    ')}`);
      if (pageErrors.length && !(e as Error).message.includes('uncaught')) console.log(`  uncaught page errors:\n    ${pageErrors.join('\n    ')}`);
    } finally {
      minor.push(...journey.minorFindings);
      await context.close().catch(() => {});
    }
  }

  if (minor.length) {
    // Moderate and minor findings do not fail the run, but should not go unseen.
    const unique = [...new Map(minor.map((f) => [`${f.id} ${f.nodes.map((n) => n.target).join()}`, f])).values()];
    console.log(`\nAccessibility notes (moderate/minor, not failing):\n${formatFindings(unique)}`);
  }
  if (failed) console.log(`\nLast server output:\n${tail().trim() || '(none)'}`);
}

try {
  await main();
} catch (e) {
  console.log(`\n${(e as Error).message}`);
  failed += Math.max(1, selected.length - passed - failed);
}
await cleanup();
console.log(`\n${summary()}`);
process.exit(failed ? 1 : 0);
