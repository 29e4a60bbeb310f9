import { sql } from 'drizzle-orm';
import { bigint, date, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

/** The tenant. Every other table with people's data carries `organisation_id`. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().$defaultFn(() => uuidv7()),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const orgId = () => uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' });
export const id = () => uuid('id').notNull().$defaultFn(() => uuidv7());
export const stamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const programmes = pgTable(
  'programmes',
  {
    organisationId: orgId(),
    id: id(),
    name: text('name').notNull(),
    description: text('description'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), uniqueIndex('programmes_name_key').on(t.organisationId, sql`lower(${t.name})`)],
);

/** A funding line of a programme (ESF, VCF, ...); amounts in euro cents. */
export const fundingLines = pgTable(
  'funding_lines',
  {
    organisationId: orgId(),
    id: id(),
    programmeId: uuid('programme_id').notNull(),
    funder: text('funder').notNull(),
    reference: text('reference'),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.programmeId], foreignColumns: [programmes.organisationId, programmes.id] }).onDelete('cascade'),
  ],
);

export const places = pgTable(
  'places',
  {
    organisationId: orgId(),
    id: id(),
    name: text('name').notNull(),
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city').notNull(),
    country: text('country').notNull().default('BE'),
    phone: text('phone'),
    description: text('description'),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), unique('places_name_key').on(t.organisationId, t.name)],
);

export const programmePlaces = pgTable(
  'programme_places',
  {
    organisationId: orgId(),
    programmeId: uuid('programme_id').notNull(),
    placeId: uuid('place_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.programmeId, t.placeId] }),
    foreignKey({ columns: [t.organisationId, t.programmeId], foreignColumns: [programmes.organisationId, programmes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }).onDelete('cascade'),
  ],
);

export const partners = pgTable(
  'partners',
  {
    organisationId: orgId(),
    id: id(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    website: text('website'),
    email: text('email'),
    phone: text('phone'),
    description: text('description'),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), unique('partners_name_key').on(t.organisationId, t.name)],
);

export const partnerContacts = pgTable(
  'partner_contacts',
  {
    organisationId: orgId(),
    id: id(),
    partnerId: uuid('partner_id').notNull(),
    name: text('name').notNull(),
    role: text('role'),
    email: text('email'),
    phone: text('phone'),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.partnerId], foreignColumns: [partners.organisationId, partners.id] }).onDelete('cascade'),
    index('partner_contacts_partner_idx').on(t.organisationId, t.partnerId),
  ],
);
