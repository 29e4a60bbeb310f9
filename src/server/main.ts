import path from 'node:path';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { loadDemoIfEmpty } from './demo/seed.ts';
import { createMailer } from './mail.ts';

const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.resolve(config.DATA_DIR, 'db'), poolSize: config.DATABASE_POOL_SIZE });
await database.migrate();
const mailer = createMailer(config, config.SMTP_URL ? undefined : path.resolve(config.DATA_DIR, 'mail'), (m) => app.log.info(m));
const app = await buildApp({ config, database, mailer, logger: { level: config.LOG_LEVEL } });

if (config.SCHAKEL_DEMO) {
  const demo = await loadDemoIfEmpty(database.db);
  if (demo) {
    const lines = demo.accounts.map((a) => `  ${a.role.padEnd(16)} ${a.login.padEnd(34)} ${a.password}`);
    console.log(`\nDemo data loaded (${demo.participants} participants). Demo accounts:\n${lines.join('\n')}\n`);
  }
}

const shutdown = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

await app.listen({ port: config.PORT, host: config.HOST });
console.log(
  `Schakel is ready at ${config.publicUrl} (${database.kind === 'pglite' ? `embedded database in ${path.resolve(config.DATA_DIR)}` : 'PostgreSQL'}) in ${Math.round(performance.now() - started)} ms`,
);
