import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../../test/helper.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../demo/seed.ts';
import { utcToLocal } from './recurrence.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await loadDemoIfEmpty(ctx.db);
});
afterAll(() => ctx.close());

describe('activities demo data', () => {
  it('has the weekly open house in Lier on Tuesday 13:30, a network event page and attendance to count', async () => {
    const mm = await login(ctx.app, 'matchmaker@blenders.demo', DEMO_PASSWORD);
    const headers = { cookie: mm.cookie };
    const types = (await ctx.app.inject({ url: '/api/v1/activity-types', headers })).json().items;
    expect(types).toHaveLength(7);
    const me = (await ctx.app.inject({ url: '/api/v1/auth/me', headers })).json();
    const placeId = me.roles[0].placeId;
    const today = utcToLocal(new Date()).date;
    const to = new Date(Date.parse(`${today}T00:00:00Z`) + 28 * 86_400_000).toISOString().slice(0, 10);
    const cal = await ctx.app.inject({ url: `/api/v1/activities/calendar?placeId=${placeId}&from=${today}&to=${to}`, headers });
    expect(cal.statusCode).toBe(200);
    const openHouses = cal.json().items.filter((o: { typeKey: string }) => o.typeKey === 'open-house');
    expect(openHouses.length).toBeGreaterThanOrEqual(3);
    for (const o of openHouses) {
      expect(new Date(o.startsAt).getUTCDay()).toBe(2);
      expect(utcToLocal(new Date(o.startsAt)).time).toBe('13:30');
    }
    const event = await ctx.app.inject({ url: '/api/v1/public/events/netwerkmoment-samenwerkt' });
    expect(event.json()).toMatchObject({ title: 'Netwerkmoment SamenWerkt', open: true });
    expect(event.json().programme.map((p: { start: string }) => p.start)).toEqual(['13:30', '14:00', '15:30']);
    // The series reads back whole, so its organisers can open the form to change it.
    const series = await ctx.app.inject({ url: `/api/v1/activities/${openHouses[0].activityId}`, headers });
    expect(series.statusCode).toBe(200);
    expect(series.json().schedule).toMatchObject({ startTime: '13:30', recurrence: { weekdays: [2], exceptions: [] } });
    const counts = (await ctx.app.inject({ url: '/api/v1/activities/attendance-counts', headers })).json().items;
    expect(counts.length).toBeGreaterThan(0);
  });
});
