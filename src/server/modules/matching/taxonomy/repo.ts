import { and, asc, count, eq, inArray, isNotNull, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { matchingConcepts } from '../../../db/schema/index.ts';

export type ConceptRow = typeof matchingConcepts.$inferSelect;
export type NewConceptRow = typeof matchingConcepts.$inferInsert;

/** Matches a search text against every label and synonym in any language (case- and accent-blind enough for ILIKE). */
const searchWhere = (q: string | undefined): SQL | undefined => {
  if (!q) return undefined;
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // The values only: the JSON's keys ("nl") and quotes are no match.
  return sql`(exists (select 1 from jsonb_each_text(${matchingConcepts.labels}) l where l.value ilike ${pattern})
    or exists (select 1 from jsonb_each(${matchingConcepts.synonyms}) s, jsonb_array_elements_text(s.value) v where v ilike ${pattern})
    or ${matchingConcepts.escoUri} = ${q})`;
};

export const taxonomyRepo = {
  async list(tx: Executor, organisationId: string, opts: { q?: string; archived: boolean; limit: number; offset: number }) {
    const where = and(
      eq(matchingConcepts.organisationId, organisationId),
      opts.archived ? isNotNull(matchingConcepts.archivedAt) : isNull(matchingConcepts.archivedAt),
      searchWhere(opts.q),
    );
    const rows = await tx
      .select()
      .from(matchingConcepts)
      .where(where)
      .orderBy(
        asc(
          sql`lower(coalesce(${matchingConcepts.labels}->>'nl', ${matchingConcepts.labels}->>'en', ${matchingConcepts.labels}->>'fr', ${matchingConcepts.labels}->>'ar'))`,
        ),
        asc(matchingConcepts.id),
      )
      .limit(opts.limit)
      .offset(opts.offset);
    const [{ n }] = await tx.select({ n: count() }).from(matchingConcepts).where(where);
    return { rows, total: n };
  },

  async get(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select()
      .from(matchingConcepts)
      .where(and(eq(matchingConcepts.organisationId, organisationId), eq(matchingConcepts.id, id)));
    return row;
  },

  async byIds(tx: Executor, organisationId: string, ids: string[]) {
    if (!ids.length) return [];
    return tx
      .select()
      .from(matchingConcepts)
      .where(and(eq(matchingConcepts.organisationId, organisationId), inArray(matchingConcepts.id, ids)));
  },

  /** Active concepts whose label in `lang` is `label` (any case), except `exceptId`. */
  async withLabel(tx: Executor, organisationId: string, lang: string, label: string, exceptId?: string) {
    return tx
      .select({ id: matchingConcepts.id })
      .from(matchingConcepts)
      .where(
        and(
          eq(matchingConcepts.organisationId, organisationId),
          isNull(matchingConcepts.archivedAt),
          sql`lower(${matchingConcepts.labels}->>${lang}) = lower(${label})`,
          exceptId ? sql`${matchingConcepts.id} <> ${exceptId}` : undefined,
        ),
      )
      .limit(1);
  },

  async insert(tx: Executor, values: NewConceptRow) {
    const [row] = await tx.insert(matchingConcepts).values(values).returning();
    return row;
  },

  async update(tx: Executor, organisationId: string, id: string, values: Partial<NewConceptRow>) {
    const [row] = await tx
      .update(matchingConcepts)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(matchingConcepts.organisationId, organisationId), eq(matchingConcepts.id, id)))
      .returning();
    return row;
  },

  /** Concepts imported before (or given an ESCO URI by an admin), by URI. */
  async byEscoUris(tx: Executor, organisationId: string) {
    return tx
      .select()
      .from(matchingConcepts)
      .where(and(eq(matchingConcepts.organisationId, organisationId), isNotNull(matchingConcepts.escoUri)));
  },

  /** New and changed ESCO concepts in one statement per batch: a URI already there is updated in place. */
  async upsertByEscoUri(tx: Executor, rows: NewConceptRow[]) {
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(matchingConcepts)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [matchingConcepts.organisationId, matchingConcepts.escoUri],
          set: {
            kind: sql`excluded.kind`,
            labels: sql`excluded.labels`,
            synonyms: sql`excluded.synonyms`,
            description: sql`excluded.description`,
            updatedAt: sql`now()`,
          },
        });
    }
  },

  /** What the engine of an organisation was built from: a change to any concept changes this. */
  async version(tx: Executor, organisationId: string) {
    const [v] = await tx
      .select({ n: count(), last: max(matchingConcepts.updatedAt) })
      .from(matchingConcepts)
      .where(and(eq(matchingConcepts.organisationId, organisationId), isNull(matchingConcepts.archivedAt)));
    return { n: v.n, last: v.last ? new Date(v.last).toISOString() : '' };
  },

  async active(tx: Executor, organisationId: string) {
    return tx
      .select({
        id: matchingConcepts.id,
        kind: matchingConcepts.kind,
        labels: matchingConcepts.labels,
        synonyms: matchingConcepts.synonyms,
        broader: matchingConcepts.broader,
      })
      .from(matchingConcepts)
      .where(and(eq(matchingConcepts.organisationId, organisationId), isNull(matchingConcepts.archivedAt)));
  },
};
