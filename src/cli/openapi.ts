import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { createMailer } from '../server/mail.ts';

/** The order of the top-level fields people expect to read an OpenAPI document in. */
const topLevel = ['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components'];

/** Copies `value` with every object's keys sorted, so that the output never depends on registration order. */
export function sortKeys(value: unknown, order: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v));
  if (value === null || typeof value !== 'object') return value;
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/**
 * The OpenAPI document of the API, built from the routes of an app on an in-memory database with
 * the default configuration, so that it is the same on every machine whatever the environment.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ SCHAKEL_DEMO: 'false' });
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const app = await buildApp({ config, database, mailer: createMailer(config) });
    await app.ready();
    const doc = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return sortKeys(doc, topLevel) as Record<string, unknown>;
  } finally {
    await database.close();
  }
}

/** The committed form: sorted keys, two-space indentation, a final newline. */
export async function openApiJson(): Promise<string> {
  return `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
}
