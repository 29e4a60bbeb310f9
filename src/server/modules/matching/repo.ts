import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { dreams, matchEvents, matches, matchingItems, partners, people, places, strengthProfiles } from '../../db/schema/index.ts';

export type ItemRow = typeof matchingItems.$inferSelect & {
  placeName: string | null;
  partnerName: string | null;
  givenName: string | null;
  familyName: string | null;
  personPlaceId: string | null;
  personLanguages: string[] | null;
  city: string | null;
  visibility: 'private' | 'place-staff' | 'place' | null;
};
export type MatchRow = typeof matches.$inferSelect;
export type EventRow = typeof matchEvents.$inferSelect;
export type ProfileRow = typeof strengthProfiles.$inferSelect;
export type DreamRow = typeof dreams.$inferSelect;

const itemColumns = {
  item: matchingItems,
  placeName: places.name,
  partnerName: partners.name,
  givenName: people.givenName,
  familyName: people.familyName,
  personPlaceId: people.placeId,
  personLanguages: people.languages,
  city: sql<string | null>`coalesce(${people.city}, ${places.city})`,
  visibility: strengthProfiles.visibility,
};

function selectItems(tx: Executor) {
  return tx
    .select(itemColumns)
    .from(matchingItems)
    .leftJoin(places, and(eq(places.organisationId, matchingItems.organisationId), eq(places.id, matchingItems.placeId)))
    .leftJoin(partners, and(eq(partners.organisationId, matchingItems.organisationId), eq(partners.id, matchingItems.partnerId)))
    .leftJoin(people, and(eq(people.organisationId, matchingItems.organisationId), eq(people.id, matchingItems.personId)))
    .leftJoin(strengthProfiles, and(eq(strengthProfiles.organisationId, matchingItems.organisationId), eq(strengthProfiles.personId, matchingItems.personId)));
}
const flat = (r: { item: typeof matchingItems.$inferSelect } & Omit<ItemRow, keyof typeof matchingItems.$inferSelect>): ItemRow => {
  const { item, ...rest } = r;
  return { ...item, ...rest };
};

