/**
 * An empty PGlite database cluster, made once at install time (npm's postinstall) and kept in
 * node_modules/.cache. Creating a cluster (initdb) is most of a first start on the embedded
 * database, 2-4 s; unpacking this copy takes about half a second. Without it, Schakel simply
 * runs initdb as before.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// Named by PGlite's version: a cluster from another version must not be used.
const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
export const templatePath = path.join(root, 'node_modules', '.cache', 'schakel', `pglite-${version}-empty.tar.gz`);

export const pgliteExtensions = { pg_trgm };

export function readTemplate(): Blob | undefined {
  return existsSync(templatePath) ? new Blob([readFileSync(templatePath)]) : undefined;
}

export async function buildTemplate(): Promise<'built' | 'present'> {
  if (existsSync(templatePath)) return 'present';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'schakel-pglite-'));
  try {
    const db = await PGlite.create({ dataDir: dir, extensions: pgliteExtensions });
    const dump = await db.dumpDataDir('gzip');
    await db.close();
    mkdirSync(path.dirname(templatePath), { recursive: true });
    // Written aside and renamed, so that a start never reads half a file.
    const partial = `${templatePath}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, templatePath);
    return 'built';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Run by npm's postinstall: never fail an install over a speed-up.
  buildTemplate().then(
    (r) => console.log(r === 'built' ? `schakel: prepared an empty embedded database (${path.relative(root, templatePath)})` : ''),
    (e) => console.warn(`schakel: could not prepare the embedded database template (${(e as Error).message}); first starts will take a few seconds longer`),
  );
}
