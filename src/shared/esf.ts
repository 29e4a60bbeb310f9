/**
 * ESF+ common indicators for participants (Regulation (EU) 2021/1057, Annex I), computed from
 * participant records as DOMAIN.md defines them. Pure: no database, no clock unless `asOf` is
 * left out. The server feeds it one programme's (or place's) records; `schakel esf` feeds it a
 * JSON file. docs/esf-indicators.md lists every code with the exact rule applied here.
 *
 * Rules where the text leaves room (each also stated where it is applied):
 * - Outputs describe the participant at entry; with a period they count the participants who
 *   entered in it. Results count the participants who left in it (exitDate within the period).
 * - Gender may be missing: the participant is counted in `total` but in no gender column, and a
 *   warning says so. Without missing genders, total = women + men + nonBinary in every row.
 * - "Upon leaving" is the window from the exit date (day 0) to day 28 after it, both included;
 *   events before the exit date describe the time in the programme and do not count.
 * - Special categories: only `true` counts; "refused" is never read as yes or no and is counted
 *   in a warning.
 */
import { z } from 'zod';

export const esfGenders = ['woman', 'man', 'non-binary'] as const;
export const esfEmploymentStatuses = ['unemployed', 'inactive', 'employed', 'self-employed'] as const;
export const esfEventTypes = ['job-searching', 'education-training', 'qualification', 'employment', 'self-employment'] as const;

export type EsfGender = (typeof esfGenders)[number];
export type EsfEventType = (typeof esfEventTypes)[number];

/** Output indicators, in the order of the regulation's list, with what each counts. */
export const esfOutputCodes = {
  EECO01: 'total participants',
  EECO02: 'unemployed, including long-term unemployed',
  EECO03: 'long-term unemployed',
  EECO04: 'inactive',
  EECO05: 'employed, including self-employed',
  EECO06: 'children below 18 years of age',
  EECO07: 'young people between 18 and 29 years of age',
  EECO08: 'participants 55 years of age and above',
  EECO09: 'with lower secondary education or less (ISCED 0-2)',
  EECO10: 'with upper secondary (ISCED 3) or post-secondary education (ISCED 4)',
  EECO11: 'with tertiary education (ISCED 5 to 8)',
  EECO12: 'participants with disabilities',
  EECO13: 'third-country nationals',
  EECO14: 'participants with a foreign background',
  EECO15: 'minorities (including marginalised communities such as the Roma)',
  EECO16: 'homeless or affected by housing exclusion',
  EECO17: 'participants from rural areas',
} as const;

/** Result indicators, in the order of the regulation's list. */
export const esfResultCodes = {
  EECR01: 'participants engaged in job searching upon leaving',
  EECR02: 'participants in education or training upon leaving',
  EECR03: 'participants gaining a qualification upon leaving',
  EECR04: 'participants in employment, including self-employment, upon leaving',
  EECR05: 'participants in employment, including self-employment, six months after leaving',
  EECR06: 'participants with an improved labour market situation six months after leaving',
} as const;

export type EsfOutputCode = keyof typeof esfOutputCodes;
export type EsfResultCode = keyof typeof esfResultCodes;

/** Day 0 is the exit date; day 28 still counts as "upon leaving", day 29 no longer does. */
export const UPON_LEAVING_DAYS = 28;
export const FOLLOW_UP_MONTHS = 6;

// ---------------------------------------------------------------------------------------------
// Input

const date = z.iso.date({ error: 'a real date written as YYYY-MM-DD' });
const refusable = z.union([z.boolean(), z.literal('refused')], { error: 'true, false or "refused"' });
const bool = z.boolean({ error: 'true or false' });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `one of ${values.map((v) => `"${v}"`).join(', ')}` });

const entryOf = (value: unknown) => (value as { entryDate?: string } | null)?.entryDate;
const afterEntry = (issue: { input?: unknown }) => `after the entry date ${entryOf(issue.input)}`;

