import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, orgId, stamps } from './organisations.ts';

/** Labels (one per language) and synonyms (several per language) of a concept. */
export type ConceptLabels = Partial<Record<'nl' | 'en' | 'fr' | 'ar', string>>;
export type ConceptSynonyms = Partial<Record<'nl' | 'en' | 'fr' | 'ar', string[]>>;

/**
 * An organisation's own concepts beside the built-in list: added by an admin or imported from
 * ESCO (then `esco_uri` is set, and a re-import finds the concept again by it). The matching
 * engine of that organisation knows them as `c-<id>`. Archived concepts stay for history but no
 * longer match.
 */
export const matchingConcepts = pgTable(
  'matching_concepts',
  {
    organisationId: orgId(),
    id: id(),
    kind: text('kind').notNull().default('skill'),
    labels: jsonb('labels').$type<ConceptLabels>().notNull(),
    synonyms: jsonb('synonyms').$type<ConceptSynonyms>().notNull().default(sql`'{}'::jsonb`),
    /** The engine id of a broader concept: a built-in id ("repairs") or another own concept ("c-<uuid>"). */
    broader: text('broader'),
    escoUri: text('esco_uri'),
    description: text('description'),
    source: text('source', { enum: ['admin', 'esco'] })
      .notNull()
      .default('admin'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('matching_concepts_esco_uri_key').on(t.organisationId, t.escoUri),
    index('matching_concepts_updated_idx').on(t.organisationId, t.updatedAt),
  ],
);

/**
 * Embeddings from the optional semantic provider, per text (sha-256 of model and text), so an
 * offer's text is sent once. Not people's data as such, but derived from their texts: scoped
 * by organisation like the texts.
 */
export const matchingEmbeddings = pgTable(
  'matching_embeddings',
  {
    organisationId: orgId(),
    textHash: text('text_hash').notNull(),
    model: text('model').notNull(),
    vector: real('vector').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.model, t.textHash] })],
);
