/**
 * Suggestions for a dream: people who offer what it needs, activities coming up at the dreamer's
 * place (from the activities service) and partner services (from the organisation service).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';

let ctx: TestContext;
let org: TestOrganisation;
type Headers = { cookie: string };
const api = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: unknown) => {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
  return { status: res.statusCode, body: res.json() };
};
const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Dromen');
});
afterAll(() => ctx.close());

describe('suggestions for a dream', () => {
  it('names people, activities and partners that fit, each with reasons, for the dreamer and the matchmaker', async () => {
    const admin = await signedIn(ctx, org, 'admin');
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const dreamer = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const cook = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const other = await signedIn(ctx, org, 'participant', { placeId: org.placeId });

    const dream = await api('POST', '/matching/dreams', dreamer.headers, { text: 'Ik droom van een eigen cateringzaak: koken voor feesten' });
    expect(dream.status).toBe(201);
    await api('POST', '/matching/offers', cook.headers, { text: 'Ik kook graag voor grote groepen, twintig jaar ervaring in een keuken' });
    await api('POST', '/matching/offers', other.headers, { text: 'Ik herstel fietsen op zaterdag' });

    const partner = await api('POST', '/partners', admin.headers, {
      name: 'Starterscentrum Lier',
      kind: 'training',
      description: 'Begeleiding voor wie een eigen zaak of onderneming wil starten: ondernemingsplan, vergunningen, boekhouding.',
      email: 'info@starters.example',
    });
    expect(partner.status).toBe(201);
    await api('POST', `/partners/${partner.body.id}/contacts`, admin.headers, { name: 'Els Peeters', role: 'coach' });
    await api('POST', '/partners', admin.headers, { name: 'Fietsbieb', kind: 'ngo', description: 'Fietsen lenen voor kinderen' });

    const types = (await api('GET', '/activity-types', admin.headers)).body.items as { id: string; key: string }[];
    const workshop = types.find((t) => t.key === 'workshop') ?? types[0];
    const created = await api('POST', '/activities', admin.headers, {
      typeId: workshop.id,
      placeId: org.placeId,
      title: 'Kookworkshop: koken voor grote groepen',
      schedule: { startDate: dateIn(5), startTime: '13:30', endTime: '15:30' },
    });
    expect(created.status).toBe(201);
    await api('POST', '/activities', admin.headers, {
      typeId: workshop.id,
      placeId: org.placeId,
      title: 'Yoga voor beginners',
      schedule: { startDate: dateIn(6), startTime: '10:00', endTime: '11:00' },
    });

    const mine = await api('GET', `/matching/dreams/${dream.body.id}/suggestions?locale=nl`, dreamer.headers);
    expect(mine.status).toBe(200);
    expect(mine.body.people.map((p: { personId: string }) => p.personId)).toEqual([cook.personId]);
    expect(mine.body.people[0].offers[0].reasons.length).toBeGreaterThan(0);
    expect(mine.body.activities.map((a: { title: string }) => a.title)).toEqual(['Kookworkshop: koken voor grote groepen']);
    expect(mine.body.activities[0].reasons.length).toBeGreaterThan(0);
    expect(mine.body.partners.map((p: { name: string }) => p.name)).toEqual(['Starterscentrum Lier']);
    expect(mine.body.partners[0].reasons.length).toBeGreaterThan(0);
    // A participant sees the partner, not the names of its staff.
    expect(mine.body.partners[0].contacts).toEqual([]);

    const board = await api('GET', `/matching/dreams/${dream.body.id}/suggestions?locale=en`, mm.headers);
    expect(board.status).toBe(200);
    expect(board.body.partners[0].contacts.map((c: { name: string }) => c.name)).toEqual(['Els Peeters']);
    expect(board.body.people[0].name).toMatch(/participant/);

    // Someone who may not read the dreamer gets a 404, as if there were no such dream.
    expect((await api('GET', `/matching/dreams/${dream.body.id}/suggestions`, other.headers)).status).toBe(404);
    expect((await api('GET', '/matching/dreams/01900000-0000-7000-8000-000000000000/suggestions', mm.headers)).status).toBe(404);
    expect((await api('GET', '/matching/dreams/not-a-uuid/suggestions', mm.headers)).status).toBe(400);
  });

  it('answers dreams written in emoji, mixed scripts or at length without a server error', async () => {
    const dreamer = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    for (const text of ['🎉 feest 🎂', 'حلم bonjour droom', 'ik wil '.repeat(280), 'zzzqqq']) {
      const dream = await api('POST', '/matching/dreams', dreamer.headers, { text });
      expect(dream.status).toBe(201);
      const s = await api('GET', `/matching/dreams/${dream.body.id}/suggestions?locale=ar`, dreamer.headers);
      expect(s.status).toBe(200);
    }
    expect((await api('POST', '/matching/dreams', dreamer.headers, { text: '🎉🎉' })).status).toBe(400);
    expect((await api('GET', '/matching/dreams/x/suggestions?locale=xx', dreamer.headers)).status).toBe(400);
  });
});
