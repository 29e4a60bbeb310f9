import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEuroToCents } from '../../../shared/organisation.ts';
import { createTestApp, login, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  other = await newOrganisation(ctx.db, 'OCMW Sint-Niklaas');
  admin = await signedIn(ctx, org, 'admin');
});
afterAll(() => ctx.close());

const call = (headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload });
const as = (who: { headers: Record<string, string> }) => ({
  get: (url: string) => call(who.headers, 'GET', url),
  post: (url: string, payload?: object) => call(who.headers, 'POST', url, payload ?? {}),
  patch: (url: string, payload: object) => call(who.headers, 'PATCH', url, payload),
  delete: (url: string) => call(who.headers, 'DELETE', url),
});
const lastAudit = async (entityId: string) => (await as(admin).get(`/audit?entityId=${entityId}`)).json().items[0];

describe('organisation', () => {
  it('tells its name', async () => {
    const res = await as(admin).get('/organisation');
    expect(res.json()).toEqual({ id: org.id, name: 'Blenders' });
  });
});

describe('programmes', () => {
  it('an administrator adds a programme with funding lines and places, and sees the totals per funder', async () => {
    const res = await as(admin).post('/programmes', {
      name: 'Activeren via Stuyfplekmethodiek',
      description: 'ESF 490/457 BIS',
      startsOn: '2021-01-01',
      endsOn: '2023-12-31',
      placeIds: [org.placeId, org.otherPlaceId, org.placeId],
      fundingLines: [
        { funder: 'ESF', reference: '490/457 BIS', amountCents: 63_281_350 },
        { funder: 'VCF', reference: '490/457 BIS', amountCents: 63_281_350 },
        { funder: 'ESF', reference: 'aanvulling', amountCents: 50 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.places.map((x: { name: string }) => x.name)).toEqual(['Plek Noord', 'Plek Zuid']);
    expect(p.fundingLines).toHaveLength(3);
    expect(p.totals).toEqual({
      byFunder: [
        { funder: 'ESF', amountCents: 63_281_400 },
        { funder: 'VCF', amountCents: 63_281_350 },
      ],
      amountCents: 126_562_750,
    });
    expect(await lastAudit(p.id)).toMatchObject({ action: 'create', entityType: 'programme', actorAccountId: admin.accountId });

    const listed = await as(admin).get('/programmes');
    expect(listed.json().items.map((x: { id: string }) => x.id)).toContain(p.id);
  });

  it('replaces funding lines and places in one change, audited with before and after', async () => {
    const created = (await as(admin).post('/programmes', { name: 'SamenWerkt', startsOn: '2022-01-01', fundingLines: [{ funder: 'ESF', amountCents: 1000 }] })).json();
    const res = await as(admin).patch(`/programmes/${created.id}`, {
      endsOn: '2024-06-30',
      placeIds: [org.otherPlaceId],
      fundingLines: [{ funder: 'local-government', reference: 'Heusden-Zolder', amountCents: 2500_00 }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ endsOn: '2024-06-30', places: [{ id: org.otherPlaceId }], totals: { amountCents: 2500_00 } });
    const audit = await lastAudit(created.id);
    expect(audit).toMatchObject({ action: 'update', changes: { endsOn: [null, '2024-06-30'], placeIds: [[], [org.otherPlaceId]] } });
    expect(audit.changes.fundingLines[0]).toEqual([{ funder: 'ESF', reference: null, amountCents: 1000 }]);
  });

  it('refuses a period that ends before it starts, money as a float, and an unknown funder', async () => {
    const base = { name: 'Sleutel naar werk', startsOn: '2024-01-01' };
    const backwards = await as(admin).post('/programmes', { ...base, endsOn: '2023-12-31' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.endsOn' }] });
    const float = await as(admin).post('/programmes', { ...base, fundingLines: [{ funder: 'ESF', amountCents: 12.5 }] });
    expect(float.json().errors[0].field).toBe('body.fundingLines.0.amountCents');
    const negative = await as(admin).post('/programmes', { ...base, fundingLines: [{ funder: 'ESF', amountCents: -1 }] });
    expect(negative.statusCode).toBe(400);
    const funder = await as(admin).post('/programmes', { ...base, fundingLines: [{ funder: 'Santa', amountCents: 1 }] });
    expect(funder.json().errors[0].field).toBe('body.fundingLines.0.funder');

    // A change of only the end date is checked against the start date already stored.
    const created = (await as(admin).post('/programmes', base)).json();
    const patch = await as(admin).patch(`/programmes/${created.id}`, { endsOn: '2020-01-01' });
    expect([patch.statusCode, patch.json().code]).toEqual([400, 'invalid_period']);
  });

  it('answers a name already used (in any case) with 409 name_taken, and an unknown place with 400', async () => {
    await as(admin).post('/programmes', { name: 'Werk in de wijk', startsOn: '2020-01-01' });
    const dup = await as(admin).post('/programmes', { name: 'WERK IN DE WIJK', startsOn: '2021-01-01' });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'name_taken']);
    const theirPlace = await as(admin).post('/programmes', { name: 'Elders', startsOn: '2021-01-01', placeIds: [other.placeId] });
    expect([theirPlace.statusCode, theirPlace.json().code]).toEqual([400, 'unknown_place']);
  });

  it('deletes a programme with its funding lines', async () => {
    const created = (await as(admin).post('/programmes', { name: 'Kortlopend', startsOn: '2025-01-01', fundingLines: [{ funder: 'foundation', amountCents: 100 }] })).json();
    expect((await as(admin).delete(`/programmes/${created.id}`)).statusCode).toBe(204);
    expect((await as(admin).get(`/programmes/${created.id}`)).statusCode).toBe(404);
    expect(await lastAudit(created.id)).toMatchObject({ action: 'delete', changes: { name: 'Kortlopend' } });
  });
});

describe('places', () => {
  it('adds a place with its address and hosts; a matchmaker can read it but not change it', async () => {
    const host = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const res = await as(admin).post('/places', {
      name: 'Stuyfplek Borgerhout',
      street: 'Turnhoutsebaan 139',
      postalCode: '2140',
      city: 'Borgerhout',
      country: 'be',
      phone: '03 123 45 67',
      hostPersonIds: [host.personId],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ country: 'BE', hosts: [{ personId: host.personId, givenName: 'matchmaker' }], peopleCount: 0 });

    expect((await as(host).get(`/places/${res.json().id}`)).statusCode).toBe(200);
    const denied = await as(host).patch(`/places/${res.json().id}`, { city: 'Antwerpen' });
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'forbidden']);
  });

  it('changes hosts and address, audited', async () => {
    const place = (await as(admin).post('/places', { name: 'Wijkpunt Zuid', city: 'Sint-Niklaas' })).json();
    const res = await as(admin).patch(`/places/${place.id}`, { street: 'Grote Markt 1', hostPersonIds: [admin.personId] });
    expect(res.json()).toMatchObject({ street: 'Grote Markt 1', hosts: [{ personId: admin.personId }] });
    expect(await lastAudit(place.id)).toMatchObject({ action: 'update', changes: { street: [null, 'Grote Markt 1'], hostPersonIds: [[], [admin.personId]] } });
    const stranger = await newParticipant(ctx.db, other);
    const bad = await as(admin).patch(`/places/${place.id}`, { hostPersonIds: [stranger.id] });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'unknown_person']);
  });

  it('refuses a duplicate name and bad fields', async () => {
    const dup = await as(admin).post('/places', { name: 'plek noord', city: 'Lier' });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'name_taken']);
    const rename = await as(admin).patch(`/places/${org.otherPlaceId}`, { name: 'Plek Noord' });
    expect([rename.statusCode, rename.json().code]).toEqual([409, 'name_taken']);
    const bad = await as(admin).post('/places', { name: 'X', city: '', country: 'Belgium', phone: 'call me' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.city', 'body.country', 'body.phone']);
  });

  it('will not delete a place people are linked to: 409 place_in_use with how many', async () => {
    const place = (await as(admin).post('/places', { name: 'Plek met mensen', city: 'Lier' })).json();
    await newParticipant(ctx.db, org, { placeId: place.id });
    await newParticipant(ctx.db, org, { placeId: place.id, givenName: 'Youssef' });
    const res = await as(admin).delete(`/places/${place.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'place_in_use', people: 2, staffRoles: 0 });
    // A colleague's role there counts too: deleting would silently take it away.
    const roleOnly = (await as(admin).post('/places', { name: 'Plek met een rol', city: 'Lier' })).json();
    await as(admin).post('/staff', { givenName: 'Els', familyName: 'Smets', email: 'els@blenders.example', roles: [{ role: 'facilitator', placeId: roleOnly.id }] });
    expect((await as(admin).get(`/places/${roleOnly.id}`)).json()).toMatchObject({ peopleCount: 1, staffRoleCount: 1 });
    expect((await as(admin).delete(`/places/${roleOnly.id}`)).json()).toMatchObject({ code: 'place_in_use', people: 1, staffRoles: 1 });
    expect(res.headers['content-type']).toContain('application/problem+json');

    const empty = (await as(admin).post('/places', { name: 'Lege plek', city: 'Lier' })).json();
    expect((await as(admin).delete(`/places/${empty.id}`)).statusCode).toBe(204);
    expect(await lastAudit(empty.id)).toMatchObject({ action: 'delete', entityType: 'place' });
  });
});

describe('partners', () => {
  it('adds a partner, its contact persons, changes and removes them', async () => {
    const res = await as(admin).post('/partners', { name: 'VDAB', kind: 'employment-service', website: 'https://www.vdab.be', email: 'Info@VDAB.be' });
    expect(res.statusCode).toBe(201);
    const partner = res.json();
    expect(partner).toMatchObject({ email: 'info@vdab.be', contacts: [] });

    const contact = await as(admin).post(`/partners/${partner.id}/contacts`, { name: 'Koen De Wit', role: 'trajectbegeleider', phone: '+32 11 00 00 00' });
    expect(contact.statusCode).toBe(201);
    const changed = await as(admin).patch(`/partners/${partner.id}/contacts/${contact.json().id}`, { email: 'koen@vdab.be' });
    expect(changed.json()).toMatchObject({ name: 'Koen De Wit', email: 'koen@vdab.be' });
    expect((await as(admin).get(`/partners/${partner.id}`)).json().contacts).toHaveLength(1);
    expect(await lastAudit(contact.json().id)).toMatchObject({ action: 'update', entityType: 'partner-contact', changes: { email: [null, 'koen@vdab.be'] } });

    expect((await as(admin).delete(`/partners/${partner.id}/contacts/${contact.json().id}`)).statusCode).toBe(204);
    const patched = await as(admin).patch(`/partners/${partner.id}`, { kind: 'training', description: 'Opleidingen' });
    expect(patched.json()).toMatchObject({ kind: 'training', contacts: [] });
    expect((await as(admin).get('/partners?kind=training')).json().items.map((p: { name: string }) => p.name)).toEqual(['VDAB']);
    expect((await as(admin).delete(`/partners/${partner.id}`)).statusCode).toBe(204);
  });

  it('refuses an unknown kind, a website that is not http(s), and a duplicate name', async () => {
    const kind = await as(admin).post('/partners', { name: 'X', kind: 'church' });
    expect(kind.json().errors[0].field).toBe('body.kind');
    const site = await as(admin).post('/partners', { name: 'X', kind: 'ngo', website: 'javascript:alert(1)' });
    expect(site.json().errors[0].field).toBe('body.website');
    await as(admin).post('/partners', { name: 'CAW De Kempen', kind: 'welfare' });
    const dup = await as(admin).post('/partners', { name: 'caw de kempen', kind: 'welfare' });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'name_taken']);
  });
});

describe('staff accounts', () => {
  it('adds a colleague with roles per place, who gets a link to choose a password and then signs in', async () => {
    const res = await as(admin).post('/staff', {
      givenName: 'Heidi',
      familyName: 'Heymans',
      email: 'Heidi@Blenders.example',
      locale: 'en',
      roles: [
        { role: 'matchmaker', placeId: org.placeId },
        { role: 'companion', placeId: org.otherPlaceId },
      ],
    });
    expect(res.statusCode).toBe(201);
    const member = res.json();
    expect(member).toMatchObject({ email: 'heidi@blenders.example', status: 'active', passwordSet: false, passwordLinkSent: true });
    expect(member.roles).toEqual(
      expect.arrayContaining([
        { role: 'matchmaker', placeId: org.placeId, placeName: 'Plek Noord' },
        { role: 'companion', placeId: org.otherPlaceId, placeName: 'Plek Zuid' },
      ]),
    );

    const mail = ctx.mailer.outbox.findLast((m) => m.to === 'heidi@blenders.example');
    expect(mail?.subject).toContain('Blenders');
    const token = mail?.text.match(/reset-password\?token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    const set = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'een goed wachtwoord' } });
    expect(set.statusCode).toBe(204);
    const heidi = await login(ctx.app, 'heidi@blenders.example', 'een goed wachtwoord');
    const me = await ctx.app.inject({ url: '/api/v1/auth/me', headers: heidi });
    expect(me.json().roles).toHaveLength(2);
    expect((await as(admin).get(`/staff/${member.accountId}`)).json().passwordSet).toBe(true);

    const listed = await as(admin).get('/staff?q=heym');
    expect(listed.json()).toMatchObject({ total: 1, items: [{ accountId: member.accountId }] });
    const trail = (await as(admin).get(`/audit?entityId=${member.accountId}`)).json().items.map((e: { action: string }) => e.action);
    expect(trail).toEqual(['login', 'password-reset', 'create']);
  });

  it('answers a taken e-mail with 409, and checks roles', async () => {
    const taken = await as(admin).post('/staff', { givenName: 'A', familyName: 'B', email: admin.login, roles: [{ role: 'companion', placeId: null }] });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'email_taken']);
    const noRoles = await as(admin).post('/staff', { givenName: 'A', familyName: 'B', email: 'a@b.example', roles: [] });
    expect(noRoles.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.roles' }] });
    const participantRole = await as(admin).post('/staff', { givenName: 'A', familyName: 'B', email: 'a@b.example', roles: [{ role: 'participant', placeId: null }] });
    expect(participantRole.statusCode).toBe(400);
    const twice = await as(admin).post('/staff', {
      givenName: 'A',
      familyName: 'B',
      email: 'a@b.example',
      roles: [
        { role: 'companion', placeId: null },
        { role: 'companion', placeId: null },
      ],
    });
    expect(twice.statusCode).toBe(400);
    const elsewhere = await as(admin).post('/staff', { givenName: 'A', familyName: 'B', email: 'a@b.example', roles: [{ role: 'companion', placeId: other.placeId }] });
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([400, 'unknown_place']);
  });

  it('changes roles, and disabling ends the sessions at once; enabling lets them sign in again', async () => {
    const colleague = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const roles = await as(admin).patch(`/staff/${colleague.accountId}`, { roles: [{ role: 'coordinator', placeId: null }] });
    expect(roles.json().roles).toEqual([{ role: 'coordinator', placeId: null, placeName: null }]);
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: colleague.headers })).json().roles).toEqual([{ role: 'coordinator', placeId: null }]);

    const disabled = await as(admin).patch(`/staff/${colleague.accountId}`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: colleague.headers })).statusCode).toBe(401);
    await expect(login(ctx.app, colleague.login)).rejects.toThrow();
    expect(await lastAudit(colleague.accountId)).toMatchObject({ action: 'disable', changes: { status: ['active', 'disabled'] } });

    await as(admin).patch(`/staff/${colleague.accountId}`, { status: 'active' });
    await expect(login(ctx.app, colleague.login)).resolves.toBeTruthy();
  });

  it('an administrator may not disable themselves or take away their own admin role', async () => {
    const self = await as(admin).patch(`/staff/${admin.accountId}`, { status: 'disabled' });
    expect([self.statusCode, self.json().code]).toEqual([400, 'cannot_disable_self']);
    const demote = await as(admin).patch(`/staff/${admin.accountId}`, { roles: [{ role: 'coordinator', placeId: null }] });
    expect([demote.statusCode, demote.json().code]).toEqual([400, 'cannot_remove_own_admin']);
    // Adding a role next to admin is fine.
    const more = await as(admin).patch(`/staff/${admin.accountId}`, { roles: [{ role: 'admin', placeId: null }, { role: 'matchmaker', placeId: org.placeId }] });
    expect(more.statusCode).toBe(200);
  });

  it('mails the link again on request', async () => {
    const created = (await as(admin).post('/staff', { givenName: 'Joyce', familyName: 'Wouters', email: 'joyce@blenders.example', roles: [{ role: 'companion', placeId: org.placeId }] })).json();
    const before = ctx.mailer.outbox.filter((m) => m.to === 'joyce@blenders.example').length;
    expect((await as(admin).post(`/staff/${created.accountId}/password-link`)).statusCode).toBe(202);
    expect(ctx.mailer.outbox.filter((m) => m.to === 'joyce@blenders.example')).toHaveLength(before + 1);
  });
});

describe('access', () => {
  it('someone who is not an administrator gets 403 for every write, and staff lists', async () => {
    const coordinator = await signedIn(ctx, org, 'coordinator');
    expect((await as(coordinator).get('/programmes')).statusCode).toBe(200);
    const writes = [
      await as(coordinator).post('/programmes', { name: 'P', startsOn: '2024-01-01' }),
      await as(coordinator).post('/places', { name: 'P', city: 'Lier' }),
      await as(coordinator).delete(`/places/${org.placeId}`),
      await as(coordinator).post('/partners', { name: 'P', kind: 'ngo' }),
      await as(coordinator).get('/staff'),
      await as(coordinator).post('/staff', { givenName: 'A', familyName: 'B', email: 'x@y.example', roles: [{ role: 'admin', placeId: null }] }),
      await as(coordinator).patch(`/staff/${admin.accountId}`, { status: 'disabled' }),
    ];
    for (const res of writes) expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
    const participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    expect((await as(participant).get('/places')).statusCode).toBe(403);
    expect((await ctx.app.inject({ url: '/api/v1/programmes' })).statusCode).toBe(401);
  });

  it("another organisation's records are not found: 404, never shown or changed", async () => {
    const theirAdmin = await signedIn(ctx, other, 'admin');
    const programme = (await as(theirAdmin).post('/programmes', { name: 'Geheim programma', startsOn: '2024-01-01' })).json();
    const partner = (await as(theirAdmin).post('/partners', { name: 'Geheime partner', kind: 'ngo' })).json();
    const contact = (await as(theirAdmin).post(`/partners/${partner.id}/contacts`, { name: 'Geheim contact' })).json();
    const ours = (await as(admin).post('/partners', { name: 'Onze partner', kind: 'ngo' })).json();

    const attempts = [
      await as(admin).get(`/programmes/${programme.id}`),
      await as(admin).patch(`/programmes/${programme.id}`, { name: 'Stolen' }),
      await as(admin).delete(`/programmes/${programme.id}`),
      await as(admin).get(`/places/${other.placeId}`),
      await as(admin).patch(`/places/${other.placeId}`, { city: 'X' }),
      await as(admin).delete(`/places/${other.placeId}`),
      await as(admin).get(`/partners/${partner.id}`),
      await as(admin).post(`/partners/${partner.id}/contacts`, { name: 'Inbreker' }),
      await as(admin).patch(`/partners/${partner.id}/contacts/${contact.id}`, { name: 'X' }),
      await as(admin).patch(`/partners/${ours.id}/contacts/${contact.id}`, { name: 'X' }),
      await as(admin).delete(`/partners/${partner.id}`),
      await as(admin).get(`/staff/${theirAdmin.accountId}`),
      await as(admin).patch(`/staff/${theirAdmin.accountId}`, { status: 'disabled' }),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Geheim');
    }
    const lists = [await as(admin).get('/programmes'), await as(admin).get('/partners'), await as(admin).get('/staff?limit=200'), await as(admin).get('/places')];
    for (const res of lists) {
      expect(res.body).not.toContain('Geheim');
      expect(res.body).not.toContain(other.placeId);
    }
    expect((await as(theirAdmin).get(`/programmes/${programme.id}`)).json().name).toBe('Geheim programma');
  });

  it('a participant account is not a staff account', async () => {
    const participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    expect((await as(admin).get(`/staff/${participant.accountId}`)).statusCode).toBe(404);
  });
});

describe('parseEuroToCents', () => {
  it('reads amounts as people type them in Dutch, English, French and Arabic', () => {
    expect(parseEuroToCents('632.813,50')).toBe(63_281_350);
    expect(parseEuroToCents('632,813.50')).toBe(63_281_350);
    expect(parseEuroToCents('€ 1 250')).toBe(125_000);
    expect(parseEuroToCents('1.250')).toBe(125_000);
    expect(parseEuroToCents('12,5')).toBe(1250);
    expect(parseEuroToCents('٣٠٠٫٢٥')).toBe(30_025);
    expect(parseEuroToCents('0')).toBe(0);
    for (const bad of ['', 'abc', '-5', '1,2345', '1.000.00', '1,234.567', '12.']) expect(parseEuroToCents(bad)).toBeNull();
  });
});
