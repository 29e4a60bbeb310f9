import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { loadConfig } from '../../config.ts';
import { accounts, auditLog, partnerContacts, partners, people } from '../../db/schema/index.ts';
import { policyService } from './service.ts';

let ctx: TestContext;
let org: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'OCMW Sint-Niklaas');
});
afterAll(() => ctx.close());

type Headers = { cookie: string };
const api = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: unknown) => {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
  const json = res.headers['content-type']?.toString().includes('json') ? res.json() : null;
  return { status: res.statusCode, body: json, headers: res.headers, raw: res.rawPayload };
};

const raise = (who: { headers: Headers }, body: Record<string, unknown>) => api('POST', '/policy/barriers', who.headers, { domain: 'childcare', ...body });

async function newPartner(name: string) {
  const [p] = await ctx.db.insert(partners).values({ organisationId: org.id, name, kind: 'public' }).returning();
  return p;
}

describe('barriers', () => {
  it('a participant raises a barrier in her own words; others of her place see it and say it blocks them too, counted once', async () => {
    const fatima = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const created = await raise(fatima, {
      text: 'Geen kinderopvang tijdens de VDAB-opleiding, dus ik kan niet gaan',
      actorText: 'Stad Sint-Niklaas, dienst kinderopvang',
      peopleAffected: 4,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      domain: 'childcare',
      placeId: org.placeId,
      source: 'self',
      raisedByMe: true,
      supportCount: 0,
      actorName: 'Stad Sint-Niklaas, dienst kinderopvang',
      can: { edit: true, support: false },
    });
    const id = created.body.id;

    const sarah = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const list = await api('GET', '/policy/barriers', sarah.headers);
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(id);
    // Another participant sees no names of who raised it.
    const seen = await api('GET', `/policy/barriers/${id}`, sarah.headers);
    expect(seen.body.texts[0].raisedBy).toBeNull();

    const first = await api('POST', `/policy/barriers/${id}/support`, sarah.headers, { note: 'Ik ook, mijn zoon is 2' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ supportCount: 1, supportedByMe: true });
    const again = await api('POST', `/policy/barriers/${id}/support`, sarah.headers, {});
    expect(again.body.supportCount).toBe(1);
    // The one who raised it is not counted twice either.
    expect((await api('POST', `/policy/barriers/${id}/support`, fatima.headers, {})).body.supportCount).toBe(1);

    // Staff of the place see who supports it, with her word.
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const staffView = await api('GET', `/policy/barriers/${id}`, mm.headers);
    expect(staffView.body.supporters).toEqual([expect.objectContaining({ personId: sarah.personId, note: 'Ik ook, mijn zoon is 2' })]);
    expect(staffView.body.texts[0].raisedBy.personId).toBe(fatima.personId);
    expect(staffView.body.history.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'supported']);

    // Taking support back, and giving it again, still counts one.
    expect((await api('DELETE', `/policy/barriers/${id}/support`, sarah.headers)).body.supportCount).toBe(0);
    expect((await api('POST', `/policy/barriers/${id}/support`, sarah.headers, {})).body.supportCount).toBe(1);

    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['policy.barrier.create', 'policy.barrier.support', 'policy.barrier.unsupport']));
  });

  it('a participant cannot change or see what is not hers; a participant of another place does not see it at all', async () => {
    const amina = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const { body } = await raise(amina, { text: 'De bus naar de opleiding in Gent kost te veel', domain: 'mobility' });
    const neighbour = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const elsewhere = await signedIn(ctx, org, 'participant', { placeId: org.otherPlaceId });

    expect((await api('PATCH', `/policy/barriers/${body.id}`, neighbour.headers, { text: 'iets anders' })).status).toBe(403);
    expect((await api('GET', `/policy/barriers/${body.id}`, elsewhere.headers)).status).toBe(404);
    expect((await api('POST', `/policy/barriers/${body.id}/support`, elsewhere.headers, {})).status).toBe(404);
    expect((await api('GET', '/policy/barriers', elsewhere.headers)).body.items.map((b: { id: string }) => b.id)).not.toContain(body.id);

    // She may reword her own while it is open, not set its status.
    const edited = await api('PATCH', `/policy/barriers/${body.id}`, amina.headers, { text: 'Het busabonnement naar Gent is te duur' });
    expect(edited.body.text).toBe('Het busabonnement naar Gent is te duur');
    expect((await api('PATCH', `/policy/barriers/${body.id}`, amina.headers, { status: 'implemented' })).status).toBe(403);
    // Only staff record for a group session.
    expect((await raise(amina, { text: 'Groep zegt: te weinig plaatsen', source: 'group-session' })).status).toBe(403);
  });

  it('refuses bad input with problem+json, never a 500', async () => {
    const me = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const cases: [string, Record<string, unknown>][] = [
      ['empty text', { text: '   ' }],
      ['unknown domain', { text: 'Te weinig geld', domain: 'money' }],
      ['zero people', { text: 'Te weinig geld', peopleAffected: 0 }],
      ['bad partner id', { text: 'Te weinig geld', actorPartnerId: 'x' }],
    ];
    for (const [, body] of cases) {
      const res = await raise(me, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const unknownPartner = await raise(me, { text: 'Te weinig geld', actorPartnerId: '0190f5a0-0000-7000-8000-000000000000' });
    expect(unknownPartner.status).toBe(400);
    expect(unknownPartner.body.code).toBe('unknown_partner');
    expect((await api('GET', '/policy/barriers?status=whatever', me.headers)).status).toBe(400);
    expect((await api('GET', '/policy/barriers/not-a-uuid', me.headers)).status).toBe(400);
    expect((await api('POST', '/policy/barriers/merge', me.headers, { survivorId: 'x' })).status).toBe(400);
  });
});

