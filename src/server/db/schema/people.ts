import { sql } from 'drizzle-orm';
import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, orgId, partners, places, stamps } from './organisations.ts';

/** Everyone the organisation knows: participants and staff alike. Names are free text in any script. */
export const people = pgTable(
  'people',
  {
    organisationId: orgId(),
    id: id(),
    kind: text('kind', { enum: ['participant', 'staff'] }).notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    birthDate: date('birth_date'),
    placeId: uuid('place_id'),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    preferredLanguage: text('preferred_language'),
    about: text('about'),
    city: text('city'),
    /** staff who work for a partner organisation (a partner worker): which one */
    partnerId: uuid('partner_id'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }),
    foreignKey({ columns: [t.organisationId, t.partnerId], foreignColumns: [partners.organisationId, partners.id] }),
    index('people_org_name_idx').on(t.organisationId, t.familyName, t.givenName),
    uniqueIndex('people_email_key').on(t.organisationId, sql`lower(${t.email})`).where(sql`${t.email} is not null`),
  ],
);

/** People a place names as its hosts (the matchmakers and volunteers one meets there). */
export const placeHosts = pgTable(
  'place_hosts',
  {
    organisationId: orgId(),
    placeId: uuid('place_id').notNull(),
    personId: uuid('person_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.placeId, t.personId] }),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
  ],
);
