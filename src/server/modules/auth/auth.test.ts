import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, loginAttempts } from '../../db/schema/index.ts';
import { createTestApp, login, newAccount, newOrganisation, newParticipant, PASSWORD, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';

// Not the default (5), so the tests also show that the setting is honoured.
const MAX_FAILURES = 3;

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestApp({ LOGIN_MAX_FAILURES: String(MAX_FAILURES) });
  org = await newOrganisation(ctx.db, 'Blenders');
  other = await newOrganisation(ctx.db, 'OCMW Elders');
});
afterAll(() => ctx.close());

// Every inject comes from 127.0.0.1 unless told otherwise; tests that fail sign-ins on purpose use
// an address of their own, so the per-address throttle never spills over into other tests.
let nextAddress = 10;
const freshAddress = () => `10.0.0.${nextAddress++}`;

const signIn = (loginName: string, password: string, remoteAddress = '127.0.0.1') =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password }, remoteAddress });
const me = (cookie: string) => ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
const sessionCookie = (res: Awaited<ReturnType<typeof signIn>>) => {
  const c = res.cookies.find((x) => x.name === 'schakel_session');
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `schakel_session=${c.value}`;
};

describe('sign-in', () => {
  it('signs in with e-mail and password: an HttpOnly, SameSite=Lax cookie for the whole site, and who I am', async () => {
    const account = await newAccount(ctx.db, org, 'matchmaker', { placeId: org.placeId, givenName: 'Lien' });
    const res = await signIn(account.login.toUpperCase(), PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      login: account.login,
      kind: 'staff',
      givenName: 'Lien',
      organisation: { id: org.id, name: 'Blenders' },
      roles: [{ role: 'matchmaker', placeId: org.placeId }],
    });
    const cookie = res.cookies.find((c) => c.name === 'schakel_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
    // PUBLIC_URL is http in the tests: no Secure flag, or the browser would drop the cookie.
    expect(cookie?.secure).toBeFalsy();

    const who = await me(sessionCookie(res));
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ accountId: account.accountId, personId: account.personId, login: account.login });
  });

  it('answers a wrong password and an unknown login the same way: 401 invalid_credentials', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const address = freshAddress();
    const wrong = await signIn(account.login, 'not the password', address);
    const unknown = await signIn('nobody@nowhere.example', 'not the password', address);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(wrong.cookies).toHaveLength(0);
    expect([unknown.statusCode, unknown.json()]).toEqual([wrong.statusCode, wrong.json()]);
  });

  it('asks to sign in first without a session or with a made-up cookie', async () => {
    const none = await ctx.app.inject({ url: '/api/v1/auth/me' });
    expect([none.statusCode, none.json().code]).toEqual([401, 'unauthenticated']);
    const fake = await me('schakel_session=made-up-token-that-was-never-issued');
    expect([fake.statusCode, fake.json().code]).toEqual([401, 'unauthenticated']);
  });

  it('rejects a sign-in without a password as a validation error, not a 500', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'someone@test.example' } });
    expect([res.statusCode, res.json().code]).toEqual([400, 'validation_failed']);
    expect(res.json().errors[0].field).toBe('body.password');
  });

  it('signs out: that cookie no longer works, other sessions of the same account still do', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const laptop = sessionCookie(await signIn(account.login, PASSWORD));
    const phone = sessionCookie(await signIn(account.login, PASSWORD));
    const out = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: laptop } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'schakel_session');
    expect(cleared?.value).toBe('');
    expect((await me(laptop)).statusCode).toBe(401);
    expect((await me(phone)).statusCode).toBe(200);
    // Signing out twice, or without a session, is harmless.
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: laptop } })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
  });

  it('pauses sign-in after LOGIN_MAX_FAILURES failures, even with the right password, with Retry-After', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const bystander = await newAccount(ctx.db, org, 'companion');
    const address = freshAddress();
    for (let i = 0; i < MAX_FAILURES; i++) expect((await signIn(account.login, `guess ${i}`, address)).statusCode).toBe(401);
    // The attacker moves to another address: the account itself is paused.
    const blocked = await signIn(account.login, PASSWORD, freshAddress());
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('login_throttled');
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.cookies).toHaveLength(0);
    // Someone else signing in from that same address is not affected.
    expect((await signIn(bystander.login, PASSWORD, address)).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says a proxy is in front: the pause cannot be dodged', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const address = freshAddress();
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: address,
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
        payload: { login: `nobody-${i}@test.example`, password: 'wrong wrong' },
      });
      expect(res.statusCode).toBe(401);
    }
    const rows = await ctx.db.select().from(loginAttempts).where(eq(loginAttempts.ip, address));
    expect(rows).toHaveLength(MAX_FAILURES);
    expect((await signIn(account.login, PASSWORD, address)).statusCode).toBe(200);
  });

  it('pauses an address that tries many different logins (four times LOGIN_MAX_FAILURES)', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const address = freshAddress();
    for (let i = 0; i < 4 * MAX_FAILURES; i++) expect((await signIn(`guess-${i}@test.example`, 'secret secret', address)).statusCode).toBe(401);
    const blocked = await signIn(account.login, PASSWORD, address);
    expect([blocked.statusCode, blocked.json().code]).toEqual([429, 'login_throttled']);
    expect((await signIn(account.login, PASSWORD, freshAddress())).statusCode).toBe(200);
  });

  it('remembers the chosen language', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const { cookie } = await login(ctx.app, account.login);
    const put = await ctx.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers: { cookie }, payload: { locale: 'ar' } });
    expect(put.statusCode).toBe(204);
    expect((await me(cookie)).json().locale).toBe('ar');
    // Still there in a new session.
    expect((await signIn(account.login, PASSWORD)).json().locale).toBe('ar');
    // Like every write, in the audit log.
    const audited = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, account.accountId), eq(auditLog.action, 'update')));
    expect(audited.map((a) => a.changes)).toEqual([{ locale: ['nl', 'ar'] }]);

    const bad = await ctx.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers: { cookie }, payload: { locale: 'de' } });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'validation_failed']);
    expect((await me(cookie)).json().locale).toBe('ar');
    const anonymous = await ctx.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', payload: { locale: 'fr' } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('password reset', () => {
  const requestReset = (loginName: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { login: loginName } });
  const confirm = (token: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password } });
  const tokenFrom = (text: string) => {
    const m = text.match(/http:\/\/schakel\.test\/reset-password\?token=([A-Za-z0-9_-]+)/);
    if (!m) throw new Error(`no reset link in mail:\n${text}`);
    return m[1];
  };

  it('mails a link; the new password works, the old one and every session end, the link works once', async () => {
    const account = await newAccount(ctx.db, org, 'companion', { givenName: 'Griet' });
    const laptop = sessionCookie(await signIn(account.login, PASSWORD));
    const phone = sessionCookie(await signIn(account.login, PASSWORD));
    const before = ctx.mailer.outbox.length;

    const asked = await requestReset(`  ${account.login.toUpperCase()} `);
    expect(asked.statusCode).toBe(202);
    const mails = ctx.mailer.outbox.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe(account.login);
    expect(mails[0].text).toContain('Griet');
    const token = tokenFrom(mails[0].text);

    const newPassword = 'a brand new phrase';
    expect((await confirm(token, newPassword)).statusCode).toBe(204);
    expect((await signIn(account.login, PASSWORD, freshAddress())).json().code).toBe('invalid_credentials');
    expect((await signIn(account.login, newPassword)).statusCode).toBe(200);
    expect((await me(laptop)).statusCode).toBe(401);
    expect((await me(phone)).statusCode).toBe(401);

    const again = await confirm(token, 'yet another phrase');
    expect([again.statusCode, again.json().code]).toEqual([400, 'token_invalid']);
    expect((await signIn(account.login, newPassword)).statusCode).toBe(200);
  });

  it('writes the mail in the language of the account', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const { cookie } = await login(ctx.app, account.login);
    await ctx.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers: { cookie }, payload: { locale: 'fr' } });
    const before = ctx.mailer.outbox.length;
    await requestReset(account.login);
    expect(ctx.mailer.outbox.slice(before)[0].subject).toBe('Choisissez un nouveau mot de passe pour Schakel');
  });

  it('gives an unknown e-mail address the same 202 and sends nothing', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const known = await requestReset(account.login);
    const before = ctx.mailer.outbox.length;
    const unknown = await requestReset('nobody-here@test.example');
    expect(unknown.statusCode).toBe(202);
    expect([unknown.body, unknown.headers['content-type']]).toEqual([known.body, known.headers['content-type']]);
    expect(ctx.mailer.outbox.length).toBe(before);
  });

  it('sends no mail for a user name: participants without e-mail ask their companion', async () => {
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const p = await newParticipant(ctx.db, org);
    const { code } = (await ctx.app.inject({ method: 'POST', url: `/api/v1/people/${p.id}/invitation`, headers: companion.headers })).json();
    await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/accept', payload: { code, login: 'no.mail', password: 'mijn geheim 123' } });
    const before = ctx.mailer.outbox.length;
    expect((await requestReset('no.mail')).statusCode).toBe(202);
    expect(ctx.mailer.outbox.length).toBe(before);
  });

  it('refuses a password that is too short, and the link stays usable', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const before = ctx.mailer.outbox.length;
    await requestReset(account.login);
    const token = tokenFrom(ctx.mailer.outbox.slice(before)[0].text);
    const short = await confirm(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.password' }] });
    expect((await confirm(token, 'long enough now')).statusCode).toBe(204);
  });

  it('refuses a made-up token', async () => {
    const res = await confirm('x'.repeat(43), 'long enough now');
    expect([res.statusCode, res.json().code]).toEqual([400, 'token_invalid']);
  });

  it('lets a link be used only once, even by two requests at the same moment', async () => {
    const account = await newAccount(ctx.db, org, 'companion');
    const before = ctx.mailer.outbox.length;
    await requestReset(account.login);
    const token = tokenFrom(ctx.mailer.outbox.slice(before)[0].text);
    const results = await Promise.all([confirm(token, 'first new phrase'), confirm(token, 'second new phrase')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 400]);
    const winner = results[0].statusCode === 204 ? 'first new phrase' : 'second new phrase';
    expect((await signIn(account.login, winner)).statusCode).toBe(200);
  });
});