describe('bad input anywhere', () => {
  it('answers every malformed or dangling request with problem+json and a 4xx', async () => {
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: null });
    const unknown = '0190f5a0-0000-7000-8000-000000000001';
    const meeting = (await api('POST', '/policy/meetings', mm.headers, { heldOn: '2026-05-04' })).body;
    const cases: [Parameters<typeof api>[0], string, unknown][] = [
      ['POST', '/policy/meetings', { heldOn: '2026-02-30' }],
      ['POST', '/policy/meetings', { heldOn: '2026-05-04', memberPersonIds: [unknown] }],
      ['PUT', `/policy/meetings/${meeting.id}/agenda`, { items: [{ barrierId: unknown }] }],
      ['PUT', `/policy/meetings/${meeting.id}/agenda`, { items: [{ proposalId: unknown }] }],
      ['PUT', `/policy/meetings/${meeting.id}/agenda`, { items: [{}] }],
      ['POST', `/policy/meetings/${meeting.id}/agenda/${unknown}/decision`, { outcome: 'accepted' }],
      ['POST', `/policy/meetings/${meeting.id}/agenda/${unknown}/decision`, { outcome: 'maybe' }],
      ['GET', `/policy/meetings/${unknown}/minutes.pdf`, undefined],
      ['POST', '/policy/proposals', { title: 'x', change: 'y', actorText: 'Stad', barrierIds: [unknown] }],
      ['PATCH', `/policy/proposals/${unknown}`, { status: 'accepted' }],
      ['POST', '/policy/barriers/merge', { survivorId: unknown, mergeIds: [unknown.replace(/1$/, '2')] }],
      ['POST', '/policy/stories', { personId: unknown, text: 'x', consentOn: '2026-01-01', consentScope: 'reports', attribution: 'anonymous' }],
      ['POST', `/policy/stories/${unknown}/withdraw`, undefined],
    ];
    for (const [method, url, body] of cases) {
      const res = await api(method, url, mm.headers, body);
      expect(res.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${url}`).toBeLessThan(500);
      expect(res.headers['content-type'], `${method} ${url}`).toContain('application/problem+json');
    }
  });
});

describe('merging duplicates', () => {
  it('keeps every text, who raised what and all supporters; the merged ones point to the survivor and show its status', async () => {
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: null });
    const a = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const b = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const c = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const d = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const one = (await raise(a, { text: 'Wachtlijst sociale woning is 6 jaar', domain: 'housing', peopleAffected: 3 })).body;
    const two = (await raise(b, { text: 'Ik vind geen betaalbare huurwoning', domain: 'housing', peopleAffected: 8 })).body;
    const three = (await raise(c, { text: 'لا أجد سكنًا بسعر معقول', lang: 'ar', domain: 'housing' })).body;
    await api('POST', `/policy/barriers/${two.id}/support`, d.headers, { note: 'Wij wonen met 5 in 2 kamers' });
    await api('POST', `/policy/barriers/${three.id}/support`, d.headers, {});
    await api('POST', `/policy/barriers/${one.id}/support`, c.headers, {});

    // A participant may not merge.
    expect((await api('POST', '/policy/barriers/merge', a.headers, { survivorId: one.id, mergeIds: [two.id] })).status).toBe(403);

    // First two into one, then that group (with a third) into another survivor: groups stay flat.
    expect((await api('POST', '/policy/barriers/merge', mm.headers, { survivorId: two.id, mergeIds: [three.id] })).status).toBe(200);
    const merged = await api('POST', '/policy/barriers/merge', mm.headers, { survivorId: one.id, mergeIds: [two.id] });
    expect(merged.status).toBe(200);
    const s = merged.body;
    expect(s.texts.map((t: { text: string }) => t.text).sort()).toEqual(
      ['Ik vind geen betaalbare huurwoning', 'Wachtlijst sociale woning is 6 jaar', 'لا أجد سكنًا بسعر معقول'].sort(),
    );
    expect(s.texts.map((t: { raisedBy: { personId: string } }) => t.raisedBy.personId).sort()).toEqual([a.personId, b.personId, c.personId].sort());
    // c supported one and raised three; d supported two and three: two distinct supporters.
    expect(s.supportCount).toBe(2);
    expect(s.supporters.map((x: { personId: string }) => x.personId).sort()).toEqual([c.personId, d.personId].sort());
    expect(s.peopleAffected).toBe(8);
    expect(s.mergedCount).toBe(2);

    for (const old of [two, three]) {
      const res = await api('GET', `/policy/barriers/${old.id}`, mm.headers);
      expect(res.body).toMatchObject({ status: 'merged', mergedIntoId: one.id, survivor: { id: one.id } });
    }
    // Merged ones leave the list; the survivor carries them.
    const list = (await api('GET', '/policy/barriers?domain=housing', mm.headers)).body.items.map((x: { id: string }) => x.id);
    expect(list).toContain(one.id);
    expect(list).not.toContain(two.id);

    // Who raised a merged barrier still sees it as theirs and follows the survivor's status.
    const mine = await api('GET', '/policy/barriers?mine=true', c.headers);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(one.id);
    await api('PATCH', `/policy/barriers/${one.id}`, mm.headers, { status: 'accepted', outcomeNote: 'De stad opent een wachtlijstloket' });
    const cView = await api('GET', `/policy/barriers/${three.id}`, c.headers);
    expect(cView.body.survivor).toMatchObject({ status: 'accepted', outcomeNote: 'De stad opent een wachtlijstloket' });

    // A second support by d on the survivor changes nothing: d is counted already.
    expect((await api('POST', `/policy/barriers/${one.id}/support`, d.headers, {})).body.supportCount).toBe(2);
    // Merging an already merged barrier again is a conflict.
    const again = await api('POST', '/policy/barriers/merge', mm.headers, { survivorId: one.id, mergeIds: [three.id] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('barrier_merged');
    expect((await api('POST', '/policy/barriers/merge', mm.headers, { survivorId: one.id, mergeIds: [one.id] })).status).toBe(400);
  });
});

describe('proposals and the steering group', () => {
  it('a decision at the steering group shows back on the barrier and reaches the people behind it by mail in their language', async () => {
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: null });
    const raiser = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    await ctx.db.update(accounts).set({ locale: 'fr' }).where(eq(accounts.id, raiser.accountId));
    const supporter = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const cityChildcare = await newPartner('Stad Sint-Niklaas, dienst kinderopvang');
    const barrier = (await raise(raiser, { text: 'Pas de garde d’enfants pendant la formation', actorPartnerId: cityChildcare.id })).body;
    await api('POST', `/policy/barriers/${barrier.id}/support`, supporter.headers, {});

    const noActor = await api('POST', '/policy/proposals', mm.headers, { title: 'Opvang', change: 'Flexibele opvang', barrierIds: [barrier.id] });
    expect(noActor.body.code).toBe('actor_required');
    const prop = await api('POST', '/policy/proposals', mm.headers, {
      title: 'Occasionele opvang tijdens opleidingen',
      change: 'Plaatsen in de stedelijke opvang voorbehouden voor moeders in opleiding',
      rationale: 'Vier moeders konden niet starten',
      actorPartnerId: cityChildcare.id,
      barrierIds: [barrier.id],
    });
    expect(prop.status).toBe(201);
    expect(prop.body).toMatchObject({
      status: 'draft',
      actorName: 'Stad Sint-Niklaas, dienst kinderopvang',
      barriers: [{ id: barrier.id, status: 'in-proposal' }],
    });

    const steering = await signedIn(ctx, org, 'steering-member', { placeId: null });
    const [contact] = await ctx.db
      .insert(partnerContacts)
      .values({ organisationId: org.id, partnerId: cityChildcare.id, name: 'Els De Smet', role: 'diensthoofd' })
      .returning();
    expect((await api('POST', '/policy/meetings', steering.headers, { heldOn: '2026-03-12' })).status).toBe(403);
    const options = await api('GET', '/policy/meetings/options', mm.headers);
    expect(options.body.members.map((m: { personId: string }) => m.personId)).toContain(steering.personId);
    const meeting = await api('POST', '/policy/meetings', mm.headers, {
      heldOn: '2026-03-12',
      location: 'Sociaal Huis Sint-Niklaas',
      memberPersonIds: [steering.personId],
      partnerContactIds: [contact.id],
    });
    expect(meeting.status).toBe(201);
    const other = (await raise(supporter, { text: 'Te weinig Nederlandse les in de avond', domain: 'language' })).body;
    const agenda = await api('PUT', `/policy/meetings/${meeting.body.id}/agenda`, mm.headers, {
      items: [{ barrierId: other.id }, { proposalId: prop.body.id, note: 'Voorstel van de groep' }],
    });
    expect(agenda.status).toBe(200);
    expect(agenda.body.agenda.map((i: { proposalId: string | null }) => i.proposalId)).toEqual([null, prop.body.id]);
    // Reordering keeps the items.
    const reordered = await api('PUT', `/policy/meetings/${meeting.body.id}/agenda`, mm.headers, {
      items: [{ proposalId: prop.body.id, note: 'Voorstel van de groep' }, { barrierId: other.id }],
    });
    expect(reordered.body.agenda.map((i: { barrierId: string | null }) => i.barrierId)).toEqual([null, other.id]);
    expect((await api('GET', `/policy/barriers/${barrier.id}`, raiser.headers)).body.status).toBe('on-agenda');

    const mailsBefore = ctx.mailer.outbox.length;
    const item = reordered.body.agenda[0];
    const decided = await api('POST', `/policy/meetings/${meeting.body.id}/agenda/${item.id}/decision`, mm.headers, {
      decision: 'De stuurgroep steunt het voorstel',
      actorAnswer: 'Vanaf september vier plaatsen voorbehouden',
      outcome: 'partly-accepted',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.agenda[0]).toMatchObject({ outcome: 'partly-accepted', actorAnswer: 'Vanaf september vier plaatsen voorbehouden' });

    const shown = await api('GET', `/policy/barriers/${barrier.id}`, raiser.headers);
    expect(shown.body).toMatchObject({ status: 'partly-accepted', outcomeNote: 'Vanaf september vier plaatsen voorbehouden' });
    expect(shown.body.history.map((e: { kind: string }) => e.kind)).toContain('status');
    const proposalAfter = await api('GET', `/policy/proposals/${prop.body.id}`, mm.headers);
    expect(proposalAfter.body).toMatchObject({ status: 'partly-accepted', answer: 'Vanaf september vier plaatsen voorbehouden', answeredOn: '2026-03-12' });

    const mails = ctx.mailer.outbox.slice(mailsBefore);
    expect(mails.map((m) => m.to).sort()).toEqual([raiser.login, supporter.login].sort());
    const fr = mails.find((m) => m.to === raiser.login);
    const nl = mails.find((m) => m.to === supporter.login);
    expect(fr?.text).toContain('Vanaf september vier plaatsen voorbehouden');
    expect(fr?.subject).not.toBe(nl?.subject);

    // A decided item stays on the agenda.
    const drop = await api('PUT', `/policy/meetings/${meeting.body.id}/agenda`, mm.headers, { items: [{ barrierId: other.id }] });
    expect(drop.status).toBe(409);

    // Steering members read the meeting and its minutes; participants do not.
    expect((await api('GET', `/policy/meetings/${meeting.body.id}`, steering.headers)).body.members).toHaveLength(2);
    expect((await api('GET', `/policy/meetings/${meeting.body.id}`, raiser.headers)).status).toBe(404);
    expect((await api('GET', '/policy/meetings', raiser.headers)).status).toBe(403);
    const pdf = await api('GET', `/policy/meetings/${meeting.body.id}/minutes.pdf?locale=ar`, steering.headers);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a partner worker sees only the proposals and barriers addressed to their organisation', async () => {
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: null });
    const vdab = await newPartner('VDAB Sint-Niklaas');
    const caw = await newPartner('CAW Oost-Vlaanderen');
    const worker = await signedIn(ctx, org, 'partner-worker', { placeId: null });
    await ctx.db.update(people).set({ partnerId: vdab.id }).where(eq(people.id, worker.personId));
    const participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const forVdab = (await raise(participant, { text: 'Opleiding start om 8u, school om 8u30', domain: 'education', actorPartnerId: vdab.id })).body;
    const forCaw = (await raise(participant, { text: 'Geen budgetbegeleiding zonder wachttijd', domain: 'income', actorPartnerId: caw.id })).body;
    const p1 = (
      await api('POST', '/policy/proposals', mm.headers, { title: 'Later starten', change: 'Start om 9u', actorPartnerId: vdab.id, barrierIds: [forVdab.id] })
    ).body;
    const p2 = (
      await api('POST', '/policy/proposals', mm.headers, {
        title: 'Snellere start',
        change: 'Geen wachtlijst',
        actorPartnerId: caw.id,
        barrierIds: [forCaw.id],
      })
    ).body;

    const proposals = await api('GET', '/policy/proposals', worker.headers);
    expect(proposals.body.items.map((p: { id: string }) => p.id)).toEqual([p1.id]);
    expect((await api('GET', `/policy/proposals/${p2.id}`, worker.headers)).status).toBe(404);
    expect((await api('GET', `/policy/barriers/${forVdab.id}`, worker.headers)).status).toBe(200);
    expect((await api('GET', `/policy/barriers/${forCaw.id}`, worker.headers)).status).toBe(404);
    expect((await api('PATCH', `/policy/proposals/${p1.id}`, worker.headers, { status: 'accepted' })).status).toBe(403);
    // Participants do not read the proposals list.
    expect((await api('GET', '/policy/proposals', participant.headers)).status).toBe(403);
  });
});

describe('stories', () => {
  it('withdrawing consent hides a story everywhere at once; only the person who gave it still sees it', async () => {
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: null });
    const mother = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const base = { personId: mother.personId, consentOn: '2026-02-01', domain: 'social-network', placeId: org.placeId };
    const quote = await api('POST', '/policy/stories', mm.headers, {
      ...base,
      text: 'Ik voel mij zelfzeker en gewaardeerd in de groep',
      consentScope: 'reports',
      attribution: 'custom',
      attributionText: 'een moeder uit Sint-Niklaas',
    });
    expect(quote.status).toBe(201);
    expect(quote.body.signedAs).toBe('een moeder uit Sint-Niklaas');
    const internal = (
      await api('POST', '/policy/stories', mm.headers, {
        ...base,
        text: 'Chic dat anderen dat in mij zagen',
        consentScope: 'internal',
        attribution: 'anonymous',
      })
    ).body;
    expect((await api('POST', '/policy/stories', mm.headers, { ...base, text: 'x y', consentScope: 'reports', attribution: 'custom' })).status).toBe(400);
    // Another participant may not record a story in someone else's name.
    const other = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    expect(
      (await api('POST', '/policy/stories', other.headers, { ...base, text: 'Niet van mij', consentScope: 'public', attribution: 'anonymous' })).status,
    ).toBe(403);

    let forReport = await policyService(ctx.db, loadConfig({ SCHAKEL_DEMO: 'false' }), ctx.mailer).storiesForReport(org.id, {});
    expect(forReport.map((s) => s.text)).toEqual(['Ik voel mij zelfzeker en gewaardeerd in de groep']);
    expect(forReport[0]).not.toHaveProperty('personId');
    expect(forReport.map((s) => s.id)).not.toContain(internal.id);

    const withdrawn = await api('POST', `/policy/stories/${quote.body.id}/withdraw`, mother.headers);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();

    forReport = await policyService(ctx.db, loadConfig({ SCHAKEL_DEMO: 'false' }), ctx.mailer).storiesForReport(org.id, {});
    expect(forReport).toEqual([]);
    expect((await api('GET', `/policy/stories/${quote.body.id}`, mm.headers)).status).toBe(404);
    expect((await api('GET', '/policy/stories', mm.headers)).body.items.map((s: { id: string }) => s.id)).not.toContain(quote.body.id);
    const hers = await api('GET', '/policy/stories', mother.headers);
    expect(hers.body.items.find((s: { id: string }) => s.id === quote.body.id)?.withdrawnAt).not.toBeNull();
    expect((await api('PATCH', `/policy/stories/${quote.body.id}`, mm.headers, { consentScope: 'public' })).status).toBe(404);
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.entityId, quote.body.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['policy.story.create', 'policy.story.withdraw']));
  });
});
