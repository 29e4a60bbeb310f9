import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { withOrganisation } from '../../db/client.ts';
import { matchEvents, matchingItems, partners } from '../../db/schema/index.ts';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  other = await newOrganisation(ctx.db, 'OCMW Elders');
});
afterAll(() => ctx.close());

type Headers = { cookie: string };
const api = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload?: unknown) => {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
  return { status: res.statusCode, body: res.json() };
};

describe('strengths profile', () => {
  it('a participant fills their own profile; what they choose decides who sees it', async () => {
    const me = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const empty = await api('GET', `/matching/profiles/${me.personId}`, me.headers);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ saved: false, can: { edit: true } });

    const saved = await api('PUT', `/matching/profiles/${me.personId}`, me.headers, {
      talents: ['koken voor groepen', 'naaien'],
      likes: ['mensen ontmoeten'],
      experience: 'Tien jaar in een restaurantkeuken in Casablanca 🍲',
      languages: [
        { code: 'ar', level: 'native' },
        { code: 'nl', level: 'conversational' },
      ],
      availability: ['mon-morning', 'wed-afternoon'],
      dreams: 'Een eigen cateringzaak',
      visibility: 'private',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ saved: true, visibility: 'private', availability: ['mon-morning', 'wed-afternoon'] });

    // Private: another participant, a matchmaker and a companion of the place do not see it; her own companion does.
    const neighbour = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const herCompanion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    await newPathway(ctx.db, org, { participantId: me.personId, companionPersonId: herCompanion.personId });
    expect((await api('GET', `/matching/profiles/${me.personId}`, neighbour.headers)).status).toBe(404);
    expect((await api('GET', `/matching/profiles/${me.personId}`, mm.headers)).status).toBe(404);
    expect((await api('GET', `/matching/profiles/${me.personId}`, companion.headers)).status).toBe(404);
    expect((await api('GET', `/matching/profiles/${me.personId}`, herCompanion.headers)).status).toBe(200);

    await api('PUT', `/matching/profiles/${me.personId}`, me.headers, { ...saved.body, visibility: 'place' });
    expect((await api('GET', `/matching/profiles/${me.personId}`, neighbour.headers)).body.talents).toContain('naaien');
    // Others may read, not write.
    expect((await api('PUT', `/matching/profiles/${me.personId}`, neighbour.headers, { talents: ['x'] })).status).toBe(403);
  });

  it('refuses bad input with a clear code and keeps what was saved', async () => {
    const me = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    await api('PUT', `/matching/profiles/${me.personId}`, me.headers, { talents: ['fietsen herstellen'] });
    const cases = [
      { experience: 'a'.repeat(10_000) },
      { languages: [{ code: 'klingon', level: 'fluent' }] },
      { languages: [{ code: 'nl', level: 'perfect' }] },
      { availability: ['someday'] },
      { visibility: 'world' },
    ];
    for (const body of cases) {
      const res = await api('PUT', `/matching/profiles/${me.personId}`, me.headers, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await api('GET', `/matching/profiles/${me.personId}`, me.headers)).body.talents).toEqual(['fietsen herstellen']);
  });
});

