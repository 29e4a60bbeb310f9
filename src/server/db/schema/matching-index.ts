import { doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { matchingItems } from './matching.ts';
import { orgId, places, stamps } from './organisations.ts';

/**
 * The matching engine's own reading of each open offer and request, written when the item is
 * written: its language, length and words (for typo correction of what others write). Closed and
 * paused items have no row. Derived data: it can be rebuilt from `matching_items` at any time.
 */
export const matchingIndexItems = pgTable(
  'matching_index_items',
  {
    organisationId: orgId(),
    itemId: uuid('item_id').notNull(),
    side: text('side', { enum: ['offer', 'request'] }).notNull(),
    lang: text('lang').notNull(),
    length: integer('length').notNull(),
    words: text('words').array().notNull(),
    /** The engine's whole reading (OfferReading), so that ranking a candidate needs no new analysis. */
    reading: jsonb('reading'),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.itemId] }),
    foreignKey({ columns: [t.organisationId, t.itemId], foreignColumns: [matchingItems.organisationId, matchingItems.id] }).onDelete('cascade'),
    index('matching_index_items_side_idx').on(t.organisationId, t.side),
  ],
);

/**
 * The keys of each indexed item (stems, surface forms, compound parts, corrections and `@concept`
 * ids) with how often they occur: a request looks up the items sharing one of its keys, so that
 * only those are read and ranked, not every open item of the organisation.
 */
export const matchingIndexTerms = pgTable(
  'matching_index_terms',
  {
    organisationId: orgId(),
    side: text('side', { enum: ['offer', 'request'] }).notNull(),
    term: text('term').notNull(),
    itemId: uuid('item_id').notNull(),
    tf: smallint('tf').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.side, t.term, t.itemId] }),
    foreignKey({ columns: [t.organisationId, t.itemId], foreignColumns: [matchingIndexItems.organisationId, matchingIndexItems.itemId] }).onDelete('cascade'),
    index('matching_index_terms_item_idx').on(t.organisationId, t.itemId),
  ],
);

/**
 * Where a place is, as entered by its staff (no geocoding: the platform works offline): the
 * "short distance" part of matching and the board's distance filter use it.
 */
export const placeLocations = pgTable(
  'place_locations',
  {
    organisationId: orgId(),
    placeId: uuid('place_id').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.placeId] }),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }).onDelete('cascade'),
  ],
);
