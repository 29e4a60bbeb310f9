import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../../test/helper.ts';
import { loadConfig } from '../../config.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../demo/seed.ts';
import { policyService } from './service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await loadDemoIfEmpty(ctx.db);
});
afterAll(() => ctx.close());

const get = async (who: string, url: string) => {
  const { cookie } = await login(ctx.app, who, DEMO_PASSWORD);
  const res = await ctx.app.inject({ url: `/api/v1${url}`, headers: { cookie } });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : null, headers: res.headers };
};

describe('policy demo data', () => {
  it('shows the demo participant the answer to the childcare barrier she raised, with the merged duplicate kept', async () => {
    const mine = await get('deelnemer@blenders.demo', '/policy/barriers?mine=true');
    const childcare = mine.body.items.find((b: { domain: string }) => b.domain === 'childcare');
    expect(childcare).toMatchObject({ status: 'partly-accepted', raisedByMe: true, mergedCount: 1 });
    expect(childcare.outcomeNote).toContain('vier plaatsen');

    const detail = await get('matchmaker@blenders.demo', `/policy/barriers/${childcare.id}`);
    expect(detail.body.texts).toHaveLength(2);
    expect(detail.body.supportCount).toBe(4);
    const proposals = await get('matchmaker@blenders.demo', '/policy/proposals');
    expect(proposals.body.items).toHaveLength(2);
  });

  it('has a held steering group meeting with decisions and minutes, and quotes whose consent covers reports', async () => {
    const meetings = await get('steering@blenders.demo', '/policy/meetings');
    const held = meetings.body.items.find((m: { status: string }) => m.status === 'held');
    expect(held).toMatchObject({ itemCount: 3, decidedCount: 3 });
    const pdf = await get('steering@blenders.demo', `/policy/meetings/${held.id}/minutes.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const org = (await get('admin@blenders.demo', '/auth/me')).body.organisation.id;
    const stories = await policyService(ctx.db, loadConfig({ SCHAKEL_DEMO: 'false' }), ctx.mailer).storiesForReport(org);
    expect(stories.map((s) => s.consentScope).sort()).toEqual(['public', 'reports']);
  });
});
