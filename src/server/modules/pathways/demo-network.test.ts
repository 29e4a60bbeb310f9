import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../../test/helper.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../demo/seed.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await loadDemoIfEmpty(ctx.db);
});
afterAll(() => ctx.close());

const as = async (who: string) => ({ cookie: (await login(ctx.app, `${who}@blenders.demo`, DEMO_PASSWORD)).cookie });

describe('network demo data', () => {
  it("partner@'s inbox holds one referral, to VDAB; the participant's file has referrals to OCMW and CAW with feedback or waiting for consent", async () => {
    const inbox = (await ctx.app.inject({ url: '/api/v1/partner/referrals', headers: await as('partner') })).json();
    expect(inbox.partnerName).toBe('VDAB');
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ service: 'Opleiding medewerker grootkeuken', status: 'sent' });

    const me = await as('deelnemer');
    const mine = (await ctx.app.inject({ url: '/api/v1/me/download', headers: me })).json();
    const refs = mine.pathways[0].referralsOut;
    expect(refs.map((r: { partnerName: string; status: string; consentStanding: boolean }) => [r.partnerName, r.status, r.consentStanding])).toEqual(
      expect.arrayContaining([
        ['OCMW Lier', 'started', true],
        ['VDAB', 'sent', true],
        ['CAW De Kempen', 'proposed', false],
      ]),
    );
    expect(refs.find((r: { partnerName: string }) => r.partnerName === 'OCMW Lier').partnerFeedback).toBeTruthy();
    expect(mine.cohorts).toEqual([expect.objectContaining({ name: 'Moedergroep Sleutel naar werk of opleiding', leftOn: null })]);
  });

  it('a completed referral to CAW with feedback, and the mothers’ group linked to its weekly session', async () => {
    const companion = await as('companion');
    const cohorts = (await ctx.app.inject({ url: '/api/v1/cohorts', headers: companion })).json().items;
    expect(cohorts).toEqual([
      expect.objectContaining({ name: 'Moedergroep Sleutel naar werk of opleiding', activityTitle: 'Samen koken: betaalbare recepten' }),
    ]);
    expect(cohorts[0].members).toBeGreaterThanOrEqual(2);
    const caseload = (await ctx.app.inject({ url: '/api/v1/pathways?scope=mine&limit=100', headers: companion })).json().items as { id: string }[];
    const statuses: string[] = [];
    for (const p of caseload) {
      const refs = (await ctx.app.inject({ url: `/api/v1/pathways/${p.id}/referrals-out`, headers: companion })).json().items;
      for (const r of refs) if (r.partnerName === 'CAW De Kempen') statuses.push(r.status);
    }
    expect(statuses).toEqual(expect.arrayContaining(['completed', 'proposed']));
  });
});
