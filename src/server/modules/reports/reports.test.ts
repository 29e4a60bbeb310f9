import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { auditLog, entryData, followUps, pathwayEvents, pathways, programmes } from '../../db/schema/index.ts';

let ctx: TestContext;
let org: TestOrganisation;
let programmeId: string;
type Headers = { cookie: string };
let coordinator: { headers: Headers; accountId: string };
let steering: { headers: Headers };
let placeCoordinator: { headers: Headers };
let companion: { headers: Headers };

const entry = {
  gender: 'woman',
  isced: 3,
  employmentAtEntry: 'unemployed',
  unemployedSince: '2022-01-01',
  disability: 'no',
  minority: 'no',
  foreignBackground: 'no',
  thirdCountryNational: 'no',
  homeless: 'no',
  rural: 'no',
} as const;

async function pathway(placeId: string, values: Partial<typeof pathways.$inferInsert>, data?: Partial<typeof entryData.$inferInsert>) {
  const person = await newParticipant(ctx.db, org, { birthDate: '2000-04-01', placeId });
  const [row] = await ctx.db
    .insert(pathways)
    .values({ organisationId: org.id, participantId: person.id, programmeId, placeId, status: values.endedOn ? 'ended' : 'active', ...values })
    .returning();
  if (data) await ctx.db.insert(entryData).values({ organisationId: org.id, pathwayId: row.id, ...data });
  return row;
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  [{ id: programmeId }] = await ctx.db.insert(programmes).values({ organisationId: org.id, name: 'SamenWerkt Heusden-Zolder' }).returning();
  coordinator = await signedIn(ctx, org, 'coordinator');
  steering = await signedIn(ctx, org, 'steering-member');
  placeCoordinator = await signedIn(ctx, org, 'coordinator', { placeId: org.otherPlaceId });
  companion = await signedIn(ctx, org, 'companion');

  // At the first place: a woman who left into work (day 10) and is in work at six months.
  const left = await pathway(org.placeId, { startedOn: '2024-01-08', endedOn: '2024-03-29', exitOutcome: 'work' }, entry);
  await ctx.db.insert(pathwayEvents).values({ organisationId: org.id, pathwayId: left.id, occurredOn: '2024-04-08', type: 'employment' });
  await ctx.db
    .insert(followUps)
    .values({ organisationId: org.id, pathwayId: left.id, dueOn: '2024-09-29', doneOn: '2024-10-01', employed: true, improvedSituation: true });
  // A man still in the programme who refused to answer about disability.
  await pathway(org.placeId, { startedOn: '2024-02-12' }, { ...entry, gender: 'man', employmentAtEntry: 'inactive', disability: 'refused' });
  // Someone without any entry data yet, at the other place.
  await pathway(org.otherPlaceId, { startedOn: '2024-05-06' });
});
afterAll(() => ctx.close());

const get = (url: string, headers: Headers) => ctx.app.inject({ url: `/api/v1${url}`, headers });

