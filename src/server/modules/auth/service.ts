import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, count, eq, gt, isNull, lt, min, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import QRCode from 'qrcode';
import type { Config } from '../../config.ts';
import { type Db, withOrganisation } from '../../db/client.ts';
import { accounts, accountTokens, loginAttempts, organisations, people, roleAssignments, sessions } from '../../db/schema/index.ts';
import { type Auth, hashToken } from '../../http/auth.ts';
import { AppError, errors } from '../../http/errors.ts';
import type { Mailer } from '../../mail.ts';
import type { RoleAssignment } from '../../../shared/permissions.ts';
import { can } from '../../../shared/permissions.ts';
import { recordAudit } from '../audit/service.ts';
import { t } from '../../i18n.ts';

const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const RESET_TTL_MS = 60 * 60 * 1000;
const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
// Verified when the login is unknown, so that a miss takes as long as a wrong password.
const DUMMY_HASH = await hash('not-a-real-password');
// Invitation codes are read aloud and typed on a phone: no 0/O, 1/I/L.
// Wrong invitation codes are counted under this name, which no sign-in name can have (a space).
const INVITATION_CODE_ATTEMPT = 'invitation code';
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const hashPassword = (password: string) => hash(password);
const newToken = () => randomBytes(32).toString('base64url');
const normaliseLogin = (login: string) => login.trim().toLowerCase();
const normaliseCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

