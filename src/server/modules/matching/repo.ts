import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import {
  dreams,
  matchEvents,
  matches,
  matchingIndexItems,
  matchingIndexTerms,
  matchingItems,
  partners,
  people,
  placeLocations,
  places,
  strengthProfiles,
} from '../../db/schema/index.ts';
import type { SpokenLanguage } from '../../db/schema/matching.ts';

export type ItemRow = typeof matchingItems.$inferSelect & {
  placeName: string | null;
  partnerName: string | null;
  givenName: string | null;
  familyName: string | null;
  personPlaceId: string | null;
  personLanguages: string[] | null;
  city: string | null;
  visibility: 'private' | 'place-staff' | 'place' | null;
  /** From the owner's strengths profile, for the extra factors (null without one). */
  profileLanguages: SpokenLanguage[] | null;
  profileAvailability: string[] | null;
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
  profileLanguages: strengthProfiles.languages,
  profileAvailability: strengthProfiles.availability,
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

  /* ------------------------------------------------- the matching index */

  /** How many items of a side are indexed, and their mean length in words. */
  async indexFigures(tx: Executor, organisationId: string, side: 'offer' | 'request') {
    const [row] = await tx
      .select({ n: count(), avgLength: sql<number>`coalesce(avg(${matchingIndexItems.length}), 1)`.mapWith(Number) })
      .from(matchingIndexItems)
      .where(and(eq(matchingIndexItems.organisationId, organisationId), eq(matchingIndexItems.side, side)));
    return row;
  },

  /** In how many indexed items of a side every key occurs. */
  async allKeyCounts(tx: Executor, organisationId: string, side: 'offer' | 'request') {
    const rows = await tx
      .select({ term: matchingIndexTerms.term, n: count() })
      .from(matchingIndexTerms)
      .where(and(eq(matchingIndexTerms.organisationId, organisationId), eq(matchingIndexTerms.side, side)))
      .groupBy(matchingIndexTerms.term);
    return new Map(rows.map((r) => [r.term, Number(r.n)]));
  },

  /** The keys of these indexed items, with their side. */
  async termsOf(tx: Executor, organisationId: string, itemIds: string[]) {
    if (!itemIds.length) return [];
    return tx
      .select({ side: matchingIndexTerms.side, term: matchingIndexTerms.term })
      .from(matchingIndexTerms)
      .where(and(eq(matchingIndexTerms.organisationId, organisationId), inArray(matchingIndexTerms.itemId, itemIds)));
  },

  /** The distinct words of the indexed items of a side. */
  async indexWords(tx: Executor, organisationId: string, side: 'offer' | 'request') {
    const res = (await tx.execute(
      sql`select distinct unnest(${matchingIndexItems.words}) as w from ${matchingIndexItems} where ${matchingIndexItems.organisationId} = ${organisationId} and ${matchingIndexItems.side} = ${side}`,
    )) as unknown as { rows: { w: string }[] };
    return res.rows.map((r) => r.w);
  },

  /**
   * For each list of weighted keys, the items of a side sharing one of them, best first by the
   * summed weight of the keys they share (at most `limit` each), with the engine's stored reading
   * of each: the candidates the engine ranks.
   */
  async candidatesMany(tx: Executor, organisationId: string, side: 'offer' | 'request', lists: { key: string; weight: number }[][], limit: number) {
    const r: number[] = [];
    const k: string[] = [];
    const w: number[] = [];
    for (const [i, list] of lists.entries())
      for (const x of list) {
        r.push(i);
        k.push(x.key);
        w.push(x.weight);
      }
    const out: { id: string; reading: unknown }[][] = lists.map(() => []);
    if (!k.length) return out;
    if (lists.length === 1) {
      // One list: a plain top-N, cheaper than numbering every group.
      const one = (await tx.execute(sql`
        select x.id, ii.reading from (
          select t.item_id as id, sum(q.w) as s
          from ${matchingIndexTerms} t
          join unnest(${pgTextArray(k)}::text[], ${`{${w.map((x) => (Number.isFinite(x) ? x : 0)).join(',')}}`}::float8[]) as q(k, w) on t.term = q.k
          where t.organisation_id = ${organisationId} and t.side = ${side}
          group by t.item_id
          order by s desc, t.item_id
          limit ${limit}
        ) x
        join ${matchingIndexItems} ii on ii.organisation_id = ${organisationId} and ii.item_id = x.id
        order by x.s desc, x.id`)) as unknown as { rows: { id: string; reading: unknown }[] };
      out[0] = one.rows.map((row) => ({ id: row.id, reading: row.reading }));
      return out;
    }
    // Many lists (the board): the pairs only; each item's reading is read once afterwards (`readings`).
    const res = (await tx.execute(sql`
      select x.r, x.id from (
        select q.r, t.item_id as id, row_number() over (partition by q.r order by sum(q.w) desc, t.item_id) as rn
        from ${matchingIndexTerms} t
        join unnest(${`{${r.join(',')}}`}::int[], ${pgTextArray(k)}::text[], ${`{${w.map((x) => (Number.isFinite(x) ? x : 0)).join(',')}}`}::float8[]) as q(r, k, w)
          on t.term = q.k
        where t.organisation_id = ${organisationId} and t.side = ${side}
        group by q.r, t.item_id
      ) x
      where x.rn <= ${limit}
      order by x.r, x.rn`)) as unknown as { rows: { r: number; id: string }[] };
    for (const row of res.rows) out[Number(row.r)].push({ id: row.id, reading: undefined });
    return out;
  },

  /** The index rows of these keys: which items of a side have each. */
  async postings(tx: Executor, organisationId: string, side: 'offer' | 'request', keys: string[]) {
    if (!keys.length) return [];
    return tx
      .select({ term: matchingIndexTerms.term, itemId: matchingIndexTerms.itemId })
      .from(matchingIndexTerms)
      .where(
        and(
          eq(matchingIndexTerms.organisationId, organisationId),
          eq(matchingIndexTerms.side, side),
          sql`${matchingIndexTerms.term} = any(${pgTextArray(keys)}::text[])`,
        ),
      );
  },

  /** Open items without an index row (written before the index existed, or by an import). */
  async unindexedOpen(tx: Executor, organisationId: string, limit: number, after?: string) {
    return tx
      .select({ id: matchingItems.id, side: matchingItems.side, text: matchingItems.text, lang: matchingItems.lang })
      .from(matchingItems)
      .leftJoin(matchingIndexItems, and(eq(matchingIndexItems.organisationId, matchingItems.organisationId), eq(matchingIndexItems.itemId, matchingItems.id)))
      .where(
        and(
          eq(matchingItems.organisationId, organisationId),
          eq(matchingItems.status, 'open'),
          isNull(matchingIndexItems.itemId),
          after ? gt(matchingItems.id, after) : undefined,
        ),
      )
      .orderBy(asc(matchingItems.id))
      .limit(limit);
  },

  /** Writes the index rows of items (replacing older ones); terms in chunks to stay under the parameter limit. */
  async writeIndex(
    tx: Executor,
    organisationId: string,
    entries: { itemId: string; side: 'offer' | 'request'; lang: string; length: number; words: string[]; terms: Map<string, number>; reading: unknown }[],
  ) {
    if (!entries.length) return;
    await this.dropIndex(
      tx,
      organisationId,
      entries.map((e) => e.itemId),
    );
    await tx
      .insert(matchingIndexItems)
      .values(
        entries.map((e) => ({
          organisationId,
          itemId: e.itemId,
          side: e.side,
          lang: e.lang,
          length: e.length,
          words: e.words.slice(0, 500),
          reading: e.reading,
        })),
      )
      .onConflictDoNothing();
    const terms = entries.flatMap((e) =>
      [...e.terms].map(([term, tf]) => ({ organisationId, side: e.side, term: term.slice(0, 200), itemId: e.itemId, tf: Math.min(tf, 32767) })),
    );
    for (let at = 0; at < terms.length; at += 10_000)
      await tx
        .insert(matchingIndexTerms)
        .values(terms.slice(at, at + 10_000))
        .onConflictDoNothing();
  },

  /** The engine's stored reading of these items. */
  async readings(tx: Executor, organisationId: string, itemIds: string[]) {
    if (!itemIds.length) return new Map<string, unknown>();
    const rows = await tx
      .select({ id: matchingIndexItems.itemId, reading: matchingIndexItems.reading })
      .from(matchingIndexItems)
      .where(and(eq(matchingIndexItems.organisationId, organisationId), inArray(matchingIndexItems.itemId, itemIds)));
    return new Map(rows.map((r) => [r.id, r.reading as unknown]));
  },

  async dropAllIndex(tx: Executor, organisationId: string) {
    await tx.delete(matchingIndexItems).where(eq(matchingIndexItems.organisationId, organisationId));
  },

  async dropIndex(tx: Executor, organisationId: string, itemIds: string[]) {
    if (!itemIds.length) return;
    await tx.delete(matchingIndexItems).where(and(eq(matchingIndexItems.organisationId, organisationId), inArray(matchingIndexItems.itemId, itemIds)));
  },

  /** Matches of which one side is owned by one of these owners (person, partner or place ids), with both owners. */
  async matchesOfOwners(tx: Executor, organisationId: string, ownerIds: string[]) {
    if (!ownerIds.length) return [];
    const r = alias(matchingItems, 'r');
    const o = alias(matchingItems, 'o');
    const ownerOf = (t: typeof r | typeof o) =>
      or(inArray(t.personId, ownerIds), inArray(t.partnerId, ownerIds), and(eq(t.ownerType, 'place'), inArray(t.placeId, ownerIds)));
    return tx
      .select({
        requestId: matches.requestId,
        offerId: matches.offerId,
        status: matches.status,
        request: { ownerType: r.ownerType, personId: r.personId, partnerId: r.partnerId, placeId: r.placeId },
        offer: { ownerType: o.ownerType, personId: o.personId, partnerId: o.partnerId, placeId: o.placeId },
      })
      .from(matches)
      .innerJoin(r, and(eq(r.organisationId, matches.organisationId), eq(r.id, matches.requestId)))
      .innerJoin(o, and(eq(o.organisationId, matches.organisationId), eq(o.id, matches.offerId)))
      .where(and(eq(matches.organisationId, organisationId), or(ownerOf(r), ownerOf(o))));
  },

  async placeLocations(tx: Executor, organisationId: string) {
    return tx
      .select({ placeId: placeLocations.placeId, latitude: placeLocations.latitude, longitude: placeLocations.longitude })
      .from(placeLocations)
      .where(eq(placeLocations.organisationId, organisationId));
  },

  async savePlaceLocation(tx: Executor, organisationId: string, placeId: string, at: { latitude: number; longitude: number } | null) {
    if (!at) {
      await tx.delete(placeLocations).where(and(eq(placeLocations.organisationId, organisationId), eq(placeLocations.placeId, placeId)));
      return;
    }
    await tx
      .insert(placeLocations)
      .values({ organisationId, placeId, ...at })
      .onConflictDoUpdate({ target: [placeLocations.organisationId, placeLocations.placeId], set: { ...at, updatedAt: new Date() } });
  },
};

/** A PostgreSQL array literal of texts: one parameter, however many keys. */
export const pgTextArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
export const itemWhere = {
  side: (side: 'offer' | 'request') => eq(matchingItems.side, side),
  status: (s: 'open' | 'paused' | 'closed') => eq(matchingItems.status, s),
  person: (id: string) => eq(matchingItems.personId, id),
  place: (id: string) => eq(matchingItems.placeId, id),
  ids: (ids: string[]) => (ids.length ? inArray(matchingItems.id, ids) : sql`false`),
  /** Shown on this place's board: posted there, or (without a place of its own) by someone of that place. */
  atPlace: (id: string) => or(eq(matchingItems.placeId, id), and(isNull(matchingItems.placeId), eq(people.placeId, id))),
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
  requests: (ids: string[]) => (ids.length ? inArray(matches.requestId, ids) : sql`false`),
};