function validFields(...fields: string[]) {
  return (payload: { value: unknown; issues: readonly { path?: PropertyKey[] }[] }) =>
    typeof payload.value === 'object' && payload.value !== null && !payload.issues.some((i) => fields.includes(String(i.path?.[0])));
}

const esfEvent = z.strictObject({ date, type: oneOf(esfEventTypes) });

/**
 * One participant's record for one programme. Strict: an unknown field is an error rather than
 * silently ignored, so a misspelt "gendre" cannot turn into a "gender missing" warning.
 * Gender, birth date, employment status and ISCED may be missing (null or absent): the record is
 * still counted, with a warning. The special categories must be stated: true, false or "refused".
 */
export const esfParticipant = z
  .strictObject({
    id: z.string({ error: 'a non-empty text' }).trim().min(1, 'a non-empty text').max(200),
    gender: oneOf(esfGenders).nullish(),
    birthDate: date.nullish(),
    entryDate: date,
    exitDate: date.nullish(),
    employmentAtEntry: oneOf(esfEmploymentStatuses).nullish(),
    unemployedSince: date.nullish(),
    isced: z.int({ error: 'a whole number from 0 to 8' }).min(0, 'an ISCED level from 0 to 8').max(8, 'an ISCED level from 0 to 8').nullish(),
    disability: refusable,
    thirdCountNational: bool,
    foreignBackground: refusable,
    minority: refusable,
    homeless: bool,
    rural: bool,
    events: z.array(esfEvent).max(10_000).default([]),
    followUp: z.strictObject({ employed: bool, improvedSituation: bool }).nullish(),
  })
  // Each cross-field rule runs as soon as its own fields are valid, so one pass reports every problem.
  .refine((p) => !p.birthDate || p.birthDate <= p.entryDate, { path: ['birthDate'], error: afterEntry, when: validFields('entryDate', 'birthDate') })
  .refine((p) => !p.exitDate || p.exitDate >= p.entryDate, {
    path: ['exitDate'],
    error: (issue) => `before the entry date ${entryOf(issue.input)}`,
    when: validFields('entryDate', 'exitDate'),
  })
  .refine((p) => !p.unemployedSince || p.unemployedSince <= p.entryDate, {
    path: ['unemployedSince'],
    error: afterEntry,
    when: validFields('entryDate', 'unemployedSince'),
  })
  // A six-month follow-up of someone who has not left cannot exist; better to say so than to count it.
  .refine((p) => !p.followUp || !!p.exitDate, {
    path: ['followUp'],
    message: 'given while exitDate is empty (the participant has not left)',
    when: validFields('exitDate', 'followUp'),
  })
  // Every improvement the regulation names (precarious to stable work, under- to full employment, a higher-skilled job) is work.
  .refine((p) => !p.followUp?.improvedSituation || p.followUp.employed, {
    path: ['followUp', 'improvedSituation'],
    message: 'true while followUp.employed is false; an improved situation is in work',
    when: validFields('followUp'),
  });

