import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { defaultActivityTypes } from '../../../shared/activities.ts';
import type { Db, Executor } from '../../db/client.ts';
import {
  activities,
  activityFacilitators,
  activityTypes,
  calendarFeeds,
  occurrences,
  organisations,
  people,
  places,
  registrations,
} from '../../db/schema/index.ts';

/** Places taken: registered, and those who came or were ticked absent. */
export const TAKING_PLACE = ['registered', 'attended', 'absent'] as const;

const counts = {
  registered:
    sql<number>`(select count(*) from ${registrations} r where r.organisation_id = ${occurrences.organisationId} and r.occurrence_id = ${occurrences.id} and r.status in ('registered','attended','absent'))`.mapWith(
      Number,
    ),
  waitlisted:
    sql<number>`(select count(*) from ${registrations} r where r.organisation_id = ${occurrences.organisationId} and r.occurrence_id = ${occurrences.id} and r.status = 'waitlisted')`.mapWith(
      Number,
    ),
};

const occurrenceColumns = {
  id: occurrences.id,
  activityId: occurrences.activityId,
  placeId: occurrences.placeId,
  seriesDate: occurrences.seriesDate,
  startsAt: occurrences.startsAt,
  endsAt: occurrences.endsAt,
  status: occurrences.status,
  changed: occurrences.changed,
  notes: occurrences.notes,
  title: activities.title,
  description: activities.description,
  address: activities.address,
  capacity: activities.capacity,
  activityStatus: activities.status,
  typeId: activityTypes.id,
  typeKey: activityTypes.key,
  typeName: activityTypes.name,
  ...counts,
};
export type OccurrenceRow = Awaited<ReturnType<typeof activitiesRepo.occurrence>> & {};

