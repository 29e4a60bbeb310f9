import type { FastifyInstance } from 'fastify';

/**
 * A background job of the app: first run `firstDelayMs` after the app is ready, then every
 * `everyMs`; stopped when the app closes. Failures are logged, never thrown. The timers do not
 * keep the process alive. Each job makes its own work idempotent (e.g. `reminded_at`).
 */
export function repeatWhileRunning(app: FastifyInstance, name: string, fn: () => Promise<unknown>, opts: { firstDelayMs: number; everyMs: number }) {
  let first: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  const run = () => void fn().catch((err) => app.log.error({ err }, `${name} failed`));
  app.addHook('onReady', async () => {
    first = setTimeout(run, opts.firstDelayMs);
    first.unref();
    timer = setInterval(run, opts.everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
