import { bigint, date, foreignKey, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { assessorRoles } from '../../../shared/pathways.ts';
import { orgId } from './organisations.ts';
import { instruments, pathways } from './pathways.ts';

/**
 * The scores of one pathway on one domain of one instrument by one assessor role, summed up for
 * the dashboard's ladder moves and distance travelled; kept by the database itself: triggers on
 * assessments and assessment_scores call `refresh_assessment_progress_of(...)` (the migrations
 * *_assessment_progress_security.sql and *_assessment_progress_scope_kept.sql, which also copies
 * a pathway's changed place, programme and dates). Nothing here is written by the application:
 * schakel_app may only read it.
 *
 * A score is coded as day * 100 + level (days since 2000-01-01), as the dashboard's queries
 * always did: the smallest code is the first score (the lowest level on the first day), the
 * largest the last (the highest level on the last day). `codes` keeps every code in order, so a
 * dashboard whose period ends before the last score still finds the last score up to its end.
 */
export const assessmentProgress = pgTable(
  'assessment_progress',
  {
    organisationId: orgId(),
    pathwayId: uuid('pathway_id').notNull(),
    instrumentId: uuid('instrument_id').notNull(),
    domainKey: text('domain_key').notNull(),
    assessorRole: text('assessor_role', { enum: assessorRoles }).notNull(),
    firstOn: date('first_on').notNull(),
    firstLevel: smallint('first_level').notNull(),
    lastOn: date('last_on').notNull(),
    lastLevel: smallint('last_level').notNull(),
    count: integer('count').notNull(),
    /** every score coded as day * 100 + level, ascending */
    codes: bigint('codes', { mode: 'number' }).array().notNull(),
    // The pathway's place, programme and dates, copied (and kept up to date by a trigger on
    // pathways) so that a dashboard picks its pathways' rows without joining pathways.
    placeId: uuid('place_id'),
    programmeId: uuid('programme_id'),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.pathwayId, t.instrumentId, t.assessorRole, t.domainKey] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.instrumentId], foreignColumns: [instruments.organisationId, instruments.id] }).onDelete('cascade'),
  ],
);
