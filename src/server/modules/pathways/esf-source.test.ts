import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esfDataStatements } from '../../../../bench/esf-data.ts';
import { createTestApp, newOrganisation, newParticipant, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { computeEsf, type EsfCounts, type EsfOptions, type EsfReport } from '../../../shared/esf.ts';
import { withOrganisation } from '../../db/client.ts';
import { entryData, followUps, pathwayEvents, pathways, programmes } from '../../db/schema/index.ts';
import { aggregateEsf, type EsfScope, type EsfSummary, readEsfRecords } from './esf-source.ts';

let ctx: TestContext;
let org: TestOrganisation;
let programmeId: string;
let otherProgrammeId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db);
  const [p, other] = await ctx.db
    .insert(programmes)
    .values([
      { organisationId: org.id, name: 'SamenWerkt' },
      { organisationId: org.id, name: 'Sleutel naar werk' },
    ])
    .returning();
  programmeId = p.id;
  otherProgrammeId = other.id;
});
afterAll(() => ctx.close());

const c = (total: number, women = 0, men = 0, nonBinary = 0): EsfCounts => ({ total, women, men, nonBinary });

async function pathway(participantId: string, values: Partial<typeof pathways.$inferInsert>, entry?: Partial<typeof entryData.$inferInsert>) {
  const [row] = await ctx.db
    .insert(pathways)
    .values({ organisationId: org.id, participantId, programmeId, placeId: org.placeId, status: values.endedOn ? 'ended' : 'active', ...values })
    .returning();
  if (entry) await ctx.db.insert(entryData).values({ organisationId: org.id, pathwayId: row.id, ...entry });
  return row;
}

const fullEntry = {
  gender: 'woman',
  isced: 2,
  employmentAtEntry: 'unemployed',
  unemployedSince: '2021-01-04',
  disability: 'no',
  minority: 'no',
  foreignBackground: 'yes',
  thirdCountryNational: 'no',
  homeless: 'no',
  rural: 'no',
} as const;

