import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { accounts, people, places } from '../../db/schema/index.ts';

export type PersonRow = typeof people.$inferSelect & { placeName: string | null; hasAccount: boolean };

const columns = {
  person: people,
  placeName: places.name,
  hasAccount: sql<boolean>`exists (select 1 from ${accounts} a where a.organisation_id = ${people.organisationId} and a.person_id = ${people.id} and a.status = 'active')`,
};

export const peopleRepo = {
  async find(tx: Executor, organisationId: string, id: string): Promise<PersonRow | undefined> {
    const [row] = await tx
      .select(columns)
      .from(people)
      .leftJoin(places, and(eq(places.organisationId, people.organisationId), eq(places.id, people.placeId)))
      .where(and(eq(people.organisationId, organisationId), eq(people.id, id), isNull(people.archivedAt)));
    return row && { ...row.person, placeName: row.placeName, hasAccount: row.hasAccount };
  },

  /** Search by any part of the name or e-mail, case-insensitive; `placeIds` limits to those places (and people without one). */
  async search(
    tx: Executor,
    organisationId: string,
    q: { text?: string; kind?: 'participant' | 'staff'; placeId?: string; placeIds: 'all' | string[]; limit: number; offset: number },
  ) {
    const conditions: (SQL | undefined)[] = [eq(people.organisationId, organisationId), isNull(people.archivedAt)];
    if (q.kind) conditions.push(eq(people.kind, q.kind));
    if (q.placeId) conditions.push(eq(people.placeId, q.placeId));
    if (q.placeIds !== 'all') {
      conditions.push(q.placeIds.length ? or(isNull(people.placeId), inArray(people.placeId, q.placeIds)) : isNull(people.placeId));
    }
    const text = q.text?.trim().toLowerCase();
    let rank: SQL | undefined;
    if (text) {
      // Every word must start a word of the name or e-mail, or (from three letters) appear in
      // it. people_matching() finds the ids through the indexes (migration 0003); `= any(array)`
      // then reads those rows by primary key, which row-level security allows. Closest names first.
      const words = text.split(/\s+/).slice(0, 5).map((w) => sql`select people_matching(${w})`);
      conditions.push(sql`${people.id} = any(array(${sql.join(words, sql` intersect `)}))`);
      rank = sql`similarity(lower(${people.givenName} || ' ' || ${people.familyName}), ${text})`;
    }
    const where = and(...conditions);
    // The total comes with the page (one round trip); only a page past the end needs a count.
    const rows = await tx
      .select({ person: people, placeName: places.name, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(people)
      .leftJoin(places, and(eq(places.organisationId, people.organisationId), eq(places.id, people.placeId)))
      .where(where)
      .orderBy(...(rank ? [sql`${rank} desc`] : []), asc(people.familyName), asc(people.givenName), asc(people.id))
      .limit(q.limit)
      .offset(q.offset);
    const total = rows[0]?.total ?? (q.offset > 0 ? (await tx.select({ n: count() }).from(people).where(where))[0].n : 0);
    return { rows: rows.map((r) => ({ ...r.person, placeName: r.placeName })), total };
  },

  async insert(tx: Executor, values: typeof people.$inferInsert) {
    const [row] = await tx.insert(people).values(values).returning();
    return row;
  },

  async update(tx: Executor, organisationId: string, id: string, values: Partial<typeof people.$inferInsert>) {
    const [row] = await tx
      .update(people)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(people.organisationId, organisationId), eq(people.id, id)))
      .returning();
    return row;
  },

  async emailTaken(tx: Executor, organisationId: string, email: string, exceptId?: string) {
    const [row] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.organisationId, organisationId), sql`lower(${people.email}) = ${email.toLowerCase()}`, exceptId ? sql`${people.id} <> ${exceptId}` : undefined));
    return !!row;
  },

  async placeExists(tx: Executor, organisationId: string, placeId: string) {
    const [row] = await tx.select({ id: places.id }).from(places).where(and(eq(places.organisationId, organisationId), eq(places.id, placeId)));
    return !!row;
  },
};
