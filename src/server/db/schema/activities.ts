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
import { id, orgId, places, stamps } from './organisations.ts';
import { people } from './people.ts';

/** Kinds of activity an organisation runs; the defaults (open house, workshop, ...) carry a `key`. */
export const activityTypes = pgTable(
  'activity_types',
  {
    organisationId: orgId(),
    id: id(),
    key: text('key'),
    name: text('name').notNull(),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('activity_types_name_key').on(t.organisationId, sql`lower(${t.name})`),
    uniqueIndex('activity_types_key_key').on(t.organisationId, t.key).where(sql`${t.key} is not null`),
  ],
);

/**
 * An activity: one-off or a series. `place_id` is the place that organises it (its calendar and
 * who may manage it); `address` says where it happens when that is somewhere else.
 * `schedule` is the recurrence.ts Schedule it was created with.
 */
export const activities = pgTable(
  'activities',
  {
    organisationId: orgId(),
    id: id(),
    typeId: uuid('type_id').notNull(),
    placeId: uuid('place_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    address: text('address'),
    /** null: no limit */
    capacity: integer('capacity'),
    schedule: jsonb('schedule').notNull(),
    status: text('status', { enum: ['active', 'cancelled'] })
      .notNull()
      .default('active'),
    /** set for a network event with a public page; unique across organisations (it is the URL) */
    publicSlug: text('public_slug'),
    /** parts of a network event: [{ start, end, title, speakers, details }] */
    programme: jsonb('programme').notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.typeId], foreignColumns: [activityTypes.organisationId, activityTypes.id] }),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }),
    uniqueIndex('activities_public_slug_key').on(t.publicSlug),
    check('activities_capacity_check', sql`${t.capacity} is null or ${t.capacity} >= 1`),
  ],
);

export const activityFacilitators = pgTable(
  'activity_facilitators',
  {
    organisationId: orgId(),
    activityId: uuid('activity_id').notNull(),
    personId: uuid('person_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.activityId, t.personId] }),
    foreignKey({ columns: [t.organisationId, t.activityId], foreignColumns: [activities.organisationId, activities.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
    index('activity_facilitators_person_idx').on(t.organisationId, t.personId),
  ],
);

/** One occurrence of an activity, materialised; `place_id` is copied so the calendar is one index range. */
export const occurrences = pgTable(
  'occurrences',
  {
    organisationId: orgId(),
    id: id(),
    activityId: uuid('activity_id').notNull(),
    placeId: uuid('place_id').notNull(),
    seriesDate: date('series_date').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    changed: boolean('changed').notNull().default(false),
    /** the facilitator's notes afterwards */
    notes: text('notes'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.activityId], foreignColumns: [activities.organisationId, activities.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }),
    uniqueIndex('occurrences_series_key').on(t.organisationId, t.activityId, t.seriesDate),
    index('occurrences_calendar_idx').on(t.organisationId, t.placeId, t.startsAt),
    index('occurrences_starts_idx').on(t.startsAt),
    check('occurrences_times_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * Someone signed up for one occurrence: a person (self or by staff) or, for a public event, an
 * outsider by name and e-mail. A cancelled registration stays (and comes back on a new sign-up).
 */
export const registrations = pgTable(
  'registrations',
  {
    organisationId: orgId(),
    id: id(),
    occurrenceId: uuid('occurrence_id').notNull(),
    personId: uuid('person_id'),
    guestName: text('guest_name'),
    guestOrganisation: text('guest_organisation'),
    guestEmail: text('guest_email'),
    /** the language of the public page an outsider signed up from: their mails are written in it */
    guestLocale: text('guest_locale'),
    status: text('status', { enum: ['registered', 'waitlisted', 'cancelled', 'attended', 'absent'] }).notNull(),
    source: text('source', { enum: ['self', 'staff', 'public', 'door'] }).notNull(),
    /** when the place was taken (or the waiting list joined): the waiting list's order */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** when the last attendance tick was made on the facilitator's phone */
    attendanceMarkedAt: timestamp('attendance_marked_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.occurrenceId], foreignColumns: [occurrences.organisationId, occurrences.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }),
    uniqueIndex('registrations_person_key').on(t.organisationId, t.occurrenceId, t.personId).where(sql`${t.personId} is not null`),
    uniqueIndex('registrations_guest_key').on(t.organisationId, t.occurrenceId, sql`lower(${t.guestEmail})`).where(sql`${t.personId} is null`),
    index('registrations_person_idx').on(t.organisationId, t.personId),
    // Counting sign-ups per occurrence (calendar, capacity) without the partial unique indexes.
    index('registrations_occurrence_idx').on(t.organisationId, t.occurrenceId, t.status),
    check('registrations_who_check', sql`${t.personId} is not null or (${t.guestName} is not null and ${t.guestEmail} is not null)`),
  ],
);

/** Every tick from the door, by its client-generated id: replaying a tick changes nothing. */
export const attendanceMarks = pgTable(
  'attendance_marks',
  {
    organisationId: orgId(),
    id: uuid('id').notNull(),
    occurrenceId: uuid('occurrence_id').notNull(),
    personId: uuid('person_id').notNull(),
    present: boolean('present').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
    markedBy: uuid('marked_by'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.occurrenceId], foreignColumns: [occurrences.organisationId, occurrences.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }),
    index('attendance_marks_occurrence_idx').on(t.organisationId, t.occurrenceId),
  ],
);

/** A participant's quick feedback on an occurrence: five faces and an optional word. */
export const activityFeedback = pgTable(
  'activity_feedback',
  {
    organisationId: orgId(),
    occurrenceId: uuid('occurrence_id').notNull(),
    personId: uuid('person_id').notNull(),
    score: smallint('score').notNull(),
    word: text('word'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.occurrenceId, t.personId] }),
    foreignKey({ columns: [t.organisationId, t.occurrenceId], foreignColumns: [occurrences.organisationId, occurrences.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
    check('activity_feedback_score_check', sql`${t.score} between 1 and 5`),
  ],
);

/**
 * An iCalendar feed: a place's calendar or one person's own. Calendar apps send no cookies, so the
 * URL carries an unguessable token; only its hash is kept, unique across organisations.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    organisationId: orgId(),
    id: id(),
    placeId: uuid('place_id'),
    personId: uuid('person_id'),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
    uniqueIndex('calendar_feeds_token_key').on(t.tokenHash),
    check('calendar_feeds_subject_check', sql`(${t.placeId} is null) <> (${t.personId} is null)`),
  ],
);

/**
 * Sign-ups from one address on public event pages, counted per ten-minute window, so the limit holds
 * across processes. The address is kept only as a hash salted with its window; rows older than an
 * hour are removed.
 */
export const publicSignupAttempts = pgTable(
  'public_signup_attempts',
  {
    organisationId: orgId(),
    addressHash: text('address_hash').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.addressHash, t.windowStart] }),
    index('public_signup_attempts_window_idx').on(t.organisationId, t.windowStart),
  ],
);