export const matchingRepo = {
  async person(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select({
        id: people.id,
        kind: people.kind,
        givenName: people.givenName,
        familyName: people.familyName,
        placeId: people.placeId,
        city: people.city,
        languages: people.languages,
      })
      .from(people)
      .where(and(eq(people.organisationId, organisationId), eq(people.id, id), isNull(people.archivedAt)));
    return row;
  },

  async place(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select({ id: places.id, name: places.name, city: places.city })
      .from(places)
      .where(and(eq(places.organisationId, organisationId), eq(places.id, id)));
    return row;
  },

  async partnerExists(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(and(eq(partners.organisationId, organisationId), eq(partners.id, id)));
    return !!row;
  },

  async profile(tx: Executor, organisationId: string, personId: string) {
    const [row] = await tx
      .select()
      .from(strengthProfiles)
      .where(and(eq(strengthProfiles.organisationId, organisationId), eq(strengthProfiles.personId, personId)));
    return row;
  },

  async saveProfile(tx: Executor, values: typeof strengthProfiles.$inferInsert) {
    const { organisationId, personId, ...rest } = values;
    const [row] = await tx
      .insert(strengthProfiles)
      .values(values)
      .onConflictDoUpdate({ target: [strengthProfiles.organisationId, strengthProfiles.personId], set: { ...rest, updatedAt: new Date() } })
      .returning();
    return row;
  },

  /** Every profile of the organisation: languages and availability, for the extra factors. */
  async allProfiles(tx: Executor, organisationId: string) {
    return tx
      .select({ personId: strengthProfiles.personId, languages: strengthProfiles.languages, availability: strengthProfiles.availability })
      .from(strengthProfiles)
      .where(eq(strengthProfiles.organisationId, organisationId));
  },

  async item(tx: Executor, organisationId: string, id: string): Promise<ItemRow | undefined> {
    const [row] = await selectItems(tx).where(and(eq(matchingItems.organisationId, organisationId), eq(matchingItems.id, id)));
    return row && flat(row);
  },

  async items(tx: Executor, organisationId: string, where: (SQL | undefined)[], page?: { limit: number; offset: number }) {
    const q = selectItems(tx)
      .where(and(eq(matchingItems.organisationId, organisationId), ...where))
      .orderBy(desc(matchingItems.createdAt), asc(matchingItems.id));
    const rows = page ? await q.limit(page.limit).offset(page.offset) : await q;
    return rows.map(flat);
  },

  async countItems(tx: Executor, organisationId: string, where: (SQL | undefined)[]) {
    const [{ n }] = await tx
      .select({ n: count() })
      .from(matchingItems)
      .where(and(eq(matchingItems.organisationId, organisationId), ...where));
    return n;
  },

  async insertItem(tx: Executor, values: typeof matchingItems.$inferInsert) {
    const [row] = await tx.insert(matchingItems).values(values).returning();
    return row;
  },

  async updateItem(tx: Executor, organisationId: string, id: string, values: Partial<typeof matchingItems.$inferInsert>) {
    await tx
      .update(matchingItems)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(matchingItems.organisationId, organisationId), eq(matchingItems.id, id)));
  },

  async dream(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select()
      .from(dreams)
      .where(and(eq(dreams.organisationId, organisationId), eq(dreams.id, id)));
    return row;
  },

  async dreams(tx: Executor, organisationId: string, where: (SQL | undefined)[]) {
    return tx
      .select({ dream: dreams, givenName: people.givenName, familyName: people.familyName, placeId: people.placeId })
      .from(dreams)
      .innerJoin(people, and(eq(people.organisationId, dreams.organisationId), eq(people.id, dreams.personId)))
      .where(and(eq(dreams.organisationId, organisationId), ...where))
      .orderBy(desc(dreams.createdAt));
  },

  async requestIdsOfDreams(tx: Executor, organisationId: string, dreamIds: string[]) {
    if (!dreamIds.length) return [];
    return tx
      .select({ id: matchingItems.id, dreamId: matchingItems.dreamId })
      .from(matchingItems)
      .where(and(eq(matchingItems.organisationId, organisationId), inArray(matchingItems.dreamId, dreamIds)));
  },

  async insertDream(tx: Executor, values: typeof dreams.$inferInsert) {
    const [row] = await tx.insert(dreams).values(values).returning();
    return row;
  },

  async updateDream(tx: Executor, organisationId: string, id: string, values: Partial<typeof dreams.$inferInsert>) {
    await tx
      .update(dreams)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(dreams.organisationId, organisationId), eq(dreams.id, id)));
  },

  async match(tx: Executor, organisationId: string, id: string, forUpdate = false) {
    const q = tx
      .select()
      .from(matches)
      .where(and(eq(matches.organisationId, organisationId), eq(matches.id, id)));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },

  async matches(tx: Executor, organisationId: string, where: (SQL | undefined)[], limit = 500) {
    return tx
      .select()
      .from(matches)
      .where(and(eq(matches.organisationId, organisationId), ...where))
      .orderBy(desc(matches.updatedAt), desc(matches.id))
      .limit(limit);
  },

  async liveMatch(tx: Executor, organisationId: string, requestId: string, offerId: string) {
    const [row] = await tx
      .select({ id: matches.id })
      .from(matches)
      .where(
        and(
          eq(matches.organisationId, organisationId),
          eq(matches.requestId, requestId),
          eq(matches.offerId, offerId),
          inArray(matches.status, ['proposed', 'connected', 'followed-up']),
        ),
      );
    return row;
  },

  /** Every pair of items ever matched, with their status: for bridging and for hiding live pairs. */
  async allMatchPairs(tx: Executor, organisationId: string) {
    return tx
      .select({ requestId: matches.requestId, offerId: matches.offerId, status: matches.status })
      .from(matches)
      .where(eq(matches.organisationId, organisationId));
  },

  async insertMatch(tx: Executor, values: typeof matches.$inferInsert) {
    const [row] = await tx.insert(matches).values(values).returning();
    return row;
  },

  async updateMatch(tx: Executor, organisationId: string, id: string, values: Partial<typeof matches.$inferInsert>) {
    await tx
      .update(matches)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(matches.organisationId, organisationId), eq(matches.id, id)));
  },

  async addEvent(tx: Executor, values: typeof matchEvents.$inferInsert) {
    await tx.insert(matchEvents).values(values);
  },

  async events(tx: Executor, organisationId: string, matchIds: string[]) {
    if (!matchIds.length) return [];
    return tx
      .select()
      .from(matchEvents)
      .where(and(eq(matchEvents.organisationId, organisationId), inArray(matchEvents.matchId, matchIds)))
      .orderBy(asc(matchEvents.at), asc(matchEvents.id));
  },

  /** Distinct matches per place and kind of step, for steps taken in [from, to). */
  async eventCounts(tx: Executor, organisationId: string, from: Date, to: Date, placeIds: 'all' | string[], placeId?: string) {
    const conditions: (SQL | undefined)[] = [eq(matchEvents.organisationId, organisationId), gte(matchEvents.at, from), lt(matchEvents.at, to)];
    if (placeId) conditions.push(eq(matches.placeId, placeId));
    if (placeIds !== 'all') conditions.push(placeIds.length ? inArray(matches.placeId, placeIds) : sql`false`);
    return tx
      .select({
        placeId: matches.placeId,
        placeName: places.name,
        kind: matchEvents.kind,
        met: sql<number>`count(distinct ${matchEvents.matchId}) filter (where ${matchEvents.met})`.mapWith(Number),
        n: sql<number>`count(distinct ${matchEvents.matchId})`.mapWith(Number),
      })
      .from(matchEvents)
      .innerJoin(matches, and(eq(matches.organisationId, matchEvents.organisationId), eq(matches.id, matchEvents.matchId)))
      .leftJoin(places, and(eq(places.organisationId, matches.organisationId), eq(places.id, matches.placeId)))
      .where(and(...conditions))
      .groupBy(matches.placeId, places.name, matchEvents.kind);
  },
};

