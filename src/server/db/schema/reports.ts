import { boolean, date, foreignKey, index, pgTable, smallint, text, unique, uuid } from 'drizzle-orm/pg-core';
import { answerOrRefused, employmentStatuses, genders } from '../../../shared/pathways.ts';
import { orgId, places, programmes } from './organisations.ts';
import { people } from './people.ts';

/**
 * The ESF+ record of one participant in one programme (docs/esf-indicators.md), kept by the
 * database itself: triggers on pathways, pathway_entry_data, pathway_events, follow_ups and
 * people call `refresh_esf_record(organisation, participant, programme)` (migrations
 * 0025_reports_security.sql, 0027 and 0028), which recomputes the rows from the pathway tables with the report's
 * rules: of the started pathways, the first gives the entry date and the entry data, the last the
 * exit, its events and its follow-up. The report then reads one narrow row per participant
 * instead of joining five tables (bench/esf-report.ts). Nothing here is written by the
 * application: schakel_app may only read it.
 *
 * Two kinds of rows per participant and programme: `place_id` null is the record over all the
 * programme's pathways; `place_id` set is the record over the pathways at that place only (a
 * report for one place counts a participant with that place's first and last pathway).
 *
 * What depends on the report's period or date (entered or left in the period, a follow-up due
 * by the report date) is computed by the report from the stored dates; only what is fixed by
 * the records is stored. The age at entry is one of those: it is fixed by two stored dates (birth
 * and entry), and a change to either recomputes it.
 */
export const esfRecords = pgTable(
  'esf_records',
  {
    organisationId: orgId(),
    programmeId: uuid('programme_id').notNull(),
    /** null: the whole programme; set: the pathways at this place only */
    placeId: uuid('place_id'),
    participantId: uuid('participant_id').notNull(),
    entryDate: date('entry_date').notNull(),
    /** null while the last pathway runs */
    exitDate: date('exit_date'),
    gender: text('gender', { enum: genders }),
    /** completed years at the entry date; null without a birth date */
    ageAtEntry: smallint('age_at_entry'),
    employmentAtEntry: text('employment_at_entry', { enum: employmentStatuses }),
    /** unemployed more than 6 / 12 calendar months at entry; null without a date since when */
    unemployedOver6Months: boolean('unemployed_over_6_months'),
    unemployedOver12Months: boolean('unemployed_over_12_months'),
    isced: smallint('isced'),
    disability: text('disability', { enum: answerOrRefused }),
    thirdCountryNational: text('third_country_national', { enum: answerOrRefused }),
    foreignBackground: text('foreign_background', { enum: answerOrRefused }),
    minority: text('minority', { enum: answerOrRefused }),
    homeless: text('homeless', { enum: answerOrRefused }),
    rural: text('rural', { enum: answerOrRefused }),
    /** any event in the 28 days from the exit date */
    eventUponLeaving: boolean('event_upon_leaving').notNull().default(false),
    /** the last labour-market event upon leaving: job searching or in work (employment or self-employment) */
    statusUponLeaving: text('status_upon_leaving', { enum: ['job-searching', 'employment'] }),
    educationUponLeaving: boolean('education_upon_leaving').notNull().default(false),
    qualificationUponLeaving: boolean('qualification_upon_leaving').notNull().default(false),
    /** the last pathway's follow-up is done and says whether the person works */
    followUpDone: boolean('follow_up_done').notNull().default(false),
    followUpEmployed: boolean('follow_up_employed'),
    followUpImproved: boolean('follow_up_improved'),
  },
  (t) => [
    unique('esf_records_key').on(t.organisationId, t.programmeId, t.placeId, t.participantId).nullsNotDistinct(),
    index('esf_records_participant_idx').on(t.organisationId, t.participantId),
    foreignKey({ columns: [t.organisationId, t.participantId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.programmeId], foreignColumns: [programmes.organisationId, programmes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }).onDelete('cascade'),
  ],
);