/** The `schakel esf` input file. Other top-level keys (a programme name, an export date) are allowed. */
export const esfInput = z
  .object({ participants: z.array(esfParticipant, { error: 'a list of participants' }) }, { error: 'an object with a "participants" list' })
  .superRefine(
    (_input, ctx) => {
      // One record per participant per programme (DOMAIN.md): a second one would count the person twice.
      // Read from the raw list, so duplicates are reported together with any other problem.
      const list = (ctx.value as { participants?: unknown }).participants;
      if (!Array.isArray(list)) return;
      const first = new Map<string, number>();
      list.forEach((p, i) => {
        const id = (p as { id?: unknown } | null)?.id;
        if (typeof id !== 'string' || !id.trim()) return;
        const seen = first.get(id.trim());
        if (seen === undefined) first.set(id.trim(), i);
        else ctx.addIssue({ code: 'custom', path: ['participants', i, 'id'], message: `duplicate id, also used by participant number ${seen + 1}` });
      });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

export type EsfParticipant = z.infer<typeof esfParticipant>;
export type EsfParticipantInput = z.input<typeof esfParticipant>;

/**
 * What `computeEsf` reads: a file's participant, or a record read from pathway data, where a
 * question may not have been asked yet (null) and any yes/no question may have been refused.
 * The file format stays strict (the answer or the refusal must be written); the database keeps
 * what was really recorded, and the report warns instead of guessing.
 */
export type EsfRecord = Omit<EsfParticipant, 'disability' | 'foreignBackground' | 'minority' | 'thirdCountNational' | 'homeless' | 'rural' | 'followUp'> & {
  disability: boolean | 'refused' | null;
  foreignBackground: boolean | 'refused' | null;
  minority: boolean | 'refused' | null;
  thirdCountNational: boolean | 'refused' | null;
  homeless: boolean | 'refused' | null;
  rural: boolean | 'refused' | null;
  /** improvedSituation null: the follow-up asked about work but not about an improvement. */
  followUp?: { employed: boolean; improvedSituation: boolean | null } | null;
};

export const esfPeriod = z
  .object({ from: date.optional(), to: date.optional() })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] });
export type EsfPeriod = z.infer<typeof esfPeriod>;

/**
 * Validates a parsed JSON document. Errors read "participant "p-7" (number 7): exitDate: before
 * the entry date 2024-03-01 (got "2024-02-01")", one line per problem, so a person can fix the file.
 */
