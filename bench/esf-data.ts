/**
 * ESF+ pathway data generated inside PostgreSQL (INSERT ... SELECT generate_series), fast enough
 * for a million participants, and with every edge the ESF rules have, so the same generator
 * feeds the benchmark (bench/esf-report.ts) and the test that the SQL report equals the engine
 * (src/server/modules/pathways/esf-source.test.ts).
 *
 * Per participant: a first pathway in the programme (70% at the first place), 60% ended; 10%
 * came back (a second pathway after the first ended, with different entry data that must be
 * ignored); 2% also have a pathway still at intake after their last one ended; 5% an earlier pathway in
 * another programme. Genders
 * 48/45/3% and 4% not recorded; ages 16-67 at entry, with birthdays on the entry date, the day
 * after, and 29 February births; employment 55% unemployed (some exactly 6 or 12 months, one
 * day more), 25% inactive, 14% employed or self-employed, 6% not recorded; ISCED 0-8, 7% not
 * recorded; special categories and the yes/no questions with refusals and unanswered questions;
 * 5% without any entry data. Ended pathways get events (on the exit day, on day 28 and day 29,
 * before exit, two on one day, job searching then work) and follow-ups (half done, some in work
 * without an answer about improvement).
 *
 * Every statement runs through `run`, which must use one connection (temporary table, and the
 * session setting that defers the esf_records triggers until one bulk refresh_esf_records at the end).
 */
export interface EsfDataOptions {
  organisationId: string;
  programmeId: string;
  otherProgrammeId: string;
  placeIds: [string, string];
  participants: number;
  /** for setseed(): the same seed gives the same data */
  seed?: number;
  /** 8 hex digits that start every generated id, so two runs into one database never collide */
  idPrefix?: string;
}

const uuid = /^[0-9a-f-]{36}$/i;

