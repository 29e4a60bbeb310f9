/**
 * Pathway data → ESF+ participant records (the engine's input in src/shared/esf.ts).
 *
 * DOMAIN.md: one record per participant per programme, "first entry kept, final exit updated".
 * Of a participant's started pathways in the programme (at the place, when one is asked for):
 * - entry: the first pathway (earliest started_on; on the same day the smaller id): its start is
 *   the entry date, its entry data the situation at entry;
 * - exit: the last pathway: its ended_on is the exit date (null while it runs, even when an
 *   earlier pathway ended: the participant came back and has not left), its events and its
 *   six-month follow-up.
 * A pathway still at intake (no started_on) is not an entry.
 *
 * Answers are read as recorded, never guessed: 'yes' → true, 'no' → false, 'refused' → 'refused',
 * null (not asked yet) → null; the engine counts only true and warns about the rest.
 * A follow-up counts once it is done and says whether the person works.
 *
 * Two readers give the same numbers (esf-source.test.ts proves it on generated data with every
 * edge case): `readEsfRecords` reads the pathway tables and builds the records for `computeEsf`
 * (the reference, and the input of anything that needs the records themselves); `aggregateEsf`
 * counts in one pass over `esf_records`, the same rules applied by the database itself whenever
 * pathway data change (refresh_esf_record in migration 0025_reports_security.sql), so a programme
 * of a million participants is reported from a million narrow rows (bench/esf-report.ts).
 */
