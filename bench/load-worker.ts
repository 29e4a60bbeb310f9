/**
 * Runs autocannon in a worker thread, so the load generator has its own event loop and does not
 * queue behind the server it measures (which runs on the main thread of the same process).
 * Every request takes the next path of `paths`, round-robin over all connections.
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  paths: string[];
  connections: number;
  durationSec: number;
  warmupSec: number;
}

export interface LoadSummary {
  requests: number;
  durationSec: number;
  requestsPerSec: number;
  latencyMs: { min: number; mean: number; p50: number; p90: number; p95: number; p99: number; max: number };
  autocannonLatencyMs: { p50: number; p97_5: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

function run(opts: LoadOptions, record?: number[]) {
  let next = 0;
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: record ? opts.durationSec : opts.warmupSec,
        timeout: 10,
        headers: opts.headers,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: opts.paths[next++ % opts.paths.length] }) }],
      },
      // Inside a worker thread autocannon hands back raw, encoded histograms: aggregate them here.
      (err, raw) => (err ? reject(err) : resolve(autocannon.aggregateResult([raw], { url: opts.url }))),
    );
    if (record) instance.on('response', (_client, _status, _bytes, responseTime) => record.push(responseTime));
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function main(opts: LoadOptions): Promise<LoadSummary> {
  if (opts.warmupSec > 0) await run(opts);
  const times: number[] = [];
  const r = await run(opts, times);
  times.sort((a, b) => a - b);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: r.requests.total,
    durationSec: r.duration,
    requestsPerSec: r2(r.requests.total / r.duration),
    latencyMs: {
      min: r2(times[0]),
      mean: r2(times.reduce((a, b) => a + b, 0) / times.length),
      p50: r2(pct(times, 50)),
      p90: r2(pct(times, 90)),
      p95: r2(pct(times, 95)),
      p99: r2(pct(times, 99)),
      max: r2(times[times.length - 1]),
    },
    autocannonLatencyMs: { p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99 },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
  };
}

if (parentPort) {
  main(workerData as LoadOptions).then(
    (summary) => parentPort?.postMessage({ ok: true, summary }),
    (e: Error) => parentPort?.postMessage({ ok: false, error: e.stack ?? e.message }),
  );
}
