import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, orgId, partners, places, stamps } from './organisations.ts';
import { people } from './people.ts';

/** A language a person speaks and how well. */
export interface SpokenLanguage {
  code: string;
  level: 'beginner' | 'conversational' | 'fluent' | 'native';
}

/**
 * A person's strengths: what they can, like and know, the languages they speak, when they are
 * free ("mon-morning"), their dreams in their own words, and who may see it.
 */
export const strengthProfiles = pgTable(
  'strength_profiles',
  {
    organisationId: orgId(),
    personId: uuid('person_id').notNull(),
    talents: text('talents').array().notNull().default(sql`'{}'::text[]`),
    likes: text('likes').array().notNull().default(sql`'{}'::text[]`),
    experience: text('experience'),
    languages: jsonb('languages').$type<SpokenLanguage[]>().notNull().default(sql`'[]'::jsonb`),
    availability: text('availability').array().notNull().default(sql`'{}'::text[]`),
    dreams: text('dreams'),
    visibility: text('visibility', { enum: ['private', 'place-staff', 'place'] })
      .notNull()
      .default('place-staff'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.personId] }),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
  ],
);

/** A small or big ambition of a person, realised step by step through requests. */
export const dreams = pgTable(
  'dreams',
  {
    organisationId: orgId(),
    id: id(),
    personId: uuid('person_id').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['open', 'realised', 'dropped'] })
      .notNull()
      .default('open'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
    index('dreams_person_idx').on(t.organisationId, t.personId),
  ],
);

/**
 * Offers and requests in one table (`side`), so that both directions of matching read alike.
 * The owner is a person, a partner or a place (offers only for the last two); `place_id` is the
 * place whose board shows it.
 */
export const matchingItems = pgTable(
  'matching_items',
  {
    organisationId: orgId(),
    id: id(),
    side: text('side', { enum: ['offer', 'request'] }).notNull(),
    kind: text('kind', { enum: ['skill', 'time', 'resource', 'space'] })
      .notNull()
      .default('skill'),
    ownerType: text('owner_type', { enum: ['person', 'partner', 'place'] }).notNull(),
    personId: uuid('person_id'),
    partnerId: uuid('partner_id'),
    placeId: uuid('place_id'),
    dreamId: uuid('dream_id'),
    text: text('text').notNull(),
    lang: text('lang'),
    status: text('status', { enum: ['open', 'paused', 'closed'] })
      .notNull()
      .default('open'),
    createdBy: uuid('created_by'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.partnerId], foreignColumns: [partners.organisationId, partners.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }),
    foreignKey({ columns: [t.organisationId, t.dreamId], foreignColumns: [dreams.organisationId, dreams.id] }),
    check(
      'matching_items_owner',
      sql`(${t.ownerType} = 'person' and ${t.personId} is not null and ${t.partnerId} is null)
        or (${t.ownerType} = 'partner' and ${t.partnerId} is not null and ${t.personId} is null and ${t.side} = 'offer')
        or (${t.ownerType} = 'place' and ${t.placeId} is not null and ${t.personId} is null and ${t.partnerId} is null and ${t.side} = 'offer')`,
    ),
    check('matching_items_dream', sql`${t.dreamId} is null or ${t.side} = 'request'`),
    index('matching_items_open_idx').on(t.organisationId, t.side, t.status),
    index('matching_items_person_idx').on(t.organisationId, t.personId),
    index('matching_items_place_idx').on(t.organisationId, t.placeId),
  ],
);

export const matchStatuses = ['proposed', 'connected', 'followed-up', 'closed', 'declined', 'withdrawn'] as const;

/**
 * A proposed connection of a request and an offer. Its status only moves forward; every step is
 * a row in match_events, and nothing is deleted when a side declines or it is withdrawn.
 */
export const matches = pgTable(
  'matches',
  {
    organisationId: orgId(),
    id: id(),
    requestId: uuid('request_id').notNull(),
    offerId: uuid('offer_id').notNull(),
    /** The place the connection counts for (the request's place when it has one). */
    placeId: uuid('place_id'),
    proposedBy: uuid('proposed_by'),
    status: text('status', { enum: matchStatuses }).notNull().default('proposed'),
    requesterAnswer: text('requester_answer', { enum: ['pending', 'accepted', 'declined'] })
      .notNull()
      .default('pending'),
    offererAnswer: text('offerer_answer', { enum: ['pending', 'accepted', 'declined'] })
      .notNull()
      .default('pending'),
    /** Score and reasons when proposed, as the people saw them. */
    score: real('score'),
    reasons: jsonb('reasons').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.requestId], foreignColumns: [matchingItems.organisationId, matchingItems.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.offerId], foreignColumns: [matchingItems.organisationId, matchingItems.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }),
    // One live match per pair; declined, withdrawn and closed ones stay as history.
    uniqueIndex('matches_live_pair_key').on(t.organisationId, t.requestId, t.offerId).where(sql`${t.status} in ('proposed', 'connected', 'followed-up')`),
    index('matches_request_idx').on(t.organisationId, t.requestId),
    index('matches_offer_idx').on(t.organisationId, t.offerId),
    index('matches_place_idx').on(t.organisationId, t.placeId, t.status),
  ],
);

/** The append-only history of a match: the app role may only insert and read (see its security migration). */
export const matchEvents = pgTable(
  'match_events',
  {
    organisationId: orgId(),
    id: id(),
    matchId: uuid('match_id').notNull(),
    kind: text('kind', {
      enum: ['proposed', 'accepted-by-requester', 'accepted-by-offerer', 'declined', 'withdrawn', 'connected', 'follow-up', 'closed'],
    }).notNull(),
    /** For declined: who said no. */
    side: text('side', { enum: ['requester', 'offerer'] }),
    actorAccountId: uuid('actor_account_id'),
    note: text('note'),
    met: boolean('met'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.matchId], foreignColumns: [matches.organisationId, matches.id] }).onDelete('cascade'),
    index('match_events_match_idx').on(t.organisationId, t.matchId, t.at),
    index('match_events_kind_at_idx').on(t.organisationId, t.kind, t.at),
  ],
);