describe('reading pathway data into ESF records (hand-computed)', () => {
  let scope: EsfScope;
  let twice: string;
  let stillIn: string;
  let refuses: string;

  beforeAll(async () => {
    // A separate programme so these hand-made records stand alone.
    const [p] = await ctx.db.insert(programmes).values({ organisationId: org.id, name: 'Hand-computed' }).returning();
    scope = { organisationId: org.id, programmeId: p.id };
    const inProgramme = { programmeId: p.id };

    // Came back: first entry kept (a woman, unemployed two years), final exit updated (the second pathway's).
    twice = (await newParticipant(ctx.db, org, { birthDate: '1998-05-20' })).id;
    const first = await pathway(twice, { ...inProgramme, startedOn: '2023-01-10', endedOn: '2023-06-30', exitOutcome: 'work' }, fullEntry);
    await ctx.db.insert(pathwayEvents).values({ organisationId: org.id, pathwayId: first.id, occurredOn: '2023-06-30', type: 'employment' });
    const second = await pathway(
      twice,
      { ...inProgramme, placeId: org.otherPlaceId, startedOn: '2023-09-01', endedOn: '2024-02-01', exitOutcome: 'job-searching' },
      { ...fullEntry, gender: 'man', employmentAtEntry: 'employed', isced: 7, disability: 'yes' },
    );
    await ctx.db.insert(pathwayEvents).values([
      { organisationId: org.id, pathwayId: second.id, occurredOn: '2024-02-01', type: 'job-searching' },
      { organisationId: org.id, pathwayId: second.id, occurredOn: '2024-02-20', type: 'employment' },
    ]);
    await ctx.db
      .insert(followUps)
      .values({ organisationId: org.id, pathwayId: second.id, dueOn: '2024-08-01', doneOn: '2024-08-05', employed: true, improvedSituation: null });
    // Back at intake after both ended (one open pathway per participant): not an entry.
    await pathway(twice, { ...inProgramme, status: 'intake', startedOn: null });
    // An old follow-up of the first pathway: not the final exit, so not read.
    await ctx.db
      .insert(followUps)
      .values({ organisationId: org.id, pathwayId: first.id, dueOn: '2023-12-30', doneOn: '2023-12-30', employed: true, improvedSituation: true });

    // Left once, came back and is still in the programme: no exit.
    stillIn = (await newParticipant(ctx.db, org, { birthDate: '1970-03-01' })).id;
    await pathway(
      stillIn,
      { ...inProgramme, startedOn: '2023-02-01', endedOn: '2023-05-01' },
      { ...fullEntry, gender: 'non-binary', employmentAtEntry: 'inactive' },
    );
    await pathway(stillIn, { ...inProgramme, startedOn: '2024-01-15' });

    // Refused or not asked: never guessed.
    refuses = (await newParticipant(ctx.db, org, { birthDate: null })).id;
    await pathway(
      refuses,
      { ...inProgramme, startedOn: '2023-03-01' },
      {
        gender: 'man',
        isced: null,
        employmentAtEntry: null,
        disability: 'refused',
        minority: null,
        foreignBackground: 'refused',
        thirdCountryNational: 'refused',
        homeless: null,
        rural: 'yes',
      },
    );
    // A pathway in another programme is not part of this report.
    await pathway(refuses, { programmeId: otherProgrammeId, startedOn: '2022-01-01', endedOn: '2022-06-30' }, { ...fullEntry, disability: 'yes' });
  });

  it('keeps the first entry and the final exit, with only the last pathway’s events and follow-up', async () => {
    const records = await withOrganisation(ctx.db, org.id, (tx) => readEsfRecords(tx, scope));
    expect(records.map((r) => r.id).sort()).toEqual([twice, stillIn, refuses].sort());
    expect(records.find((r) => r.id === twice)).toEqual({
      id: twice,
      gender: 'woman',
      birthDate: '1998-05-20',
      entryDate: '2023-01-10',
      exitDate: '2024-02-01',
      employmentAtEntry: 'unemployed',
      unemployedSince: '2021-01-04',
      isced: 2,
      disability: false,
      thirdCountNational: false,
      foreignBackground: true,
      minority: false,
      homeless: false,
      rural: false,
      events: [
        { date: '2024-02-01', type: 'job-searching' },
        { date: '2024-02-20', type: 'employment' },
      ],
      followUp: { employed: true, improvedSituation: null },
    });
    expect(records.find((r) => r.id === stillIn)).toMatchObject({ entryDate: '2023-02-01', exitDate: null, gender: 'non-binary', events: [], followUp: null });
    expect(records.find((r) => r.id === refuses)).toMatchObject({
      birthDate: null,
      isced: null,
      employmentAtEntry: null,
      disability: 'refused',
      minority: null,
      foreignBackground: 'refused',
      thirdCountNational: 'refused',
      homeless: null,
      rural: true,
    });
  });

  it('reports them as hand-computed, the same through the engine and through SQL', async () => {
    const asOf = '2024-09-01';
    const { records, summary } = await withOrganisation(ctx.db, org.id, async (tx) => ({
      records: await readEsfRecords(tx, scope),
      summary: await aggregateEsf(tx, scope, { asOf }),
    }));
    const report = computeEsf(records, { asOf });
    // Three entered: a woman (unemployed 2 years at 24: long-term), a non-binary person (inactive, 52), a man with nothing known.
    expect(report.outputs.EECO01).toEqual(c(3, 1, 1, 1));
    expect(report.outputs.EECO02).toEqual(c(1, 1));
    expect(report.outputs.EECO03).toEqual(c(1, 1));
    expect(report.outputs.EECO04).toEqual(c(1, 0, 0, 1));
    expect(report.outputs.EECO07).toEqual(c(1, 1));
    expect(report.outputs.EECO09).toEqual(c(2, 1, 0, 1));
    expect(report.outputs.EECO10).toEqual(c(0));
    expect(report.outputs.EECO12).toEqual(c(0)); // the second pathway's "yes" is not the entry
    expect(report.outputs.EECO14).toEqual(c(2, 1, 0, 1));
    expect(report.outputs.EECO17).toEqual(c(1, 0, 1));
    // One left (the woman): job searching, then work on day 19: in employment upon leaving; in work at six months.
    expect(report.results).toMatchObject({ EECR01: c(0), EECR04: c(1, 1), EECR05: c(1, 1), EECR06: c(0) });
    expect(Object.fromEntries(report.warnings.map((w) => [w.code, w.count]))).toEqual({
      'birth-date-missing': 1,
      'employment-status-missing': 1,
      'isced-missing': 1,
      'disability-refused': 1,
      'third-country-national-refused': 1,
      'foreign-background-refused': 1,
      'minority-missing': 1,
      'homeless-missing': 1,
      'still-in-programme': 2,
      'improved-situation-missing': 1,
    });
    expect(summary).toEqual(summaryOf(report));
  });

  it('narrows to a place: only the pathways there', async () => {
    const atOther = { ...scope, placeId: org.otherPlaceId };
    const records = await withOrganisation(ctx.db, org.id, (tx) => readEsfRecords(tx, atOther));
    // Only the second pathway was at the other place: its own entry data then counts.
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: twice, entryDate: '2023-09-01', gender: 'man', disability: true });
  });
});

