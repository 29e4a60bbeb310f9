import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { withOrganisation } from '../../db/client.ts';
import { occurrences, registrations } from '../../db/schema/index.ts';
import { utcToLocal } from './recurrence.ts';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;
type Headers = { cookie: string };
let admin: { headers: Headers; personId: string };
let mm: { headers: Headers; personId: string };

/** The Brussels date `days` from now. */
const dateIn = (days: number) => utcToLocal(new Date(Date.now() + days * 86_400_000)).date;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  other = await newOrganisation(ctx.db, 'OCMW Elders');
  admin = await signedIn(ctx, org, 'admin');
  mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
});
afterAll(() => ctx.close());

async function typeId(headers: Headers, key = 'open-house') {
  const res = await ctx.app.inject({ url: '/api/v1/activity-types', headers });
  return res.json().items.find((t: { key: string }) => t.key === key).id as string;
}

async function createActivity(headers: Headers, body: Record<string, unknown> = {}, placeId = org.placeId) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/activities',
    headers,
    payload: {
      typeId: await typeId(headers, (body.typeKey as string) ?? 'open-house'),
      placeId,
      title: 'Open Huys',
      description: 'Kom binnen, drink een koffie en vertel wat je graag doet.',
      schedule: { startDate: dateIn(7), startTime: '13:30', endTime: '15:30' },
      ...body,
      typeKey: undefined,
    },
  });
  return res;
}

describe('activity types', () => {
  it('every organisation starts with the seven default types and can add its own', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/activity-types', headers: admin.headers });
    expect(res.json().items.map((t: { key: string }) => t.key)).toEqual([
      'open-house',
      'connector-table',
      'session',
      'workshop',
      'group-session',
      'network-event',
      'work-activity',
    ]);
    const added = await ctx.app.inject({ method: 'POST', url: '/api/v1/activity-types', headers: admin.headers, payload: { name: 'Taalcafé' } });
    expect(added.statusCode).toBe(201);
    const dup = await ctx.app.inject({ method: 'POST', url: '/api/v1/activity-types', headers: admin.headers, payload: { name: 'taalcafé' } });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'type_exists']);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/activity-types', headers: mm.headers, payload: { name: 'X' } })).statusCode).toBe(403);
  });
});