describe('GET /reports/esf', () => {
  it('gives the indicators by gender with the warnings and what they leave short', async () => {
    const res = await get(`/reports/esf?programmeId=${programmeId}`, coordinator.headers);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.programme).toEqual({ id: programmeId, name: 'SamenWerkt Heusden-Zolder' });
    expect(report.place).toBeNull();
    const row = (list: { code: string }[], code: string) => list.find((r) => r.code === code);
    expect(row(report.outputs, 'EECO01')).toEqual({ code: 'EECO01', counts: { total: 3, women: 1, men: 1, nonBinary: 0 }, incomplete: false });
    expect(row(report.outputs, 'EECO02')).toMatchObject({ counts: { total: 1, women: 1, men: 0, nonBinary: 0 } });
    expect(row(report.outputs, 'EECO12')).toMatchObject({ counts: { total: 0 }, incomplete: true });
    expect(row(report.results, 'EECR04')).toMatchObject({ counts: { total: 1, women: 1 } });
    expect(row(report.results, 'EECR06')).toMatchObject({ counts: { total: 1, women: 1 }, incomplete: false });
    expect(report.outputs.map((r: { code: string }) => r.code)).toEqual(Array.from({ length: 17 }, (_, i) => `EECO${String(i + 1).padStart(2, '0')}`));
    const warnings = Object.fromEntries(report.warnings.map((w: { code: string; count: number }) => [w.code, w.count]));
    expect(warnings).toMatchObject({ 'gender-missing': 1, 'disability-refused': 1, 'disability-missing': 1, 'isced-missing': 1, 'still-in-programme': 2 });
    expect(report.warnings.find((w: { code: string }) => w.code === 'isced-missing').affects).toEqual(['EECO09', 'EECO10', 'EECO11']);
  });

  it('narrows to a place and a period', async () => {
    const res = await get(`/reports/esf?programmeId=${programmeId}&placeId=${org.placeId}&from=2024-02-01&to=2024-12-31`, steering.headers);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.place).toEqual({ id: org.placeId, name: 'Plek Noord' });
    expect(report.period).toEqual({ from: '2024-02-01', to: '2024-12-31' });
    // Entered in the period at this place: only the man; the woman left in it.
    expect(report.outputs[0].counts).toEqual({ total: 1, women: 0, men: 1, nonBinary: 0 });
    expect(report.results[3].counts).toEqual({ total: 1, women: 1, men: 0, nonBinary: 0 });
  });

  it('shows a place-scoped coordinator only their own place', async () => {
    const own = await get(`/reports/esf?programmeId=${programmeId}`, placeCoordinator.headers);
    expect(own.statusCode).toBe(200);
    expect(own.json().place.id).toBe(org.otherPlaceId);
    expect(own.json().outputs[0].counts.total).toBe(1);
    const elsewhere = await get(`/reports/esf?programmeId=${programmeId}&placeId=${org.placeId}`, placeCoordinator.headers);
    expect(elsewhere.statusCode).toBe(404);
    const options = (await get('/reports/esf/options', placeCoordinator.headers)).json();
    expect(options).toMatchObject({ allPlaces: false, places: [{ id: org.otherPlaceId }], programmes: [{ id: programmeId }] });
  });

  it('refuses bad parameters with problem+json, never a 500', async () => {
    const backwards = await get(`/reports/esf?programmeId=${programmeId}&from=2024-12-01&to=2024-01-01`, coordinator.headers);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.headers['content-type']).toContain('application/problem+json');
    const unknown = await get('/reports/esf?programmeId=0195a2c4-0000-7000-8000-000000000000', coordinator.headers);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not_found');
    const badDate = await get(`/reports/esf?programmeId=${programmeId}&from=2024-02-30`, coordinator.headers);
    expect(badDate.statusCode).toBe(400);
    const language = await get(`/reports/esf.pdf?programmeId=${programmeId}&lang=de`, coordinator.headers);
    expect(language.statusCode).toBe(400);
    expect(language.headers['content-type']).toContain('application/problem+json');
  });

  it('is not for companions', async () => {
    expect((await get(`/reports/esf?programmeId=${programmeId}`, companion.headers)).statusCode).toBe(403);
    expect((await get(`/reports/esf.csv?programmeId=${programmeId}`, companion.headers)).statusCode).toBe(403);
  });
});

describe('exports', () => {
  const audited = async (format: string) =>
    ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.action, 'export'), eq(auditLog.entityType, 'esf-report')))
      .then((rows) => rows.filter((r) => (r.changes as { format?: string } | null)?.format === format));

  it('CSV: UTF-8 with BOM, semicolons for Excel in Flanders, Dutch labels, audited', async () => {
    const res = await get(`/reports/esf.csv?programmeId=${programmeId}&lang=nl&separator=semicolon`, coordinator.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="esf-samenwerkt-heusden-zolder-\d{4}-\d{2}-\d{2}-outputs\.csv"/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(18);
    expect(lines[0]).toBe('Code;Indicator;Vrouwen;Mannen;Non-binair;Totaal');
    expect(lines[1]).toBe('EECO01;Deelnemers in totaal;1;1;0;3');
    expect((await audited('csv')).at(-1)).toMatchObject({ actorAccountId: coordinator.accountId, entityId: programmeId });
  });

  it('CSV of the warnings, in English with commas', async () => {
    const res = await get(`/reports/esf.csv?programmeId=${programmeId}&lang=en&table=warnings`, coordinator.headers);
    const text = res.rawPayload.subarray(3).toString('utf8');
    expect(text).toContain('disability-refused,1 participant refused to answer about disability,1');
    expect(text).toContain('isced-missing,1 participant has no education level recorded,1');
  });

  it('XLSX: a workbook, audited', async () => {
    const res = await get(`/reports/esf.xlsx?programmeId=${programmeId}&lang=fr`, coordinator.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await audited('xlsx')).toHaveLength(1);
  });

  it('PDF: a printable report, in Arabic too, audited', async () => {
    for (const lang of ['nl', 'ar']) {
      const res = await get(`/reports/esf.pdf?programmeId=${programmeId}&lang=${lang}`, steering.headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(res.rawPayload.length).toBeGreaterThan(5000);
    }
    expect(await audited('pdf')).toHaveLength(2);
  });
});