export function esfDataStatements(o: EsfDataOptions): string[] {
  for (const id of [o.organisationId, o.programmeId, o.otherProgrammeId, ...o.placeIds]) if (!uuid.test(id)) throw new Error(`not a uuid: ${id}`);
  const n = Math.floor(o.participants);
  const org = `'${o.organisationId}'::uuid`;
  const prefix = o.idPrefix ?? '0195e5f0';
  if (!/^[0-9a-f]{8}$/.test(prefix)) throw new Error(`idPrefix: 8 hex digits, got ${prefix}`);
  // Ids in ascending order (the shape of uuid v7): appending to the primary key indexes is far
  // faster than inserting a million random ids. kind tells the tables apart.
  const idOf = (kind: number, n: string) => `('${prefix}-${kind.toString(16).padStart(4, '0')}-7000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  // A random answer among yes/no/refused/null with the given shares of yes, refused and null.
  // width_bucket draws random() once per row (a CASE would draw it per branch).
  const yn = (yes: number, refused: number, missing: number) =>
    `(array['yes', 'refused', null, 'no'])[width_bucket(random(), array[0, ${yes}, ${yes + refused}, ${yes + refused + missing}]::float8[])]`;
  const entryValues = (pathway: string, when: string) => `
    select ${org}, ${pathway},
      case when g.r_gender < 0.48 then 'woman' when g.r_gender < 0.93 then 'man' when g.r_gender < 0.96 then 'non-binary' end,
      case when g.r_isced < 0.07 then null else least(8, floor((g.r_isced - 0.07) / 0.93 * 9))::smallint end,
      case when g.r_emp < 0.55 then 'unemployed' when g.r_emp < 0.80 then 'inactive' when g.r_emp < 0.90 then 'employed'
           when g.r_emp < 0.94 then 'self-employed' end,
      case when g.r_emp >= 0.55 or g.i % 13 = 0 then null
           when g.i % 53 = 0 then (g.entry - interval '12 months')::date
           when g.i % 53 = 1 then (g.entry - interval '12 months')::date - 1
           when g.i % 53 = 2 then (g.entry - interval '6 months')::date
           when g.i % 53 = 3 then (g.entry - interval '6 months')::date - 1
           else g.entry - floor(g.r_emp * 1000)::int % 900 end,
      ${yn(0.12, 0.05, 0.05)}, ${yn(0.06, 0.04, 0.04)}, ${yn(0.25, 0.05, 0.04)},
      ${yn(0.15, 0.03, 0.04)}, ${yn(0.08, 0.02, 0.03)}, ${yn(0.1, 0.01, 0.03)}
    from esf_gen g where ${when}`;

  return [
    // esf_records is filled once at the end (refresh_esf_records) instead of by a trigger per row.
    "select set_config('schakel.esf_records', 'deferred', false)",
    `select setseed(${((o.seed ?? 42) % 1000) / 1000})`,
    'drop table if exists esf_gen',
    'drop sequence if exists esf_gen_events',
    'create temporary sequence esf_gen_events',
    `create temporary table esf_gen as
      select s.*,
        case when e.ended1 then s.entry + 14 + floor(s.r_exit * 100000)::int % 300 end as end1
      from (
        select i, ${idOf(1, 'i')} as person_id, ${idOf(2, 'i')} as p1, ${idOf(3, 'i')} as p2,
          case when i % 97 = 0 then date '2022-02-28' when i % 97 = 1 then date '2022-03-01'
               else date '2022-01-03' + floor(random() * 1300)::int end as entry,
          random() as r_age, random() as r_gender, random() as r_emp, random() as r_isced,
          random() as r_exit, random() as r_exit2, random() as r_ev, random() as r_fu, random() as r_fu2,
          random() < 0.1 as two, random() < 0.7 as first_place
        from generate_series(1, ${n}) as i
      ) s cross join lateral (select s.r_exit < 0.6 or s.two as ended1) e`,
    `alter table esf_gen add column start2 date, add column end2 date, add column last_id uuid, add column last_end date`,
    `update esf_gen set
        start2 = case when two then end1 + 10 + floor(r_exit2 * 100000)::int % 200 end,
        end2 = case when two and r_exit2 < 0.6 then end1 + 10 + floor(r_exit2 * 100000)::int % 200 + 14 + floor(r_exit2 * 1000)::int % 250 end`,
    `update esf_gen set last_id = case when two then p2 else p1 end, last_end = case when two then end2 else end1 end`,
    `insert into people (organisation_id, id, kind, given_name, family_name, place_id, birth_date)
      select ${org}, person_id, 'participant', 'Deelnemer', 'ESF ' || i,
        case when first_place then '${o.placeIds[0]}'::uuid else '${o.placeIds[1]}'::uuid end,
        case when r_age < 0.03 then null
             when i % 97 in (0, 1) then date '2004-02-29'
             when i % 50 = 0 then (entry - make_interval(years => 18 + i % 40))::date
             when i % 50 = 1 then (entry - make_interval(years => 18))::date + 1
             when i % 50 = 2 then (entry - make_interval(years => 55))::date
             when i % 50 = 3 then (entry - make_interval(years => 30))::date + 1
             else (entry - make_interval(years => 16 + floor(r_age * 52)::int))::date - floor(r_age * 100000)::int % 365 end
      from esf_gen`,
    `insert into pathways (organisation_id, id, participant_id, programme_id, place_id, status, started_on, ended_on, exit_outcome)
      select ${org}, p1, person_id, '${o.programmeId}'::uuid,
        case when first_place then '${o.placeIds[0]}'::uuid else '${o.placeIds[1]}'::uuid end,
        case when end1 is null then 'active' else 'ended' end, entry, end1,
        case when end1 is null then null when r_ev < 0.45 then 'work' when r_ev < 0.7 then 'job-searching' when r_ev < 0.8 then 'training' else 'other' end
      from esf_gen`,
    `insert into pathways (organisation_id, id, participant_id, programme_id, place_id, status, started_on, ended_on, exit_outcome)
      select ${org}, p2, person_id, '${o.programmeId}'::uuid,
        case when first_place = (i % 4 <> 0) then '${o.placeIds[0]}'::uuid else '${o.placeIds[1]}'::uuid end,
        case when end2 is null then 'active' else 'ended' end, start2, end2,
        case when end2 is null then null when r_ev < 0.5 then 'work' else 'job-searching' end
      from esf_gen where two`,
    // Still at intake (not an entry), and a pathway in another programme (not in this report).
    // One open pathway per participant (pathways_open_key): a new intake only after the last
    // pathway ended, and the other programme's pathway ended before this one started.
    `insert into pathways (organisation_id, id, participant_id, programme_id, place_id, status)
      select ${org}, ${idOf(4, 'i')}, person_id, '${o.programmeId}'::uuid, '${o.placeIds[0]}'::uuid, 'intake' from esf_gen
      where i % 33 = 5 and last_end is not null`,
    `insert into pathways (organisation_id, id, participant_id, programme_id, place_id, status, started_on, ended_on)
      select ${org}, ${idOf(5, 'i')}, person_id, '${o.otherProgrammeId}'::uuid, '${o.placeIds[1]}'::uuid, 'ended', entry - 40, entry - 1 from esf_gen where i % 20 = 7`,
    `insert into pathway_entry_data (organisation_id, pathway_id, gender, isced, employment_at_entry, unemployed_since,
        disability, minority, foreign_background, third_country_national, homeless, rural)
      ${entryValues('g.p1', 'g.i % 20 <> 11')}`,
    // The second pathway's entry data differs (another draw) and must be ignored: first entry kept.
    `insert into pathway_entry_data (organisation_id, pathway_id, gender, isced, employment_at_entry, unemployed_since,
        disability, minority, foreign_background, third_country_national, homeless, rural)
      select ${org}, p2, 'man', 8::smallint, 'employed', null, 'yes', 'yes', 'yes', 'yes', 'yes', 'yes' from esf_gen where two`,
    // Events of the last pathway: the outcome on the exit day, then the edges.
    `insert into pathway_events (organisation_id, id, pathway_id, occurred_on, type)
      select ${org}, ${idOf(6, "nextval('esf_gen_events')")}, last_id, last_end,
        case when r_ev < 0.45 then 'employment' when r_ev < 0.7 then 'job-searching' when r_ev < 0.8 then 'education-training' end
      from esf_gen where last_end is not null and r_ev < 0.8 and i % 9 <> 4`,
    `insert into pathway_events (organisation_id, id, pathway_id, occurred_on, type)
      select ${org}, ${idOf(6, "nextval('esf_gen_events')")}, last_id, last_end + d.day, d.type
      from esf_gen cross join lateral (values
          (28, case when i % 5 = 0 then 'self-employment' else 'employment' end),
          (29, 'qualification')) as d(day, type)
      where last_end is not null and i % 7 = 0
      union all
      select ${org}, ${idOf(6, "nextval('esf_gen_events')")}, last_id, last_end + 29, 'employment' from esf_gen where last_end is not null and i % 7 = 1
      union all
      select ${org}, ${idOf(6, "nextval('esf_gen_events')")}, last_id, last_end - 5, 'employment' from esf_gen where last_end is not null and i % 7 = 2
      union all
      select ${org}, ${idOf(6, "nextval('esf_gen_events')")}, last_id, last_end + 3, t.type
      from esf_gen cross join (values ('job-searching'), ('employment')) as t(type) where last_end is not null and i % 11 = 3
      union all
      select ${org}, ${idOf(6, "nextval('esf_gen_events')")}, last_id, last_end + 10 + i % 15, case when i % 2 = 0 then 'qualification' else 'job-searching' end
      from esf_gen where last_end is not null and r_ev >= 0.45 and r_ev < 0.6
      union all
      select ${org}, ${idOf(6, "nextval('esf_gen_events')")}, p1, end1 + 2, 'employment' from esf_gen where two`,
    // Follow-ups on every ended pathway (due six months later); about half done.
    `insert into follow_ups (organisation_id, pathway_id, due_on, done_on, employed, improved_situation)
      select ${org}, f.id, (f.ended_on + interval '6 months')::date,
        case when f.done < 0.5 then (f.ended_on + interval '6 months')::date + 3 end,
        case when f.done < 0.5 and f.r < 0.95 then f.r < 0.5 end,
        case when f.done < 0.5 and f.r < 0.5 then (case when f.r2 < 0.5 then true when f.r2 < 0.8 then false end)
             when f.done < 0.5 and f.r < 0.95 then false end
      from (
        select p1 as id, end1 as ended_on, r_fu as done, r_fu2 as r, r_isced as r2 from esf_gen where end1 is not null
        union all
        select p2, end2, r_fu2, r_fu, r_age from esf_gen where end2 is not null
      ) f`,
    'drop table esf_gen',
    'drop sequence esf_gen_events',
    'analyze people',
    'analyze pathways',
    'analyze pathway_entry_data',
    'analyze pathway_events',
    'analyze follow_ups',
    "select set_config('schakel.esf_records', '', false)",
    `select refresh_esf_records(${org})`,
    'analyze esf_records',
  ];
}