describe('activities', () => {
  it('creates a weekly open house whose occurrences keep 13:30 Brussels time across summer time', async () => {
    const res = await createActivity(mm.headers, {
      capacity: 12,
      facilitatorIds: [mm.personId],
      schedule: {
        startDate: '2027-03-16',
        startTime: '13:30',
        endTime: '15:30',
        recurrence: { interval: 1, weekdays: [2], until: '2027-04-06', exceptions: ['2027-03-30'] },
      },
    });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ title: 'Open Huys', capacity: 12, type: { key: 'open-house' }, placeName: 'Plek Noord', can: { manage: true } });
    expect(a.facilitators.map((f: { id: string }) => f.id)).toEqual([mm.personId]);
    expect(a.occurrences.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      '2027-03-16T12:30:00.000Z',
      '2027-03-23T12:30:00.000Z',
      '2027-04-06T11:30:00.000Z',
    ]);
  });

  it('refuses capacity zero, end before start, a repeat without end, unknown types and places: 400 with a code', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ capacity: 0 }, 'capacity_invalid'],
      [{ schedule: { startDate: dateIn(3), startTime: '15:30', endTime: '13:30' } }, 'end_before_start'],
      [{ schedule: { startDate: dateIn(3), startTime: '13:30', endTime: '15:30', recurrence: { weekdays: [2] } } }, 'recurrence_without_end'],
      [{ schedule: { startDate: dateIn(3), startTime: '13:30', endTime: '15:30', recurrence: { weekdays: [2], count: 5000 } } }, 'recurrence_too_long'],
      [{ schedule: { startDate: dateIn(3), startTime: '25:30', endTime: '26:00' } }, 'validation_failed'],
    ];
    for (const [body, code] of cases) {
      const res = await createActivity(mm.headers, body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([400, code]);
    }
    const badType = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: admin.headers,
      payload: { typeId: randomUUID(), placeId: org.placeId, title: 'X', schedule: { startDate: dateIn(3), startTime: '10:00', endTime: '11:00' } },
    });
    expect(badType.json().code).toBe('unknown_type');
    // A matchmaker of one place does not organise at another.
    expect((await createActivity(mm.headers, {}, org.otherPlaceId)).statusCode).toBe(403);
  });

  it('changes one occurrence (another time, cancelled) without touching the others', async () => {
    const a = (
      await createActivity(mm.headers, { schedule: { startDate: '2027-05-04', startTime: '13:30', endTime: '15:30', recurrence: { weekdays: [2], count: 3 } } })
    ).json();
    const [, second, third] = a.occurrences;
    const moved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/occurrences/${second.id}`,
      headers: mm.headers,
      payload: { startTime: '14:00', endTime: '16:00' },
    });
    expect(moved.json()).toMatchObject({ startsAt: '2027-05-11T12:00:00.000Z', endsAt: '2027-05-11T14:00:00.000Z', changed: true });
    const bad = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/occurrences/${third.id}`, headers: mm.headers, payload: { endTime: '12:00' } });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'end_before_start']);
    await ctx.app.inject({ method: 'PATCH', url: `/api/v1/occurrences/${third.id}`, headers: mm.headers, payload: { status: 'cancelled' } });
    const after = (await ctx.app.inject({ url: `/api/v1/activities/${a.id}`, headers: mm.headers })).json();
    expect(after.occurrences.map((o: { status: string; changed: boolean }) => [o.status, o.changed])).toEqual([
      ['scheduled', false],
      ['scheduled', true],
      ['cancelled', true],
    ]);
  });
});

describe('registrations', () => {
  it('signs up, refuses a second sign-up with 409 already_registered, and fills a waiting list that moves up with a mail', async () => {
    const a = (await createActivity(mm.headers, { capacity: 1, title: 'Stuyfsessie spreekdurf' })).json();
    const occId = a.occurrences[0].id;
    const fatima = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const jonas = await newParticipant(ctx.db, org, { givenName: 'Jonas', email: 'jonas@example.org', preferredLanguage: 'en' });

    const first = await ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occId}/registrations`, headers: fatima.headers, payload: {} });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'registered', source: 'self', personId: fatima.personId });
    const twice = await ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occId}/registrations`, headers: fatima.headers, payload: {} });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'already_registered']);

    // Staff sign Jonas up; it is full, so he waits.
    const byStaff = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/occurrences/${occId}/registrations`,
      headers: mm.headers,
      payload: { personId: jonas.id },
    });
    expect(byStaff.json()).toMatchObject({ status: 'waitlisted', source: 'staff' });
    // A participant cannot sign someone else up.
    const forOther = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/occurrences/${occId}/registrations`,
      headers: fatima.headers,
      payload: { personId: jonas.id },
    });
    expect(forOther.statusCode).toBe(403);

    const before = ctx.mailer.outbox.length;
    const cancelled = await ctx.app.inject({ method: 'POST', url: `/api/v1/registrations/${first.json().id}/cancel`, headers: fatima.headers });
    expect(cancelled.json().status).toBe('cancelled');
    const list = (await ctx.app.inject({ url: `/api/v1/occurrences/${occId}/registrations`, headers: mm.headers })).json().items;
    // In the order they signed up.
    expect(list.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ['participant Test', 'cancelled'],
      ['Jonas Benali', 'registered'],
    ]);
    const mail = ctx.mailer.outbox.slice(before);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'jonas@example.org', subject: 'There is a place for you: Stuyfsessie spreekdurf' });

    // Signing up again after cancelling is the same registration, now at the back of the queue.
    const again = await ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occId}/registrations`, headers: fatima.headers, payload: {} });
    expect(again.json()).toMatchObject({ id: first.json().id, status: 'waitlisted' });
    const detail = (await ctx.app.inject({ url: `/api/v1/occurrences/${occId}`, headers: fatima.headers })).json();
    expect(detail).toMatchObject({ registered: 1, waitlisted: 1, myRegistration: { status: 'waitlisted' }, can: { manage: false, register: false } });
    // More places: the waiting list moves up.
    await ctx.app.inject({ method: 'PATCH', url: `/api/v1/activities/${a.id}`, headers: mm.headers, payload: { capacity: 5 } });
    expect((await ctx.app.inject({ url: `/api/v1/occurrences/${occId}`, headers: fatima.headers })).json().myRegistration.status).toBe('registered');
  });

  it('refuses sign-up for a past or cancelled activity', async () => {
    const fatima = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const past = (await createActivity(mm.headers, { schedule: { startDate: dateIn(-3), startTime: '10:00', endTime: '11:00' } })).json();
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/occurrences/${past.occurrences[0].id}/registrations`,
      headers: fatima.headers,
      payload: {},
    });
    expect([res.statusCode, res.json().code]).toEqual([409, 'activity_past']);
    const future = (await createActivity(mm.headers)).json();
    await ctx.app.inject({ method: 'PATCH', url: `/api/v1/activities/${future.id}`, headers: mm.headers, payload: { status: 'cancelled' } });
    const res2 = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/occurrences/${future.occurrences[0].id}/registrations`,
      headers: fatima.headers,
      payload: {},
    });
    expect([res2.statusCode, res2.json().code]).toEqual([409, 'activity_cancelled']);
  });

  it('keeps every registration when many sign up at once for the last places', async () => {
    const a = (await createActivity(mm.headers, { capacity: 3 })).json();
    const occId = a.occurrences[0].id;
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => newParticipant(ctx.db, org, { givenName: `P${i}` })));
    const results = await Promise.all(
      people.map((p) =>
        ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occId}/registrations`, headers: mm.headers, payload: { personId: p.id } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const statuses = results.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(5);
  });
});