export const activitiesRepo = {
  /** The organisation's types; the defaults are added the first time they are asked for. */
  async types(tx: Executor, organisationId: string) {
    const rows = await tx
      .select()
      .from(activityTypes)
      .where(eq(activityTypes.organisationId, organisationId))
      .orderBy(asc(activityTypes.createdAt), asc(activityTypes.id));
    if (rows.length) return rows;
    await tx
      .insert(activityTypes)
      .values(defaultActivityTypes.map((d) => ({ organisationId, key: d.key, name: d.name })))
      .onConflictDoNothing();
    return tx.select().from(activityTypes).where(eq(activityTypes.organisationId, organisationId)).orderBy(asc(activityTypes.createdAt), asc(activityTypes.id));
  },

  async activity(tx: Executor, organisationId: string, id: string, lock = false) {
    // A change of schedule locks the activity: two at once would each add the same occurrences.
    if (lock)
      await tx
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.organisationId, organisationId), eq(activities.id, id)))
        .for('update');
    const [row] = await tx
      .select({ activity: activities, type: activityTypes, placeName: places.name })
      .from(activities)
      .innerJoin(activityTypes, and(eq(activityTypes.organisationId, activities.organisationId), eq(activityTypes.id, activities.typeId)))
      .innerJoin(places, and(eq(places.organisationId, activities.organisationId), eq(places.id, activities.placeId)))
      .where(and(eq(activities.organisationId, organisationId), eq(activities.id, id)));
    return row;
  },

  async facilitators(tx: Executor, organisationId: string, activityIds: string[]) {
    if (!activityIds.length) return [];
    return tx
      .select({ activityId: activityFacilitators.activityId, id: people.id, givenName: people.givenName, familyName: people.familyName })
      .from(activityFacilitators)
      .innerJoin(people, and(eq(people.organisationId, activityFacilitators.organisationId), eq(people.id, activityFacilitators.personId)))
      .where(and(eq(activityFacilitators.organisationId, organisationId), inArray(activityFacilitators.activityId, activityIds)))
      .orderBy(asc(people.givenName));
  },

  async occurrence(tx: Executor, organisationId: string, id: string, lock = false) {
    if (lock) {
      // Sign-ups for one occurrence queue behind each other: the capacity check stays true.
      await tx
        .select({ id: occurrences.id })
        .from(occurrences)
        .where(and(eq(occurrences.organisationId, organisationId), eq(occurrences.id, id)))
        .for('update');
    }
    const [row] = await tx
      .select({ ...occurrenceColumns, placeName: places.name })
      .from(occurrences)
      .innerJoin(activities, and(eq(activities.organisationId, occurrences.organisationId), eq(activities.id, occurrences.activityId)))
      .innerJoin(activityTypes, and(eq(activityTypes.organisationId, activities.organisationId), eq(activityTypes.id, activities.typeId)))
      .innerJoin(places, and(eq(places.organisationId, occurrences.organisationId), eq(places.id, occurrences.placeId)))
      .where(and(eq(occurrences.organisationId, organisationId), eq(occurrences.id, id)));
    return row;
  },

  async occurrencesOf(tx: Executor, organisationId: string, activityId: string) {
    return tx
      .select(occurrenceColumns)
      .from(occurrences)
      .innerJoin(activities, and(eq(activities.organisationId, occurrences.organisationId), eq(activities.id, occurrences.activityId)))
      .innerJoin(activityTypes, and(eq(activityTypes.organisationId, activities.organisationId), eq(activityTypes.id, activities.typeId)))
      .where(and(eq(occurrences.organisationId, organisationId), eq(occurrences.activityId, activityId)))
      .orderBy(asc(occurrences.startsAt));
  },

  /**
   * One place's occurrences overlapping [from, to): one range scan of occurrences_calendar_idx
   * (organisation_id, place_id, starts_at). Nothing lasts longer than a day, so starting after
   * from - 1 day bounds the scan.
   */
  async calendar(tx: Executor, organisationId: string, placeId: string, from: Date, to: Date, limit = 5000) {
    return tx
      .select(occurrenceColumns)
      .from(occurrences)
      .innerJoin(activities, and(eq(activities.organisationId, occurrences.organisationId), eq(activities.id, occurrences.activityId)))
      .innerJoin(activityTypes, and(eq(activityTypes.organisationId, activities.organisationId), eq(activityTypes.id, activities.typeId)))
      .where(
        and(
          eq(occurrences.organisationId, organisationId),
          eq(occurrences.placeId, placeId),
          gte(occurrences.startsAt, new Date(from.getTime() - 86_400_000)),
          lt(occurrences.startsAt, to),
          gt(occurrences.endsAt, from),
        ),
      )
      .orderBy(asc(occurrences.startsAt), asc(occurrences.id))
      .limit(limit);
  },

  /** A person's own occurrences (signed up, or facilitating) in a range, for the personal feed. */
  async personal(tx: Executor, organisationId: string, personId: string, from: Date, to: Date) {
    return tx
      .select({ ...occurrenceColumns, placeName: places.name })
      .from(occurrences)
      .innerJoin(activities, and(eq(activities.organisationId, occurrences.organisationId), eq(activities.id, occurrences.activityId)))
      .innerJoin(activityTypes, and(eq(activityTypes.organisationId, activities.organisationId), eq(activityTypes.id, activities.typeId)))
      .innerJoin(places, and(eq(places.organisationId, occurrences.organisationId), eq(places.id, occurrences.placeId)))
      .where(
        and(
          eq(occurrences.organisationId, organisationId),
          gte(occurrences.startsAt, from),
          lt(occurrences.startsAt, to),
          sql`(exists (select 1 from ${registrations} r where r.organisation_id = ${occurrences.organisationId} and r.occurrence_id = ${occurrences.id} and r.person_id = ${personId} and r.status <> 'cancelled')
            or exists (select 1 from ${activityFacilitators} f where f.organisation_id = ${occurrences.organisationId} and f.activity_id = ${occurrences.activityId} and f.person_id = ${personId}))`,
        ),
      )
      .orderBy(asc(occurrences.startsAt))
      .limit(2000);
  },

  async registrationsOf(tx: Executor, organisationId: string, occurrenceId: string) {
    return tx
      .select({
        registration: registrations,
        givenName: people.givenName,
        familyName: people.familyName,
        personEmail: people.email,
        locale: people.preferredLanguage,
      })
      .from(registrations)
      .leftJoin(people, and(eq(people.organisationId, registrations.organisationId), eq(people.id, registrations.personId)))
      .where(and(eq(registrations.organisationId, organisationId), eq(registrations.occurrenceId, occurrenceId)))
      .orderBy(asc(registrations.queuedAt), asc(registrations.id));
  },

  async registration(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.organisationId, organisationId), eq(registrations.id, id)));
    return row;
  },

  async personRegistration(tx: Executor, organisationId: string, occurrenceId: string, personId: string) {
    const [row] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.organisationId, organisationId), eq(registrations.occurrenceId, occurrenceId), eq(registrations.personId, personId)));
    return row;
  },

  async guestRegistration(tx: Executor, organisationId: string, occurrenceId: string, email: string) {
    const [row] = await tx
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.organisationId, organisationId),
          eq(registrations.occurrenceId, occurrenceId),
          isNull(registrations.personId),
          sql`lower(${registrations.guestEmail}) = ${email.toLowerCase()}`,
        ),
      );
    return row;
  },

  async takenCount(tx: Executor, organisationId: string, occurrenceId: string) {
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(registrations)
      .where(
        and(eq(registrations.organisationId, organisationId), eq(registrations.occurrenceId, occurrenceId), inArray(registrations.status, [...TAKING_PLACE])),
      );
    return n;
  },

  async person(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select()
      .from(people)
      .where(and(eq(people.organisationId, organisationId), eq(people.id, id), isNull(people.archivedAt)));
    return row;
  },

  async placeName(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select({ name: places.name })
      .from(places)
      .where(and(eq(places.organisationId, organisationId), eq(places.id, id)));
    return row?.name;
  },

  // --- Lookups across organisations, as the owner (no tenant set yet); each by a key unique across organisations. ---

  /** A public event by its slug: only the ids needed to continue inside that organisation. */
  async findPublicEvent(db: Db, slug: string) {
    const [row] = await db
      .select({ organisationId: activities.organisationId, activityId: activities.id, organisationName: organisations.name })
      .from(activities)
      .innerJoin(organisations, eq(organisations.id, activities.organisationId))
      .where(eq(activities.publicSlug, slug));
    return row;
  },

  /** A calendar feed by its token's hash. */
  async findFeed(db: Db, tokenHash: string) {
    const [row] = await db
      .select({ organisationId: calendarFeeds.organisationId, placeId: calendarFeeds.placeId, personId: calendarFeeds.personId })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.tokenHash, tokenHash));
    return row;
  },
};
