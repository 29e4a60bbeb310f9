import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { id, orgId, places, stamps } from './organisations.ts';
import { people } from './people.ts';

/**
 * A way to sign in, always of one person. `login` is an e-mail address or, for participants
 * without one, a user name their companion set up through an invitation.
 */
export const accounts = pgTable(
  'accounts',
  {
    organisationId: orgId(),
    id: id(),
    personId: uuid('person_id').notNull(),
    login: text('login').notNull(),
    passwordHash: text('password_hash'),
    status: text('status', { enum: ['active', 'invited', 'disabled'] }).notNull().default('active'),
    locale: text('locale').notNull().default('nl'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    ...stamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    unique('accounts_login_key').on(t.organisationId, t.login),
    index('accounts_login_idx').on(t.login),
    foreignKey({ columns: [t.organisationId, t.personId], foreignColumns: [people.organisationId, people.id] }).onDelete('cascade'),
  ],
);

/** A role of an account, at one place or (place null) across the whole organisation. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    organisationId: orgId(),
    id: id(),
    accountId: uuid('account_id').notNull(),
    role: text('role').notNull(),
    placeId: uuid('place_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    unique('role_assignments_key').on(t.organisationId, t.accountId, t.role, t.placeId).nullsNotDistinct(),
    foreignKey({ columns: [t.organisationId, t.accountId], foreignColumns: [accounts.organisationId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.placeId], foreignColumns: [places.organisationId, places.id] }).onDelete('cascade'),
  ],
);

/** Sign-in sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    organisationId: orgId(),
    accountId: uuid('account_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [
    foreignKey({ columns: [t.organisationId, t.accountId], foreignColumns: [accounts.organisationId, accounts.id] }).onDelete('cascade'),
  ],
);

/** One-time tokens: password resets and invitations. Only hashes are stored. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    organisationId: orgId(),
    accountId: uuid('account_id').notNull(),
    purpose: text('purpose', { enum: ['password-reset', 'invitation'] }).notNull(),
    /** Short code typed by hand (invitations only), stored hashed like the token. */
    codeHash: text('code_hash'),
    createdBy: uuid('created_by'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('account_tokens_code_idx').on(t.codeHash),
    foreignKey({ columns: [t.organisationId, t.accountId], foreignColumns: [accounts.organisationId, accounts.id] }).onDelete('cascade'),
  ],
);

/** Sign-in attempts, for throttling; kept 24 hours. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey(),
    login: text('login').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_login_idx').on(t.login, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

/** Who changed what, when: one row per write. */
export const auditLog = pgTable(
  'audit_log',
  {
    organisationId: orgId(),
    id: id(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: uuid('actor_account_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    changes: jsonb('changes'),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), index('audit_log_at_idx').on(t.organisationId, t.at)],
);