import { and, asc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import {
  type EsfCounts,
  type EsfEventType,
  type EsfOutputCode,
  type EsfPeriod,
  type EsfRecord,
  type EsfResultCode,
  type EsfWarningCode,
  esfOutputCodes,
  esfResultCodes,
  esfWarningCodes,
  FOLLOW_UP_MONTHS,
} from '../../../shared/esf.ts';
import type { AnswerOrRefused } from '../../../shared/pathways.ts';
import type { Tx } from '../../db/client.ts';
import { entryData, followUps, pathwayEvents, pathways, people } from '../../db/schema/index.ts';

export interface EsfScope {
  organisationId: string;
  programmeId: string;
  /** Only the pathways at this place; all the programme's places when left out. */
  placeId?: string | null;
}

/** The report's numbers: every count of `computeEsf`, and each warning's count (no names). */
export interface EsfSummary {
  outputs: Record<EsfOutputCode, EsfCounts>;
  results: Record<EsfResultCode, EsfCounts>;
  warnings: { code: EsfWarningCode; count: number }[];
}

export function answer(value: AnswerOrRefused | null): boolean | 'refused' | null {
  return value === 'yes' ? true : value === 'no' ? false : value === 'refused' ? 'refused' : null;
}

function scopeWhere(scope: EsfScope): SQL | undefined {
  return and(
    eq(pathways.organisationId, scope.organisationId),
    eq(pathways.programmeId, scope.programmeId),
    isNotNull(pathways.startedOn),
    scope.placeId ? eq(pathways.placeId, scope.placeId) : undefined,
  );
}

/** One record per participant, ordered by participant id. Run inside `withOrganisation`. */
export async function readEsfRecords(tx: Tx, scope: EsfScope): Promise<EsfRecord[]> {
  const rows = await tx
    .select({
      participantId: pathways.participantId,
      pathwayId: pathways.id,
      startedOn: pathways.startedOn,
      endedOn: pathways.endedOn,
      birthDate: people.birthDate,
      gender: entryData.gender,
      isced: entryData.isced,
      employmentAtEntry: entryData.employmentAtEntry,
      unemployedSince: entryData.unemployedSince,
      disability: entryData.disability,
      thirdCountNational: entryData.thirdCountryNational,
      foreignBackground: entryData.foreignBackground,
      minority: entryData.minority,
      homeless: entryData.homeless,
      rural: entryData.rural,
      followUpDoneOn: followUps.doneOn,
      followUpEmployed: followUps.employed,
      followUpImproved: followUps.improvedSituation,
    })
    .from(pathways)
    .innerJoin(people, and(eq(people.organisationId, pathways.organisationId), eq(people.id, pathways.participantId)))
    .leftJoin(entryData, and(eq(entryData.organisationId, pathways.organisationId), eq(entryData.pathwayId, pathways.id)))
    .leftJoin(followUps, and(eq(followUps.organisationId, pathways.organisationId), eq(followUps.pathwayId, pathways.id)))
    .where(scopeWhere(scope))
    .orderBy(asc(pathways.participantId), asc(pathways.startedOn), asc(pathways.id));

  const events = await tx
    .select({ pathwayId: pathwayEvents.pathwayId, date: pathwayEvents.occurredOn, type: pathwayEvents.type })
    .from(pathwayEvents)
    .innerJoin(pathways, and(eq(pathways.organisationId, pathwayEvents.organisationId), eq(pathways.id, pathwayEvents.pathwayId)))
    .where(scopeWhere(scope))
    .orderBy(asc(pathwayEvents.occurredOn), asc(pathwayEvents.id));
  const eventsOf = new Map<string, { date: string; type: EsfEventType }[]>();
  for (const e of events) {
    const list = eventsOf.get(e.pathwayId) ?? [];
    list.push({ date: e.date, type: e.type });
    eventsOf.set(e.pathwayId, list);
  }

  const records: EsfRecord[] = [];
  for (let i = 0; i < rows.length; ) {
    const first = rows[i];
    let j = i;
    while (j + 1 < rows.length && rows[j + 1].participantId === first.participantId) j++;
    const last = rows[j];
    i = j + 1;
    records.push({
      id: first.participantId,
      gender: first.gender,
      birthDate: first.birthDate,
      entryDate: first.startedOn as string,
      exitDate: last.endedOn,
      employmentAtEntry: first.employmentAtEntry,
      unemployedSince: first.unemployedSince,
      isced: first.isced,
      disability: answer(first.disability),
      thirdCountNational: answer(first.thirdCountNational),
      foreignBackground: answer(first.foreignBackground),
      minority: answer(first.minority),
      homeless: answer(first.homeless),
      rural: answer(first.rural),
      events: eventsOf.get(last.pathwayId) ?? [],
      followUp:
        last.followUpDoneOn !== null && last.followUpEmployed !== null ? { employed: last.followUpEmployed, improvedSituation: last.followUpImproved } : null,
    });
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// The same numbers in one grouped query. Each condition below is the SQL form of a rule in
// computeEsf (src/shared/esf.ts), over one row per participant (`r`).

// r.over6 / r.over12: unemployed for more than 6 / 12 months at entry (null without a start date).
const longTerm = sql`(r.unemployed_over_6_months is not null and case when r.age_at_entry is null then r.unemployed_over_12_months when r.age_at_entry < 25 then r.unemployed_over_6_months else r.unemployed_over_12_months end)`;
const yes = (column: string) => sql.raw(`r.${column} = 'yes'`);

const outputRules: Record<EsfOutputCode, SQL> = {
  EECO01: sql`true`,
  EECO02: sql`r.employment_at_entry = 'unemployed'`,
  EECO03: sql`r.employment_at_entry = 'unemployed' and ${longTerm}`,
  EECO04: sql`r.employment_at_entry = 'inactive'`,
  EECO05: sql`r.employment_at_entry in ('employed', 'self-employed')`,
  EECO06: sql`r.age_at_entry < 18`,
  EECO07: sql`r.age_at_entry between 18 and 29`,
  EECO08: sql`r.age_at_entry >= 55`,
  EECO09: sql`r.isced <= 2`,
  EECO10: sql`r.isced between 3 and 4`,
  EECO11: sql`r.isced >= 5`,
  EECO12: yes('disability'),
  EECO13: yes('third_country_national'),
  EECO14: yes('foreign_background'),
  EECO15: yes('minority'),
  EECO16: yes('homeless'),
  EECO17: yes('rural'),
};

/** status_upon_leaving: the last labour-market event in the window (on the same day, work wins). */
const resultRules: Record<EsfResultCode, SQL> = {
  EECR01: sql`r.status_upon_leaving = 'job-searching'`,
  EECR02: sql`r.education_upon_leaving`,
  EECR03: sql`r.qualification_upon_leaving`,
  EECR04: sql`r.status_upon_leaving = 'employment'`,
  EECR05: sql`r.follow_up_done and r.follow_up_employed`,
  EECR06: sql`r.follow_up_done and r.follow_up_improved is true`,
};

function warningRules(to: string | undefined): Record<EsfWarningCode, SQL> {
  const refused = (column: string) => sql.raw(`r.entered and r.${column} = 'refused'`);
  const missing = (column: string) => sql.raw(`r.entered and r.${column} is null`);
  return {
    'gender-missing': sql`r.gender is null`,
    'birth-date-missing': sql`r.entered and r.age_at_entry is null`,
    'employment-status-missing': sql`r.entered and r.employment_at_entry is null`,
    'unemployed-since-missing': sql`r.entered and r.employment_at_entry = 'unemployed' and r.unemployed_over_6_months is null`,
    'long-term-unemployment-undetermined': sql`r.entered and r.employment_at_entry = 'unemployed' and r.age_at_entry is null and not r.unemployed_over_12_months and r.unemployed_over_6_months`,
    'isced-missing': sql`r.entered and r.isced is null`,
    'disability-refused': refused('disability'),
    'disability-missing': missing('disability'),
    'third-country-national-refused': refused('third_country_national'),
    'third-country-national-missing': missing('third_country_national'),
    'foreign-background-refused': refused('foreign_background'),
    'foreign-background-missing': missing('foreign_background'),
    'minority-refused': refused('minority'),
    'minority-missing': missing('minority'),
    'homeless-refused': refused('homeless'),
    'homeless-missing': missing('homeless'),
    'rural-refused': refused('rural'),
    'rural-missing': missing('rural'),
    'still-in-programme': to ? sql`r.entered and (r.exit_date is null or r.exit_date > ${to}::date)` : sql`r.entered and r.exit_date is null`,
    'no-status-upon-leaving': sql`r.left_ and not r.event_upon_leaving`,
    'follow-up-missing': sql`r.left_ and not r.follow_up_done and r.follow_up_due`,
    'follow-up-not-due': sql`r.left_ and not r.follow_up_done and not r.follow_up_due`,
    'improved-situation-missing': sql`r.left_ and r.follow_up_done and r.follow_up_employed and r.follow_up_improved is null`,
  };
}

/**
 * The counts of `computeEsf(await readEsfRecords(tx, scope), { period, asOf })`, computed in
 * PostgreSQL from `esf_records` (one row per participant, kept by the database's triggers; see
 * src/server/db/schema/reports.ts). What depends on the period and the report date (entered,
 * left, a follow-up due) is computed here from the stored dates. Run inside `withOrganisation`.
 */
export async function aggregateEsf(tx: Tx, scope: EsfScope, options: { period?: EsfPeriod; asOf: string }): Promise<EsfSummary> {
  const from = options.period?.from ?? null;
  const to = options.period?.to ?? null;
  const inPeriod = (column: string) =>
    sql.join(
      [from ? sql`${sql.raw(column)} >= ${from}::date` : undefined, to ? sql`${sql.raw(column)} <= ${to}::date` : undefined].filter(
        (c): c is SQL => c !== undefined,
      ),
      sql` and `,
    );
  const entered = from || to ? sql`(${inPeriod('entry_date')})` : sql`true`;
  const left = from || to ? sql`(exit_date is not null and ${inPeriod('exit_date')})` : sql`exit_date is not null`;
  const place = scope.placeId ? sql`place_id = ${scope.placeId}` : sql`place_id is null`;
  const warnings = warningRules(to ?? undefined);

  const columns: SQL[] = [];
  const names: string[] = [];
  for (const [code, rule] of Object.entries(outputRules)) {
    names.push(code);
    columns.push(sql`count(*) filter (where r.entered and ${rule})::int as ${sql.raw(`c${names.length - 1}`)}`);
  }
  for (const [code, rule] of Object.entries(resultRules)) {
    names.push(code);
    columns.push(sql`count(*) filter (where r.left_ and ${rule})::int as ${sql.raw(`c${names.length - 1}`)}`);
  }
  for (const [code, rule] of Object.entries(warnings)) {
    names.push(code);
    columns.push(sql`count(*) filter (where ${rule})::int as ${sql.raw(`c${names.length - 1}`)}`);
  }

  const query = sql`
    select r.gender, ${sql.join(columns, sql`, `)}
    from (
      select *, ${entered} as entered, ${left} as left_,
        exit_date + interval '${sql.raw(String(FOLLOW_UP_MONTHS))} months' <= ${options.asOf}::date as follow_up_due
      from esf_records
      where organisation_id = ${scope.organisationId} and programme_id = ${scope.programmeId} and ${place}
    ) r
    where r.entered or r.left_
    group by r.gender`;

  // No JIT compilation (a second or more for a query run once). The server's parallel workers
  // (max_parallel_workers_per_gather, 2 by default) share the scan and the counts.
  await tx.execute(sql`select set_config('jit', 'off', true)`);
  const res = (await tx.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  const zero = (): EsfCounts => ({ total: 0, women: 0, men: 0, nonBinary: 0 });
  const outputs = Object.fromEntries(Object.keys(esfOutputCodes).map((c) => [c, zero()])) as Record<EsfOutputCode, EsfCounts>;
  const results = Object.fromEntries(Object.keys(esfResultCodes).map((c) => [c, zero()])) as Record<EsfResultCode, EsfCounts>;
  const warningCounts = new Map<EsfWarningCode, number>();
  const column = { woman: 'women', man: 'men', 'non-binary': 'nonBinary' } as const;
  for (const row of res.rows) {
    const gender = row.gender as keyof typeof column | null;
    names.forEach((name, i) => {
      const n = Number(row[`c${i}`]);
      const target = name in outputs ? outputs[name as EsfOutputCode] : name in results ? results[name as EsfResultCode] : undefined;
      if (target) {
        target.total += n;
        if (gender) target[column[gender]] += n;
      } else warningCounts.set(name as EsfWarningCode, (warningCounts.get(name as EsfWarningCode) ?? 0) + n);
    });
  }
  return {
    outputs,
    results,
    warnings: esfWarningCodes.filter((code) => (warningCounts.get(code) ?? 0) > 0).map((code) => ({ code, count: warningCounts.get(code) ?? 0 })),
  };
}
