import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, signedIn, type TestContext, type TestOrganisation } from '../../../../../test/helper.ts';
import { importEscoCommand } from '../../../../cli/import-esco.ts';
import { openDatabase } from '../../../db/client.ts';
import { auditLog, matchingConcepts, organisations } from '../../../db/schema/index.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../../../test/fixtures/esco');
const fixture = (name: string) => ({ name: path.basename(name), content: readFileSync(path.join(fixtures, name), 'utf8') });

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;
type Headers = { cookie: string };
let admin: Headers;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  other = await newOrganisation(ctx.db, 'Elders');
  admin = (await signedIn(ctx, org, 'admin')).headers;
});
afterAll(() => ctx.close());

const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown) => {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
  return { status: res.statusCode, body: res.json() };
};

/** Two participants at the place: one offers, one asks; the suggestions for the request. */
async function offerAndRequest(o: TestOrganisation, offer: string, request: string) {
  const offerer = await signedIn(ctx, o, 'participant', { placeId: o.placeId });
  const asker = await signedIn(ctx, o, 'participant', { placeId: o.placeId });
  const off = await api('POST', '/matching/offers', offerer.headers, { text: offer });
  const req = await api('POST', '/matching/requests', asker.headers, { text: request });
  expect([off.status, req.status]).toEqual([201, 201]);
  const mm = await signedIn(ctx, o, 'matchmaker', { placeId: o.placeId });
  const suggest = async () => (await api('GET', `/matching/suggestions?requestId=${req.body.id}&locale=nl`, mm.headers)).body;
  return { offerId: off.body.id as string, suggest };
}