describe('offers, requests and dreams', () => {
  it('posts them with sensible results for odd texts, and clear errors for impossible ones', async () => {
    const me = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const ok = await api('POST', '/matching/requests', me.headers, { text: 'Wie helpt mij met mijn fiets? 🚲 دراجة', lang: 'xx' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ side: 'request', ownerType: 'person', personId: me.personId, placeId: org.placeId, status: 'open', can: { edit: true } });
    for (const text of ['', '   ', '🚲🔧👍', 'x'.repeat(10_000)]) {
      const res = await api('POST', '/matching/requests', me.headers, { text });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.text');
    }
    expect((await api('POST', '/matching/offers', me.headers, { text: 'Ik kook', lang: 'dutch!' })).body.code).toBe('validation_failed');
    // A participant does not post for a partner.
    const [partner] = await ctx.db.insert(partners).values({ organisationId: org.id, name: 'VDAB', kind: 'employment-service' }).returning();
    expect((await api('POST', '/matching/offers', me.headers, { text: 'Sollicitatietraining', partnerId: partner.id })).status).toBe(403);
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const po = await api('POST', '/matching/offers', mm.headers, { text: 'Sollicitatietraining in groep', partnerId: partner.id, placeId: org.placeId });
    expect(po.status).toBe(201);
    expect(po.body).toMatchObject({ ownerType: 'partner', ownerName: 'VDAB' });
    const place = await api('POST', '/matching/offers', mm.headers, {
      text: 'Zaal voor 20 mensen op dinsdag',
      kind: 'space',
      ofPlace: true,
      placeId: org.placeId,
    });
    expect(place.body).toMatchObject({ ownerType: 'place', ownerName: 'Plek Noord', kind: 'space' });
  });

  it('breaks a dream into requests; pausing or closing keeps them', async () => {
    const me = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const dream = await api('POST', '/matching/dreams', me.headers, { text: 'Mijn eigen catering starten' });
    expect(dream.status).toBe(201);
    const r1 = await api('POST', '/matching/requests', me.headers, { text: 'Ik zoek een keuken om te oefenen', dreamId: dream.body.id });
    const r2 = await api('POST', '/matching/requests', me.headers, { text: 'Wie kent de regels van het FAVV?', dreamId: dream.body.id });
    const list = await api('GET', `/matching/dreams?personId=${me.personId}`, me.headers);
    expect(list.body.items[0].requestIds.sort()).toEqual([r1.body.id, r2.body.id].sort());
    const paused = await api('PATCH', `/matching/requests/${r1.body.id}`, me.headers, { status: 'paused' });
    expect(paused.body.status).toBe('paused');
    // Someone else's dream is no step for my request.
    const stranger = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    expect((await api('POST', '/matching/requests', stranger.headers, { text: 'Keuken gezocht', dreamId: dream.body.id })).body.code).toBe('unknown_dream');
    // A companion of the place posts on someone's behalf; a companion elsewhere cannot see them.
    const companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    const onBehalf = await api('POST', '/matching/offers', companion.headers, { text: 'Ik kan goed naaien', personId: me.personId });
    expect(onBehalf.body).toMatchObject({ personId: me.personId, status: 'open' });
    const far = await signedIn(ctx, org, 'companion', { placeId: org.otherPlaceId });
    expect((await api('POST', '/matching/offers', far.headers, { text: 'Naaien', personId: me.personId })).status).toBe(404);
    expect((await api('GET', `/matching/offers/${onBehalf.body.id}`, far.headers)).status).toBe(404);
  });
});

