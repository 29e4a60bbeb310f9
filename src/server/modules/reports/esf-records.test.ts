/**
 * The ESF+ report reads esf_records, which the database keeps by triggers: every edit made
 * through the API shows in the next report, with no service code involved.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { withOrganisation } from '../../db/client.ts';
import { esfRecords, pathways, programmes } from '../../db/schema/index.ts';

let ctx: TestContext;
let org: TestOrganisation;
let programmeId: string;
type Headers = { cookie: string };
let coordinator: { headers: Headers };
let companion: { headers: Headers; personId: string };
let participantId: string;
let pathwayId: string;

const entry = {
  gender: 'woman',
  isced: 3,
  employmentAtEntry: 'unemployed',
  unemployedSince: '2024-12-02',
  disability: 'no',
  minority: 'no',
  foreignBackground: 'no',
  thirdCountryNational: 'no',
  homeless: 'no',
  rural: 'no',
} as const;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  [{ id: programmeId }] = await ctx.db.insert(programmes).values({ organisationId: org.id, name: 'SamenWerkt Heusden-Zolder' }).returning();
  coordinator = await signedIn(ctx, org, 'coordinator');
  companion = await signedIn(ctx, org, 'companion');
  participantId = (await newParticipant(ctx.db, org, { birthDate: '1990-06-15' })).id;
  ({ id: pathwayId } = await newPathway(ctx.db, org, {
    participantId,
    companionPersonId: companion.personId,
    programmeId,
    startedOn: '2025-01-06',
    entry,
  }));
});
afterAll(() => ctx.close());

type Report = {
  outputs: { code: string; counts: { total: number; women: number; men: number } }[];
  results: { code: string; counts: { total: number } }[];
  warnings: { code: string; count: number }[];
};

async function report(placeId?: string): Promise<Report> {
  const res = await ctx.app.inject({
    url: `/api/v1/reports/esf?programmeId=${programmeId}${placeId ? `&placeId=${placeId}` : ''}`,
    headers: coordinator.headers,
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}
const count = (r: Report, code: string) => [...r.outputs, ...r.results].find((row) => row.code === code)?.counts.total;
const warnings = (r: Report) => Object.fromEntries(r.warnings.map((w) => [w.code, w.count]));

async function as(headers: Headers, method: 'PUT' | 'POST' | 'PATCH', url: string, payload: object) {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

describe('edits through the API change the ESF+ report at once', () => {
  it('counts the participant from the start: a woman of 34, unemployed one month, still in the programme', async () => {
    const r = await report();
    expect(r.outputs[0].counts).toMatchObject({ total: 1, women: 1, men: 0 });
    expect(count(r, 'EECO02')).toBe(1);
    expect(count(r, 'EECO03')).toBe(0);
    expect(count(r, 'EECO07')).toBe(0);
    expect(warnings(r)).toEqual({ 'still-in-programme': 1 });
  });

  it('a corrected entry record', async () => {
    await as(companion.headers, 'PUT', `/pathways/${pathwayId}/entry-data`, { ...entry, gender: 'man', disability: 'refused', isced: 6 });
    const r = await report();
    expect(r.outputs[0].counts).toMatchObject({ total: 1, women: 0, men: 1 });
    expect(count(r, 'EECO11')).toBe(1);
    expect(count(r, 'EECO10')).toBe(0);
    expect(warnings(r)).toEqual({ 'disability-refused': 1, 'still-in-programme': 1 });
  });

  it('a corrected birth date changes the age at entry', async () => {
    await as(coordinator.headers, 'PATCH', `/people/${participantId}`, { birthDate: '1969-01-06' });
    expect(count(await report(), 'EECO08')).toBe(1);
    await as(coordinator.headers, 'PATCH', `/people/${participantId}`, { birthDate: '2001-01-07' });
    const r = await report();
    expect(count(r, 'EECO08')).toBe(0);
    // 23 at entry: under 25, unemployed since 2 December: not more than 6 months yet.
    expect(count(r, 'EECO07')).toBe(1);
    await as(coordinator.headers, 'PATCH', `/people/${participantId}`, { birthDate: null });
    expect(warnings(await report())).toMatchObject({ 'birth-date-missing': 1 });
  });

  it('ending the pathway: job searching upon leaving, the follow-up overdue', async () => {
    await as(companion.headers, 'POST', `/pathways/${pathwayId}/end`, { endedOn: '2025-03-03', outcome: 'job-searching' });
    const r = await report();
    expect(count(r, 'EECR01')).toBe(1);
    expect(count(r, 'EECR04')).toBe(0);
    const w = warnings(r);
    expect(w['still-in-programme']).toBeUndefined();
    expect(w['follow-up-missing']).toBe(1);
  });

  it('a job found three weeks later: in employment upon leaving', async () => {
    await as(companion.headers, 'POST', `/pathways/${pathwayId}/events`, { occurredOn: '2025-03-24', type: 'employment' });
    const r = await report();
    expect(count(r, 'EECR01')).toBe(0);
    expect(count(r, 'EECR04')).toBe(1);
  });

  it('the six-month follow-up', async () => {
    await as(companion.headers, 'PUT', `/pathways/${pathwayId}/follow-up`, { employed: true, improvedSituation: true });
    const r = await report();
    expect(count(r, 'EECR05')).toBe(1);
    expect(count(r, 'EECR06')).toBe(1);
    expect(warnings(r)['follow-up-missing']).toBeUndefined();
  });

  it('a second pathway: the first entry kept, the final exit updated, and each place its own', async () => {
    await ctx.db.update(pathways).set({ placeId: org.placeId }).where(eq(pathways.id, pathwayId));
    const second = await newPathway(ctx.db, org, {
      participantId,
      programmeId,
      placeId: org.otherPlaceId,
      startedOn: '2025-06-02',
      entry: { ...entry, gender: 'woman' },
    });
    const r = await report();
    expect(r.outputs[0].counts).toMatchObject({ total: 1, men: 1, women: 0 });
    expect(warnings(r)).toMatchObject({ 'still-in-programme': 1 });
    expect(count(r, 'EECR04')).toBe(0);
    expect(count(await report(org.otherPlaceId), 'EECO01')).toBe(1);
    expect((await report(org.otherPlaceId)).outputs[0].counts).toMatchObject({ women: 1 });
    expect(count(await report(org.placeId), 'EECR04')).toBe(1);

    // Deleted: the records go with it.
    await ctx.db.delete(pathways).where(eq(pathways.id, second.id));
    expect(count(await report(), 'EECR04')).toBe(1);
    expect(count(await report(org.otherPlaceId), 'EECO01')).toBe(0);
  });

  it('the application may read esf_records of its own organisation only, and never write them', async () => {
    const other = await newOrganisation(ctx.db);
    const rows = await withOrganisation(ctx.db, other.id, (tx) => tx.select().from(esfRecords));
    expect(rows).toEqual([]);
    const own = await withOrganisation(ctx.db, org.id, (tx) =>
      tx
        .select()
        .from(esfRecords)
        .where(and(eq(esfRecords.participantId, participantId), eq(esfRecords.programmeId, programmeId))),
    );
    expect(own.map((r) => r.placeId ?? 'all').sort()).toEqual(['all', org.placeId].sort());
    // drizzle wraps the database's error: its cause says why.
    const refusal = (statement: ReturnType<typeof sql>) =>
      withOrganisation(ctx.db, org.id, (tx) => tx.execute(statement)).then(
        () => 'allowed',
        (e: Error & { cause?: Error }) => (e.cause ?? e).message,
      );
    expect(await refusal(sql`update esf_records set gender = 'woman' where participant_id = ${participantId}`)).toMatch(/permission denied/);
    expect(await refusal(sql`select refresh_esf_records(${org.id})`)).toMatch(/permission denied/);
  });
});