function summaryOf(report: EsfReport): EsfSummary {
  return { outputs: report.outputs, results: report.results, warnings: report.warnings.map((w) => ({ code: w.code, count: w.count })) };
}

describe('the SQL report equals the engine on generated data with every edge', () => {
  let scope: EsfScope;

  beforeAll(async () => {
    await ctx.db.transaction(async (tx) => {
      for (const statement of esfDataStatements({
        organisationId: org.id,
        programmeId,
        otherProgrammeId,
        placeIds: [org.placeId, org.otherPlaceId],
        participants: 600,
        seed: 7,
      }))
        await tx.execute(sql.raw(statement));
    });
    scope = { organisationId: org.id, programmeId };
  }, 60_000);

  const cases: [string, Partial<EsfScope>, EsfOptions & { asOf: string }][] = [
    ['the whole programme', {}, { asOf: '2026-01-01' }],
    ['a period', {}, { asOf: '2025-03-01', period: { from: '2023-01-01', to: '2023-12-31' } }],
    ['open start', {}, { asOf: '2024-06-30', period: { to: '2023-06-30' } }],
    ['open end, one place', { placeId: 'first' }, { asOf: '2026-01-01', period: { from: '2024-02-01' } }],
    ['the other place', { placeId: 'other' }, { asOf: '2023-03-15' }],
  ];

  it.each(cases)('%s', async (_name, where, options) => {
    const s: EsfScope = { ...scope, placeId: where.placeId === 'first' ? org.placeId : where.placeId === 'other' ? org.otherPlaceId : null };
    const { records, summary } = await withOrganisation(ctx.db, org.id, async (tx) => ({
      records: await readEsfRecords(tx, s),
      summary: await aggregateEsf(tx, s, options),
    }));
    const report = computeEsf(records, options);
    expect(summary).toEqual(summaryOf(report));
    // The generated data really holds the edges the rules care about.
    expect(report.outputs.EECO01.total).toBeGreaterThan(100);
    const codes = report.warnings.map((w) => w.code);
    for (const code of ['gender-missing', 'isced-missing', 'disability-refused', 'minority-missing', 'still-in-programme']) expect(codes).toContain(code);
  });

  it('the generated data covers every indicator and every warning', async () => {
    const records = await withOrganisation(ctx.db, org.id, (tx) => readEsfRecords(tx, scope));
    const report = computeEsf(records, { asOf: '2025-01-01' });
    for (const [code, counts] of Object.entries({ ...report.outputs, ...report.results })) expect(counts.total, code).toBeGreaterThan(0);
    expect(report.outputs.EECO01.nonBinary).toBeGreaterThan(0);
    expect(report.warnings.map((w) => w.code).sort()).toEqual(
      [
        'gender-missing',
        'birth-date-missing',
        'employment-status-missing',
        'unemployed-since-missing',
        'long-term-unemployment-undetermined',
        'isced-missing',
        'disability-refused',
        'disability-missing',
        'third-country-national-refused',
        'third-country-national-missing',
        'foreign-background-refused',
        'foreign-background-missing',
        'minority-refused',
        'minority-missing',
        'homeless-refused',
        'homeless-missing',
        'rural-refused',
        'rural-missing',
        'still-in-programme',
        'no-status-upon-leaving',
        'follow-up-missing',
        'follow-up-not-due',
        'improved-situation-missing',
      ].sort(),
    );
    // Came back: 10% have two pathways, one record each.
    expect(records.length).toBe(600);
  });
});