export function authService(db: Db, config: Config, mailer: Mailer) {
  // Who is asking, with their roles, in one query: it runs on every request.
  const authColumns = {
    accountId: accounts.id,
    organisationId: accounts.organisationId,
    personId: accounts.personId,
    personKind: people.kind,
    login: accounts.login,
    locale: accounts.locale,
    roles: sql<RoleAssignment[]>`coalesce((select json_agg(json_build_object('role', r.role, 'placeId', r.place_id))
      from ${roleAssignments} r where r.organisation_id = ${accounts.organisationId} and r.account_id = ${accounts.id}), '[]'::json)`,
  };
  const personOfAccount = and(eq(people.organisationId, accounts.organisationId), eq(people.id, accounts.personId));

  async function loadAuth(organisationId: string, accountId: string): Promise<Auth | null> {
    const [row] = await db
      .select(authColumns)
      .from(accounts)
      .innerJoin(people, personOfAccount)
      .where(and(eq(accounts.organisationId, organisationId), eq(accounts.id, accountId), eq(accounts.status, 'active')));
    return row ?? null;
  }

  async function startSession(organisationId: string, accountId: string, userAgent?: string) {
    const token = newToken();
    await db.insert(sessions).values({
      tokenHash: hashToken(token),
      organisationId,
      accountId,
      expiresAt: new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000),
      userAgent: userAgent?.slice(0, 300),
    });
    await db.update(accounts).set({ lastLoginAt: new Date() }).where(and(eq(accounts.organisationId, organisationId), eq(accounts.id, accountId)));
    return token;
  }

  /** Failed attempts within the window, and when the oldest of them stops counting. */
  async function failures(where: SQL) {
    const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
    const [row] = await db
      .select({ n: count(), oldest: min(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
    const retryAfter = row.oldest ? Math.max(1, Math.ceil((row.oldest.getTime() + THROTTLE_WINDOW_MS - Date.now()) / 1000)) : 1;
    return { n: row.n, retryAfter };
  }

  async function throttle(login: string, ip: string) {
    const byLogin = await failures(eq(loginAttempts.login, login));
    const byIp = await failures(eq(loginAttempts.ip, ip));
    if (byLogin.n >= config.LOGIN_MAX_FAILURES || byIp.n >= config.LOGIN_MAX_FAILURES * 4) {
      const wait = Math.max(byLogin.n >= config.LOGIN_MAX_FAILURES ? byLogin.retryAfter : 0, byIp.n >= config.LOGIN_MAX_FAILURES * 4 ? byIp.retryAfter : 0);
      throw errors.tooManyRequests('login_throttled', 'Too many failed sign-ins. Wait a few minutes and try again.', wait);
    }
  }

  return {
    /** The session behind a cookie; its expiry slides forward, written at most once an hour. */
    async resolveSession(tokenHash: string): Promise<{ auth: Auth; extended: boolean } | null> {
      const [row] = await db
        .select({ ...authColumns, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(accounts, and(eq(accounts.organisationId, sessions.organisationId), eq(accounts.id, sessions.accountId)))
        .innerJoin(people, personOfAccount)
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), eq(accounts.status, 'active')));
      if (!row) return null;
      const { expiresAt, ...auth } = row;
      const fresh = new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000);
      const extended = fresh.getTime() - expiresAt.getTime() > 3600_000;
      if (extended) await db.update(sessions).set({ expiresAt: fresh }).where(eq(sessions.tokenHash, tokenHash));
      return { auth, extended };
    },

    async login(input: { login: string; password: string }, ip: string, userAgent?: string) {
      const login = normaliseLogin(input.login);
      await throttle(login, ip);
      // A login is unique per organisation; the password tells which account is meant.
      const candidates = await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.login, login), eq(accounts.status, 'active')));
      let match: (typeof candidates)[number] | undefined;
      for (const c of candidates) {
        if (c.passwordHash && (await verify(c.passwordHash, input.password))) {
          match = c;
          break; // the first match signs in (decision 0002)
        }
      }
      if (candidates.length === 0) await verify(DUMMY_HASH, input.password);
      await db.insert(loginAttempts).values({ id: uuidv7(), login, ip, succeeded: !!match });
      await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - 24 * 3600_000)));
      if (!match) throw new AppError(401, 'invalid_credentials', 'E-mail or password is wrong.');
      const token = await startSession(match.organisationId, match.id, userAgent);
      await recordAudit(db, match.organisationId, match.id, { action: 'login', entityType: 'account', entityId: match.id });
      const auth = (await loadAuth(match.organisationId, match.id)) as Auth;
      return { token, auth };
    },

    async logout(tokenHash: string, auth: Auth | null) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
      if (auth) await recordAudit(db, auth.organisationId, auth.accountId, { action: 'logout', entityType: 'account', entityId: auth.accountId });
    },

    async me(auth: Auth) {
      const [row] = await db
        .select({ person: people, organisationName: organisations.name })
        .from(people)
        .innerJoin(organisations, eq(organisations.id, people.organisationId))
        .where(and(eq(people.organisationId, auth.organisationId), eq(people.id, auth.personId)));
      return {
        accountId: auth.accountId,
        personId: auth.personId,
        login: auth.login,
        locale: auth.locale,
        kind: auth.personKind,
        givenName: row.person.givenName,
        familyName: row.person.familyName,
        organisation: { id: auth.organisationId, name: row.organisationName },
        roles: auth.roles,
      };
    },

    async setLocale(auth: Auth, locale: string) {
      if (locale === auth.locale) return;
      await withOrganisation(db, auth.organisationId, async (tx) => {
        await tx.update(accounts).set({ locale, updatedAt: new Date() }).where(and(eq(accounts.organisationId, auth.organisationId), eq(accounts.id, auth.accountId)));
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'account', entityId: auth.accountId, changes: { locale: [auth.locale, locale] } });
      });
    },

    /** Always succeeds outwardly, so the answer does not reveal which e-mail addresses exist. */
    async requestPasswordReset(login: string) {
      const normalised = normaliseLogin(login);
      const found = await db
        .select({ account: accounts, givenName: people.givenName })
        .from(accounts)
        .innerJoin(people, and(eq(people.organisationId, accounts.organisationId), eq(people.id, accounts.personId)))
        .where(and(eq(accounts.login, normalised), eq(accounts.status, 'active')));
      for (const { account, givenName } of found) {
        if (!normalised.includes('@')) continue;
        const token = newToken();
        await db.insert(accountTokens).values({
          tokenHash: hashToken(token),
          organisationId: account.organisationId,
          accountId: account.id,
          purpose: 'password-reset',
          expiresAt: new Date(Date.now() + RESET_TTL_MS),
        });
        const link = `${config.publicUrl}/reset-password?token=${token}`;
        await mailer.send({
          to: account.login,
          subject: t(account.locale, 'mail.reset.subject'),
          text: t(account.locale, 'mail.reset.body', { name: givenName, link }),
        });
      }
    },

    async resetPassword(token: string, password: string) {
      const [row] = await db
        .select()
        .from(accountTokens)
        .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, 'password-reset'), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date())));
      const invalid = () => errors.badRequest('token_invalid', 'This link is no longer valid. Ask for a new one.');
      if (!row) throw invalid();
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        // Claimed only while still unused: of two requests at the same moment, one wins.
        const [claimed] = await tx.update(accountTokens).set({ usedAt: new Date() })
          .where(and(eq(accountTokens.tokenHash, row.tokenHash), isNull(accountTokens.usedAt))).returning({ tokenHash: accountTokens.tokenHash });
        if (!claimed) throw invalid();
        await tx.update(accounts).set({ passwordHash, updatedAt: new Date() })
          .where(and(eq(accounts.organisationId, row.organisationId), eq(accounts.id, row.accountId)));
        // Whoever knew the old password is signed out everywhere.
        await tx.delete(sessions).where(and(eq(sessions.organisationId, row.organisationId), eq(sessions.accountId, row.accountId)));
        await recordAudit(tx, row.organisationId, row.accountId, { action: 'password-reset', entityType: 'account', entityId: row.accountId });
      });
    },

    /**
     * A companion invites a participant: one link and a short code (the same invitation; the
     * QR code carries the link), so that someone without e-mail can still set up an account.
     */
    async invite(auth: Auth, personId: string) {
      const created = await withOrganisation(db, auth.organisationId, async (tx) => {
        const [person] = await tx.select().from(people).where(and(eq(people.organisationId, auth.organisationId), eq(people.id, personId), isNull(people.archivedAt)));
        if (!person) throw errors.notFound('Person');
        if (!can(auth.roles, 'people.invite', person.placeId ?? undefined)) throw errors.notFound('Person');
        if (person.kind !== 'participant') throw errors.badRequest('not_a_participant', 'Invitations are for participants; staff accounts are made by an administrator.');
        let [account] = await tx.select().from(accounts).where(and(eq(accounts.organisationId, auth.organisationId), eq(accounts.personId, personId)));
        if (account?.status === 'active' && account.passwordHash) throw errors.conflict('account_exists', 'This person already has an account.');
        if (!account) {
          [account] = await tx
            .insert(accounts)
            .values({ organisationId: auth.organisationId, personId, login: `invited-${uuidv7()}`, status: 'invited', locale: person.preferredLanguage ?? 'nl' })
            .returning();
          await tx.insert(roleAssignments).values({ organisationId: auth.organisationId, accountId: account.id, role: 'participant', placeId: person.placeId });
        }
        // A new invitation replaces any earlier one still open.
        await tx.update(accountTokens).set({ usedAt: new Date() })
          .where(and(eq(accountTokens.organisationId, auth.organisationId), eq(accountTokens.accountId, account.id), eq(accountTokens.purpose, 'invitation'), isNull(accountTokens.usedAt)));
        const token = newToken();
        const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
        const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
        await tx.insert(accountTokens).values({
          tokenHash: hashToken(token),
          codeHash: hashToken(code),
          organisationId: auth.organisationId,
          accountId: account.id,
          purpose: 'invitation',
          createdBy: auth.accountId,
          expiresAt,
        });
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'invite', entityType: 'person', entityId: personId });
        return { token, code, expiresAt, suggestedLogin: person.email ?? null };
      });
      const url = `${config.publicUrl}/welcome?token=${created.token}`;
      return {
        url,
        code: `${created.code.slice(0, 4)}-${created.code.slice(4)}`,
        qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
        expiresAt: created.expiresAt.toISOString(),
      };
    },

    /**
     * An open invitation by its link token or its typed code. Codes are short, so wrong codes
     * count as failed sign-ins of this address and are throttled the same way.
     */
    async findInvitation(by: { token?: string; code?: string }, ip: string) {
      const byCode = !by.token;
      if (byCode) {
        const tries = await failures(and(eq(loginAttempts.login, INVITATION_CODE_ATTEMPT), eq(loginAttempts.ip, ip)) as SQL);
        if (tries.n >= config.LOGIN_MAX_FAILURES * 2) {
          throw errors.tooManyRequests('invitation_throttled', 'Too many wrong codes. Wait a few minutes and try again.', tries.retryAfter);
        }
      }
      const cond = by.token ? eq(accountTokens.tokenHash, hashToken(by.token)) : eq(accountTokens.codeHash, hashToken(normaliseCode(by.code ?? '')));
      const [row] = await db
        .select({ token: accountTokens, givenName: people.givenName, email: people.email, organisationName: organisations.name })
        .from(accountTokens)
        .innerJoin(accounts, and(eq(accounts.organisationId, accountTokens.organisationId), eq(accounts.id, accountTokens.accountId)))
        .innerJoin(people, and(eq(people.organisationId, accounts.organisationId), eq(people.id, accounts.personId)))
        .innerJoin(organisations, eq(organisations.id, accountTokens.organisationId))
        .where(and(cond, eq(accountTokens.purpose, 'invitation'), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date())));
      if (byCode && !row) await db.insert(loginAttempts).values({ id: uuidv7(), login: INVITATION_CODE_ATTEMPT, ip, succeeded: false });
      if (!row) throw errors.badRequest('invitation_invalid', 'This invitation is not valid (any more). Ask your companion for a new one.');
      return row;
    },

    async acceptInvitation(input: { token?: string; code?: string; login: string; password: string }, ip: string, userAgent?: string) {
      const inv = await this.findInvitation(input, ip);
      const login = normaliseLogin(input.login);
      const { organisationId, accountId } = inv.token;
      const passwordHash = await hashPassword(input.password);
      await db.transaction(async (tx) => {
        const [taken] = await tx.select({ id: accounts.id }).from(accounts)
          .where(and(eq(accounts.organisationId, organisationId), eq(accounts.login, login), sql`${accounts.id} <> ${accountId}`));
        if (taken) throw errors.conflict('login_taken', 'This name is already in use. Choose another one.');
        // Claimed only while still unused: of two requests at the same moment, one wins.
        const [claimed] = await tx.update(accountTokens).set({ usedAt: new Date() })
          .where(and(eq(accountTokens.tokenHash, inv.token.tokenHash), isNull(accountTokens.usedAt))).returning({ tokenHash: accountTokens.tokenHash });
        if (!claimed) throw errors.badRequest('invitation_invalid', 'This invitation is not valid (any more). Ask your companion for a new one.');
        await tx.update(accounts).set({ login, passwordHash, status: 'active', updatedAt: new Date() })
          .where(and(eq(accounts.organisationId, organisationId), eq(accounts.id, accountId)));
        await recordAudit(tx, organisationId, accountId, { action: 'accept-invitation', entityType: 'account', entityId: accountId });
      });
      const token = await startSession(organisationId, accountId, userAgent);
      return { token, auth: (await loadAuth(organisationId, accountId)) as Auth };
    },
  };
}

