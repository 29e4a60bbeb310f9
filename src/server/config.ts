import { z } from 'zod';

/**
 * Every environment variable Schakel reads, parsed once at start. The description of each is
 * the documentation: docs/configuration.md is generated from this list (`npm run docs:config`).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSpec = {
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('TCP port the web app and API listen on.'),
  HOST: z.string().default('127.0.0.1').describe('Address to listen on; use 0.0.0.0 to accept connections from other machines.'),
  DATA_DIR: z.string().default('./data').describe('Where the embedded database (PGlite) and, without SMTP, sent mail are kept.'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .describe('postgres://user:password@host:port/db. When set, Schakel uses this PostgreSQL server instead of the embedded database.'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20).describe('Connections in the PostgreSQL pool.'),
  SMTP_URL: z
    .string()
    .optional()
    .describe('smtp://user:pass@host:587 or smtps://... for outgoing mail. Unset: mail is written to DATA_DIR/mail and the log.'),
  MAIL_FROM: z.string().default('Schakel <no-reply@schakel.local>').describe('Sender of password-reset and other mails.'),
  PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .describe('The address people use to reach Schakel, for links in mails and QR codes. Default http://localhost:PORT.'),
  SCHAKEL_DEMO: bool.default(true).describe('Load demo data into an empty database at start (true/false).'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14).describe('How long a sign-in lasts without activity.'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5).describe('Failed sign-ins per account or address within 15 minutes before sign-in is paused.'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | string => (v === 'true' ? true : v === 'false' ? false : v))
    .describe(
      'Behind a reverse proxy: true, or the proxies\' addresses (comma-separated), so that sign-in throttling sees the real client address. false: use the connecting address.',
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Server log level.'),
  MATCHING_EMBEDDINGS_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'Optional semantic matching: the base address of an OpenAI-compatible embeddings API (Schakel calls POST {url}/embeddings). Unset (default): matching uses its own engine only. Offer texts are sent to this service.',
    ),
  MATCHING_EMBEDDINGS_MODEL: z.string().default('text-embedding-3-small').describe('The model name sent to the embeddings API.'),
  MATCHING_EMBEDDINGS_API_KEY: z.string().optional().describe('Sent as "Authorization: Bearer <key>" to the embeddings API, when it needs one.'),
};

const schema = z.object(configSpec);
export type Config = z.infer<typeof schema> & { publicUrl: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty (or blank) strings count as unset so that `DATABASE_URL= npm start` means "embedded";
  // a blank PORT would otherwise coerce to 0, a random port.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '') };
}
