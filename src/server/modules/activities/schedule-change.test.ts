import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { publicSignupAttempts, registrations } from '../../db/schema/index.ts';
import { utcToLocal } from './recurrence.ts';

let ctx: TestContext;
let org: TestOrganisation;
type Headers = { cookie: string };
let mm: { headers: Headers; personId: string };

const dateIn = (days: number) => utcToLocal(new Date(Date.now() + days * 86_400_000)).date;
type Occ = { id: string; startsAt: string; status: string };

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
});
afterAll(() => ctx.close());

async function typeId(key = 'open-house') {
  const res = await ctx.app.inject({ url: '/api/v1/activity-types', headers: mm.headers });
  return res.json().items.find((t: { key: string }) => t.key === key).id as string;
}

async function create(body: Record<string, unknown>) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/activities',
    headers: mm.headers,
    payload: { typeId: await typeId((body.typeKey as string) ?? 'open-house'), placeId: org.placeId, title: 'Open Huys', ...body, typeKey: undefined },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; publicSlug: string | null; occurrences: Occ[]; schedule: unknown };
}

const get = async (id: string) => (await ctx.app.inject({ url: `/api/v1/activities/${id}`, headers: mm.headers })).json();
const signUp = (occurrenceId: string, personId: string) =>
  ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occurrenceId}/registrations`, headers: mm.headers, payload: { personId } });
const reschedule = (id: string, schedule: Record<string, unknown>, preview = false, headers = mm.headers) =>
  ctx.app.inject({ method: 'PUT', url: `/api/v1/activities/${id}/schedule`, headers, payload: { schedule, preview } });
const byDate = (occ: Occ[]) => Object.fromEntries(occ.map((o) => [utcToLocal(new Date(o.startsAt)).date, [o.startsAt, o.status]]));

describe('changing the rule of a series', () => {
  it('moves a Tuesday 13:30 series to Wednesday 14:00 across summer time: sign-ups on lost days are cancelled and told in their language', async () => {
    const a = await create({
      title: 'Open Huys Lier',
      schedule: { startDate: '2027-03-09', startTime: '13:30', endTime: '15:30', recurrence: { interval: 1, weekdays: [2], until: '2027-04-27' } },
    });
    expect(a.occurrences).toHaveLength(8);
    const hind = await newParticipant(ctx.db, org, { givenName: 'Hind', email: 'hind@example.org', preferredLanguage: 'ar' });
    const jonas = await newParticipant(ctx.db, org, { givenName: 'Jonas', email: 'jonas@example.org', preferredLanguage: 'en' });
    const occ = byDate(a.occurrences);
    const idOn = (d: string) => a.occurrences.find((o) => utcToLocal(new Date(o.startsAt)).date === d)?.id as string;
    expect(occ['2027-03-23']).toEqual(['2027-03-23T12:30:00.000Z', 'scheduled']);
    const r1 = (await signUp(idOn('2027-03-23'), hind.id)).json();
    const r2 = (await signUp(idOn('2027-03-30'), jonas.id)).json();
    const r3 = (await signUp(idOn('2027-03-16'), jonas.id)).json();

    const rule = { startDate: '2027-03-17', startTime: '14:00', endTime: '16:00', recurrence: { interval: 1, weekdays: [3], until: '2027-04-28' } };
    const before = ctx.mailer.outbox.length;
    const preview = await reschedule(a.id, rule, true);
    expect(preview.json()).toEqual({ applied: false, added: 7, moved: 0, removed: 6, registrationsMoved: 0, registrationsCancelled: 2 });
    // A preview changes nothing and tells nobody.
    expect((await get(a.id)).occurrences).toHaveLength(8);
    expect(ctx.mailer.outbox.length).toBe(before);

    const done = await reschedule(a.id, rule);
    expect(done.json()).toEqual({ applied: true, added: 7, moved: 0, removed: 6, registrationsMoved: 0, registrationsCancelled: 2 });
    const after = await get(a.id);
    expect(after.schedule).toMatchObject({ startDate: '2027-03-17', startTime: '14:00', recurrence: { weekdays: [3] } });
    expect(byDate(after.occurrences)).toEqual({
      // Before the new rule: untouched.
      '2027-03-09': ['2027-03-09T12:30:00.000Z', 'scheduled'],
      '2027-03-16': ['2027-03-16T12:30:00.000Z', 'scheduled'],
      // Lost days with sign-ups stay, cancelled, so the sign-ups are kept; lost days without are gone.
      '2027-03-23': ['2027-03-23T12:30:00.000Z', 'cancelled'],
      '2027-03-30': ['2027-03-30T11:30:00.000Z', 'cancelled'],
      // 14:00 in Brussels: UTC+1 until 28 March, UTC+2 after.
      '2027-03-17': ['2027-03-17T13:00:00.000Z', 'scheduled'],
      '2027-03-24': ['2027-03-24T13:00:00.000Z', 'scheduled'],
      '2027-03-31': ['2027-03-31T12:00:00.000Z', 'scheduled'],
      '2027-04-07': ['2027-04-07T12:00:00.000Z', 'scheduled'],
      '2027-04-14': ['2027-04-14T12:00:00.000Z', 'scheduled'],
      '2027-04-21': ['2027-04-21T12:00:00.000Z', 'scheduled'],
      '2027-04-28': ['2027-04-28T12:00:00.000Z', 'scheduled'],
    });
    const status = async (id: string) =>
      (
        await ctx.db
          .select({ s: registrations.status })
          .from(registrations)
          .where(and(eq(registrations.organisationId, org.id), eq(registrations.id, id)))
      )[0].s;
    expect([await status(r1.id), await status(r2.id), await status(r3.id)]).toEqual(['cancelled', 'cancelled', 'registered']);
    const mails = ctx.mailer.outbox.slice(before);
    expect(mails.map((m) => [m.to, m.subject.split(':')[0]])).toEqual([
      ['hind@example.org', 'لن يُقام'],
      ['jonas@example.org', 'Not taking place'],
    ]);
    expect(mails[1].text).toContain('Tuesday, March 30, 2027');

    // Changing again later does not tell the same people twice about a day already dropped.
    const again = await reschedule(a.id, { ...rule, startDate: '2027-03-18', startTime: '14:30', endTime: '16:30' });
    expect(again.json()).toMatchObject({ moved: 6, removed: 0, registrationsCancelled: 0 });
  });

  it('keeps sign-ups on the same day at the new hours and tells them; a change made by hand stands', async () => {
    const a = await create({
      title: 'Stuyfsessie',
      schedule: { startDate: '2027-03-16', startTime: '13:30', endTime: '15:30', recurrence: { interval: 1, weekdays: [2], count: 4 } },
    });
    const [first, second, third, fourth] = a.occurrences;
    const amina = await newParticipant(ctx.db, org, { givenName: 'Amina', email: 'amina@example.org', preferredLanguage: 'fr' });
    const reg = (await signUp(third.id, amina.id)).json();
    await ctx.app.inject({ method: 'PATCH', url: `/api/v1/occurrences/${fourth.id}`, headers: mm.headers, payload: { startTime: '18:00', endTime: '19:00' } });
    const before = ctx.mailer.outbox.length;
    const res = await reschedule(a.id, { startDate: '2027-03-23', startTime: '10:00', endTime: '12:00', recurrence: { interval: 1, weekdays: [2], count: 3 } });
    expect(res.json()).toMatchObject({ added: 0, moved: 2, removed: 0, registrationsMoved: 1, registrationsCancelled: 0 });
    const after = await get(a.id);
    expect(after.occurrences.map((o: Occ) => [o.id, o.startsAt])).toEqual([
      [first.id, '2027-03-16T12:30:00.000Z'],
      [second.id, '2027-03-23T09:00:00.000Z'],
      // Same row (and sign-up) on the same day, 10:00 summer time.
      [third.id, '2027-03-30T08:00:00.000Z'],
      [fourth.id, '2027-04-06T16:00:00.000Z'],
    ]);
    const detail = (await ctx.app.inject({ url: `/api/v1/occurrences/${third.id}/registrations`, headers: mm.headers })).json();
    expect(detail.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[reg.id, 'registered']]);
    const mails = ctx.mailer.outbox.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'amina@example.org', subject: 'Nouvel horaire : Stuyfsessie' });
    expect(mails[0].text).toContain('10:00');
  });

  it('ends a series earlier; what happened, with its ticks, stays as it was; never starts in the past', async () => {
    const facilitator = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const a = await create({
      title: 'Kookatelier',
      typeKey: 'work-activity',
      facilitatorIds: [facilitator.personId],
      schedule: { startDate: dateIn(-14), startTime: '10:00', endTime: '12:00', recurrence: { interval: 1, weekdays: [], count: 5 } },
    });
    const past = a.occurrences[1];
    const sara = await newParticipant(ctx.db, org, { givenName: 'Sara' });
    const tick = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/occurrences/${past.id}/attendance`,
      headers: facilitator.headers,
      payload: { marks: [{ id: randomUUID(), personId: sara.id, present: true, markedAt: new Date().toISOString() }] },
    });
    expect(tick.statusCode).toBe(200);
    const weekday = ((new Date(`${dateIn(0)}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const rule = { startDate: dateIn(1), startTime: '10:00', endTime: '12:00', recurrence: { interval: 1, weekdays: [weekday], until: dateIn(8) } };
    const changed = await reschedule(a.id, rule, false, facilitator.headers);
    expect(changed.json()).toMatchObject({ applied: true, added: 0, moved: 0, removed: 1 });
    const after = await get(a.id);
    expect(after.occurrences.map((o: Occ) => o.id)).toEqual(a.occurrences.slice(0, 4).map((o) => o.id));
    expect(after.occurrences[1].startsAt).toBe(past.startsAt);
    const rows = (await ctx.app.inject({ url: `/api/v1/occurrences/${past.id}/attendance`, headers: facilitator.headers })).json().items;
    expect(rows.map((r: { givenName: string; status: string }) => [r.givenName, r.status])).toEqual([['Sara', 'attended']]);

    // Stop it altogether from tomorrow: the end before the start means nothing from then on.
    const stop = await reschedule(a.id, { ...rule, recurrence: { ...rule.recurrence, until: dateIn(0) } });
    expect(stop.json()).toMatchObject({ removed: 1, added: 0 });
    expect((await get(a.id)).occurrences).toHaveLength(3);

    const inPast = await reschedule(a.id, { ...rule, startDate: dateIn(-2) });
    expect([inPast.statusCode, inPast.json().code]).toEqual([400, 'change_in_past']);
    const noEnd = await reschedule(a.id, { ...rule, recurrence: { interval: 1, weekdays: [3] } });
    expect([noEnd.statusCode, noEnd.json().code]).toEqual([400, 'recurrence_without_end']);
    const reversed = await reschedule(a.id, { ...rule, startTime: '12:00', endTime: '10:00' });
    expect([reversed.statusCode, reversed.json().code]).toEqual([400, 'end_before_start']);
  });

  it('is for organisers only; another organisation sees nothing', async () => {
    const a = await create({ schedule: { startDate: dateIn(10), startTime: '09:00', endTime: '10:00' } });
    const participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const rule = { startDate: dateIn(11), startTime: '09:00', endTime: '10:00' };
    expect((await reschedule(a.id, rule, false, participant.headers)).statusCode).toBe(403);
    const other = await newOrganisation(ctx.db, 'Elders');
    const theirs = await signedIn(ctx, other, 'admin');
    expect((await reschedule(a.id, rule, false, theirs.headers)).statusCode).toBe(404);
    expect((await get(a.id)).occurrences[0].startsAt).toBe(a.occurrences[0].startsAt);
  });
});

describe('correcting an activity', () => {
  it("changes title, places, facilitators and the place that organises it; the new place's calendar shows it", async () => {
    const a = await create({ title: 'Taalcafe', schedule: { startDate: dateIn(12), startTime: '09:00', endTime: '10:00' } });
    const helper = await newParticipant(ctx.db, org, { givenName: 'Omar' });
    const patch = (payload: Record<string, unknown>, headers = mm.headers) =>
      ctx.app.inject({ method: 'PATCH', url: `/api/v1/activities/${a.id}`, headers, payload });
    const fixed = await patch({ title: 'Taalcafé', capacity: 8, facilitatorIds: [helper.id], description: 'Samen Nederlands praten.' });
    expect(fixed.json()).toMatchObject({ title: 'Taalcafé', capacity: 8, facilitators: [{ id: helper.id }], description: 'Samen Nederlands praten.' });
    // A matchmaker of one place cannot hand it to another place; an admin can.
    expect((await patch({ placeId: org.otherPlaceId })).statusCode).toBe(403);
    const admin = await signedIn(ctx, org, 'admin');
    expect((await patch({ placeId: org.otherPlaceId }, admin.headers)).json()).toMatchObject({ placeId: org.otherPlaceId, placeName: 'Plek Zuid' });
    const cal = await ctx.app.inject({
      url: `/api/v1/activities/calendar?placeId=${org.otherPlaceId}&from=${dateIn(11)}&to=${dateIn(14)}`,
      headers: admin.headers,
    });
    expect(cal.json().items.map((o: { activityId: string }) => o.activityId)).toContain(a.id);
  });
});

describe('programme', () => {
  it('refuses parts outside the hours of the activity, and an end before the start, at the field', async () => {
    const base = { typeKey: 'network-event', isPublic: true, schedule: { startDate: dateIn(20), startTime: '13:30', endTime: '17:00' } };
    const outside = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: mm.headers,
      payload: {
        typeId: await typeId('network-event'),
        placeId: org.placeId,
        title: 'Netwerkmoment',
        schedule: base.schedule,
        programme: [
          { start: '13:30', end: '14:00', title: 'Onthaal' },
          { start: '12:00', title: 'Te vroeg' },
          { start: '16:30', end: '17:30', title: 'Te laat' },
        ],
      },
    });
    expect([outside.statusCode, outside.json().code]).toEqual([400, 'programme_outside_activity']);
    expect(outside.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.programme.1.start', 'body.programme.2.end']);
    const reversed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: mm.headers,
      payload: {
        typeId: await typeId('network-event'),
        placeId: org.placeId,
        title: 'Netwerkmoment',
        schedule: base.schedule,
        programme: [{ start: '15:00', end: '14:00', title: 'Omgekeerd' }],
      },
    });
    expect([reversed.statusCode, reversed.json().code]).toEqual([400, 'validation_failed']);
    expect(reversed.json().errors[0].field).toBe('body.programme.0.end');

    const a = await create({ ...base, title: 'Netwerkmoment', programme: [{ start: '13:30', title: 'Onthaal' }] });
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${a.id}`,
      headers: mm.headers,
      payload: {
        programme: [
          { start: '13:30', end: '14:00', title: 'Onthaal', speakers: ['Veerle'] },
          { start: '14:00', end: '16:00', title: 'Netwerktafels', details: 'Aan de hand van casussen' },
        ],
      },
    });
    expect(patched.json().programme.map((p: { title: string }) => p.title)).toEqual(['Onthaal', 'Netwerktafels']);
    const late = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${a.id}`,
      headers: mm.headers,
      payload: { programme: [{ start: '18:00', title: 'Na afloop' }] },
    });
    expect(late.json().code).toBe('programme_outside_activity');
  });
});

describe('outsiders', () => {
  it('get cancellation mails in the language of the page they signed up from', async () => {
    const a = await create({
      typeKey: 'network-event',
      isPublic: true,
      title: 'Netwerkmoment SamenWerkt',
      schedule: { startDate: dateIn(30), startTime: '13:30', endTime: '17:00' },
    });
    const register = (payload: Record<string, unknown>, ip: string) =>
      ctx.app.inject({ method: 'POST', url: `/api/v1/public/events/${a.publicSlug}/registrations`, payload, remoteAddress: ip });
    expect((await register({ name: 'Claire', email: 'claire@example.be', locale: 'fr' }, '198.51.100.1')).statusCode).toBe(201);
    expect((await register({ name: 'Youssef', email: 'youssef@example.be', locale: 'ar' }, '198.51.100.2')).statusCode).toBe(201);
    expect((await register({ name: 'An', email: 'an@example.be' }, '198.51.100.3')).statusCode).toBe(201);
    // The reminder the day before is in their language too.
    const reminded = ctx.mailer.outbox.length;
    await ctx.app.services.activities.sendReminders(new Date(Date.parse(`${dateIn(29)}T08:00:00Z`)));
    expect(
      ctx.mailer.outbox
        .slice(reminded)
        .map((m) => [m.to, m.subject])
        .sort(),
    ).toEqual([
      ['an@example.be', 'Morgen: Netwerkmoment SamenWerkt'],
      ['claire@example.be', 'Demain : Netwerkmoment SamenWerkt'],
      ['youssef@example.be', expect.stringContaining('Netwerkmoment SamenWerkt')],
    ]);
    const before = ctx.mailer.outbox.length;
    await ctx.app.inject({ method: 'PATCH', url: `/api/v1/occurrences/${a.occurrences[0].id}`, headers: mm.headers, payload: { status: 'cancelled' } });
    expect(ctx.mailer.outbox.slice(before).map((m) => [m.to, m.subject])).toEqual([
      ['claire@example.be', 'Annulé : Netwerkmoment SamenWerkt'],
      ['youssef@example.be', 'أُلغي: Netwerkmoment SamenWerkt'],
      ['an@example.be', 'Afgelast: Netwerkmoment SamenWerkt'],
    ]);

    // Cancelling a whole activity tells everyone signed up for what is still to come.
    const b = await create({
      typeKey: 'network-event',
      isPublic: true,
      title: 'Lerend netwerk',
      schedule: { startDate: dateIn(31), startTime: '10:00', endTime: '12:00' },
    });
    await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/public/events/${b.publicSlug}/registrations`,
      payload: { name: 'Claire', email: 'claire@example.be', locale: 'fr' },
      remoteAddress: '198.51.100.4',
    });
    const mark = ctx.mailer.outbox.length;
    await ctx.app.inject({ method: 'PATCH', url: `/api/v1/activities/${b.id}`, headers: mm.headers, payload: { status: 'cancelled' } });
    expect(ctx.mailer.outbox.slice(mark).map((m) => m.subject)).toEqual(['Annulé : Lerend netwerk']);
    expect(ctx.mailer.outbox.at(-1)?.text).toContain('n’aura pas lieu');
  });

  it('are limited to five sign-ups per address in ten minutes across processes, counted in the database', async () => {
    const a = await create({
      typeKey: 'network-event',
      isPublic: true,
      title: 'Open netwerk',
      schedule: { startDate: dateIn(40), startTime: '13:30', endTime: '17:00' },
    });
    // A second process on the same database: its own memory, the same count.
    const second = await buildApp({
      config: loadConfig({ SCHAKEL_DEMO: 'false', PUBLIC_URL: 'http://schakel.test' }),
      database: ctx.database,
      mailer: ctx.mailer,
    });
    try {
      const ip = '192.0.2.77';
      const post = (app: typeof ctx.app, i: number) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/public/events/${a.publicSlug}/registrations`,
          payload: { name: `Gast ${i}`, email: `gast${i}@example.org` },
          remoteAddress: ip,
        });
      for (let i = 0; i < 5; i++) expect((await post(i % 2 ? second : ctx.app, i)).statusCode).toBe(201);
      const refused = await post(second, 5);
      expect([refused.statusCode, refused.json().code]).toEqual([429, 'too_many_requests']);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await post(ctx.app, 6)).statusCode).toBe(429);
      // Another address is not held back.
      expect(
        (
          await ctx.app.inject({
            method: 'POST',
            url: `/api/v1/public/events/${a.publicSlug}/registrations`,
            payload: { name: 'Ander', email: 'ander@example.org' },
            remoteAddress: '192.0.2.78',
          })
        ).statusCode,
      ).toBe(201);
    } finally {
      await second.close();
    }
    // The address itself is not stored.
    const rows = await ctx.db.select().from(publicSignupAttempts).where(eq(publicSignupAttempts.organisationId, org.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('192.0.2.77');
  });

  it('counts the previous window too, and removes old windows', async () => {
    const a = await create({
      typeKey: 'network-event',
      isPublic: true,
      title: 'Vensters',
      schedule: { startDate: dateIn(41), startTime: '13:30', endTime: '17:00' },
    });
    const s = ctx.app.services.activities;
    const ip = '203.0.113.50';
    const t0 = Date.parse('2030-01-01T10:09:00Z');
    const at = (i: number, ms: number) => s.publicRegister(a.publicSlug as string, { name: `W${i}`, email: `w${i}@example.org` }, ip, new Date(ms));
    for (let i = 0; i < 5; i++) await at(i, t0 + i * 1000);
    // Just after the window turns, the five of a minute ago still count.
    await expect(at(5, t0 + 90_000)).rejects.toMatchObject({ code: 'too_many_requests' });
    // Ten minutes later they no longer do.
    await expect(at(6, t0 + 11 * 60_000)).resolves.toMatchObject({ status: 'registered' });
    // An hour on, a new window clears the old ones.
    await at(7, t0 + 60 * 60_000);
    const left = await ctx.db.select().from(publicSignupAttempts).where(eq(publicSignupAttempts.organisationId, org.id));
    expect(left.every((r) => r.windowStart.getTime() >= t0 + 40 * 60_000)).toBe(true);
  });
});