export function parseEsfInput(raw: unknown): { ok: true; participants: EsfParticipant[] } | { ok: false; errors: string[] } {
  const parsed = esfInput.safeParse(raw);
  if (parsed.success) return { ok: true, participants: parsed.data.participants };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) =>
      describeIssue(
        raw,
        issue.path,
        issue.code === 'unrecognized_keys'
          ? `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message,
      ),
    ),
  };
}

function describeIssue(raw: unknown, path: PropertyKey[], message: string): string {
  if (path[0] !== 'participants' || typeof path[1] !== 'number') return `${path.length ? path.join('.') : 'the file'}: ${message}`;
  const index = path[1];
  const record = valueAt(raw, ['participants', index]);
  const id = valueAt(record, ['id']);
  const who = typeof id === 'string' && id.trim() ? `participant "${id}" (number ${index + 1})` : `participant number ${index + 1}`;
  const field = path.slice(2);
  if (!field.length) return `${who}: ${message}`;
  const got = valueAt(record, field);
  const shown = got === undefined ? 'missing' : `got ${JSON.stringify(got)}`;
  return `${who}: ${field.map((f, i) => (typeof f === 'number' ? `[${f}]` : i ? `.${String(f)}` : String(f))).join('')}: ${message} (${shown})`;
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Dates: plain YYYY-MM-DD strings compare correctly as text; arithmetic goes through UTC days.

function parts(isoDate: string): [number, number, number] {
  const [y, m, d] = isoDate.split('-').map(Number);
  return [y, m, d];
}

function dayNumber(isoDate: string): number {
  const [y, m, d] = parts(isoDate);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Calendar months later; a day the target month lacks becomes its last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = parts(isoDate);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * Completed years on a date. The birthday is reached when the (month, day) of `on` is not before
 * that of the birth date, so someone born on 29 February turns a year older on 1 March in a
 * common year (and on 29 February in a leap year).
 */
export function ageAt(birthDate: string, on: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function localToday(): string {
  const now = new Date();
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Report

export type EsfCounts = { total: number; women: number; men: number; nonBinary: number };

export const esfWarningCodes = [
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
] as const;
export type EsfWarningCode = (typeof esfWarningCodes)[number];

export type EsfWarning = {
  code: EsfWarningCode;
  count: number;
  /** The first 20 affected participants, in input order. */
  participantIds: string[];
  message: string;
};

export type EsfReport = {
  outputs: Record<EsfOutputCode, EsfCounts>;
  results: Record<EsfResultCode, EsfCounts>;
  warnings: EsfWarning[];
};

export type EsfOptions = {
  /** Both ends included; either may be left open. */
  period?: EsfPeriod;
  /** The day the report is made, to tell a follow-up not due yet from a missing one. Default: today. */
  asOf?: string;
};

const MAX_IDS = 20;

const zero = (): EsfCounts => ({ total: 0, women: 0, men: 0, nonBinary: 0 });
const column = { woman: 'women', man: 'men', 'non-binary': 'nonBinary' } as const satisfies Record<EsfGender, keyof EsfCounts>;

/** Labour-market events compete for "upon leaving"; on the same day, work beats job searching. */
const labourMarketRank: Partial<Record<EsfEventType, number>> = { 'job-searching': 1, employment: 2, 'self-employment': 2 };

const participants = (n: number) => (n === 1 ? '1 participant' : `${n} participants`);
const has = (n: number) => (n === 1 ? 'has' : 'have');

/**
 * Computes every output and result indicator. `participants` must have passed `esfInput`
 * (or `esfParticipant`): the cross-field checks there (exit not before entry, …) are assumed.
 */
export function computeEsf(records: readonly EsfRecord[], options: EsfOptions = {}): EsfReport {
  const { from, to } = options.period ?? {};
  const asOf = options.asOf ?? localToday();
  const inPeriod = (d: string) => (!from || d >= from) && (!to || d <= to);

  const outputs = Object.fromEntries(Object.keys(esfOutputCodes).map((c) => [c, zero()])) as Record<EsfOutputCode, EsfCounts>;
  const results = Object.fromEntries(Object.keys(esfResultCodes).map((c) => [c, zero()])) as Record<EsfResultCode, EsfCounts>;
  const flagged = new Map<EsfWarningCode, string[]>(esfWarningCodes.map((c) => [c, []]));
  const flag = (code: EsfWarningCode, p: EsfRecord) => flagged.get(code)?.push(p.id);

  const count = (row: EsfCounts, p: EsfRecord) => {
    row.total++;
    if (p.gender) row[column[p.gender]]++;
  };

  for (const p of records) {
    const entered = inPeriod(p.entryDate);
    // Left within the period; someone who leaves after its end was still in the programme during it.
    const left = !!p.exitDate && inPeriod(p.exitDate);
    if (!entered && !left) continue;
    if (!p.gender) flag('gender-missing', p);

    if (entered) {
      countEntry(p, outputs, count, flag);
      if (!p.exitDate || (to && p.exitDate > to)) flag('still-in-programme', p);
    }
    if (left && p.exitDate) countLeaving(p, p.exitDate, asOf, results, count, flag);
  }

  const n = (code: EsfWarningCode) => flagged.get(code)?.length ?? 0;
  const messages: Record<EsfWarningCode, (k: number) => string> = {
    'gender-missing': (k) =>
      `${participants(k)} ${has(k)} no gender: counted in the total column but in no gender column, so a total can exceed women + men + nonBinary by up to ${k}`,
    'birth-date-missing': (k) => `${participants(k)} ${has(k)} no birth date: not counted in EECO06, EECO07 or EECO08`,
    'employment-status-missing': (k) => `${participants(k)} ${has(k)} no employment status at entry: counted in EECO01 but in none of EECO02 to EECO05`,
    'unemployed-since-missing': (k) =>
      `${participants(k)} unemployed at entry ${has(k)} no unemployedSince date: counted in EECO02, but not in EECO03 because the duration of unemployment is unknown`,
    'long-term-unemployment-undetermined': (k) =>
      `${participants(k)} had been unemployed for more than 6 and at most 12 months at entry and ${has(k)} no birth date: long-term unemployed only if under 25, so not counted in EECO03`,
    'isced-missing': (k) => `${participants(k)} ${has(k)} no ISCED level: not counted in EECO09, EECO10 or EECO11`,
    'disability-refused': (k) => `${participants(k)} refused to state disability: not counted in EECO12`,
    'foreign-background-refused': (k) => `${participants(k)} refused to state a foreign background: not counted in EECO14`,
    'minority-refused': (k) => `${participants(k)} refused to state belonging to a minority: not counted in EECO15`,
    'disability-missing': (k) => `${participants(k)} ${has(k)} no answer recorded about disability: not counted in EECO12`,
    'third-country-national-refused': (k) => `${participants(k)} refused to state their nationality: not counted in EECO13`,
    'third-country-national-missing': (k) => `${participants(k)} ${has(k)} no answer recorded about nationality: not counted in EECO13`,
    'foreign-background-missing': (k) => `${participants(k)} ${has(k)} no answer recorded about a foreign background: not counted in EECO14`,
    'minority-missing': (k) => `${participants(k)} ${has(k)} no answer recorded about belonging to a minority: not counted in EECO15`,
    'homeless-refused': (k) => `${participants(k)} refused to state their housing situation: not counted in EECO16`,
    'homeless-missing': (k) => `${participants(k)} ${has(k)} no answer recorded about homelessness or housing exclusion: not counted in EECO16`,
    'rural-refused': (k) => `${participants(k)} refused to state whether they live in a rural area: not counted in EECO17`,
    'rural-missing': (k) => `${participants(k)} ${has(k)} no answer recorded about living in a rural area: not counted in EECO17`,
    'improved-situation-missing': (k) =>
      `${participants(k)} in work at the six-month follow-up ${has(k)} no answer about an improved situation: counted in EECR05, not in EECR06`,
    'still-in-programme': (k) =>
      `${participants(k)} had not left the programme${to ? ` by ${to}` : ''}: counted in the outputs, not yet in the results EECR01 to EECR06`,
    'no-status-upon-leaving': (k) =>
      `${participants(k)} who left ${has(k)} no event within ${UPON_LEAVING_DAYS} days after exit: counted in none of EECR01 to EECR04`,
    'follow-up-missing': (k) =>
      `${participants(k)} left ${FOLLOW_UP_MONTHS} months or more before ${asOf} and ${has(k)} no six-month follow-up: not counted in EECR05 or EECR06`,
    'follow-up-not-due': (k) =>
      `${participants(k)} left less than ${FOLLOW_UP_MONTHS} months before ${asOf}: the six-month follow-up is not due yet, so not counted in EECR05 or EECR06`,
  };
  const warnings = esfWarningCodes
    .filter((code) => n(code) > 0)
    .map((code) => ({ code, count: n(code), participantIds: (flagged.get(code) ?? []).slice(0, MAX_IDS), message: messages[code](n(code)) }));

  return { outputs, results, warnings };
}

type Count = (row: EsfCounts, p: EsfRecord) => void;
type Flag = (code: EsfWarningCode, p: EsfRecord) => void;

function countEntry(p: EsfRecord, o: Record<EsfOutputCode, EsfCounts>, count: Count, flag: Flag) {
  // Missing data never removes anyone from the total.
  count(o.EECO01, p);
  const age = p.birthDate ? ageAt(p.birthDate, p.entryDate) : undefined;

  switch (p.employmentAtEntry) {
    case 'unemployed': {
      count(o.EECO02, p);
      const longTerm = isLongTermUnemployed(p, age);
      if (longTerm === true) count(o.EECO03, p);
      else if (longTerm === 'no-start-date') flag('unemployed-since-missing', p);
      else if (longTerm === 'no-age') flag('long-term-unemployment-undetermined', p);
      break;
    }
    case 'inactive':
      count(o.EECO04, p);
      break;
    case 'employed':
    case 'self-employed':
      count(o.EECO05, p);
      break;
    default:
      flag('employment-status-missing', p);
  }

  if (age === undefined) flag('birth-date-missing', p);
  else if (age < 18) count(o.EECO06, p);
  else if (age <= 29) count(o.EECO07, p);
  else if (age >= 55) count(o.EECO08, p);

  if (p.isced === null || p.isced === undefined) flag('isced-missing', p);
  else if (p.isced <= 2) count(o.EECO09, p);
  else if (p.isced <= 4) count(o.EECO10, p);
  else count(o.EECO11, p);

  // Only true counts; a refusal or a question not asked yet (null) is a warning, never a yes or a no.
  const answer = (value: boolean | 'refused' | null, row: EsfCounts, refused: EsfWarningCode, missing: EsfWarningCode) => {
    if (value === true) count(row, p);
    else if (value === 'refused') flag(refused, p);
    else if (value === null || value === undefined) flag(missing, p);
  };
  answer(p.disability, o.EECO12, 'disability-refused', 'disability-missing');
  answer(p.thirdCountNational, o.EECO13, 'third-country-national-refused', 'third-country-national-missing');
  answer(p.foreignBackground, o.EECO14, 'foreign-background-refused', 'foreign-background-missing');
  answer(p.minority, o.EECO15, 'minority-refused', 'minority-missing');
  answer(p.homeless, o.EECO16, 'homeless-refused', 'homeless-missing');
  answer(p.rural, o.EECO17, 'rural-refused', 'rural-missing');
}

/**
 * Long-term unemployed: unemployed for more than 12 months at entry, or more than 6 months when
 * under 25 at entry. "More than": exactly 12 months (1 March to 1 March) is not long-term; one
 * day more is. Without a birth date the answer is still known when the duration settles it
 * (more than 12 months, or 6 months or less).
 */
export function isLongTermUnemployed(
  p: Pick<EsfRecord, 'entryDate' | 'unemployedSince'>,
  ageAtEntry: number | undefined,
): boolean | 'no-start-date' | 'no-age' {
  if (!p.unemployedSince) return 'no-start-date';
  const over = (months: number) => p.entryDate > addMonths(p.unemployedSince as string, months);
  if (ageAtEntry === undefined) return over(12) ? true : over(6) ? 'no-age' : false;
  return over(ageAtEntry < 25 ? 6 : 12);
}

/**
 * Immediate results look at the events dated from the exit date to 28 days after it, both
 * included. Of the labour-market events (job searching, employment, self-employment) the last
 * one decides between EECR01 and EECR04, which exclude each other: someone who found work after
 * a week of searching is in employment upon leaving. Education/training (EECR02) and a
 * qualification (EECR03) are not states that replace work or searching: a participant can
 * follow a course while searching or working, and gain a certificate on their way into a job,
 * so each counts whenever it occurs in the window, independently of the pair and of each other.
 */
function countLeaving(p: EsfRecord, exitDate: string, asOf: string, r: Record<EsfResultCode, EsfCounts>, count: Count, flag: Flag) {
  const exitDay = dayNumber(exitDate);
  const window = p.events.filter((e) => {
    const day = dayNumber(e.date) - exitDay;
    return day >= 0 && day <= UPON_LEAVING_DAYS;
  });
  if (!window.length) flag('no-status-upon-leaving', p);

  let last: { date: string; rank: number; type: EsfEventType } | undefined;
  for (const e of window) {
    const rank = labourMarketRank[e.type];
    if (rank === undefined) continue;
    if (!last || e.date > last.date || (e.date === last.date && rank > last.rank)) last = { date: e.date, rank, type: e.type };
  }
  if (last?.type === 'job-searching') count(r.EECR01, p);
  if (window.some((e) => e.type === 'education-training')) count(r.EECR02, p);
  if (window.some((e) => e.type === 'qualification')) count(r.EECR03, p);
  if (last?.type === 'employment' || last?.type === 'self-employment') count(r.EECR04, p);

  // Six-month results only from a recorded follow-up: absence is reported, never read as "no".
  if (p.followUp) {
    if (p.followUp.employed) count(r.EECR05, p);
    if (p.followUp.improvedSituation) count(r.EECR06, p);
    else if (p.followUp.employed && p.followUp.improvedSituation === null) flag('improved-situation-missing', p);
  } else if (addMonths(exitDate, FOLLOW_UP_MONTHS) <= asOf) flag('follow-up-missing', p);
  else flag('follow-up-not-due', p);
}