describe('invitations', () => {
  const invite = (headers: { cookie: string }, personId: string) =>
    ctx.app.inject({ method: 'POST', url: `/api/v1/people/${personId}/invitation`, headers });
  const lookUp = (query: string) => ctx.app.inject({ url: `/api/v1/auth/invitations?${query}` });
  const accept = (payload: Record<string, string>) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/accept', payload });
  const codePattern = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;

  it('a companion invites a participant without e-mail, who signs up with the typed code and a user name', async () => {
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const amina = await newParticipant(ctx.db, org, { givenName: 'Amina' });
    const res = await invite(companion.headers, amina.id);
    expect(res.statusCode).toBe(201);
    const inv = res.json();
    expect(inv.url).toMatch(/^http:\/\/schakel\.test\/welcome\?token=[A-Za-z0-9_-]{40,}$/);
    expect(inv.code).toMatch(codePattern);
    expect(inv.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(new Date(inv.expiresAt).getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000);

    // Typed on a phone: lower case, without the dash.
    const typed = inv.code.replace('-', '').toLowerCase();
    const found = await lookUp(`code=${typed}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({ givenName: 'Amina', organisation: 'Blenders', suggestedLogin: null });
    const token = new URL(inv.url).searchParams.get('token') as string;
    expect((await lookUp(`token=${token}`)).json().givenName).toBe('Amina');

    const accepted = await accept({ code: typed, login: 'Amina.B', password: 'mijn geheim 123' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ personId: amina.id, login: 'amina.b', kind: 'participant', roles: [{ role: 'participant', placeId: org.placeId }] });
    const cookie = accepted.cookies.find((c) => c.name === 'schakel_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect((await me(`schakel_session=${cookie?.value}`)).json().personId).toBe(amina.id);
    // From now on she signs in with her user name.
    expect((await signIn('amina.b', 'mijn geheim 123')).json().personId).toBe(amina.id);

    // The invitation is spent, by code and by link alike.
    const twice = await accept({ code: typed, login: 'amina.c', password: 'mijn geheim 123' });
    expect([twice.statusCode, twice.json().code]).toEqual([400, 'invitation_invalid']);
    expect((await accept({ token, login: 'amina.c', password: 'mijn geheim 123' })).json().code).toBe('invitation_invalid');
    expect((await lookUp(`code=${typed}`)).json().code).toBe('invitation_invalid');
    // And she cannot be invited again: she has an account.
    const reinvite = await invite(companion.headers, amina.id);
    expect([reinvite.statusCode, reinvite.json().code]).toEqual([409, 'account_exists']);
  });

  it('accepts through the link too, and suggests the e-mail address as user name when there is one', async () => {
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const jonas = await newParticipant(ctx.db, org, { givenName: 'Jonas', email: 'jonas@test.example' });
    const inv = (await invite(companion.headers, jonas.id)).json();
    const token = new URL(inv.url).searchParams.get('token') as string;
    expect((await lookUp(`token=${token}`)).json().suggestedLogin).toBe('jonas@test.example');
    const accepted = await accept({ token, login: 'jonas@test.example', password: 'mijn geheim 123' });
    expect([accepted.statusCode, accepted.json().login]).toEqual([200, 'jonas@test.example']);
  });

  it('pauses an address that types many wrong codes, and says how long to wait', async () => {
    const address = freshAddress();
    const wrong = () => ctx.app.inject({ url: '/api/v1/auth/invitations?code=AAAA-AAAA', remoteAddress: address });
    for (let i = 0; i < 2 * MAX_FAILURES; i++) expect((await wrong()).json().code).toBe('invitation_invalid');
    const blocked = await wrong();
    expect([blocked.statusCode, blocked.json().code]).toEqual([429, 'invitation_throttled']);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    const acceptBlocked = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/accept', remoteAddress: address, payload: { code: 'BBBB-BBBB', login: 'someone', password: 'long enough pw' } });
    expect(acceptBlocked.statusCode).toBe(429);
  });

  it('a second invitation replaces the first', async () => {
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const p = await newParticipant(ctx.db, org, { givenName: 'Samira' });
    const first = (await invite(companion.headers, p.id)).json();
    const second = (await invite(companion.headers, p.id)).json();
    expect(second.code).not.toBe(first.code);
    expect((await lookUp(`code=${first.code}`)).json().code).toBe('invitation_invalid');
    const firstToken = new URL(first.url).searchParams.get('token') as string;
    expect((await accept({ token: firstToken, login: 'samira', password: 'mijn geheim 123' })).json().code).toBe('invitation_invalid');
    expect((await accept({ code: second.code, login: 'samira', password: 'mijn geheim 123' })).statusCode).toBe(200);
  });

  it('refuses a user name that is taken in the organisation, and the invitation stays usable', async () => {
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const p = await newParticipant(ctx.db, org, { givenName: 'Omar' });
    const { code } = (await invite(companion.headers, p.id)).json();
    const taken = await accept({ code, login: companion.login.toUpperCase(), password: 'mijn geheim 123' });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'login_taken']);
    expect(taken.cookies).toHaveLength(0);
    expect((await accept({ code, login: 'omar', password: 'mijn geheim 123' })).statusCode).toBe(200);
  });

  it('refuses bad user names and short passwords with validation_failed', async () => {
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const p = await newParticipant(ctx.db, org);
    const { code } = (await invite(companion.headers, p.id)).json();
    const spaces = await accept({ code, login: 'my name', password: 'mijn geheim 123' });
    expect(spaces.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.login' }] });
    const short = await accept({ code, login: 'valid.name', password: 'kort' });
    expect(short.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.password' }] });
    const nothing = await lookUp('');
    expect(nothing.statusCode).toBe(400);
    expect(nothing.headers['content-type']).toContain('application/problem+json');
  });

  it('lets an invitation be accepted only once, even by two requests at the same moment', async () => {
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const p = await newParticipant(ctx.db, org);
    const { code } = (await invite(companion.headers, p.id)).json();
    const results = await Promise.all([
      accept({ code, login: 'racer.one', password: 'mijn geheim 123' }),
      accept({ code, login: 'racer.two', password: 'mijn geheim 123' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const winner = results[0].statusCode === 200 ? 'racer.one' : 'racer.two';
    const loser = winner === 'racer.one' ? 'racer.two' : 'racer.one';
    expect((await signIn(winner, 'mijn geheim 123')).statusCode).toBe(200);
    expect((await signIn(loser, 'mijn geheim 123', freshAddress())).statusCode).toBe(401);
  });

  it('invites participants only: staff get 400 not_a_participant', async () => {
    const admin = await signedIn(ctx, org, 'admin');
    const staff = await newAccount(ctx.db, org, 'companion');
    const res = await invite(admin.headers, staff.personId);
    expect([res.statusCode, res.json().code]).toEqual([400, 'not_a_participant']);
  });

  it('hides people the inviter may not reach: another place, another organisation, no such person', async () => {
    const elsewhere = await signedIn(ctx, org, 'matchmaker', { placeId: org.otherPlaceId });
    const p = await newParticipant(ctx.db, org, { placeId: org.placeId });
    const res = await invite(elsewhere.headers, p.id);
    expect([res.statusCode, res.json().code]).toEqual([404, 'not_found']);

    const admin = await signedIn(ctx, org, 'admin');
    const theirs = await newParticipant(ctx.db, other);
    expect((await invite(admin.headers, theirs.id)).statusCode).toBe(404);
    expect((await invite(admin.headers, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).statusCode).toBe(404);
    expect((await invite(admin.headers, 'not-a-uuid')).statusCode).toBe(400);
  });

  it('does not let participants or signed-out visitors invite anyone', async () => {
    const participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const p = await newParticipant(ctx.db, org);
    expect((await invite(participant.headers, p.id)).statusCode).toBe(403);
    const anonymous = await ctx.app.inject({ method: 'POST', url: `/api/v1/people/${p.id}/invitation` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('health', () => {
  it('says the process is up and the database answers', async () => {
    const health = await ctx.app.inject({ url: '/api/health' });
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await ctx.app.inject({ url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });
});
