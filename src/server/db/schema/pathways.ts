import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  answerOrRefused,
  assessorRoles,
  consentPurposes,
  employmentStatuses,
  esfEventTypes,
  exitOutcomes,
  genders,
  goalStatuses,
  journalTypes,
  journalVisibilities,
  networkKinds,
  networkRelations,
  pathwayStatuses,
  referralInStatuses,
  referralOutStatuses,
  referralSources,
  stepOwners,
  stepStatuses,
  teamRoles,
} from '../../../shared/pathways.ts';
import { activities } from './activities.ts';
import { id, orgId, partnerContacts, partners, places, programmes, stamps } from './organisations.ts';
import { people } from './people.ts';

const fk = (cols: Parameters<typeof foreignKey>[0]['columns'], foreign: Parameters<typeof foreignKey>[0]['foreignColumns']) =>
  foreignKey({ columns: cols, foreignColumns: foreign });

/**
 * One participant's guided route in a programme. ESF counts one record per participant per
 * programme: the report keeps the first entry and the last exit when someone comes back.
 */
export const pathways = pgTable(
  'pathways',
  {
    organisationId: orgId(),
    id: id(),
    participantId: uuid('participant_id').notNull(),
    programmeId: uuid('programme_id'),
    placeId: uuid('place_id'),
    status: text('status', { enum: pathwayStatuses }).notNull().default('intake'),
    /** the ESF entry date: the day the pathway started (after intake) */
    startedOn: date('started_on'),
    /** the ESF exit date */
    endedOn: date('ended_on'),
    exitOutcome: text('exit_outcome', { enum: exitOutcomes }),
    /** why someone dropped out, or what "other" means, in the companion's words */
    exitNote: text('exit_note'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    fk([t.organisationId, t.participantId], [people.organisationId, people.id]),
    fk([t.organisationId, t.programmeId], [programmes.organisationId, programmes.id]),
    fk([t.organisationId, t.placeId], [places.organisationId, places.id]),
    index('pathways_participant_idx').on(t.organisationId, t.participantId),
    // One open pathway per participant, also when two intakes run at the same moment.
    uniqueIndex('pathways_open_key').on(t.organisationId, t.participantId).where(sql`${t.status} <> 'ended'`),
    index('pathways_place_idx').on(t.organisationId, t.placeId, t.status),
    index('pathways_programme_idx').on(t.organisationId, t.programmeId, t.startedOn),
    check('pathways_dates_check', sql`${t.endedOn} is null or ${t.startedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
    check('pathways_ended_check', sql`(${t.status} = 'ended') = (${t.endedOn} is not null)`),
  ],
);

/** Toeleiding: a partner, the person's network or the person themselves brings someone in. */
export const referralsIn = pgTable(
  'referrals_in',
  {
    organisationId: orgId(),
    id: id(),
    participantId: uuid('participant_id').notNull(),
    /** set once the referral led to a pathway */
    pathwayId: uuid('pathway_id'),
    placeId: uuid('place_id'),
    source: text('source', { enum: referralSources }).notNull(),
    partnerId: uuid('partner_id'),
    partnerContactId: uuid('partner_contact_id'),
    /** the referrer's name when not a known contact */
    referrerName: text('referrer_name'),
    referredOn: date('referred_on').notNull(),
    reason: text('reason'),
    status: text('status', { enum: referralInStatuses }).notNull().default('received'),
    intakeOn: date('intake_on'),
    /** required when status is not-started */
    notStartedReason: text('not_started_reason'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    fk([t.organisationId, t.participantId], [people.organisationId, people.id]),
    fk([t.organisationId, t.pathwayId], [pathways.organisationId, pathways.id]),
    fk([t.organisationId, t.placeId], [places.organisationId, places.id]),
    fk([t.organisationId, t.partnerId], [partners.organisationId, partners.id]),
    fk([t.organisationId, t.partnerContactId], [partnerContacts.organisationId, partnerContacts.id]),
    index('referrals_in_status_idx').on(t.organisationId, t.status, t.referredOn),
    index('referrals_in_partner_idx').on(t.organisationId, t.partnerId),
    check('referrals_in_not_started_check', sql`${t.status} <> 'not-started' or ${t.notStartedReason} is not null`),
  ],
);

/**
 * Consent per purpose, per participant. A withdrawn consent keeps its row (the history is the
 * proof) and takes effect at once: every check reads `withdrawn_at is null`.
 */
export const consents = pgTable(
  'consents',
  {
    organisationId: orgId(),
    id: id(),
    participantId: uuid('participant_id').notNull(),
    purpose: text('purpose', { enum: consentPurposes }).notNull(),
    /** for share-with-partner: the partner it covers */
    partnerId: uuid('partner_id'),
    /** what the participant agreed to, in the words used with them */
    scope: text('scope'),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    fk([t.organisationId, t.participantId], [people.organisationId, people.id]),
    fk([t.organisationId, t.partnerId], [partners.organisationId, partners.id]),
    index('consents_participant_idx').on(t.organisationId, t.participantId, t.purpose),
    check('consents_partner_check', sql`(${t.purpose} = 'share-with-partner') = (${t.partnerId} is not null)`),
  ],
);

/**
 * The funder's entry data, recorded at intake, one row per pathway. For each question null means
 * "not asked yet" and 'refused' is an explicit answer. `collection_attempted_at` records that the
 * questions were put, as ESF asks. Date of birth is the person's own (`people.birth_date`).
 * disability, minority and foreign_background are special categories (GDPR art. 9).
 */
export const entryData = pgTable(
  'pathway_entry_data',
  {
    organisationId: orgId(),
    pathwayId: uuid('pathway_id').notNull(),
    gender: text('gender', { enum: genders }),
    /** ISCED 2011 level 0-8 */
    isced: smallint('isced'),
    employmentAtEntry: text('employment_at_entry', { enum: employmentStatuses }),
    unemployedSince: date('unemployed_since'),
    disability: text('disability', { enum: answerOrRefused }),
    minority: text('minority', { enum: answerOrRefused }),
    foreignBackground: text('foreign_background', { enum: answerOrRefused }),
    thirdCountryNational: text('third_country_national', { enum: answerOrRefused }),
    homeless: text('homeless', { enum: answerOrRefused }),
    rural: text('rural', { enum: answerOrRefused }),
    collectionAttemptedAt: timestamp('collection_attempted_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.pathwayId] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    check('entry_data_isced_check', sql`${t.isced} is null or ${t.isced} between 0 and 8`),
  ],
);

/**
 * Who walks beside the participant: companions of this organisation and of partners. A member
 * leaves by `left_on`; the row stays so the journal keeps its authors.
 */
export const pathwayTeam = pgTable(
  'pathway_team',
  {
    organisationId: orgId(),
    id: id(),
    pathwayId: uuid('pathway_id').notNull(),
    personId: uuid('person_id').notNull(),
    role: text('role', { enum: teamRoles }).notNull().default('companion'),
    /** the partner organisation this member works for, if not the organisation itself */
    partnerId: uuid('partner_id'),
    joinedOn: date('joined_on').notNull().default(sql`current_date`),
    leftOn: date('left_on'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    fk([t.organisationId, t.personId], [people.organisationId, people.id]),
    fk([t.organisationId, t.partnerId], [partners.organisationId, partners.id]),
    index('pathway_team_person_idx').on(t.organisationId, t.personId),
    uniqueIndex('pathway_team_active_key').on(t.organisationId, t.pathwayId, t.personId).where(sql`${t.leftOn} is null`),
  ],
);

/** A goal per life domain, in the participant's own words. */
export const goals = pgTable(
  'pathway_goals',
  {
    organisationId: orgId(),
    id: id(),
    pathwayId: uuid('pathway_id').notNull(),
    lifeDomain: text('life_domain').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: goalStatuses }).notNull().default('open'),
    position: integer('position').notNull().default(0),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    index('pathway_goals_pathway_idx').on(t.organisationId, t.pathwayId),
  ],
);

/** A step towards a goal, with an owner (the participant, a companion, a partner), a date and a status. */
export const steps = pgTable(
  'pathway_steps',
  {
    organisationId: orgId(),
    id: id(),
    goalId: uuid('goal_id').notNull(),
    text: text('text').notNull(),
    owner: text('owner', { enum: stepOwners }).notNull().default('participant'),
    ownerPersonId: uuid('owner_person_id'),
    ownerPartnerId: uuid('owner_partner_id'),
    dueOn: date('due_on'),
    status: text('status', { enum: stepStatuses }).notNull().default('todo'),
    position: integer('position').notNull().default(0),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.goalId], foreignColumns: [goals.organisationId, goals.id] }).onDelete('cascade'),
    fk([t.organisationId, t.ownerPersonId], [people.organisationId, people.id]),
    fk([t.organisationId, t.ownerPartnerId], [partners.organisationId, partners.id]),
    index('pathway_steps_goal_idx').on(t.organisationId, t.goalId),
  ],
);

/** The personal network map at one moment; comparing snapshots shows how it changed. */
export const networkSnapshots = pgTable(
  'network_snapshots',
  {
    organisationId: orgId(),
    id: id(),
    pathwayId: uuid('pathway_id').notNull(),
    takenOn: date('taken_on').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    index('network_snapshots_pathway_idx').on(t.organisationId, t.pathwayId, t.takenOn),
  ],
);

export const networkEntries = pgTable(
  'network_entries',
  {
    organisationId: orgId(),
    id: id(),
    snapshotId: uuid('snapshot_id').notNull(),
    kind: text('kind', { enum: networkKinds }).notNull(),
    /** a first name, a role ("my sister") or an organisation's name: as the participant says it */
    name: text('name').notNull(),
    relation: text('relation', { enum: networkRelations }).notNull(),
    /** 1 inner circle ... 3 outer circle */
    closeness: smallint('closeness').notNull(),
    partnerId: uuid('partner_id'),
    /** what this person or organisation does for the participant */
    support: text('support'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.snapshotId], foreignColumns: [networkSnapshots.organisationId, networkSnapshots.id] }).onDelete('cascade'),
    fk([t.organisationId, t.partnerId], [partners.organisationId, partners.id]),
    index('network_entries_snapshot_idx').on(t.organisationId, t.snapshotId),
    check('network_entries_closeness_check', sql`${t.closeness} between 1 and 3`),
  ],
);

/** A contact moment. `visibility` decides who reads it; see journalVisibilities. */
export const journalEntries = pgTable(
  'journal_entries',
  {
    organisationId: orgId(),
    id: id(),
    pathwayId: uuid('pathway_id').notNull(),
    authorPersonId: uuid('author_person_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    type: text('type', { enum: journalTypes }).notNull(),
    durationMinutes: integer('duration_minutes'),
    note: text('note').notNull(),
    visibility: text('visibility', { enum: journalVisibilities }).notNull().default('team'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    fk([t.organisationId, t.authorPersonId], [people.organisationId, people.id]),
    index('journal_entries_pathway_idx').on(t.organisationId, t.pathwayId, t.occurredAt),
    check('journal_entries_duration_check', sql`${t.durationMinutes} is null or ${t.durationMinutes} between 0 and 1440`),
  ],
);

/**
 * An assessment instrument as data: domains and ordered levels, each with labels per language
 * ({"nl": ..., "en": ..., "fr": ..., "ar": ...}). Built-in ones carry a `key`.
 * domains: [{ key, labels }]; levels: [{ value, labels, description? }] (value ascending = better).
 */
export const instruments = pgTable(
  'instruments',
  {
    organisationId: orgId(),
    id: id(),
    key: text('key'),
    name: jsonb('name').notNull(),
    description: jsonb('description'),
    domains: jsonb('domains').notNull(),
    levels: jsonb('levels').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), uniqueIndex('instruments_key_key').on(t.organisationId, t.key).where(sql`${t.key} is not null`)],
);

/** One scoring of an instrument, by the companion or by the participant, on a date. */
export const assessments = pgTable(
  'assessments',
  {
    organisationId: orgId(),
    id: id(),
    pathwayId: uuid('pathway_id').notNull(),
    instrumentId: uuid('instrument_id').notNull(),
    assessedOn: date('assessed_on').notNull(),
    assessorRole: text('assessor_role', { enum: assessorRoles }).notNull(),
    assessorPersonId: uuid('assessor_person_id').notNull(),
    note: text('note'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    fk([t.organisationId, t.instrumentId], [instruments.organisationId, instruments.id]),
    fk([t.organisationId, t.assessorPersonId], [people.organisationId, people.id]),
    index('assessments_pathway_idx').on(t.organisationId, t.pathwayId, t.instrumentId, t.assessedOn),
  ],
);

export const assessmentScores = pgTable(
  'assessment_scores',
  {
    organisationId: orgId(),
    assessmentId: uuid('assessment_id').notNull(),
    domainKey: text('domain_key').notNull(),
    level: smallint('level').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.assessmentId, t.domainKey] }),
    foreignKey({ columns: [t.organisationId, t.assessmentId], foreignColumns: [assessments.organisationId, assessments.id] }).onDelete('cascade'),
  ],
);

/**
 * A warm referral to a partner service, covered by a share-with-partner consent. The partner's
 * workers see only referrals addressed to their partner, and only while the consent stands.
 */
export const referralsOut = pgTable(
  'referrals_out',
  {
    organisationId: orgId(),
    id: id(),
    pathwayId: uuid('pathway_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    partnerContactId: uuid('partner_contact_id'),
    consentId: uuid('consent_id'),
    /** the service asked for ("budget guidance", "psychologist") */
    service: text('service').notNull(),
    handoverNote: text('handover_note'),
    /** which of the participant's contact details they agreed to give this partner ('email', 'phone') */
    sharedContact: text('shared_contact').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: referralOutStatuses }).notNull().default('proposed'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    partnerFeedback: text('partner_feedback'),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    fk([t.organisationId, t.partnerId], [partners.organisationId, partners.id]),
    fk([t.organisationId, t.partnerContactId], [partnerContacts.organisationId, partnerContacts.id]),
    fk([t.organisationId, t.consentId], [consents.organisationId, consents.id]),
    index('referrals_out_partner_idx').on(t.organisationId, t.partnerId, t.status),
    index('referrals_out_pathway_idx').on(t.organisationId, t.pathwayId),
  ],
);

/** A group (e.g. the mothers of Sint-Niklaas) whose pathways share weekly group sessions (an activity series). */
export const cohorts = pgTable(
  'cohorts',
  {
    organisationId: orgId(),
    id: id(),
    name: text('name').notNull(),
    placeId: uuid('place_id'),
    programmeId: uuid('programme_id'),
    /** the weekly group session series */
    activityId: uuid('activity_id'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    description: text('description'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    fk([t.organisationId, t.placeId], [places.organisationId, places.id]),
    fk([t.organisationId, t.programmeId], [programmes.organisationId, programmes.id]),
    fk([t.organisationId, t.activityId], [activities.organisationId, activities.id]),
  ],
);

export const cohortMembers = pgTable(
  'cohort_members',
  {
    organisationId: orgId(),
    cohortId: uuid('cohort_id').notNull(),
    pathwayId: uuid('pathway_id').notNull(),
    joinedOn: date('joined_on').notNull().default(sql`current_date`),
    leftOn: date('left_on'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.cohortId, t.pathwayId] }),
    foreignKey({ columns: [t.organisationId, t.cohortId], foreignColumns: [cohorts.organisationId, cohorts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
  ],
);

/**
 * ESF+ labour-market events around and after exit. Ending a pathway with an outcome adds the
 * matching event on the exit date; companions add later ones (a job found in week 3).
 */
export const pathwayEvents = pgTable(
  'pathway_events',
  {
    organisationId: orgId(),
    id: id(),
    pathwayId: uuid('pathway_id').notNull(),
    occurredOn: date('occurred_on').notNull(),
    type: text('type', { enum: esfEventTypes }).notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    index('pathway_events_pathway_idx').on(t.organisationId, t.pathwayId, t.occurredOn),
  ],
);

/**
 * The follow-up six months after exit. `due_on` is set when the pathway ends (exit + 6 months)
 * so the reminder query is one indexed range; `reminded_at` makes the reminder go out once.
 */
export const followUps = pgTable(
  'follow_ups',
  {
    organisationId: orgId(),
    pathwayId: uuid('pathway_id').notNull(),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
    employed: boolean('employed'),
    improvedSituation: boolean('improved_situation'),
    note: text('note'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.pathwayId] }),
    foreignKey({ columns: [t.organisationId, t.pathwayId], foreignColumns: [pathways.organisationId, pathways.id] }).onDelete('cascade'),
    index('follow_ups_due_idx').on(t.dueOn).where(sql`${t.doneOn} is null`),
  ],
);
