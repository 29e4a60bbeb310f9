import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../../../test/helper.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../../demo/seed.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await loadDemoIfEmpty(ctx.db);
});
afterAll(() => ctx.close());

describe('taxonomy demo data', () => {
  it("shows Blenders' own concepts on the Concepts screen, and matching knows them", async () => {
    const admin = { cookie: (await login(ctx.app, 'admin@blenders.demo', DEMO_PASSWORD)).cookie };
    const own = (await ctx.app.inject({ url: '/api/v1/matching/concepts?source=own', headers: admin })).json();
    expect(own.items.map((c: { labels: { nl: string } }) => c.labels.nl).sort()).toEqual(['boekenruil', 'buurtsoep', 'fietsbieb']);

    // An offer in Dutch names the bike library by its Lier name; a request in English finds it through the concept.
    const participant = { cookie: (await login(ctx.app, 'deelnemer@blenders.demo', DEMO_PASSWORD)).cookie };
    const offer = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/matching/offers',
      headers: participant,
      payload: { text: 'Ik help op zaterdag in de fietsbieb' },
    });
    expect(offer.statusCode).toBe(201);
    const mm = { cookie: (await login(ctx.app, 'matchmaker@blenders.demo', DEMO_PASSWORD)).cookie };
    const request = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/matching/requests',
      headers: mm,
      payload: { text: 'Where can I borrow a bike for my son?' },
    });
    expect(request.statusCode, request.body).toBe(201);
    const got = (await ctx.app.inject({ url: `/api/v1/matching/suggestions?requestId=${request.json().id}&locale=en`, headers: mm })).json();
    const hit = got.suggestions.find((s: { item: { id: string } }) => s.item.id === offer.json().id);
    expect(hit?.reasons.map((r: { text: string }) => r.text).join(' ')).toMatch(/bike library/);
  });
});
