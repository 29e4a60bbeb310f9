import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageAt,
  computeEsf,
  type EsfCounts,
  type EsfEventType,
  type EsfOptions,
  type EsfOutputCode,
  type EsfParticipant,
  type EsfParticipantInput,
  type EsfRecord,
  type EsfReport,
  type EsfResultCode,
  esfOutputCodes,
  esfParticipant,
  esfResultCodes,
  parseEsfInput,
} from './esf.ts';

// Every number below is worked out by hand from the records in the same test.

const AS_OF = '2026-01-01';

/** A man of 43 at entry, inactive, ISCED 3, nothing special, still in the programme. */
function person(id: string, overrides: Partial<EsfParticipantInput> = {}): EsfParticipant {
  return esfParticipant.parse({
    id,
    gender: 'man',
    birthDate: '1980-06-15',
    entryDate: '2024-03-01',
    exitDate: null,
    employmentAtEntry: 'inactive',
    unemployedSince: null,
    isced: 3,
    disability: false,
    thirdCountNational: false,
    foreignBackground: false,
    minority: false,
    homeless: false,
    rural: false,
    events: [],
    followUp: null,
    ...overrides,
  });
}

/** Someone who left on 10 June 2024 (day 28 after it is 8 July, day 29 is 9 July). */
const EXIT = '2024-06-10';
const leaver = (id: string, overrides: Partial<EsfParticipantInput> = {}) =>
  person(id, { exitDate: EXIT, followUp: { employed: false, improvedSituation: false }, ...overrides });

const run = (records: EsfRecord[], options: EsfOptions = {}) => computeEsf(records, { asOf: AS_OF, ...options });
const c = (total: number, women = 0, men = 0, nonBinary = 0): EsfCounts => ({ total, women, men, nonBinary });

/** The whole outputs table: the codes given, zero everywhere else. */
function outputs(nonZero: Partial<Record<EsfOutputCode, EsfCounts>>) {
  return Object.fromEntries(Object.keys(esfOutputCodes).map((code) => [code, nonZero[code as EsfOutputCode] ?? c(0)]));
}
function results(nonZero: Partial<Record<EsfResultCode, EsfCounts>>) {
  return Object.fromEntries(Object.keys(esfResultCodes).map((code) => [code, nonZero[code as EsfResultCode] ?? c(0)]));
}
const warningCounts = (report: EsfReport) => Object.fromEntries(report.warnings.map((w) => [w.code, w.count]));
const warning = (report: EsfReport, code: string) => report.warnings.find((w) => w.code === code);

