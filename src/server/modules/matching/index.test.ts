/**
 * The database path of matching (candidates pre-selected through the matching index, ranked by the
 * engine with the figures of all offers) against the pure engine on the labelled set: the same
 * offers, in the same order of relevance, and the same recall.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { matchingIndexItems, matchingItems, people } from '../../db/schema/index.ts';
import { createEngine } from './engine/engine.ts';
import { labelledSet } from './engine/evaluate.ts';

let ctx: TestContext;
let org: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Labelled');
});
afterAll(() => ctx.close());

type Headers = { cookie: string };
const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown) => {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
  return { status: res.statusCode, body: res.json() };
};

describe('the matching index', () => {
  it('gives the same offers in the same order of relevance as the engine alone, on the labelled set', async () => {
    const set = labelledSet;
    // Owners without a place, city, languages or profile, none matched before: the factors are
    // then the same for every offer, so the order is relevance alone.
    const owners = await ctx.db
      .insert(people)
      .values(set.offers.map((_, i) => ({ organisationId: org.id, kind: 'participant' as const, givenName: `O${i}`, familyName: 'Test', languages: [] })))
      .returning({ id: people.id });
    const [asker] = await ctx.db
      .insert(people)
      .values({ organisationId: org.id, kind: 'participant', givenName: 'Vrager', familyName: 'Test', languages: [] })
      .returning({ id: people.id });
    const offerRows = await ctx.db
      .insert(matchingItems)
      .values(
        set.offers.map((o, i) => ({
          organisationId: org.id,
          side: 'offer' as const,
          ownerType: 'person' as const,
          personId: owners[i].id,
          text: o.text,
          lang: o.lang ?? null,
        })),
      )
      .returning({ id: matchingItems.id });
    const labelOf = new Map(offerRows.map((r, i) => [r.id, set.offers[i].id]));
    const requestRows = await ctx.db
      .insert(matchingItems)
      .values(
        set.requests.map((r) => ({
          organisationId: org.id,
          side: 'request' as const,
          ownerType: 'person' as const,
          personId: asker.id,
          text: r.text,
          lang: r.lang ?? null,
        })),
      )
      .returning({ id: matchingItems.id });

    const admin = await signedIn(ctx, org, 'coordinator');
    const engine = createEngine();
    const index = engine.index(set.offers);
    let recall = 0;
    for (const [i, request] of set.requests.entries()) {
      const res = await api('GET', `/matching/suggestions?requestId=${requestRows[i].id}&limit=10`, admin.headers);
      expect(res.status).toBe(200);
      const viaDb = (res.body.suggestions as { item: { id: string }; relevance: number }[]).map((s) => ({
        id: labelOf.get(s.item.id),
        relevance: s.relevance,
      }));
      const alone = engine.rank(request, index, { limit: 10 }).map((m) => ({ id: m.offer.id, relevance: m.relevance }));
      // Same relevances in the same order; the same offers except where equal relevances tie. (The
      // service leaves out the faintest, whose score with the factors falls under its minimum.)
      const relevant = (xs: { relevance: number }[]) => xs.filter((x) => x.relevance >= 0.1).map((x) => x.relevance);
      expect(relevant(viaDb)).toEqual(relevant(alone));
      const byId = new Map(alone.map((x) => [x.id, x.relevance]));
      for (const x of viaDb) if (byId.has(x.id as string)) expect(byId.get(x.id as string)).toBe(x.relevance);
      const top = viaDb.slice(0, 5).map((x) => x.id);
      recall += request.relevant.filter((id) => top.includes(id)).length / Math.min(5, request.relevant.length);
    }
    expect(recall / set.requests.length).toBeGreaterThanOrEqual(0.85);
  }, 120_000);

  it('follows writes: a new offer is found at once, a closed one no more, and index rows go with it', async () => {
    const me = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const helper = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const request = await api('POST', '/matching/requests', me.headers, { text: 'Wie leert mij breien?' });
    expect(request.status).toBe(201);
    const offer = await api('POST', '/matching/offers', helper.headers, { text: 'Ik geef breiles en haakles op woensdag' });
    expect(offer.status).toBe(201);
    const found = await api('GET', `/matching/suggestions?requestId=${request.body.id}`, me.headers);
    expect(found.body.suggestions.map((s: { item: { id: string } }) => s.item.id)).toContain(offer.body.id);

    expect((await api('PATCH', `/matching/offers/${offer.body.id}`, helper.headers, { status: 'closed' })).status).toBe(200);
    const after = await api('GET', `/matching/suggestions?requestId=${request.body.id}`, me.headers);
    expect(after.body.suggestions.map((s: { item: { id: string } }) => s.item.id)).not.toContain(offer.body.id);
    expect(await ctx.db.select().from(matchingIndexItems).where(eq(matchingIndexItems.itemId, offer.body.id))).toHaveLength(0);

    // Reopened with another text: found by the new words.
    await api('PATCH', `/matching/offers/${offer.body.id}`, helper.headers, { status: 'open', text: 'Ik leer je breien, ook voor beginners' });
    const again = await api('GET', `/matching/suggestions?requestId=${request.body.id}`, me.headers);
    expect(again.body.suggestions.map((s: { item: { id: string } }) => s.item.id)).toContain(offer.body.id);
  });

  it('answers bad or odd requests without a server error', async () => {
    const me = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const texts = ['🚲🔧 fiets!!', 'x'.repeat(2000), 'مرحبا 👋 bonjour hallo', '!!!1', 'qwzx vbnm'];
    for (const text of texts) {
      const r = await api('POST', '/matching/requests', me.headers, { text, lang: 'tlh' });
      expect([201, 400]).toContain(r.status);
      if (r.status !== 201) continue;
      const s = await api('GET', `/matching/suggestions?requestId=${r.body.id}`, me.headers);
      expect(s.status).toBe(200);
    }
    expect((await api('POST', '/matching/requests', me.headers, { text: 'y'.repeat(10_000) })).status).toBe(400);
    expect((await api('POST', '/matching/requests', me.headers, { text: '' })).status).toBe(400);
  });
});
