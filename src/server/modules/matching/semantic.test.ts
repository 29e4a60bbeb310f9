import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, signedIn, type TestContext } from '../../../../test/helper.ts';
import { semanticProvider } from './semantic.ts';

/**
 * A fake OpenAI-compatible embeddings service with fixed vectors: the neighbourhood party request
 * and the offer with a party emoji lie close; everything else points elsewhere.
 */
function fakeEmbeddings(behaviour: 'ok' | 'error' | 'slow') {
  const asked: string[] = [];
  const auth: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const { input, model } = JSON.parse(body) as { input: string[]; model: string };
      asked.push(...input);
      auth.push(req.headers.authorization);
      if (behaviour === 'error' || req.url !== '/v1/embeddings' || model !== 'fake-model') {
        res.writeHead(500).end('{"error":"down"}');
        return;
      }
      const vector = (text: string) => (/buurtfeest/i.test(text) ? [1, 0, 0] : text.includes('🎉') ? [0.9, 0.1, 0.05] : [0, 0.2, 1]);
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: input.map((t, index) => ({ object: 'embedding', index, embedding: vector(t) })), model }));
      };
      if (behaviour === 'slow') setTimeout(answer, 20_000).unref();
      else answer();
    });
  });
  return {
    asked,
    auth,
    server,
    async url() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
  };
}

async function setUp(env: Record<string, string>) {
  const ctx = await createTestApp(env);
  const org = await newOrganisation(ctx.db);
  const cook = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
  const baker = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
  const asker = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
  const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
  const post = async (h: { cookie: string }, side: string, text: string) =>
    (await ctx.app.inject({ method: 'POST', url: `/api/v1/matching/${side}`, headers: h, payload: { text } })).json().id as string;
  // The same words for the engine; only the meaning service tells them apart. The first posted wins a tie.
  const plain = await post(baker.headers, 'offers', 'Ik kook graag voor veel mensen.');
  const party = await post(cook.headers, 'offers', 'Ik kook graag voor veel mensen. 🎉');
  const request = await post(asker.headers, 'requests', 'Wie kookt voor veel mensen op ons buurtfeest?');
  const suggest = async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/matching/suggestions?requestId=${request}&locale=nl`, headers: mm.headers });
    expect(res.statusCode).toBe(200);
    return res.json().suggestions as { item: { id: string }; score: number; reasons: { kind: string; text: string }[] }[];
  };
  return { ctx, suggest, plain, party };
}

describe('semantic provider', () => {
  const fakes: Server[] = [];
  const contexts: TestContext[] = [];
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  beforeAll(() => {
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    for (const c of contexts) await c.close();
    for (const s of fakes) {
      s.closeAllConnections();
      s.close();
    }
  });

  it('off by default: the engine ranks alone', { timeout: 60_000 }, async () => {
    const { ctx, suggest, plain, party } = await setUp({});
    contexts.push(ctx);
    const got = await suggest();
    const ids = got.map((s) => s.item.id);
    // A tie for the engine: the first posted comes first.
    expect(ids.indexOf(plain)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(plain)).toBeLessThan(ids.indexOf(party));
    expect(got.flatMap((s) => s.reasons.map((r) => r.kind))).not.toContain('meaning');
  });

  it('adds closeness in meaning to the ranking with a reason, and asks for each text once', { timeout: 60_000 }, async () => {
    const fake = fakeEmbeddings('ok');
    fakes.push(fake.server);
    const { ctx, suggest, plain, party } = await setUp({
      MATCHING_EMBEDDINGS_URL: await fake.url(),
      MATCHING_EMBEDDINGS_MODEL: 'fake-model',
      MATCHING_EMBEDDINGS_API_KEY: 'k3y',
    });
    contexts.push(ctx);
    const got = await suggest();
    const ids = got.map((s) => s.item.id);
    expect(ids.indexOf(party)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(party)).toBeLessThan(ids.indexOf(plain));
    const partyReasons = got.find((s) => s.item.id === party)?.reasons ?? [];
    expect(partyReasons).toContainEqual({ kind: 'meaning', text: 'Ze lijken op elkaar in betekenis' });
    expect(got.find((s) => s.item.id === plain)?.reasons.map((r) => r.kind)).not.toContain('meaning');
    expect(fake.auth[0]).toBe('Bearer k3y');

    // Cached per text in the database: asking again sends nothing new.
    const before = fake.asked.length;
    await suggest();
    expect(fake.asked.length).toBe(before);
    expect(new Set(fake.asked).size).toBe(fake.asked.length);
  });

  for (const behaviour of ['error', 'slow'] as const) {
    it(`a provider that ${behaviour === 'error' ? 'fails' : 'does not answer within 2 s'} never breaks matching: the engine alone, and a warning`, async () => {
      const fake = fakeEmbeddings(behaviour);
      fakes.push(fake.server);
      const { ctx, suggest, plain, party } = await setUp({ MATCHING_EMBEDDINGS_URL: await fake.url(), MATCHING_EMBEDDINGS_MODEL: 'fake-model' });
      contexts.push(ctx);
      const started = Date.now();
      const got = await suggest();
      // The answer would take 20 s: matching gave up after 2 s (allowing for a busy machine).
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(got.map((s) => s.item.id)).toEqual(expect.arrayContaining([plain, party]));
      expect(got.flatMap((s) => s.reasons.map((r) => r.kind))).not.toContain('meaning');
      expect(warnings.some((w) => w.includes('semantic provider') && w.includes(behaviour === 'slow' ? 'within 2000 ms' : 'HTTP 500'))).toBe(true);
    }, 60_000);
  }
});

describe('semanticProvider answers', () => {
  it('refuses an answer that is not a list of vectors, one per text', async () => {
    const logged: string[] = [];
    const bad = semanticProvider({
      url: 'http://embeddings.test/v1',
      model: 'm',
      log: (m) => logged.push(m),
      fetch: async () => new Response(JSON.stringify({ data: [{ index: 0, embedding: ['x'] }] }), { status: 200 }),
    });
    const tx = { select: () => ({ from: () => ({ where: async () => [] }) }) } as never;
    expect(await bad.vectors(tx, 'org', [{ id: 'a', text: 'hallo' }])).toBeNull();
    expect(logged[0]).toMatch(/not a list of numbers/);
  });
});
