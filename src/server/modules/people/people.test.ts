import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrganisation } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  other = await newOrganisation(ctx.db, 'OCMW Elders');
});
afterAll(() => ctx.close());

describe('people', () => {
  it('a matchmaker adds a participant and finds them by part of the name', async () => {
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: mm.headers,
      payload: { givenName: 'Fatima', familyName: 'El Amrani', email: 'Fatima@Example.org', placeId: org.placeId, languages: ['ar', 'nl'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ givenName: 'Fatima', email: 'fatima@example.org', placeName: 'Plek Noord', can: { edit: true, invite: true } });

    const names = async (q: string) =>
      (await ctx.app.inject({ url: `/api/v1/people?q=${encodeURIComponent(q)}`, headers: mm.headers })).json().items.map((p: { givenName: string }) => p.givenName);
    expect(await names('amra')).toContain('Fatima');
    // Short words match the start of a word, as one types: "el am" is El Amrani.
    expect(await names('el am')).toEqual(['Fatima']);
    expect(await names('FATIMA@exam')).toEqual(['Fatima']);
    expect(await names('ma')).not.toContain('Fatima');
    expect(await names('50%_')).toEqual([]);
  });

  it('finds names in any script', async () => {
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    await newParticipant(ctx.db, org, { givenName: 'مريم', familyName: 'الحسني' });
    const res = await ctx.app.inject({ url: `/api/v1/people?q=${encodeURIComponent('مريم')}`, headers: mm.headers });
    expect(res.json().items).toHaveLength(1);
  });

  it('edits a profile, records the change in the audit log, and rejects a bad date', async () => {
    const admin = await signedIn(ctx, org, 'admin');
    const p = await newParticipant(ctx.db, org, { givenName: 'Jonas' });
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/people/${p.id}`, headers: admin.headers, payload: { city: 'Lier', birthDate: '1990-02-03' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ city: 'Lier', birthDate: '1990-02-03' });
    const audit = await ctx.app.inject({ url: `/api/v1/audit?entityId=${p.id}`, headers: admin.headers });
    expect(audit.json().items[0]).toMatchObject({ action: 'update', entityType: 'person', changes: { city: [null, 'Lier'] } });

    const bad = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/people/${p.id}`, headers: admin.headers, payload: { birthDate: '2990-01-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.birthDate' }] });
    const after = await ctx.app.inject({ url: `/api/v1/people/${p.id}`, headers: admin.headers });
    expect(after.json().birthDate).toBe('1990-02-03');
  });

  it('answers a duplicate e-mail with 409', async () => {
    const admin = await signedIn(ctx, org, 'admin');
    const payload = { givenName: 'Lotte', familyName: 'Peeters', email: 'lotte@example.org' };
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/people', headers: admin.headers, payload })).statusCode).toBe(201);
    const dup = await ctx.app.inject({ method: 'POST', url: '/api/v1/people', headers: admin.headers, payload: { ...payload, email: 'LOTTE@example.org' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('email_taken');
  });

  it('rejects malformed JSON, wrong types, unknown enum values and bodies over 1 MB', async () => {
    const admin = await signedIn(ctx, org, 'admin');
    const post = (payload: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/people', headers: { ...admin.headers, 'content-type': 'application/json' }, payload });
    const malformed = await post('{"givenName": ');
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'malformed_json']);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const wrongType = await post(JSON.stringify({ givenName: 42, familyName: 'X' }));
    expect([wrongType.statusCode, wrongType.json().code]).toEqual([400, 'validation_failed']);
    const badEnum = await post(JSON.stringify({ givenName: 'A', familyName: 'B', kind: 'alien' }));
    expect(badEnum.json().errors[0].field).toBe('body.kind');
    const big = await post(JSON.stringify({ givenName: 'A', familyName: 'B', about: 'x'.repeat(1_100_000) }));
    expect([big.statusCode, big.json().code]).toEqual([413, 'body_too_large']);
    const badId = await ctx.app.inject({ url: '/api/v1/people/not-a-uuid', headers: admin.headers });
    expect(badId.statusCode).toBe(400);
  });

  it('asks to sign in first: 401 without a session', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/people' });
    expect([res.statusCode, res.json().code]).toEqual([401, 'unauthenticated']);
  });

  it('never shows another organisation\'s record: 404 through the API', async () => {
    const theirs = await newParticipant(ctx.db, other, { givenName: 'Geheim' });
    const admin = await signedIn(ctx, org, 'admin');
    const res = await ctx.app.inject({ url: `/api/v1/people/${theirs.id}`, headers: admin.headers });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Geheim');
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/people/${theirs.id}`, headers: admin.headers, payload: { givenName: 'Stolen' } });
    expect(patch.statusCode).toBe(404);
    const search = await ctx.app.inject({ url: '/api/v1/people?q=geheim', headers: admin.headers });
    expect(search.json().total).toBe(0);
  });

  it('row-level security hides other organisations even from a query without a filter', async () => {
    await newParticipant(ctx.db, org, { givenName: 'Ours' });
    await newParticipant(ctx.db, other, { givenName: 'Theirs' });
    const seen = await withOrganisation(ctx.db, org.id, (tx) => tx.select({ o: people.organisationId }).from(people));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.o))).toEqual(new Set([org.id]));
    // Writing a row for another organisation is refused by the database itself.
    await expect(
      withOrganisation(ctx.db, org.id, (tx) => tx.insert(people).values({ organisationId: other.id, kind: 'participant', givenName: 'X', familyName: 'Y' })),
    ).rejects.toThrow();
    // Without an organisation set, the restricted role sees nothing at all.
    const none = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local role schakel_app`);
      return tx.select().from(people);
    });
    expect(none).toHaveLength(0);
  });

  it('limits staff to the places where their role holds, and participants to themselves', async () => {
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const elsewhere = await newParticipant(ctx.db, org, { givenName: 'Zuidelijk', placeId: org.otherPlaceId });
    expect((await ctx.app.inject({ url: `/api/v1/people/${elsewhere.id}`, headers: companion.headers })).statusCode).toBe(404);
    const search = await ctx.app.inject({ url: '/api/v1/people?q=zuidelijk', headers: companion.headers });
    expect(search.json().total).toBe(0);

    const participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    expect((await ctx.app.inject({ url: '/api/v1/people', headers: participant.headers })).statusCode).toBe(403);
    const own = await ctx.app.inject({ url: `/api/v1/people/${participant.personId}`, headers: participant.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json().can).toEqual({ edit: true, invite: false });
    expect((await ctx.app.inject({ url: `/api/v1/people/${elsewhere.id}`, headers: participant.headers })).statusCode).toBe(404);
  });
});