describe('own concepts', () => {
  // "kapper" and "haar knippen" are built in (hairdressing) already: a window cleaner is not.
  it('after an admin adds "glazenwasser" with the synonym "ramen lappen", a request "ramen lappen" finds "ik ben glazenwasser"', async () => {
    const { offerId, suggest } = await offerAndRequest(org, 'Ik ben glazenwasser', 'Wie komt mijn ramen lappen?');
    expect((await suggest()).suggestions.map((s: { item: { id: string } }) => s.item.id)).not.toContain(offerId);

    const created = await api('POST', '/matching/concepts', admin, {
      kind: 'skill',
      labels: { nl: 'glazenwasser', en: 'window cleaner' },
      synonyms: { nl: ['ramen lappen', 'ramen wassen'], en: ['clean windows'] },
      broader: 'cleaning-home',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      source: 'admin',
      labels: { nl: 'glazenwasser', en: 'window cleaner', fr: '' },
      synonyms: { nl: ['ramen lappen', 'ramen wassen'] },
      broader: { ref: 'cleaning-home' },
    });

    const after = await suggest();
    const hit = after.suggestions.find((s: { item: { id: string } }) => s.item.id === offerId);
    expect(hit).toBeDefined();
    expect(hit.reasons.map((r: { text: string }) => r.text).join(' ')).toMatch(/glazenwasser/);

    // Archived, it matches no more; brought back, it does again.
    await api('PATCH', `/matching/concepts/${created.body.id}`, admin, { archived: true });
    expect((await suggest()).suggestions.map((s: { item: { id: string } }) => s.item.id)).not.toContain(offerId);
    const restored = await api('PATCH', `/matching/concepts/${created.body.id}`, admin, { archived: false });
    expect(restored.body.archived).toBe(false);
    expect((await suggest()).suggestions.map((s: { item: { id: string } }) => s.item.id)).toContain(offerId);

    const audit = await ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.entityType, 'concept'), eq(auditLog.entityId, created.body.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['archive', 'create', 'restore']);
  });

  it('refuses a label another concept has in that language (409), and a broader concept that does not exist', async () => {
    await api('POST', '/matching/concepts', admin, { labels: { nl: 'Dakdekker' } });
    const twice = await api('POST', '/matching/concepts', admin, { labels: { nl: 'dakdekker', en: 'roofer' } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('concept_label_taken');
    const builtIn = await api('POST', '/matching/concepts', admin, { labels: { en: 'Bike repair' } });
    expect([builtIn.status, builtIn.body.code]).toEqual([409, 'concept_label_taken']);
    // The same word in another language is another label.
    expect((await api('POST', '/matching/concepts', admin, { labels: { fr: 'dakdekker' } })).status).toBe(201);
    const broader = await api('POST', '/matching/concepts', admin, { labels: { nl: 'rieten daken' }, broader: 'no-such-concept' });
    expect([broader.status, broader.body.code]).toEqual([400, 'concept_broader_unknown']);
    const empty = await api('POST', '/matching/concepts', admin, { labels: {} });
    expect(empty.status).toBe(400);
  });

  it('search finds own and built-in concepts by any label or synonym; only admins change them; other organisations see nothing', async () => {
    const own = await api('GET', '/matching/concepts?q=lappen', admin);
    expect(own.body.items.map((c: { labels: { nl: string } }) => c.labels.nl)).toContain('glazenwasser');
    // A language code is no word of any concept here.
    expect((await api('GET', '/matching/concepts?q=nl&source=own', admin)).body.total).toBe(0);
    const builtIn = await api('GET', '/matching/concepts?q=fietsherstelling&source=built-in', admin);
    expect(builtIn.body.items[0]).toMatchObject({ id: 'bike-repair', source: 'built-in', can: { edit: false } });
    const all = await api('GET', '/matching/concepts?limit=5', admin);
    expect(all.body.total).toBeGreaterThan(300);
    expect(all.body.items).toHaveLength(5);

    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    expect((await api('POST', '/matching/concepts', mm.headers, { labels: { nl: 'glazenwasser' } })).status).toBe(403);
    const kapper = own.body.items.find((c: { labels: { nl: string } }) => c.labels.nl === 'glazenwasser');
    const otherAdmin = (await signedIn(ctx, other, 'admin')).headers;
    expect((await api('GET', `/matching/concepts/${kapper.id}`, otherAdmin)).status).toBe(404);
    expect((await api('PATCH', `/matching/concepts/${kapper.id}`, otherAdmin, { archived: true })).status).toBe(404);
    expect((await api('GET', '/matching/concepts?source=own', otherAdmin)).body.total).toBe(0);
  });
});

describe('ESCO import', () => {
  const files = ['skills_nl.csv', 'skills_en.csv', 'occupations_nl.csv', 'occupations_en.csv'];

  it('imports the files as concepts with labels per language; importing again updates, never duplicates', async () => {
    const { offerId, suggest } = await offerAndRequest(other, 'Ik ben kapper, al twintig jaar', 'Looking for a hair stylist');
    expect((await suggest()).suggestions.map((s: { item: { id: string } }) => s.item.id)).not.toContain(offerId);
    const otherAdmin = (await signedIn(ctx, other, 'admin')).headers;
    const first = await api('POST', '/matching/concepts/esco-import', otherAdmin, { files: files.map(fixture) });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ concepts: 7, created: 7, updated: 0, unchanged: 0 });

    const list = await api('GET', '/matching/concepts?source=own&q=kapper', otherAdmin);
    const kapper = list.body.items.find((c: { escoUri: string }) => c.escoUri?.endsWith('b1a2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c71'));
    expect(kapper).toMatchObject({ source: 'esco', kind: 'domain', labels: { nl: 'kapper', en: 'hairdresser' } });
    expect(kapper.synonyms.nl).toEqual(['kapster', 'haarstylist', 'kapper-stylist', 'coiffeur']);
    expect(kapper.synonyms.en).toContain('hair stylist');

    // An English request finds the Dutch offer through the imported occupation.
    expect((await suggest()).suggestions.map((s: { item: { id: string } }) => s.item.id)).toContain(offerId);

    const again = await api('POST', '/matching/concepts/esco-import', otherAdmin, { files: files.map(fixture) });
    expect(again.body).toMatchObject({ concepts: 7, created: 0, updated: 0, unchanged: 7 });
    // A changed label in one language updates that concept and keeps its other language.
    const changed = fixture('occupations_nl.csv');
    changed.content = changed.content.replace('fietsenhersteller,', 'fietshersteller,');
    const third = await api('POST', '/matching/concepts/esco-import', otherAdmin, { files: [changed] });
    expect(third.body).toMatchObject({ concepts: 3, created: 0, updated: 1, unchanged: 2 });
    const bike = (await api('GET', '/matching/concepts?source=own&q=fietshersteller', otherAdmin)).body.items[0];
    expect(bike.labels).toMatchObject({ nl: 'fietshersteller', en: 'bicycle mechanic' });
    const rows = await ctx.db.select({ id: matchingConcepts.id }).from(matchingConcepts).where(eq(matchingConcepts.organisationId, other.id));
    expect(rows).toHaveLength(7);
  });

  it('a wrong row stops the whole import and is named by file, row and reason', async () => {
    const org3 = await newOrganisation(ctx.db, 'Sint-Niklaas');
    const admin3 = (await signedIn(ctx, org3, 'admin')).headers;
    const res = await api('POST', '/matching/concepts/esco-import', admin3, {
      files: [fixture('skills_en.csv'), { name: 'skills_nl.csv', content: readFileSync(path.join(fixtures, 'wrong/skills_nl.csv'), 'utf8') }],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('esco_import_invalid');
    expect(res.body.problems.map((p: { file: string; row: number }) => `${p.file}:${p.row}`)).toEqual([
      'skills_nl.csv:3',
      'skills_nl.csv:4',
      'skills_nl.csv:5',
    ]);
    expect(res.body.problems[0].reason).toMatch(/conceptUri/);
    // Not even the good file landed.
    expect((await api('GET', '/matching/concepts?source=own', admin3)).body.total).toBe(0);

    const lang = await api('POST', '/matching/concepts/esco-import', admin3, {
      files: [{ name: 'skills_de.csv', content: 'conceptType,conceptUri,preferredLabel\n' }],
    });
    expect(lang.body.problems[0].reason).toMatch(/not one of nl, en, fr, ar/);
    const broken = await api('POST', '/matching/concepts/esco-import', admin3, {
      files: [{ name: 'skills_nl.csv', content: 'conceptType,conceptUri,preferredLabel\nKnowledgeSkillCompetence,http://x.test/1,"open quote\n' }],
    });
    expect(broken.body.problems[0]).toMatchObject({ row: 2, reason: expect.stringMatching(/Not valid CSV/) });
  });

  // Two embedded databases opened and migrated: slow on a busy machine.
  it('the command line imports the same files into an organisation by its slug', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'schakel-esco-'));
    const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    try {
      const database = await openDatabase({ dataDir: path.join(dir, 'db') });
      await database.migrate();
      await database.db.insert(organisations).values({ name: 'Stuyfplek', slug: 'stuyfplek' });
      await database.close();
      const out: string[] = [];
      const err: string[] = [];
      const paths = files.map((f) => path.join(fixtures, f));
      expect(
        await importEscoCommand(
          ['--organisation', 'stuyfplek', ...paths],
          (s) => out.push(s),
          (s) => err.push(s),
        ),
      ).toBe(0);
      expect(out.join('')).toMatch(/7 concepts, 7 new, 0 updated, 0 unchanged/);
      expect(
        await importEscoCommand(
          ['--organisation', 'stuyfplek', ...paths],
          (s) => out.push(s),
          (s) => err.push(s),
        ),
      ).toBe(0);
      expect(out.join('')).toMatch(/7 concepts, 0 new, 0 updated, 7 unchanged/);
      expect(
        await importEscoCommand(
          ['--organisation', 'stuyfplek', path.join(fixtures, 'wrong/skills_nl.csv')],
          (s) => out.push(s),
          (s) => err.push(s),
        ),
      ).toBe(2);
      expect(err.join('')).toMatch(/nothing imported[\s\S]*skills_nl\.csv, row 3: conceptUri/);
      expect(
        await importEscoCommand(
          ['--organisation', 'nobody', ...paths],
          (s) => out.push(s),
          (s) => err.push(s),
        ),
      ).toBe(2);
    } finally {
      if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = saved.DATA_DIR;
      if (saved.DATABASE_URL) process.env.DATABASE_URL = saved.DATABASE_URL;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
