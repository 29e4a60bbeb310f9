/**
 * The dashboard's ladder and distance travelled read assessment_progress, which the database keeps
 * by triggers on assessments, their scores and pathways. After every kind of edit it holds exactly
 * what recomputing it from scratch gives, including the pathway's place, programme and dates that
 * the dashboard filters on.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import type { Dashboard } from '../../../shared/dashboard.ts';
import { withOrganisation } from '../../db/client.ts';
import { assessmentProgress, assessmentScores, assessments, instruments, pathways, programmes } from '../../db/schema/index.ts';
import { ensureDefaultInstruments } from '../pathways/instruments.ts';

let ctx: TestContext;
let org: TestOrganisation;
let coordinator: { cookie: string };
let ladderId: string;
let staffId: string;

async function stored() {
  const rows = await ctx.db.select().from(assessmentProgress).where(eq(assessmentProgress.organisationId, org.id));
  return rows.sort((a, b) => `${a.pathwayId}${a.instrumentId}${a.domainKey}`.localeCompare(`${b.pathwayId}${b.instrumentId}${b.domainKey}`));
}

/** What the triggers kept, checked against a full recompute. */
async function progress() {
  const kept = await stored();
  await ctx.db.execute(sql`select refresh_assessment_progress(${org.id})`);
  expect(await stored()).toEqual(kept);
  return kept;
}

async function score(pathwayId: string, on: string, level: number) {
  const [a] = await ctx.db
    .insert(assessments)
    .values({ organisationId: org.id, pathwayId, instrumentId: ladderId, assessedOn: on, assessorRole: 'companion', assessorPersonId: staffId })
    .returning();
  await ctx.db.insert(assessmentScores).values({ organisationId: org.id, assessmentId: a.id, domainKey: 'participation', level });
  return a.id;
}

async function ladder(placeId: string, query = 'from=2026-01-01&to=2026-06-30'): Promise<Dashboard['ladder']> {
  const res = await ctx.app.inject({ url: `/api/v1/reports/dashboard?${query}&placeId=${placeId}`, headers: coordinator });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Dashboard).ladder;
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  coordinator = (await signedIn(ctx, org, 'coordinator')).headers;
  staffId = (await newParticipant(ctx.db, org, { kind: 'staff', givenName: 'Greet', placeId: null })).id;
  await ensureDefaultInstruments(ctx.db, org.id);
  const [ladderInstrument] = await ctx.db
    .select()
    .from(instruments)
    .where(and(eq(instruments.organisationId, org.id), eq(instruments.key, 'participation-ladder')));
  ladderId = ladderInstrument.id;
});
afterAll(() => ctx.close());

describe('assessment_progress follows the pathway', () => {
  it('a pathway that moves place, changes programme, starts or ends takes its ladder moves along', async () => {
    const person = await newParticipant(ctx.db, org, { givenName: 'Hanne' });
    const pathway = await newPathway(ctx.db, org, { participantId: person.id, startedOn: '2026-01-05' });
    await score(pathway.id, '2026-01-12', 2);
    const second = await score(pathway.id, '2026-04-12', 4);
    expect((await progress()).map((r) => [r.placeId, r.startedOn, r.endedOn, r.count])).toEqual([[org.placeId, '2026-01-05', null, 2]]);
    expect(await ladder(org.placeId)).toMatchObject({ pathways: 1, up: 1 });
    expect(await ladder(org.otherPlaceId)).toMatchObject({ pathways: 0 });

    // Moved to the other place: the move is counted there now.
    await ctx.db.update(pathways).set({ placeId: org.otherPlaceId }).where(eq(pathways.id, pathway.id));
    expect((await progress())[0].placeId).toBe(org.otherPlaceId);
    expect(await ladder(org.placeId)).toMatchObject({ pathways: 0 });
    expect(await ladder(org.otherPlaceId)).toMatchObject({ pathways: 1, up: 1 });

    // Ended before the period: not on that period's dashboard.
    await ctx.db.update(pathways).set({ status: 'ended', endedOn: '2026-04-30', exitOutcome: 'work' }).where(eq(pathways.id, pathway.id));
    expect((await progress())[0].endedOn).toBe('2026-04-30');
    expect(await ladder(org.otherPlaceId, 'from=2026-05-01&to=2026-06-30')).toMatchObject({ pathways: 0 });
    expect(await ladder(org.otherPlaceId)).toMatchObject({ pathways: 1 });

    // Another programme: the programme filter follows.
    const [programme] = await ctx.db.insert(programmes).values({ organisationId: org.id, name: 'Sleutel naar werk' }).returning();
    await ctx.db.update(pathways).set({ programmeId: programme.id }).where(eq(pathways.id, pathway.id));
    expect((await progress())[0].programmeId).toBe(programme.id);
    expect(await ladder(org.otherPlaceId, `from=2026-01-01&to=2026-06-30&programmeId=${programme.id}`)).toMatchObject({ pathways: 1 });

    // A score taken back: one score is not a move.
    await ctx.db.delete(assessments).where(eq(assessments.id, second));
    expect((await progress())[0].count).toBe(1);
    expect(await ladder(org.otherPlaceId)).toMatchObject({ pathways: 0 });
  });

  it('the application may read its own organisation’s progress only, and never write it', async () => {
    const other = await newOrganisation(ctx.db);
    expect(await withOrganisation(ctx.db, other.id, (tx) => tx.select().from(assessmentProgress))).toEqual([]);
    const refusal = await withOrganisation(ctx.db, org.id, (tx) => tx.execute(sql`update assessment_progress set place_id = null`)).then(
      () => 'allowed',
      (e: Error & { cause?: Error }) => (e.cause ?? e).message,
    );
    expect(refusal).toMatch(/permission denied/);
  });
});