describe('suggestions and the workflow', () => {
  it('ranks both ways with readable reasons: text, shared language, free time, place, a new connection', async () => {
    const asker = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const helper = await newParticipant(ctx.db, org, { givenName: 'Youssef', languages: ['ar', 'nl'] });
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    await api('PUT', `/matching/profiles/${asker.personId}`, asker.headers, { languages: [{ code: 'ar', level: 'native' }], availability: ['sat-morning'] });
    await api('PUT', `/matching/profiles/${helper.id}`, mm.headers, {
      languages: [{ code: 'ar', level: 'fluent' }],
      availability: ['sat-morning', 'sun-morning'],
      visibility: 'place',
    });
    const request = await api('POST', '/matching/requests', asker.headers, { text: 'Mijn fiets heeft een lekke band, wie kan die herstellen?' });
    const bike = await api('POST', '/matching/offers', mm.headers, { text: 'Ik herstel fietsen: lekke banden, remmen en verlichting', personId: helper.id });
    await api('POST', '/matching/offers', mm.headers, { text: 'Bijles wiskunde voor het middelbaar', personId: helper.id });

    const res = await api('GET', `/matching/suggestions?requestId=${request.body.id}&locale=nl`, asker.headers);
    expect(res.status).toBe(200);
    const top = res.body.suggestions[0];
    expect(top.item.id).toBe(bike.body.id);
    // The participant sees the helper's given name: the helper shows the profile to the place.
    expect(top.item.ownerName).toBe('Youssef');
    const kinds = top.reasons.map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['concept', 'language', 'availability', 'place', 'bridging']));
    const texts = top.reasons.map((r: { text: string }) => r.text);
    expect(texts).toContain('Jullie spreken allebei Arabisch');
    expect(texts).toContain('Allebei vrij op zaterdag voormiddag');
    expect(res.body.suggestions.map((s: { item: { text: string } }) => s.item.text)).not.toContain('Bijles wiskunde voor het middelbaar');

    const ar = await api('GET', `/matching/suggestions?requestId=${request.body.id}&locale=ar`, asker.headers);
    expect(ar.body.suggestions[0].reasons.map((r: { text: string }) => r.text)).toContain('كلاكما يتحدث العربية');

    // The other way round: requests for an offer.
    const back = await api('GET', `/matching/suggestions?offerId=${bike.body.id}`, mm.headers);
    expect(back.body.suggestions[0].item.id).toBe(request.body.id);

    expect((await api('GET', `/matching/suggestions?requestId=${request.body.id}&offerId=${bike.body.id}`, mm.headers)).body.code).toBe('validation_failed');
    expect((await api('GET', `/matching/suggestions?requestId=${bike.body.id}`, mm.headers)).status).toBe(404);
  });

  it('runs propose → accept → connected → follow-up → closed, records every step, refuses impossible steps', async () => {
    const asker = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const helper = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const request = await api('POST', '/matching/requests', asker.headers, { text: 'Ik wil Nederlands oefenen in gesprek' });
    const offer = await api('POST', '/matching/offers', helper.headers, { text: 'Ik praat graag Nederlands met nieuwkomers' });

    const proposed = await api('POST', '/matching/matches', mm.headers, { requestId: request.body.id, offerId: offer.body.id, note: 'Jullie wonen dichtbij' });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'proposed', requesterAnswer: 'pending', offererAnswer: 'pending' });
    expect(proposed.body.reasons.length).toBeGreaterThan(0);
    const id = proposed.body.id;
    expect((await api('POST', '/matching/matches', mm.headers, { requestId: request.body.id, offerId: offer.body.id })).body.code).toBe('match_exists');

    // Follow-up before both said yes is impossible.
    const early = await api('POST', `/matching/matches/${id}/steps`, mm.headers, { action: 'follow-up', met: true });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'match_transition_invalid', status: 'proposed', action: 'follow-up' });

    // The asker sees the proposal waiting and answers it themselves.
    const forMe = await api('GET', '/matching/for-me', asker.headers);
    expect(forMe.body.waiting.map((m: { id: string }) => m.id)).toEqual([id]);
    expect(forMe.body.waiting[0].can.answerAs).toEqual(['requester']);
    const a1 = await api('POST', `/matching/matches/${id}/steps`, asker.headers, { action: 'accept' });
    expect(a1.body).toMatchObject({ status: 'proposed', requesterAnswer: 'accepted' });
    expect((await api('POST', `/matching/matches/${id}/steps`, asker.headers, { action: 'accept' })).status).toBe(409);
    // The asker cannot answer for the helper.
    expect((await api('POST', `/matching/matches/${id}/steps`, asker.headers, { action: 'accept', side: 'offerer' })).status).toBe(403);
    const a2 = await api('POST', `/matching/matches/${id}/steps`, helper.headers, { action: 'accept' });
    expect(a2.body).toMatchObject({ status: 'connected', offererAnswer: 'accepted' });
    expect(a2.body.connectedAt).toBeTruthy();

    expect((await api('POST', `/matching/matches/${id}/steps`, helper.headers, { action: 'decline' })).body.code).toBe('match_transition_invalid');
    const fu = await api('POST', `/matching/matches/${id}/steps`, asker.headers, { action: 'follow-up', met: true, note: 'Elke dinsdag koffie en oefenen' });
    expect(fu.body.status).toBe('followed-up');
    expect((await api('POST', `/matching/matches/${id}/steps`, asker.headers, { action: 'close' })).status).toBe(403);
    const closed = await api('POST', `/matching/matches/${id}/steps`, mm.headers, { action: 'close' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'proposed',
      'accepted-by-requester',
      'accepted-by-offerer',
      'connected',
      'follow-up',
      'closed',
    ]);
    expect(closed.body.events[4]).toMatchObject({ met: true, note: 'Elke dinsdag koffie en oefenen' });
    expect((await api('POST', `/matching/matches/${id}/steps`, mm.headers, { action: 'withdraw' })).body.code).toBe('match_transition_invalid');
    expect((await api('POST', `/matching/matches/${id}/steps`, mm.headers, { action: 'jump' })).body.code).toBe('validation_failed');

    // The history is append-only, underneath the service too.
    await expect(withOrganisation(ctx.db, org.id, (tx) => tx.delete(matchEvents).where(sql`${matchEvents.matchId} = ${id}`))).rejects.toThrow();
  });

  it('declining or withdrawing keeps the history, and the pair can be proposed again', async () => {
    const asker = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const helper = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const request = await api('POST', '/matching/requests', asker.headers, { text: 'Hulp bij mijn cv' });
    const offer = await api('POST', '/matching/offers', helper.headers, { text: 'Ik help met cv en sollicitatiebrief' });
    const m1 = await api('POST', '/matching/matches', mm.headers, { requestId: request.body.id, offerId: offer.body.id });
    const declined = await api('POST', `/matching/matches/${m1.body.id}/steps`, helper.headers, { action: 'decline', note: 'Geen tijd deze maand' });
    expect(declined.body).toMatchObject({ status: 'declined', offererAnswer: 'declined' });
    expect(declined.body.events[1]).toMatchObject({ kind: 'declined', side: 'offerer', note: 'Geen tijd deze maand' });
    // The asker proposes it again themselves (their own side accepts at once); then the matchmaker withdraws it.
    const m2 = await api('POST', '/matching/matches', asker.headers, { requestId: request.body.id, offerId: offer.body.id });
    expect(m2.body).toMatchObject({ status: 'proposed', requesterAnswer: 'accepted' });
    const withdrawn = await api('POST', `/matching/matches/${m2.body.id}/steps`, mm.headers, { action: 'withdraw' });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await api('GET', `/matching/matches/${m1.body.id}`, mm.headers)).body.status).toBe('declined');
  });

  it("shows the place's board and counts the connections per place and period", async () => {
    const local = await newOrganisation(ctx.db, 'Board org');
    const mm = await signedIn(ctx, local, 'matchmaker', { placeId: local.placeId });
    const a = await newParticipant(ctx.db, local, { givenName: 'Nadia' });
    const b = await newParticipant(ctx.db, local, { givenName: 'Jef' });
    const waiting = await api('POST', '/matching/requests', mm.headers, { text: 'Ik zoek iemand om samen te tuinieren in een moestuin', personId: a.id });
    await api('POST', '/matching/offers', mm.headers, { text: 'Ik heb een moestuin en deel graag mijn groenten en kennis', personId: b.id });
    const dream = await api('POST', '/matching/dreams', mm.headers, { text: 'Een buurtmoestuin starten', personId: a.id });
    const r2 = await api('POST', '/matching/requests', mm.headers, { text: 'Hulp met de computer', personId: b.id });
    const o2 = await api('POST', '/matching/offers', mm.headers, { text: 'Ik help met computers en smartphones', personId: a.id });
    const m = await api('POST', '/matching/matches', mm.headers, { requestId: r2.body.id, offerId: o2.body.id });
    await api('POST', `/matching/matches/${m.body.id}/steps`, mm.headers, { action: 'accept', side: 'requester' });
    await api('POST', `/matching/matches/${m.body.id}/steps`, mm.headers, { action: 'accept', side: 'offerer' });

    const board = await api('GET', `/matching/board?placeId=${local.placeId}`, mm.headers);
    expect(board.status).toBe(200);
    expect(board.body.unmatchedRequests.map((u: { request: { id: string } }) => u.request.id)).toEqual([waiting.body.id]);
    expect(board.body.unmatchedRequests[0].suggestions[0].item.text).toContain('moestuin');
    expect(board.body.unmatchedDreams.map((d: { id: string }) => d.id)).toEqual([dream.body.id]);
    expect(board.body.matches.connected.map((x: { id: string }) => x.id)).toEqual([m.body.id]);
    // Another place's matchmaker, or a participant, does not see this board.
    const elsewhere = await signedIn(ctx, local, 'matchmaker', { placeId: local.otherPlaceId });
    expect((await api('GET', `/matching/board?placeId=${local.placeId}`, elsewhere.headers)).status).toBe(404);
    const participant = await signedIn(ctx, local, 'participant', { placeId: local.placeId });
    expect((await api('GET', `/matching/board?placeId=${local.placeId}`, participant.headers)).status).toBe(403);

    const today = new Date().toISOString().slice(0, 10);
    const report = await api('GET', `/matching/report?from=${today}&to=${today}`, mm.headers);
    expect(report.body.places).toEqual([expect.objectContaining({ placeId: local.placeId, proposed: 1, connected: 1, declined: 0 })]);
    expect((await api('GET', '/matching/report?from=2024-02-01&to=2024-01-01', mm.headers)).body.code).toBe('validation_failed');
    expect((await api('GET', '/matching/report?from=2024-01-01&to=2024-12-31', mm.headers)).body.places).toEqual([]);
  });
});