export type AuthService = ReturnType<typeof authService>;

const SET_PASSWORD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Mails a new colleague a link to choose their first password. It is a password-reset token
 * that lasts a week instead of an hour, so the reset page and `resetPassword` need no change.
 * An earlier link still open for the account stops working. Returns false when the mail failed.
 */
export async function sendSetPasswordLink(
  db: Db,
  config: Pick<Config, 'publicUrl'>,
  mailer: Mailer,
  to: { organisationId: string; accountId: string; login: string; givenName: string; organisationName: string; locale: string; createdBy: string | null },
): Promise<boolean> {
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.update(accountTokens).set({ usedAt: new Date() })
      .where(and(eq(accountTokens.organisationId, to.organisationId), eq(accountTokens.accountId, to.accountId), eq(accountTokens.purpose, 'password-reset'), isNull(accountTokens.usedAt)));
    await tx.insert(accountTokens).values({
      tokenHash: hashToken(token),
      organisationId: to.organisationId,
      accountId: to.accountId,
      purpose: 'password-reset',
      createdBy: to.createdBy,
      expiresAt: new Date(Date.now() + SET_PASSWORD_TTL_MS),
    });
  });
  const link = `${config.publicUrl}/reset-password?token=${token}`;
  try {
    await mailer.send({
      to: to.login,
      subject: t(to.locale, 'mail.staffWelcome.subject', { organisation: to.organisationName }),
      text: t(to.locale, 'mail.staffWelcome.body', { name: to.givenName, organisation: to.organisationName, login: to.login, link }),
    });
    return true;
  } catch {
    return false;
  }
}

