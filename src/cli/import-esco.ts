/**
 * `npm run schakel -- import-esco --organisation <slug> FILE...`: ESCO's CSV downloads
 * (skills_<lang>.csv, occupations_<lang>.csv; one file per language) become the organisation's own
 * concepts. All files land together or not at all; a wrong row is named (file, row, reason) and
 * nothing is imported then (exit code 2). Importing again updates, never duplicates.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { organisations } from '../server/db/schema/index.ts';
import { EscoImportError, taxonomyService } from '../server/modules/matching/taxonomy/service.ts';

const help = `Usage: npm run schakel -- import-esco --organisation <slug> FILE...

Imports ESCO CSV files as the organisation's own matching concepts: skills_<lang>.csv,
occupations_<lang>.csv (or skillGroups_<lang>.csv) as downloaded from ESCO, for nl, en, fr or ar.
The language comes from the file name. The same conceptUri in several files is one concept with
a label per language. A second import updates what changed.

Options:
  --organisation SLUG   the organisation (its slug)
  --help                this help
`;

export async function importEscoCommand(
  args: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  let slug: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      out(help);
      return 0;
    }
    if (a === '--organisation' || a === '--org') slug = args[++i];
    else if (a.startsWith('--organisation=')) slug = a.slice('--organisation='.length);
    else if (a.startsWith('-')) {
      err(`schakel import-esco: unknown option ${a}\n\n${help}`);
      return 2;
    } else files.push(a);
  }
  if (!slug) {
    err(`schakel import-esco: say which organisation: --organisation <slug>\n`);
    return 2;
  }
  if (!files.length) {
    err(`schakel import-esco: name at least one ESCO CSV file\n`);
    return 2;
  }
  for (const f of files) {
    if (!existsSync(f) || !statSync(f).isFile()) {
      err(`schakel import-esco: ${f}: no such file\n`);
      return 2;
    }
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    err(`schakel import-esco: ${(e as Error).message}\n`);
    return 2;
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.resolve(config.DATA_DIR, 'db'), poolSize: 2 });
  try {
    await database.migrate();
    const [org] = await database.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.slug, slug));
    if (!org) {
      err(`schakel import-esco: there is no organisation "${slug}"\n`);
      return 2;
    }
    const started = Date.now();
    const result = await taxonomyService(database.db).importEsco(
      org.id,
      null,
      files.map((f) => ({ name: path.basename(f), content: createReadStream(f) })),
    );
    for (const f of result.files) out(`${f.file} (${f.language}): ${f.rows} rows\n`);
    out(
      `Imported into ${org.name}: ${result.concepts} concepts, ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged (${((Date.now() - started) / 1000).toFixed(1)} s).\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof EscoImportError) {
      err(`schakel import-esco: nothing imported. ${e.message}\n`);
      for (const p of e.problems) err(`  ${p.file}${p.row ? `, row ${p.row}` : ''}: ${p.reason}\n`);
      return 2;
    }
    const cause = (e as Error).cause instanceof Error ? ` (${((e as Error).cause as Error).message})` : '';
    err(`schakel import-esco failed: ${(e as Error).message.split('\n')[0]}${cause}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
