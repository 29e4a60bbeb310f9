import { sql } from 'drizzle-orm';
import { foreignKey, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { id, orgId, stamps } from './organisations.ts';

/**
 * A research export key: the secret behind the pseudonyms of a research export
 * (HMAC-SHA256(secret, organisation id + person id)). The organisation creates and keeps it; the
 * secret is shown once when it is made and afterwards only its fingerprint. Rotating retires the
 * row (`retired_at`) and makes a new secret under the same label, so old exports cannot be
 * linked to new ones. A researcher picks a key by its label.
 */
export const researchExportKeys = pgTable(
  'research_export_keys',
  {
    organisationId: orgId(),
    id: id(),
    label: text('label').notNull(),
    /** 32 random bytes, base64url */
    secret: text('secret').notNull(),
    /** the first 12 hex digits of sha256(secret): to tell keys apart without showing them */
    fingerprint: text('fingerprint').notNull(),
    createdBy: uuid('created_by'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.createdBy], foreignColumns: [accounts.organisationId, accounts.id] }),
    uniqueIndex('research_export_keys_label_key').on(t.organisationId, sql`lower(${t.label})`).where(sql`${t.retiredAt} is null`),
  ],
);