describe('attendance and feedback', () => {
  it('keeps ticks from a phone that was offline: replays are not doubled, the latest tick wins, walk-ins are added', async () => {
    const facilitator = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const a = (
      await createActivity(mm.headers, {
        title: 'Kookatelier',
        typeKey: 'work-activity',
        facilitatorIds: [facilitator.personId],
        schedule: { startDate: dateIn(1), startTime: '10:00', endTime: '12:00' },
      })
    ).json();
    const occId = a.occurrences[0].id;
    const sara = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const omar = await newParticipant(ctx.db, org, { givenName: 'Omar' });
    const walkIn = await newParticipant(ctx.db, org, { givenName: 'Walk' });
    await ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occId}/registrations`, headers: sara.headers, payload: {} });
    await ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occId}/registrations`, headers: mm.headers, payload: { personId: omar.id } });
    // It happened yesterday after all (moved by staff): ticking and feedback are open.
    await ctx.app.inject({ method: 'PATCH', url: `/api/v1/occurrences/${occId}`, headers: mm.headers, payload: { date: dateIn(-1) } });

    // The participant who facilitates may tick; another participant may not.
    const expected = await ctx.app.inject({ url: `/api/v1/occurrences/${occId}/attendance`, headers: facilitator.headers });
    expect(expected.json().items.map((r: { personId: string; present: null }) => r.present)).toEqual([null, null]);
    expect((await ctx.app.inject({ url: `/api/v1/occurrences/${occId}/attendance`, headers: sara.headers })).statusCode).toBe(403);

    // A walk-in is found by name among the place's participants, names only, even without access to people.
    await newParticipant(ctx.db, org, { givenName: 'Walter', placeId: org.otherPlaceId });
    const found = await ctx.app.inject({ url: `/api/v1/occurrences/${occId}/walk-ins?q=wal`, headers: facilitator.headers });
    expect(found.json().items).toEqual([{ id: walkIn.id, givenName: 'Walk', familyName: 'Benali' }]);
    expect((await ctx.app.inject({ url: `/api/v1/people?q=wal`, headers: facilitator.headers })).statusCode).toBe(403);
    expect((await ctx.app.inject({ url: `/api/v1/occurrences/${occId}/walk-ins?q=wal`, headers: sara.headers })).statusCode).toBe(403);
    expect((await ctx.app.inject({ url: `/api/v1/occurrences/${occId}/walk-ins?q=w`, headers: facilitator.headers })).json().code).toBe('validation_failed');

    const t0 = Date.now() - 3_600_000;
    const tick = (personId: string, present: boolean, minutes: number) => ({
      id: randomUUID(),
      personId,
      present,
      markedAt: new Date(t0 + minutes * 60_000).toISOString(),
    });
    const batch1 = [tick(sara.personId, true, 0), tick(omar.id, true, 1)];
    const batch2 = [tick(omar.id, false, 5), tick(walkIn.id, true, 6), { ...tick(randomUUID(), true, 7) }];
    const sync = (marks: unknown[]) =>
      ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occId}/attendance`, headers: facilitator.headers, payload: { marks } });
    // The second batch arrives first; then the first batch, then the first batch again.
    const r2 = await sync(batch2);
    expect(r2.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(r2.json().rejected).toHaveLength(1);
    expect((await sync(batch1)).json()).toMatchObject({ accepted: 2, duplicates: 0 });
    const r3 = await sync(batch1);
    expect(r3.json()).toMatchObject({ accepted: 0, duplicates: 2 });
    const byName = Object.fromEntries(r3.json().items.map((r: { givenName: string; status: string }) => [r.givenName, r.status]));
    expect(byName).toEqual({ participant: 'attended', Omar: 'absent', Walk: 'attended' });

    // Feedback from who came; the facilitator writes notes and reads the faces.
    const fb = await ctx.app.inject({
      method: 'PUT',
      url: `/api/v1/occurrences/${occId}/feedback`,
      headers: sara.headers,
      payload: { score: 5, word: 'lekker' },
    });
    expect(fb.json()).toEqual({ score: 5, word: 'lekker' });
    const badScore = await ctx.app.inject({ method: 'PUT', url: `/api/v1/occurrences/${occId}/feedback`, headers: sara.headers, payload: { score: 6 } });
    expect(badScore.statusCode).toBe(400);
    const stranger = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const notThere = await ctx.app.inject({ method: 'PUT', url: `/api/v1/occurrences/${occId}/feedback`, headers: stranger.headers, payload: { score: 3 } });
    expect([notThere.statusCode, notThere.json().code]).toEqual([409, 'feedback_not_open']);
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/occurrences/${occId}`,
      headers: facilitator.headers,
      payload: { notes: 'Soep met linzen; iedereen kookte mee.' },
    });
    const summary = await ctx.app.inject({ url: `/api/v1/occurrences/${occId}/feedback`, headers: facilitator.headers });
    expect(summary.json()).toEqual({ count: 1, average: 5, scores: [0, 0, 0, 0, 1], words: ['lekker'] });
    expect((await ctx.app.inject({ url: `/api/v1/occurrences/${occId}`, headers: facilitator.headers })).json().notes).toContain('linzen');

    // Counts per person and type, for pathways and reports.
    const counts = await ctx.app.inject({ url: `/api/v1/activities/attendance-counts?personId=${sara.personId}`, headers: mm.headers });
    expect(counts.json().items).toEqual([expect.objectContaining({ personId: sara.personId, typeKey: 'work-activity', attended: 1 })]);
    expect((await ctx.app.inject({ url: '/api/v1/activities/attendance-counts', headers: sara.headers })).statusCode).toBe(403);
  });
});