describe('ages at the entry date', () => {
  it('counts a birthday on the entry date as reached, the day after as not', () => {
    expect(ageAt('2006-03-01', '2024-03-01')).toBe(18);
    expect(ageAt('2006-03-02', '2024-03-01')).toBe(17);
  });

  it('lets someone born on 29 February turn a year older on 1 March in a common year and on 29 February in a leap year', () => {
    expect(ageAt('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageAt('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageAt('2004-02-29', '2024-02-28')).toBe(19);
    expect(ageAt('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('puts each participant in the right age band, with the bounds 18, 29/30, 54/55', () => {
    const report = run([
      person('17', { birthDate: '2006-03-02' }), // 17: EECO06
      person('18', { birthDate: '2006-03-01', gender: 'woman' }), // 18 today: EECO07
      person('29', { birthDate: '1994-03-02', gender: 'non-binary' }), // 29: EECO07
      person('30', { birthDate: '1994-03-01' }), // 30 today: no band
      person('54', { birthDate: '1969-03-02' }), // 54: no band
      person('55', { birthDate: '1969-03-01', gender: 'woman' }), // 55 today: EECO08
      person('leap-17', { birthDate: '2004-02-29', entryDate: '2022-02-28' }), // 17: EECO06
      person('leap-18', { birthDate: '2004-02-29', entryDate: '2022-03-01' }), // 18: EECO07
    ]);
    expect(report.outputs.EECO06).toEqual(c(2, 0, 2, 0));
    expect(report.outputs.EECO07).toEqual(c(3, 1, 1, 1));
    expect(report.outputs.EECO08).toEqual(c(1, 1, 0, 0));
    expect(report.outputs.EECO01).toEqual(c(8, 2, 5, 1));
  });
});

describe('long-term unemployed at entry', () => {
  it('adds calendar months, the last day of a shorter month standing in for a missing day', () => {
    expect(addMonths('2023-03-01', 12)).toBe('2024-03-01');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2022-08-31', 6)).toBe('2023-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
  });

  it('needs more than 12 months from 25 on and more than 6 months under 25, at the entry date', () => {
    const unemployed = (id: string, birthDate: string, unemployedSince: string) => person(id, { birthDate, employmentAtEntry: 'unemployed', unemployedSince }); // entry 2024-03-01
    const report = run([
      unemployed('30y-12m-exactly', '1990-01-01', '2023-03-01'), // not more than 12 months
      unemployed('30y-12m-and-a-day', '1990-01-01', '2023-02-28'), // long-term
      unemployed('24y-6m-exactly', '2000-01-01', '2023-09-01'), // not more than 6 months
      unemployed('24y-6m-and-a-day', '2000-01-01', '2023-08-31'), // +6 months = 29 Feb 2024 < 1 Mar: long-term
      unemployed('25y-today-8m', '1999-03-01', '2023-07-01'), // 25 on the entry day: needs 12 months, not long-term
      unemployed('24y-8m', '1999-03-02', '2023-07-01'), // 24 until tomorrow: long-term
    ]);
    expect(report.outputs.EECO02).toEqual(c(6, 0, 6, 0));
    expect(report.outputs.EECO03).toEqual(c(3, 0, 3, 0));
    expect(warningCounts(report)).toEqual({ 'still-in-programme': 6 });
  });

  it('counts an unemployed participant without unemployedSince in EECO02 only and warns', () => {
    const report = run([person('u1', { employmentAtEntry: 'unemployed', unemployedSince: null, gender: 'woman' })]);
    expect(report.outputs.EECO02).toEqual(c(1, 1, 0, 0));
    expect(report.outputs.EECO03).toEqual(c(0));
    expect(report.warnings.filter((w) => w.code !== 'still-in-programme')).toEqual([
      {
        code: 'unemployed-since-missing',
        count: 1,
        participantIds: ['u1'],
        message:
          '1 participant unemployed at entry has no unemployedSince date: counted in EECO02, but not in EECO03 because the duration of unemployment is unknown',
      },
    ]);
  });

  it('decides without a birth date only where the duration settles it', () => {
    const noAge = (id: string, unemployedSince: string) => person(id, { birthDate: null, employmentAtEntry: 'unemployed', unemployedSince });
    const report = run([noAge('13m', '2023-02-01'), noAge('8m', '2023-07-01'), noAge('5m', '2023-10-01')]);
    expect(report.outputs.EECO02.total).toBe(3);
    expect(report.outputs.EECO03.total).toBe(1);
    expect(warningCounts(report)).toEqual({ 'birth-date-missing': 3, 'long-term-unemployment-undetermined': 1, 'still-in-programme': 3 });
    expect(warning(report, 'long-term-unemployment-undetermined')?.participantIds).toEqual(['8m']);
  });
});

describe('entry characteristics', () => {
  it('fills exactly one employment status and one education band per participant', () => {
    const report = run([
      person('a', { employmentAtEntry: 'unemployed', unemployedSince: '2024-01-01', isced: 0 }),
      person('b', { employmentAtEntry: 'inactive', isced: 2 }),
      person('c', { employmentAtEntry: 'employed', isced: 3, gender: 'woman' }),
      person('d', { employmentAtEntry: 'self-employed', isced: 4, gender: 'non-binary' }),
      person('e', { employmentAtEntry: 'employed', isced: 5, gender: 'woman' }),
      person('f', { employmentAtEntry: 'inactive', isced: 8, thirdCountNational: true, homeless: true, rural: true }),
    ]);
    expect(report.outputs).toEqual(
      outputs({
        EECO01: c(6, 2, 3, 1),
        EECO02: c(1, 0, 1, 0),
        EECO04: c(2, 0, 2, 0),
        EECO05: c(3, 2, 0, 1),
        // all six are 43: no age band
        EECO09: c(2, 0, 2, 0),
        EECO10: c(2, 1, 0, 1),
        EECO11: c(2, 1, 1, 0),
        EECO13: c(1, 0, 1, 0),
        EECO16: c(1, 0, 1, 0),
        EECO17: c(1, 0, 1, 0),
      }),
    );
    // Nobody left: no results, and the reason is given.
    expect(report.results).toEqual(results({}));
    expect(warning(report, 'still-in-programme')).toMatchObject({ count: 6, participantIds: ['a', 'b', 'c', 'd', 'e', 'f'] });
  });

  it('counts "refused" in a warning, never as yes', () => {
    const report = run([
      person('r1', { disability: 'refused' }),
      person('r2', { disability: 'refused', foreignBackground: 'refused' }),
      person('r3', { disability: 'refused', minority: 'refused' }),
      person('y1', { disability: true, foreignBackground: true, minority: true, gender: 'woman' }),
      person('n1', { disability: false }),
    ]);
    expect(report.outputs.EECO12).toEqual(c(1, 1, 0, 0));
    expect(report.outputs.EECO14).toEqual(c(1, 1, 0, 0));
    expect(report.outputs.EECO15).toEqual(c(1, 1, 0, 0));
    expect(report.warnings.filter((w) => w.code.endsWith('-refused'))).toEqual([
      {
        code: 'disability-refused',
        count: 3,
        participantIds: ['r1', 'r2', 'r3'],
        message: '3 participants refused to state disability: not counted in EECO12',
      },
      {
        code: 'foreign-background-refused',
        count: 1,
        participantIds: ['r2'],
        message: '1 participant refused to state a foreign background: not counted in EECO14',
      },
      { code: 'minority-refused', count: 1, participantIds: ['r3'], message: '1 participant refused to state belonging to a minority: not counted in EECO15' },
    ]);
  });

  it('reads pathway records: a question not asked yet (null) and a refused yes/no question are warned, never counted', () => {
    const base = person('x');
    const record = (id: string, fields: Partial<EsfRecord>): EsfRecord => ({ ...base, id, ...fields });
    const report = run([
      record('asked-nothing', { disability: null, thirdCountNational: null, foreignBackground: null, minority: null, homeless: null, rural: null }),
      record('refused-all', { thirdCountNational: 'refused', homeless: 'refused', rural: 'refused' }),
      record('yes-all', { thirdCountNational: true, homeless: true, rural: true, gender: 'woman' }),
    ]);
    expect(report.outputs.EECO13).toEqual(c(1, 1, 0, 0));
    expect(report.outputs.EECO16).toEqual(c(1, 1, 0, 0));
    expect(report.outputs.EECO17).toEqual(c(1, 1, 0, 0));
    expect(report.outputs.EECO12).toEqual(c(0));
    expect(report.warnings.map((w) => [w.code, w.participantIds])).toEqual([
      ['disability-missing', ['asked-nothing']],
      ['third-country-national-refused', ['refused-all']],
      ['third-country-national-missing', ['asked-nothing']],
      ['foreign-background-missing', ['asked-nothing']],
      ['minority-missing', ['asked-nothing']],
      ['homeless-refused', ['refused-all']],
      ['homeless-missing', ['asked-nothing']],
      ['rural-refused', ['refused-all']],
      ['rural-missing', ['asked-nothing']],
      ['still-in-programme', ['asked-nothing', 'refused-all', 'yes-all']],
    ]);
    expect(warning(report, 'homeless-refused')?.message).toBe('1 participant refused to state their housing situation: not counted in EECO16');
  });

  it('counts a follow-up in work without an answer about improvement in EECR05 only, with a warning', () => {
    const report = run([{ ...leaver('in-work'), followUp: { employed: true, improvedSituation: null } }]);
    expect(report.results.EECR05).toEqual(c(1, 0, 1, 0));
    expect(report.results.EECR06).toEqual(c(0));
    expect(warning(report, 'improved-situation-missing')).toMatchObject({ count: 1, participantIds: ['in-work'] });
  });

  it('still counts a participant with missing entry data in EECO01, and says what is missing', () => {
    const report = run([
      person('nothing', { gender: null, birthDate: null, employmentAtEntry: null, isced: null }),
      person('no-gender', { gender: undefined, employmentAtEntry: 'employed' }),
      person('nb', { gender: 'non-binary' }),
    ]);
    expect(report.outputs.EECO01).toEqual(c(3, 0, 0, 1));
    expect(report.outputs.EECO04).toEqual(c(1, 0, 0, 1));
    expect(report.outputs.EECO05).toEqual(c(1, 0, 0, 0));
    expect(report.outputs.EECO10).toEqual(c(2, 0, 0, 1));
    expect(warningCounts(report)).toEqual({
      'gender-missing': 2,
      'birth-date-missing': 1,
      'employment-status-missing': 1,
      'isced-missing': 1,
      'still-in-programme': 3,
    });
    expect(warning(report, 'gender-missing')).toEqual({
      code: 'gender-missing',
      count: 2,
      participantIds: ['nothing', 'no-gender'],
      message: '2 participants have no gender: counted in the total column but in no gender column, so a total can exceed women + men + nonBinary by up to 2',
    });
  });

  it('keeps total = women + men + nonBinary in every row when every gender is known', () => {
    const report = run([
      person('w', { gender: 'woman', exitDate: EXIT, events: [{ date: EXIT, type: 'employment' }], followUp: { employed: true, improvedSituation: true } }),
      person('m', { gender: 'man', disability: true, exitDate: EXIT, events: [{ date: EXIT, type: 'job-searching' }] }),
      person('x', { gender: 'non-binary', rural: true }),
    ]);
    const rows = [...Object.values(report.outputs), ...Object.values(report.results)];
    expect(rows).toHaveLength(23);
    for (const row of rows) expect(row.total).toBe(row.women + row.men + row.nonBinary);
    expect(report.outputs.EECO01).toEqual(c(3, 1, 1, 1));
    expect(report.results.EECR04).toEqual(c(1, 1, 0, 0));
    expect(report.results.EECR01).toEqual(c(1, 0, 1, 0));
  });
});

describe('results upon leaving (exit date to 28 days after)', () => {
  const only = (type: EsfEventType, date: string) => [{ date, type }];

  it('counts an event on the exit date and on day 28, not on day 29 nor before the exit date', () => {
    const report = run([
      leaver('day0', { events: only('employment', '2024-06-10') }),
      leaver('day28', { events: only('employment', '2024-07-08') }),
      leaver('day29', { events: only('employment', '2024-07-09') }),
      leaver('before-exit', { events: only('employment', '2024-06-09') }),
      leaver('qual-day28', { events: only('qualification', '2024-07-08'), gender: 'woman' }),
      leaver('qual-day29', { events: only('qualification', '2024-07-09'), gender: 'woman' }),
    ]);
    expect(report.results).toEqual(results({ EECR03: c(1, 1, 0, 0), EECR04: c(2, 0, 2, 0) }));
    expect(warning(report, 'no-status-upon-leaving')).toEqual({
      code: 'no-status-upon-leaving',
      count: 3,
      participantIds: ['day29', 'before-exit', 'qual-day29'],
      message: '3 participants who left have no event within 28 days after exit: counted in none of EECR01 to EECR04',
    });
  });

  it('lets the last labour-market event in the window decide between job searching and employment', () => {
    const report = run([
      // searching, then a job: employment
      leaver('search-then-job', {
        events: [
          { date: '2024-06-20', type: 'employment' },
          { date: '2024-06-12', type: 'job-searching' },
        ],
      }),
      // a job that ended, then searching again: job searching
      leaver('job-then-search', {
        gender: 'woman',
        events: [
          { date: '2024-06-11', type: 'employment' },
          { date: '2024-07-01', type: 'job-searching' },
        ],
      }),
      // a job in the window, searching again on day 29 (outside): employment
      leaver('search-after-window', {
        events: [
          { date: '2024-06-15', type: 'self-employment' },
          { date: '2024-07-09', type: 'job-searching' },
        ],
      }),
      // both on one day: work wins
      leaver('same-day', {
        gender: 'non-binary',
        events: [
          { date: '2024-06-18', type: 'employment' },
          { date: '2024-06-18', type: 'job-searching' },
        ],
      }),
      // self-employment counts as employment
      leaver('self-employed', { gender: 'woman', events: only('self-employment', '2024-06-30') }),
    ]);
    expect(report.results).toEqual(results({ EECR01: c(1, 1, 0, 0), EECR04: c(4, 1, 2, 1) }));
  });

  it('counts education or training and a qualification independently of the job-searching/employment pair', () => {
    const report = run([
      leaver('search-and-course', {
        events: [
          { date: '2024-06-12', type: 'education-training' },
          { date: '2024-06-20', type: 'job-searching' },
        ],
      }),
      // the course comes last, yet the job still counts: training is not a labour-market event
      leaver('job-and-course', {
        gender: 'woman',
        events: [
          { date: '2024-06-12', type: 'employment' },
          { date: '2024-07-01', type: 'education-training' },
        ],
      }),
      leaver('certificate-then-job', {
        gender: 'woman',
        events: [
          { date: '2024-06-10', type: 'qualification' },
          { date: '2024-06-24', type: 'employment' },
          { date: '2024-06-25', type: 'education-training' },
        ],
      }),
      leaver('course-only', { gender: 'non-binary', events: only('education-training', '2024-06-14') }),
    ]);
    expect(report.results).toEqual(
      results({
        EECR01: c(1, 0, 1, 0),
        EECR02: c(4, 2, 1, 1),
        EECR03: c(1, 1, 0, 0),
        EECR04: c(2, 2, 0, 0),
      }),
    );
  });

  it('gives participants still in the programme no results, whatever their events', () => {
    const report = run([
      person('in-1', { events: only('employment', '2024-05-01'), gender: 'woman' }),
      person('in-2', { events: only('job-searching', '2024-04-01') }),
      leaver('out', { events: only('employment', '2024-06-11') }),
    ]);
    expect(report.outputs.EECO01).toEqual(c(3, 1, 2, 0));
    expect(report.results).toEqual(results({ EECR04: c(1, 0, 1, 0) }));
    expect(report.warnings).toEqual([
      {
        code: 'still-in-programme',
        count: 2,
        participantIds: ['in-1', 'in-2'],
        message: '2 participants had not left the programme: counted in the outputs, not yet in the results EECR01 to EECR06',
      },
    ]);
  });
});

describe('results six months after leaving', () => {
  it('counts only recorded follow-ups and tells a missing follow-up from one not due yet', () => {
    const report = computeEsf(
      [
        leaver('employed-better', { followUp: { employed: true, improvedSituation: true }, gender: 'woman' }),
        leaver('employed', { followUp: { employed: true, improvedSituation: false } }),
        leaver('not-employed', { followUp: { employed: false, improvedSituation: false } }),
        leaver('due-today', { exitDate: '2024-07-01', followUp: null }), // + 6 months = 1 Jan 2025
        leaver('due-tomorrow', { exitDate: '2024-07-02', followUp: null }),
        leaver('long-ago', { exitDate: '2024-03-15', followUp: null }),
      ],
      { asOf: '2025-01-01' },
    );
    expect(report.results.EECR05).toEqual(c(2, 1, 1, 0));
    expect(report.results.EECR06).toEqual(c(1, 1, 0, 0));
    expect(report.warnings.filter((w) => w.code.startsWith('follow-up'))).toEqual([
      {
        code: 'follow-up-missing',
        count: 2,
        participantIds: ['due-today', 'long-ago'],
        message: '2 participants left 6 months or more before 2025-01-01 and have no six-month follow-up: not counted in EECR05 or EECR06',
      },
      {
        code: 'follow-up-not-due',
        count: 1,
        participantIds: ['due-tomorrow'],
        message: '1 participant left less than 6 months before 2025-01-01: the six-month follow-up is not due yet, so not counted in EECR05 or EECR06',
      },
    ]);
  });
});

describe('a reporting period', () => {
  it('counts outputs for who entered in it and results for who left in it, both ends included', () => {
    const report = run(
      [
        person('entered-before-left-in', { entryDate: '2023-11-01', exitDate: '2024-01-01', events: [{ date: '2024-01-05', type: 'employment' }] }),
        person('entered-first-day', { entryDate: '2024-01-01', gender: 'woman' }),
        person('entered-last-day-left-after', { entryDate: '2024-06-30', exitDate: '2024-07-01', gender: 'non-binary' }),
        person('entered-and-left-in', {
          entryDate: '2024-02-01',
          exitDate: '2024-06-30',
          events: [{ date: '2024-07-20', type: 'job-searching' }],
          followUp: { employed: true, improvedSituation: false },
        }),
        person('entered-after', { entryDate: '2024-07-01' }),
        person('left-before', { entryDate: '2023-01-01', exitDate: '2023-12-31', events: [{ date: '2023-12-31', type: 'employment' }] }),
      ],
      { period: { from: '2024-01-01', to: '2024-06-30' } },
    );
    expect(report.outputs.EECO01).toEqual(c(3, 1, 1, 1));
    // the search on 20 July is after the period but within 28 days of a leaving inside it
    expect(report.results).toEqual(results({ EECR01: c(1, 0, 1, 0), EECR04: c(1, 0, 1, 0), EECR05: c(1, 0, 1, 0) }));
    expect(warning(report, 'still-in-programme')).toEqual({
      code: 'still-in-programme',
      count: 2,
      participantIds: ['entered-first-day', 'entered-last-day-left-after'],
      message: '2 participants had not left the programme by 2024-06-30: counted in the outputs, not yet in the results EECR01 to EECR06',
    });
    expect(warning(report, 'follow-up-missing')?.participantIds).toEqual(['entered-before-left-in']);
  });
});

describe('warnings', () => {
  it('name at most the first 20 participants but count them all', () => {
    const report = run(Array.from({ length: 25 }, (_, i) => person(`p${i + 1}`, { isced: null })));
    const w = warning(report, 'isced-missing');
    expect(w?.count).toBe(25);
    expect(w?.participantIds).toEqual(Array.from({ length: 20 }, (_, i) => `p${i + 1}`));
    expect(w?.message).toBe('25 participants have no ISCED level: not counted in EECO09, EECO10 or EECO11');
  });

  it('are absent when nothing is missing', () => {
    expect(run([leaver('ok', { events: [{ date: EXIT, type: 'employment' }] })]).warnings).toEqual([]);
  });
});

describe('input validation', () => {
  const valid = {
    id: 'p1',
    gender: 'woman',
    birthDate: '1990-01-01',
    entryDate: '2024-03-01',
    exitDate: null,
    employmentAtEntry: 'inactive',
    unemployedSince: null,
    isced: 3,
    disability: false,
    thirdCountNational: false,
    foreignBackground: false,
    minority: false,
    homeless: false,
    rural: false,
    events: [],
    followUp: null,
  };

  it('accepts a valid file and defaults missing optional fields', () => {
    const parsed = parseEsfInput({
      participants: [
        valid,
        {
          id: 'p2',
          entryDate: '2024-03-01',
          disability: 'refused',
          thirdCountNational: false,
          foreignBackground: false,
          minority: false,
          homeless: false,
          rural: false,
        },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.participants[1].events).toEqual([]);
  });

  it('names the participant, the field and the value of every problem', () => {
    const parsed = parseEsfInput({
      participants: [
        { ...valid, birthDate: '1990-02-30' },
        { ...valid, id: 'p2', exitDate: '2024-02-29' },
        { ...valid, id: 'p3', isced: 9 },
        { ...valid, id: 'p4', gender: 'female', employmentAtEntry: 'student', events: [{ date: '2024-04-01', type: 'internship' }] },
        { ...valid, id: 'p1' },
        { ...valid, id: 'p6', disability: 'yes', gendre: 'man' },
        { ...valid, id: 'p7', followUp: { employed: true, improvedSituation: true } },
        { ...valid, id: 'p8', birthDate: '2024-03-02', unemployedSince: '2024-03-02' },
      ],
    });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        'participant "p1" (number 1): birthDate: a real date written as YYYY-MM-DD (got "1990-02-30")',
        'participant "p2" (number 2): exitDate: before the entry date 2024-03-01 (got "2024-02-29")',
        'participant "p3" (number 3): isced: an ISCED level from 0 to 8 (got 9)',
        'participant "p4" (number 4): gender: one of "woman", "man", "non-binary" (got "female")',
        'participant "p4" (number 4): employmentAtEntry: one of "unemployed", "inactive", "employed", "self-employed" (got "student")',
        'participant "p4" (number 4): events[0].type: one of "job-searching", "education-training", "qualification", "employment", "self-employment" (got "internship")',
        'participant "p6" (number 6): disability: true, false or "refused" (got "yes")',
        'participant "p6" (number 6): unknown field "gendre"',
        'participant "p7" (number 7): followUp: given while exitDate is empty (the participant has not left) (got {"employed":true,"improvedSituation":true})',
        'participant "p8" (number 8): birthDate: after the entry date 2024-03-01 (got "2024-03-02")',
        'participant "p8" (number 8): unemployedSince: after the entry date 2024-03-01 (got "2024-03-02")',
        'participant "p1" (number 5): id: duplicate id, also used by participant number 1 (got "p1")',
      ],
    });
  });

  it('explains a file that is not a list of participants', () => {
    expect(parseEsfInput([])).toEqual({ ok: false, errors: ['the file: an object with a "participants" list'] });
    expect(parseEsfInput({ people: [] })).toEqual({ ok: false, errors: ['participants: a list of participants'] });
    expect(parseEsfInput({ participants: [{ ...valid, id: '' }] })).toEqual({ ok: false, errors: ['participant number 1: id: a non-empty text (got "")'] });
  });
});

describe('schakel esf, end to end', () => {
  const exec = promisify(execFile);
  const root = path.resolve(import.meta.dirname, '../..');
  const cli = (...args: string[]) =>
    exec(path.join(root, 'node_modules/.bin/node'), ['src/cli/schakel.ts', 'esf', ...args], { cwd: root }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('prints the hand-computed report of the small fixture', async () => {
    const out = await cli('--input', 'test/fixtures/esf-small.json', '--as-of', '2024-01-01');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const expected = JSON.parse(await readFile(path.join(root, 'test/fixtures/esf-small.expected.json'), 'utf8'));
    expect(JSON.parse(out.stdout)).toEqual(expected);
    // pretty-printed, keys in the regulation's order
    expect(out.stdout).toMatch(/^\{\n {2}"outputs": \{\n {4}"EECO01": \{/);
    expect(Object.keys(JSON.parse(out.stdout).results)).toEqual(['EECR01', 'EECR02', 'EECR03', 'EECR04', 'EECR05', 'EECR06']);
  });

  it('narrows the fixture to a period', async () => {
    // Entered in the first half of 2023: p1, p3, p4, p6, p7, p8; left in it: p1, p3, p4, p7, p8 (p5 left in 2022).
    const out = await cli('--input', 'test/fixtures/esf-small.json', '--from', '2023-01-01', '--to', '2023-06-30', '--as-of', '2024-01-01');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as EsfReport;
    expect(report.outputs.EECO01).toEqual(c(6, 3, 1, 1));
    expect(report.results.EECR01).toEqual(c(1, 0, 0, 1));
    expect(report.outputs.EECO06).toEqual(c(0));
  });

  it('exits 2 and names the participant and field when the input is wrong', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'esf-'));
    try {
      const file = path.join(dir, 'bad.json');
      const fixture = JSON.parse(await readFile(path.join(root, 'test/fixtures/esf-small.json'), 'utf8'));
      fixture.participants[2].exitDate = '2023-01-31';
      await writeFile(file, JSON.stringify(fixture));
      const out = await cli('--input', file);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toBe(
        `schakel esf: ${file} has 1 problem; nothing was computed:\n  participant "p3" (number 3): exitDate: before the entry date 2023-02-01 (got "2023-01-31")\n`,
      );

      await writeFile(file, '{"participants": [');
      const broken = await cli('--input', file);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain(`schakel esf: ${file} is not valid JSON`);

      const missing = await cli('--input', path.join(dir, 'none.json'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(`schakel esf: cannot read ${path.join(dir, 'none.json')}: no such file\n`);

      const reversed = await cli('--input', 'test/fixtures/esf-small.json', '--from', '2024-01-01', '--to', '2023-01-01');
      expect(reversed.code).toBe(2);
      expect(reversed.stderr).toBe('schakel esf: --to: the period ends before it starts\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
