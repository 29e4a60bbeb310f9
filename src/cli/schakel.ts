/**
 * The `schakel` command (`npm run schakel -- <command>`): tasks around the server that do not
 * need it running. Reads the same environment variables as the server (see docs/configuration.md).
 */
import path from 'node:path';
import { type Config, loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { configurationMarkdown } from './config-doc.ts';
import { esfCommand } from './esf.ts';
import { importEscoCommand } from './import-esco.ts';
import { matchCommand } from './match.ts';
import { openApiJson } from './openapi.ts';

const usage = `Usage: npm run schakel -- <command>

Commands:
  migrate   run the database migrations on the configured database
            (DATABASE_URL, or the embedded database in DATA_DIR)
  demo      load the demo organisation and accounts when the database is empty
            (runs the migrations first)
  openapi   print the OpenAPI document of the API (what \`npm run openapi\` writes to openapi.json)
  config    print the configuration variables with defaults and meanings as Markdown
            (what \`npm run docs:config\` writes to docs/configuration.md)
  esf       compute the ESF+ common indicators from a JSON file of participants:
            esf --input FILE.json [--from DATE] [--to DATE] [--as-of DATE] (see esf --help)
  match     match requests to offers offline with the matching engine, ten best offers each:
            match --input FILE.json [--output FILE] (see match --help)
  import-esco  import ESCO CSV files (skills_<lang>.csv, occupations_<lang>.csv) as an
            organisation's own matching concepts: import-esco --organisation SLUG FILE...
  --help    show this help
`;

/** A mistake of the person at the keyboard: printed without a stack trace, exit code 2. */
class UsageError extends Error {}

function configOrExplain(): Config {
  try {
    return loadConfig();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function withDatabase<T>(fn: (database: Awaited<ReturnType<typeof openDatabase>>, where: string) => Promise<T>): Promise<T> {
  const config = configOrExplain();
  const where = config.DATABASE_URL ? 'PostgreSQL' : `the embedded database in ${path.resolve(config.DATA_DIR)}`;
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.resolve(config.DATA_DIR, 'db'), poolSize: 2 });
  try {
    return await fn(database, where);
  } finally {
    await database.close();
  }
}

const commands: Record<string, () => Promise<void>> = {
  async migrate() {
    await withDatabase(async (database, where) => {
      await database.migrate();
      console.log(`Migrations applied to ${where}.`);
    });
  },

  async demo() {
    await withDatabase(async (database, where) => {
      await database.migrate();
      const demo = await loadDemoIfEmpty(database.db);
      if (!demo) {
        console.log(`The database (${where}) already holds data: no demo data loaded.`);
        return;
      }
      const lines = demo.accounts.map((a) => `  ${a.role.padEnd(16)} ${a.login.padEnd(34)} ${a.password}`);
      console.log(`Demo data loaded into ${where} (${demo.participants} participants). Demo accounts:\n${lines.join('\n')}`);
    });
  },

  async openapi() {
    process.stdout.write(await openApiJson());
  },

  async config() {
    process.stdout.write(configurationMarkdown());
  },
};

/** Commands that read their own options and return their exit code. */
const commandsWithOptions: Record<string, (args: string[]) => Promise<number>> = {
  esf: esfCommand,
  match: matchCommand,
  'import-esco': importEscoCommand,
};

export async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  if (!command) {
    process.stderr.write(`schakel: which command?\n\n${usage}`);
    return 2;
  }
  if (Object.hasOwn(commandsWithOptions, command)) return commandsWithOptions[command](rest);
  const handler = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!handler) {
    const known = [...Object.keys(commands), ...Object.keys(commandsWithOptions)];
    process.stderr.write(`schakel: unknown command "${command}". Commands: ${known.join(', ')}; see npm run schakel -- --help\n`);
    return 2;
  }
  if (rest.length) {
    process.stderr.write(`schakel ${command}: takes no arguments, got "${rest.join(' ')}"\n`);
    return 2;
  }
  try {
    await handler();
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`schakel ${command}: ${e.message}\n`);
      return 2;
    }
    // Drizzle wraps the driver's error ("Failed query: …"); the cause says what went wrong.
    const cause = (e as Error).cause instanceof Error ? ` (${((e as Error).cause as Error).message})` : '';
    process.stderr.write(`schakel ${command} failed: ${(e as Error).message.split('\n')[0]}${cause}\n`);
    return 1;
  }
}

if (import.meta.main) {
  // exitCode, not exit(): a large document written to a pipe must be flushed first.
  process.exitCode = await run(process.argv.slice(2));
}