describe('calendars', () => {
  it('lists a place month in one call, in start order, with counts; refuses a reversed or too long range', async () => {
    const a = (
      await createActivity(mm.headers, {
        title: 'Connectorstafel',
        schedule: { startDate: '2027-09-01', startTime: '09:30', endTime: '11:00', recurrence: { weekdays: [3, 5], until: '2027-10-31' } },
      })
    ).json();
    const res = await ctx.app.inject({ url: `/api/v1/activities/calendar?placeId=${org.placeId}&from=2027-09-01&to=2027-10-01`, headers: mm.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items.filter((o: { activityId: string }) => o.activityId === a.id);
    expect(items).toHaveLength(9);
    expect(items[0]).toMatchObject({ startsAt: '2027-09-01T07:30:00.000Z', title: 'Connectorstafel', registered: 0, capacity: null });
    const reversed = await ctx.app.inject({ url: `/api/v1/activities/calendar?placeId=${org.placeId}&from=2027-10-01&to=2027-09-01`, headers: mm.headers });
    expect(reversed.json().code).toBe('range_invalid');
    const long = await ctx.app.inject({ url: `/api/v1/activities/calendar?placeId=${org.placeId}&from=2027-01-01&to=2027-12-31`, headers: mm.headers });
    expect(long.json().code).toBe('range_too_long');
  });

  it('serves iCalendar feeds per place and per person that a real iCalendar parser reads', async () => {
    await createActivity(mm.headers, {
      title: 'Workshop: fietsen herstellen, banden plakken; en meer',
      description: 'Breng je fiets mee.\nWe hebben gereedschap. مرحبا بالجميع في ورشة الدراجات، تعال مع دراجتك',
      address: 'Kolveniersvest 1, 2500 Lier',
      schedule: { startDate: '2027-03-23', startTime: '13:30', endTime: '15:30', recurrence: { weekdays: [2], count: 2 } },
    });
    const feed = await ctx.app.inject({ method: 'POST', url: '/api/v1/activities/feeds', headers: mm.headers, payload: { placeId: org.placeId } });
    expect(feed.statusCode).toBe(201);
    const path = new URL(feed.json().url).pathname;
    const res = await ctx.app.inject({ url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(res.body));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const bikes = events.filter((e) => e.summary.startsWith('Workshop: fietsen'));
    expect(bikes.map((e) => e.summary)).toEqual([
      'Workshop: fietsen herstellen, banden plakken; en meer',
      'Workshop: fietsen herstellen, banden plakken; en meer',
    ]);
    expect(bikes[0].description).toContain('Breng je fiets mee.\nWe hebben gereedschap. مرحبا بالجميع');
    expect(bikes[0].location).toBe('Kolveniersvest 1, 2500 Lier');
    // 13:30 in Brussels before and after the change to summer time.
    expect(bikes.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2027-03-23T12:30:00.000Z', '2027-03-30T11:30:00.000Z']);

    // A personal feed holds what that person signed up for.
    const fatima = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const mine = (await createActivity(mm.headers, { title: 'Mijn groepssessie', typeKey: 'group-session' })).json();
    await ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${mine.occurrences[0].id}/registrations`, headers: fatima.headers, payload: {} });
    const own = await ctx.app.inject({ method: 'POST', url: '/api/v1/activities/feeds', headers: fatima.headers, payload: {} });
    const ownCal = new ICAL.Component(ICAL.parse((await ctx.app.inject({ url: new URL(own.json().url).pathname })).body));
    expect(ownCal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary)).toEqual(['Mijn groepssessie']);

    const unknown = await ctx.app.inject({ url: '/api/v1/calendar-feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('network events', () => {
  it('has a public page with its programme and a registration form: honeypot, duplicate e-mail, rate limit, CSV export', async () => {
    const a = (
      await createActivity(admin.headers, {
        title: 'Netwerkmoment SamenWerkt',
        typeKey: 'network-event',
        isPublic: true,
        capacity: 2,
        address: 'Marktplein 9, Heusden-Zolder',
        schedule: { startDate: dateIn(20), startTime: '13:30', endTime: '17:00' },
        programme: [
          { start: '13:30', title: 'Onthaal', speakers: ['Veerle Vanstechelman', 'Isabelle Thielemans'] },
          { start: '14:00', title: 'Netwerktafels', details: 'Aan de hand van casussen' },
          { start: '15:30', title: 'Receptie' },
        ],
      })
    ).json();
    expect(a.publicSlug).toMatch(/^netwerkmoment-samenwerkt-[0-9a-f]{8}$/);
    const page = await ctx.app.inject({ url: `/api/v1/public/events/${a.publicSlug}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: 'Netwerkmoment SamenWerkt', organisationName: 'Blenders', open: true, full: false });
    expect(page.json().programme[0]).toMatchObject({ start: '13:30', speakers: ['Veerle Vanstechelman', 'Isabelle Thielemans'] });

    const register = (payload: Record<string, unknown>, ip = '198.51.100.7') =>
      ctx.app.inject({ method: 'POST', url: `/api/v1/public/events/${a.publicSlug}/registrations`, payload, remoteAddress: ip });
    const before = ctx.mailer.outbox.length;
    const first = await register({ name: 'An Peeters', organisation: '=VDAB', email: 'An@VDAB.be' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ status: 'registered', alreadyRegistered: false });
    expect(ctx.mailer.outbox.slice(before).map((m) => [m.to, m.subject])).toEqual([['an@vdab.be', 'Je bent ingeschreven: Netwerkmoment SamenWerkt']]);
    // The confirmation is in the language of the page the outsider used.
    await register({ name: 'Claire Dubois', email: 'claire@example.be', locale: 'fr' }, '198.51.100.8');
    expect(ctx.mailer.outbox.at(-1)?.subject).toBe('Vous êtes inscrit·e : Netwerkmoment SamenWerkt');
    const again = await register({ name: 'An Peeters', email: 'an@vdab.be' });
    expect([again.statusCode, again.json().alreadyRegistered]).toEqual([200, true]);
    const bot = await register({ name: 'Cheap pills', email: 'bot@spam.example', website: 'http://spam.example' }, '203.0.113.9');
    expect(bot.statusCode).toBe(201);
    const bad = await register({ name: '', email: 'not-an-email' }, '203.0.113.10');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'validation_failed']);

    const list = (await ctx.app.inject({ url: `/api/v1/occurrences/${a.occurrences[0].id}/registrations`, headers: admin.headers })).json().items;
    expect(list.map((r: { name: string; source: string }) => [r.name, r.source])).toEqual([
      ['An Peeters', 'public'],
      ['Claire Dubois', 'public'],
    ]);
    const csv = await ctx.app.inject({ url: `/api/v1/occurrences/${a.occurrences[0].id}/registrations.csv`, headers: admin.headers });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"An Peeters","\'=VDAB","an@vdab.be","registered","public"');

    // Five sign-ups per address per ten minutes; the sixth waits.
    const ip = '192.0.2.55';
    for (let i = 0; i < 5; i++) expect((await register({ name: `Gast ${i}`, email: `gast${i}@example.org` }, ip)).statusCode).toBe(201);
    const limited = await register({ name: 'Gast 6', email: 'gast6@example.org' }, ip);
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'too_many_requests']);
    expect(limited.headers['retry-after']).toBeDefined();
    // Full: the others wait.
    const items = (await ctx.app.inject({ url: `/api/v1/occurrences/${a.occurrences[0].id}/registrations`, headers: admin.headers })).json().items;
    expect(items.filter((r: { status: string }) => r.status === 'waitlisted')).toHaveLength(5);

    expect((await ctx.app.inject({ url: '/api/v1/public/events/does-not-exist' })).statusCode).toBe(404);
    // An activity that is not public has no page.
    expect((await ctx.app.inject({ url: `/api/v1/public/events/${a.id}` })).statusCode).toBe(404);
  });
});