export const itemWhere = {
  side: (side: 'offer' | 'request') => eq(matchingItems.side, side),
  status: (s: 'open' | 'paused' | 'closed') => eq(matchingItems.status, s),
  person: (id: string) => eq(matchingItems.personId, id),
  place: (id: string) => eq(matchingItems.placeId, id),
  ids: (ids: string[]) => (ids.length ? inArray(matchingItems.id, ids) : sql`false`),
  /** At one of these places, or (people only) owned by this person. */
  visible: (placeIds: 'all' | string[], placeOfParticipant: string | null, personId: string) =>
    placeIds === 'all'
      ? undefined
      : or(
          eq(matchingItems.personId, personId),
          placeIds.length ? inArray(matchingItems.placeId, placeIds) : undefined,
          placeOfParticipant ? and(eq(matchingItems.placeId, placeOfParticipant), eq(matchingItems.status, 'open')) : undefined,
        ),
};
export const dreamWhere = {
  person: (id: string) => eq(dreams.personId, id),
  place: (id: string) => eq(people.placeId, id),
  status: (s: 'open' | 'realised' | 'dropped') => eq(dreams.status, s),
};
export const matchWhere = {
  place: (id: string) => eq(matches.placeId, id),
  status: (s: readonly (typeof matches.$inferSelect)['status'][]) => inArray(matches.status, [...s]),
  items: (ids: string[]) => (ids.length ? or(inArray(matches.requestId, ids), inArray(matches.offerId, ids)) : sql`false`),
};
