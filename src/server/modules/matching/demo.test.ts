import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../../test/helper.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../demo/seed.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await loadDemoIfEmpty(ctx.db);
});
afterAll(() => ctx.close());

describe('matching demo data', () => {
  it("fills Lier's board, and the demo participant has a proposal to answer and suggestions", async () => {
    const mm = { cookie: (await login(ctx.app, 'matchmaker@blenders.demo', DEMO_PASSWORD)).cookie };
    const me = (await ctx.app.inject({ url: '/api/v1/auth/me', headers: mm })).json();
    const placeId = me.roles[0].placeId;
    const board = (await ctx.app.inject({ url: `/api/v1/matching/board?placeId=${placeId}`, headers: mm })).json();
    expect(board.placeName).toBe('Stuyfplek Lier');
    expect(board.unmatchedRequests.length).toBeGreaterThan(3);
    expect(board.unmatchedRequests.some((u: { suggestions: unknown[] }) => u.suggestions.length > 0)).toBe(true);
    expect(board.unmatchedDreams.length).toBeGreaterThan(0);
    for (const status of ['proposed', 'connected', 'followed-up', 'closed', 'declined', 'withdrawn'])
      expect(board.matches[status].length, status).toBeGreaterThan(0);
    const offers = (await ctx.app.inject({ url: '/api/v1/matching/offers?limit=200', headers: mm })).json();
    expect(offers.total).toBeGreaterThanOrEqual(15);

    const participant = { cookie: (await login(ctx.app, 'deelnemer@blenders.demo', DEMO_PASSWORD)).cookie };
    const forMe = (await ctx.app.inject({ url: '/api/v1/matching/for-me?locale=ar', headers: participant })).json();
    // Two proposals wait for her: a kitchen for her request, and someone who asks for her cooking.
    expect(forMe.waiting.map((m: { can: { answerAs: string[] } }) => m.can.answerAs).sort()).toEqual([['offerer'], ['requester']]);
    expect(forMe.suggestions.length).toBeGreaterThanOrEqual(2);
    const catering = forMe.suggestions.find((s: { item: { text: string } }) => s.item.text.includes('ondernemingsplan'));
    expect(catering.suggestions.map((x: { item: { text: string } }) => x.item.text).join(' ')).toMatch(/ondernemingsplan/);
  });
});
