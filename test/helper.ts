import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp, type App } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { type Database, type Db, openDatabase } from '../src/server/db/client.ts';
import { accounts, organisations, people, places, roleAssignments } from '../src/server/db/schema/index.ts';
import { createMailer, type Mailer } from '../src/server/mail.ts';
import { hashPassword } from '../src/server/modules/auth/service.ts';
import type { Role } from '../src/shared/permissions.ts';

export const PASSWORD = 'correct horse battery';
let passwordHash: string | undefined;

/**
 * A fresh database per test file: in-memory PGlite, or with DATABASE_URL a new database on that
 * PostgreSQL server (dropped again afterwards), so test files never see each other's rows.
 */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const name = `schakel_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize: 5 });
  await database.migrate();
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestContext {
  app: App;
  db: Db;
  database: Database;
  mailer: Mailer;
  close: () => Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({ SCHAKEL_DEMO: 'false', PUBLIC_URL: 'http://schakel.test', ...env });
  const mailer = createMailer(config);
  const app = await buildApp({ config, database, mailer });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    mailer,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export interface TestOrganisation {
  id: string;
  placeId: string;
  otherPlaceId: string;
}

let orgCounter = 0;
/** An organisation with two places, created as the database owner (no RLS), as an install would. */
export async function newOrganisation(db: Db, name = `Org ${++orgCounter}`): Promise<TestOrganisation> {
  const [org] = await db.insert(organisations).values({ name, slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}` }).returning();
  const [place, other] = await db
    .insert(places)
    .values([
      { organisationId: org.id, name: 'Plek Noord', city: 'Lier' },
      { organisationId: org.id, name: 'Plek Zuid', city: 'Turnhout' },
    ])
    .returning();
  return { id: org.id, placeId: place.id, otherPlaceId: other.id };
}

/** A signed-in-able account with one role (at a place, or organisation-wide with placeId null). */
export async function newAccount(
  db: Db,
  org: TestOrganisation,
  role: Role,
  opts: { placeId?: string | null; login?: string; givenName?: string } = {},
) {
  passwordHash ??= await hashPassword(PASSWORD);
  const login = opts.login ?? `${role}-${randomBytes(4).toString('hex')}@test.example`;
  const placeId = opts.placeId === undefined ? null : opts.placeId;
  const [person] = await db
    .insert(people)
    .values({ organisationId: org.id, kind: role === 'participant' ? 'participant' : 'staff', givenName: opts.givenName ?? role, familyName: 'Test', email: login, placeId })
    .returning();
  const [account] = await db.insert(accounts).values({ organisationId: org.id, personId: person.id, login, passwordHash }).returning();
  await db.insert(roleAssignments).values({ organisationId: org.id, accountId: account.id, role, placeId });
  return { login, personId: person.id, accountId: account.id };
}

export async function newParticipant(db: Db, org: TestOrganisation, values: Partial<typeof people.$inferInsert> = {}) {
  const [person] = await db
    .insert(people)
    .values({ organisationId: org.id, kind: 'participant', givenName: 'Amina', familyName: 'Benali', placeId: org.placeId, ...values })
    .returning();
  return person;
}

/** Signs in through the API and returns the Cookie header to send with later requests. */
export async function login(app: App, loginName: string, password = PASSWORD): Promise<{ cookie: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${loginName}: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'schakel_session');
  return { cookie: `schakel_session=${set?.value}` };
}

/** Shorthand: a new account with `role` and its Cookie header. */
export async function signedIn(ctx: TestContext, org: TestOrganisation, role: Role, opts: { placeId?: string | null } = {}) {
  const account = await newAccount(ctx.db, org, role, opts);
  const { cookie } = await login(ctx.app, account.login);
  return { ...account, headers: { cookie } };
}