describe('reminders', () => {
  it('mails everyone signed up for tomorrow once, whatever how often it runs', async () => {
    const a = (
      await createActivity(mm.headers, { title: 'Groepssessie welzijn', schedule: { startDate: '2027-06-15', startTime: '10:00', endTime: '12:00' } })
    ).json();
    const p = await newParticipant(ctx.db, org, { givenName: 'Hind', email: 'hind@example.org' });
    const q = await newParticipant(ctx.db, org, { givenName: 'Luc', email: 'luc@example.org' });
    await ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${a.occurrences[0].id}/registrations`, headers: mm.headers, payload: { personId: p.id } });
    const cancelled = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/occurrences/${a.occurrences[0].id}/registrations`,
      headers: mm.headers,
      payload: { personId: q.id },
    });
    await ctx.app.inject({ method: 'POST', url: `/api/v1/registrations/${cancelled.json().id}/cancel`, headers: mm.headers });

    const before = ctx.mailer.outbox.length;
    expect(await ctx.app.services.activities.sendReminders(new Date('2027-06-13T10:00:00Z'))).toBe(0);
    expect(await ctx.app.services.activities.sendReminders(new Date('2027-06-14T06:00:00Z'))).toBe(1);
    expect(await ctx.app.services.activities.sendReminders(new Date('2027-06-14T07:00:00Z'))).toBe(0);
    const sent = ctx.mailer.outbox.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'hind@example.org', subject: 'Morgen: Groepssessie welzijn' });
    expect(sent[0].text).toContain('10:00');
  });
});