describe('the organisation boundary', () => {
  it("never shows another organisation's offers, requests, profiles or matches: 404 through the API", async () => {
    const theirMm = await signedIn(ctx, other, 'matchmaker', { placeId: other.placeId });
    const theirs = await newParticipant(ctx.db, other, { givenName: 'Geheim' });
    const theirRequest = await api('POST', '/matching/requests', theirMm.headers, { text: 'Geheime vraag over fietsen', personId: theirs.id });
    const theirOffer = await api('POST', '/matching/offers', theirMm.headers, {
      text: 'Ik herstel fietsen',
      personId: (await newParticipant(ctx.db, other)).id,
    });
    const theirMatch = await api('POST', '/matching/matches', theirMm.headers, { requestId: theirRequest.body.id, offerId: theirOffer.body.id });
    expect(theirMatch.status).toBe(201);

    const admin = await signedIn(ctx, org, 'admin');
    expect((await api('GET', `/matching/requests/${theirRequest.body.id}`, admin.headers)).status).toBe(404);
    expect((await api('PATCH', `/matching/requests/${theirRequest.body.id}`, admin.headers, { status: 'closed' })).status).toBe(404);
    expect((await api('GET', `/matching/profiles/${theirs.id}`, admin.headers)).status).toBe(404);
    expect((await api('GET', `/matching/matches/${theirMatch.body.id}`, admin.headers)).status).toBe(404);
    expect((await api('POST', `/matching/matches/${theirMatch.body.id}/steps`, admin.headers, { action: 'withdraw' })).status).toBe(404);
    expect((await api('GET', `/matching/suggestions?requestId=${theirRequest.body.id}`, admin.headers)).status).toBe(404);
    expect((await api('GET', `/matching/board?placeId=${other.placeId}`, admin.headers)).status).toBe(404);
    const list = await api('GET', '/matching/requests?limit=200', admin.headers);
    expect(JSON.stringify(list.body)).not.toContain('Geheime');
    // Our suggestions never offer their offers.
    const mine = await api('POST', '/matching/requests', admin.headers, { text: 'Wie herstelt fietsen?', personId: (await newParticipant(ctx.db, org)).id });
    const sugg = await api('GET', `/matching/suggestions?requestId=${mine.body.id}`, admin.headers);
    expect(sugg.body.suggestions.map((s: { item: { id: string } }) => s.item.id)).not.toContain(theirOffer.body.id);
    // Row-level security underneath: a query without a filter sees only our rows.
    const seen = await withOrganisation(ctx.db, org.id, (tx) => tx.select({ o: matchingItems.organisationId }).from(matchingItems));
    expect(new Set(seen.map((r) => r.o))).toEqual(new Set([org.id]));
  });
});