describe('organisation boundary', () => {
  it("never shows another organisation's activities: 404 through the API, nothing in the calendar", async () => {
    const theirAdmin = await signedIn(ctx, other, 'admin');
    const theirs = (await createActivity(theirAdmin.headers, { title: 'Geheim overleg' }, other.placeId)).json();
    const occId = theirs.occurrences[0].id;
    for (const url of [
      `/api/v1/activities/${theirs.id}`,
      `/api/v1/occurrences/${occId}`,
      `/api/v1/occurrences/${occId}/registrations`,
      `/api/v1/occurrences/${occId}/attendance`,
    ]) {
      const res = await ctx.app.inject({ url, headers: admin.headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('Geheim');
    }
    const reg = await ctx.app.inject({ method: 'POST', url: `/api/v1/occurrences/${occId}/registrations`, headers: admin.headers, payload: {} });
    expect(reg.statusCode).toBe(404);
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/activities/${theirs.id}`, headers: admin.headers, payload: { title: 'Stolen' } });
    expect(patch.statusCode).toBe(404);
    const cal = await ctx.app.inject({
      url: `/api/v1/activities/calendar?placeId=${other.placeId}&from=${dateIn(0)}&to=${dateIn(30)}`,
      headers: admin.headers,
    });
    expect(cal.json().items).toEqual([]);
    // Underneath, row-level security hides them even from a query without a filter.
    const seen = await withOrganisation(ctx.db, org.id, (tx) => tx.select({ o: occurrences.organisationId }).from(occurrences));
    expect(new Set(seen.map((r) => r.o))).toEqual(new Set([org.id]));
    const none = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local role schakel_app`);
      return tx.select().from(registrations);
    });
    expect(none).toHaveLength(0);
  });

  it('limits people to the places where their role holds', async () => {
    const south = (await createActivity(admin.headers, { title: 'Zuid' }, org.otherPlaceId)).json();
    const participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    expect((await ctx.app.inject({ url: `/api/v1/activities/${south.id}`, headers: participant.headers })).statusCode).toBe(404);
    const cal = await ctx.app.inject({
      url: `/api/v1/activities/calendar?placeId=${org.otherPlaceId}&from=${dateIn(0)}&to=${dateIn(30)}`,
      headers: participant.headers,
    });
    expect(cal.statusCode).toBe(404);
    const places = await ctx.app.inject({ url: '/api/v1/activities/places', headers: participant.headers });
    expect(places.json().items).toEqual([{ id: org.placeId, name: 'Plek Noord' }]);
    const researcher = await signedIn(ctx, org, 'researcher');
    expect((await ctx.app.inject({ url: `/api/v1/activities/${south.id}`, headers: researcher.headers })).statusCode).toBe(403);
  });
});
