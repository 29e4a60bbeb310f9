import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import { createTestApp, login, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { auditLog, followUps, partners, people } from '../../db/schema/index.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../demo/seed.ts';
import { addDays, addMonths, today } from './service.ts';

let ctx: TestContext;
let org: TestOrganisation;
type Who = { headers: { cookie: string }; personId: string; accountId: string };
let companion: Who;
let colleague: Who;
let coordinator: Who;
let otherPlaceCoordinator: Who;
let matchmaker: Who;
let participant: Who;
let stranger: Who;
let partnerWorker: Who;
let ocmwId: string;
let vdabId: string;

const url = (path: string) => `/api/v1${path}`;
const get = (who: Who, path: string) => ctx.app.inject({ method: 'GET', url: url(path), headers: who.headers });
const send = (who: Who, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, payload?: unknown) =>
  ctx.app.inject({ method, url: url(path), headers: who.headers, payload: payload as Record<string, unknown> });

const entry = {
  gender: 'woman',
  isced: 2,
  employmentAtEntry: 'unemployed',
  unemployedSince: '2025-03-01',
  disability: 'refused',
  minority: 'no',
  foreignBackground: 'yes',
  thirdCountryNational: 'no',
  homeless: 'no',
  rural: 'refused',
};
const intakeBody = (participantId: string, extra: Record<string, unknown> = {}) => ({
  participantId,
  placeId: org.placeId,
  startedOn: addDays(today(), -30),
  birthDate: '2001-05-14',
  consents: { guidance: true, research: true, photosStories: false, sharePartnerIds: [ocmwId] },
  entry,
  ...extra,
});

async function audits(entityId: string, action: string) {
  return ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)));
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'SamenWerkt');
  const [ocmw, vdab] = await ctx.db
    .insert(partners)
    .values([
      { organisationId: org.id, name: 'OCMW Heusden-Zolder', kind: 'public-service' },
      { organisationId: org.id, name: 'VDAB', kind: 'public-service' },
    ])
    .returning();
  ocmwId = ocmw.id;
  vdabId = vdab.id;
  companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
  colleague = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
  coordinator = await signedIn(ctx, org, 'coordinator', { placeId: org.placeId });
  otherPlaceCoordinator = await signedIn(ctx, org, 'coordinator', { placeId: org.otherPlaceId });
  matchmaker = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
  participant = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
  stranger = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
  partnerWorker = await signedIn(ctx, org, 'partner-worker');
  await ctx.db.update(people).set({ partnerId: ocmwId }).where(eq(people.id, partnerWorker.personId));
});
afterAll(() => ctx.close());

describe('referral in', () => {
  it('records a partner referral for someone new, creating the participant, and lists it per place and status', async () => {
    const res = await send(companion, 'POST', '/referrals-in', {
      newParticipant: { givenName: 'Yusuf', familyName: 'Demir' },
      placeId: org.placeId,
      source: 'partner',
      partnerId: vdabId,
      referrerName: 'Els (VDAB-bemiddelaar)',
      referredOn: addDays(today(), -3),
      reason: 'Zoekt een eerste job, wil eerst rust in zijn hoofd.',
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ status: 'received', partnerName: 'VDAB', participant: { givenName: 'Yusuf', familyName: 'Demir' } });
    const [person] = await ctx.db.select().from(people).where(eq(people.id, r.participant.id));
    expect(person).toMatchObject({ kind: 'participant', placeId: org.placeId });

    const list = await get(companion, `/referrals-in?status=received&placeId=${org.placeId}`);
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await get(companion, '/referrals-in?status=started')).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    // Someone who takes in no referrals at all does not reach the list.
    expect((await get(matchmaker, '/referrals-in')).statusCode).toBe(403);
    expect((await get(otherPlaceCoordinator, '/referrals-in')).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);
  });

  it('plans the intake with a date, and records "not started" only with a reason', async () => {
    const p = await newParticipant(ctx.db, org, { givenName: 'Lotte' });
    const r = (await send(companion, 'POST', '/referrals-in', { participantId: p.id, placeId: org.placeId, source: 'self', referredOn: today() })).json();
    expect(r.source).toBe('self');
    const noDate = await send(companion, 'PATCH', `/referrals-in/${r.id}`, { status: 'intake-planned' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().code).toBe('validation_failed');
    const planned = await send(companion, 'PATCH', `/referrals-in/${r.id}`, { status: 'intake-planned', intakeOn: addDays(today(), 5) });
    expect(planned.json()).toMatchObject({ status: 'intake-planned', intakeOn: addDays(today(), 5) });
    expect((await send(companion, 'PATCH', `/referrals-in/${r.id}`, { status: 'not-started' })).statusCode).toBe(400);
    const notStarted = await send(companion, 'PATCH', `/referrals-in/${r.id}`, { status: 'not-started', notStartedReason: 'Verhuisd naar Gent.' });
    expect(notStarted.json()).toMatchObject({ status: 'not-started', notStartedReason: 'Verhuisd naar Gent.' });
  });

  it('refuses bad input with stable codes', async () => {
    const p = await newParticipant(ctx.db, org);
    const base = { participantId: p.id, placeId: org.placeId, referredOn: today() };
    expect((await send(companion, 'POST', '/referrals-in', { ...base, source: 'partner' })).json().code).toBe('validation_failed');
    expect((await send(companion, 'POST', '/referrals-in', { ...base, source: 'partner', partnerId: crypto.randomUUID() })).json().code).toBe(
      'unknown_partner',
    );
    expect((await send(companion, 'POST', '/referrals-in', { ...base, source: 'self', referredOn: addDays(today(), 10) })).json().code).toBe(
      'referred_in_future',
    );
    expect((await send(companion, 'POST', '/referrals-in', { ...base, source: 'self', participantId: companion.personId })).json().code).toBe(
      'unknown_participant',
    );
    expect((await send(companion, 'POST', '/referrals-in', { ...base, source: 'self', placeId: org.otherPlaceId })).statusCode).toBe(403);
    expect((await get(companion, '/referrals-in/not-a-uuid')).statusCode).toBe(400);
    expect((await get(companion, `/referrals-in/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('intake', () => {
  it('starts the pathway from a referral: consents, entry data, the companion as lead, the referral started', async () => {
    const p = await newParticipant(ctx.db, org, { givenName: 'Sara', familyName: 'Peeters' });
    const r = (
      await send(companion, 'POST', '/referrals-in', {
        participantId: p.id,
        placeId: org.placeId,
        source: 'partner',
        partnerId: ocmwId,
        referredOn: addDays(today(), -40),
      })
    ).json();
    const res = await send(companion, 'POST', '/pathways', intakeBody(p.id, { referralId: r.id }));
    expect(res.statusCode).toBe(201);
    const pw = res.json();
    expect(pw).toMatchObject({ status: 'active', capacity: 'team', guidanceConsent: true, leadCompanion: { id: companion.personId } });
    expect(pw.allowed).toContain('plan.write');
    expect((await get(companion, `/referrals-in/${r.id}`)).json()).toMatchObject({ status: 'started', pathwayId: pw.id });
    const consents = (await get(companion, `/pathways/${pw.id}/consents`)).json().items;
    expect(consents.map((c: { purpose: string }) => c.purpose).sort()).toEqual(['guidance', 'research', 'share-with-partner']);
    const data = (await get(companion, `/pathways/${pw.id}/entry-data`)).json();
    expect(data).toMatchObject({ birthDate: '2001-05-14', gender: 'woman', isced: 2, unemployedSince: '2025-03-01', rural: 'refused' });
    expect(data.specialCategories).toEqual({ disability: 'refused', minority: 'no', foreignBackground: 'yes' });
    expect(data.collectionAttemptedAt).not.toBeNull();
    // The audit log says entry data was recorded, not what the special categories are.
    const [created] = await audits(pw.id, 'create');
    expect(JSON.stringify(created.changes)).not.toContain('refused');
    expect((await send(companion, 'POST', '/pathways', intakeBody(p.id))).json().code).toBe('pathway_open');
    expect((await send(companion, 'POST', '/pathways', intakeBody(p.id, { referralId: r.id }))).json().code).toBe('referral_started');
  });

  it('starts one pathway when two intakes for the same person are sent at the same moment', async () => {
    const p = await newParticipant(ctx.db, org);
    const both = await Promise.all([send(companion, 'POST', '/pathways', intakeBody(p.id)), send(companion, 'POST', '/pathways', intakeBody(p.id))]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)?.json().code).toBe('pathway_open');
  });

  it('checks the entry data with clear errors', async () => {
    const p = await newParticipant(ctx.db, org);
    const code = async (body: Record<string, unknown>) => {
      const res = await send(companion, 'POST', '/pathways', body);
      expect(res.statusCode).toBe(400);
      return res.json().code;
    };
    expect(await code(intakeBody(p.id, { entry: { ...entry, unemployedSince: null } }))).toBe('unemployed_since_required');
    expect(await code(intakeBody(p.id, { entry: { ...entry, unemployedSince: today() } }))).toBe('unemployed_since_after_start');
    expect(await code(intakeBody(p.id, { startedOn: addDays(today(), 3) }))).toBe('start_in_future');
    expect(await code(intakeBody(p.id, { birthDate: '1890-01-01' }))).toBe('birth_date_implausible');
    expect(await code(intakeBody(p.id, { birthDate: addDays(today(), -365 * 5) }))).toBe('birth_date_implausible');
    expect(await code(intakeBody(p.id, { consents: { guidance: false } }))).toBe('validation_failed');
    expect(await code(intakeBody(p.id, { entry: { ...entry, isced: 9 } }))).toBe('validation_failed');
    expect(await code(intakeBody(p.id, { entry: { ...entry, disability: 'maybe' } }))).toBe('validation_failed');
    // Tomorrow is fine (an intake late in the evening); someone not unemployed needs no date.
    const ok = await send(
      companion,
      'POST',
      '/pathways',
      intakeBody(p.id, { startedOn: addDays(today(), 1), entry: { ...entry, employmentAtEntry: 'inactive', unemployedSince: null } }),
    );
    expect(ok.statusCode).toBe(201);
    // Malformed JSON is a 400, never a 500.
    const bad = await ctx.app.inject({
      method: 'POST',
      url: url('/pathways'),
      headers: { ...companion.headers, 'content-type': 'application/json' },
      payload: '{"participantId":',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('access to one pathway', () => {
  let pathwayId: string;
  beforeAll(async () => {
    const pw = await newPathway(ctx.db, org, {
      participantId: participant.personId,
      companionPersonId: companion.personId,
      entry: {
        gender: 'man',
        isced: 3,
        employmentAtEntry: 'unemployed',
        unemployedSince: '2025-01-01',
        disability: 'yes',
        minority: 'refused',
        foreignBackground: 'no',
      },
    });
    pathwayId = pw.id;
  });

  it('the team sees special categories and each read is audited; a lead sees the entry data without them, unaudited', async () => {
    const before = (await audits(pathwayId, 'read-special-categories')).length;
    const team = (await get(companion, `/pathways/${pathwayId}/entry-data`)).json();
    expect(team.specialCategories).toEqual({ disability: 'yes', minority: 'refused', foreignBackground: 'no' });
    expect((await audits(pathwayId, 'read-special-categories')).length).toBe(before + 1);
    const lead = await get(coordinator, `/pathways/${pathwayId}/entry-data`);
    expect(lead.statusCode).toBe(200);
    expect(lead.json()).toMatchObject({ gender: 'man', specialCategories: null });
    expect((await audits(pathwayId, 'read-special-categories')).length).toBe(before + 1);
    const own = (await get(participant, `/pathways/${pathwayId}/entry-data`)).json();
    expect(own.specialCategories.disability).toBe('yes');
    expect((await audits(pathwayId, 'read-special-categories')).length).toBe(before + 2);
  });

  it('others never learn the pathway exists', async () => {
    for (const who of [stranger, matchmaker, otherPlaceCoordinator, colleague, partnerWorker]) {
      expect((await get(who, `/pathways/${pathwayId}`)).statusCode).toBe(404);
      expect((await get(who, `/pathways/${pathwayId}/plan`)).statusCode).toBe(404);
      expect((await send(who, 'POST', `/pathways/${pathwayId}/goals`, { lifeDomain: 'work', text: 'x' })).statusCode).toBe(404);
    }
    expect((await get(coordinator, `/pathways/${pathwayId}`)).json()).toMatchObject({ capacity: 'lead' });
    expect((await get(companion, `/pathways/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('the participant edits their own plan: a goal, a step, ticked done; the lead reads but does not write', async () => {
    const own = (await get(participant, '/my-pathway')).json();
    expect(own.pathway).toMatchObject({ id: pathwayId, capacity: 'participant' });
    expect(own.pathway.allowed).not.toContain('team.manage');
    const g = await send(participant, 'POST', `/pathways/${pathwayId}/goals`, { lifeDomain: 'work', text: 'Ik wil in een keuken werken' });
    expect(g.statusCode).toBe(201);
    const goalId = g.json().items[0].id;
    const s = await send(participant, 'POST', `/pathways/${pathwayId}/goals/${goalId}/steps`, { text: 'Proefdag bij De Kookpot', dueOn: addDays(today(), 7) });
    const stepId = s.json().items[0].steps[0].id;
    expect(s.json().items[0].steps[0]).toMatchObject({ owner: 'participant', status: 'todo' });
    const done = await send(participant, 'PATCH', `/pathways/${pathwayId}/steps/${stepId}`, { status: 'done' });
    expect(done.json().items[0].steps[0].status).toBe('done');
    expect((await get(companion, `/pathways/${pathwayId}/plan`)).json().items[0].steps[0].status).toBe('done');
    expect((await get(coordinator, `/pathways/${pathwayId}/plan`)).statusCode).toBe(200);
    expect((await send(coordinator, 'POST', `/pathways/${pathwayId}/goals`, { lifeDomain: 'work', text: 'x' })).statusCode).toBe(403);
    expect((await send(participant, 'POST', `/pathways/${pathwayId}/team`, { personId: colleague.personId })).statusCode).toBe(403);
  });

  it('reorders goals and steps; a wrong list is refused', async () => {
    const a = (await send(companion, 'POST', `/pathways/${pathwayId}/goals`, { lifeDomain: 'housing', text: 'Een eigen studio' })).json();
    const goals = a.items.map((g: { id: string }) => g.id);
    const reversed = [...goals].reverse();
    const res = await send(companion, 'PUT', `/pathways/${pathwayId}/goals/order`, { ids: reversed });
    expect(res.json().items.map((g: { id: string }) => g.id)).toEqual(reversed);
    expect((await send(companion, 'PUT', `/pathways/${pathwayId}/goals/order`, { ids: [goals[0]] })).json().code).toBe('order_mismatch');
    const goalId = reversed[0];
    await send(companion, 'POST', `/pathways/${pathwayId}/goals/${goalId}/steps`, { text: 'Inschrijven bij sociaal verhuurkantoor', owner: 'companion' });
    const withTwo = (
      await send(companion, 'POST', `/pathways/${pathwayId}/goals/${goalId}/steps`, {
        text: 'Budget bekijken met OCMW',
        owner: 'partner',
        ownerPartnerId: ocmwId,
      })
    ).json();
    const steps = withTwo.items[0].steps;
    expect(steps[1]).toMatchObject({ owner: 'partner', ownerPartnerName: 'OCMW Heusden-Zolder' });
    const swapped = (await send(companion, 'PUT', `/pathways/${pathwayId}/goals/${goalId}/steps/order`, { ids: [steps[1].id, steps[0].id] })).json();
    expect(swapped.items[0].steps.map((s: { text: string }) => s.text)).toEqual(['Budget bekijken met OCMW', 'Inschrijven bij sociaal verhuurkantoor']);
  });

  it('another participant cannot reach this plan, not even through their own /my-pathway', async () => {
    expect((await get(stranger, '/my-pathway')).json()).toEqual({ pathway: null, plan: [] });
    expect((await get(stranger, `/pathways/${pathwayId}/entry-data`)).statusCode).toBe(404);
  });
});

describe('consent', () => {
  it('a withdrawn guidance consent blocks new records by the team at once; the participant keeps their plan; consent again unblocks', async () => {
    const p = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const pw = await newPathway(ctx.db, org, { participantId: p.personId, companionPersonId: companion.personId });
    const goal = (await send(companion, 'POST', `/pathways/${pw.id}/goals`, { lifeDomain: 'health', text: 'Beter slapen' })).json().items[0];
    const guidance = (await get(companion, `/pathways/${pw.id}/consents`)).json().items.find((c: { purpose: string }) => c.purpose === 'guidance');
    const withdrawn = await send(p, 'POST', `/pathways/${pw.id}/consents/${guidance.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().items[0]).toMatchObject({ standing: false });
    expect(await audits(guidance.id, 'withdraw')).toHaveLength(1);

    const blocked = await send(companion, 'POST', `/pathways/${pw.id}/goals/${goal.id}/steps`, { text: 'Naar de huisarts' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('consent_withdrawn');
    expect((await send(companion, 'POST', `/pathways/${pw.id}/events`, { occurredOn: today(), type: 'job-searching' })).json().code).toBe('consent_withdrawn');
    const overview = (await get(companion, `/pathways/${pw.id}`)).json();
    expect(overview.guidanceConsent).toBe(false);
    expect(overview.allowed).not.toContain('plan.write');
    expect((await send(p, 'POST', `/pathways/${pw.id}/goals/${goal.id}/steps`, { text: 'Vroeger gaan slapen' })).statusCode).toBe(201);
    expect((await send(companion, 'POST', `/pathways/${pw.id}/consents/${guidance.id}/withdraw`)).json().code).toBe('consent_already_withdrawn');

    // History kept: the withdrawn row stays; a new consent stands beside it.
    const again = await send(companion, 'POST', `/pathways/${pw.id}/consents`, { purpose: 'guidance', scope: 'Opnieuw besproken op huisbezoek' });
    expect(again.statusCode).toBe(201);
    expect(again.json().items.filter((c: { purpose: string }) => c.purpose === 'guidance')).toHaveLength(2);
    expect((await send(companion, 'POST', `/pathways/${pw.id}/goals/${goal.id}/steps`, { text: 'Naar de huisarts' })).statusCode).toBe(201);
    expect((await send(companion, 'POST', `/pathways/${pw.id}/consents`, { purpose: 'guidance' })).json().code).toBe('consent_exists');
    expect((await send(companion, 'POST', `/pathways/${pw.id}/consents`, { purpose: 'share-with-partner' })).json().code).toBe('validation_failed');
    // The lead reads consents but does not record them.
    expect((await get(coordinator, `/pathways/${pw.id}/consents`)).statusCode).toBe(200);
    expect((await send(coordinator, 'POST', `/pathways/${pw.id}/consents`, { purpose: 'research' })).statusCode).toBe(403);
  });
});

describe('team', () => {
  it('adds staff and partner workers, refuses participants, hands the lead over, and tells matching who walks beside whom', async () => {
    const p = await newParticipant(ctx.db, org);
    const pw = await newPathway(ctx.db, org, { participantId: p.id, companionPersonId: companion.personId });
    const candidates = (await get(companion, `/pathways/${pw.id}/team/candidates?q=partner`)).json().items;
    expect(candidates.map((c: { personId: string }) => c.personId)).toContain(partnerWorker.personId);
    const added = (await send(companion, 'POST', `/pathways/${pw.id}/team`, { personId: partnerWorker.personId })).json().items;
    expect(added.find((m: { personId: string }) => m.personId === partnerWorker.personId)).toMatchObject({
      role: 'partner-worker',
      partnerName: 'OCMW Heusden-Zolder',
    });
    // On the team, the partner worker now reaches the pathway.
    expect((await get(partnerWorker, `/pathways/${pw.id}`)).json().capacity).toBe('team');
    expect((await send(companion, 'POST', `/pathways/${pw.id}/team`, { personId: p.id })).json().code).toBe('not_staff');
    expect((await send(companion, 'POST', `/pathways/${pw.id}/team`, { personId: partnerWorker.personId })).json().code).toBe('already_on_team');
    const withColleague = (await send(companion, 'POST', `/pathways/${pw.id}/team`, { personId: colleague.personId })).json().items;
    expect(await ctx.app.services.pathways.companionsOf(org.id, p.id)).toEqual(
      expect.arrayContaining([companion.personId, partnerWorker.personId, colleague.personId]),
    );

    const lead = withColleague.find((m: { personId: string }) => m.personId === companion.personId);
    const col = withColleague.find((m: { personId: string }) => m.personId === colleague.personId);
    expect((await send(companion, 'DELETE', `/pathways/${pw.id}/team/${lead.id}`)).json().code).toBe('lead_must_hand_over');
    // Only the lead companion (or a lead) hands the lead over.
    expect((await send(partnerWorker, 'POST', `/pathways/${pw.id}/team/${col.id}/lead`)).statusCode).toBe(403);
    const handed = (await send(companion, 'POST', `/pathways/${pw.id}/team/${col.id}/lead`)).json().items;
    expect(handed.find((m: { personId: string }) => m.personId === colleague.personId).role).toBe('lead-companion');
    expect(handed.find((m: { personId: string }) => m.personId === companion.personId).role).toBe('companion');
    const left = (await send(colleague, 'DELETE', `/pathways/${pw.id}/team/${lead.id}`)).json().items;
    expect(left.find((m: { personId: string }) => m.personId === companion.personId).leftOn).toBe(today());
    expect((await get(companion, `/pathways/${pw.id}`)).statusCode).toBe(404);
    expect(await ctx.app.services.pathways.companionsOf(org.id, p.id)).not.toContain(companion.personId);
  });
});

describe('ending and follow-up', () => {
  it('ends with an outcome: the ESF event, the follow-up in six months, reminded once, recorded when due; reopened only by a lead', async () => {
    const p = await newParticipant(ctx.db, org, { givenName: 'Noor', familyName: 'Jacobs' });
    const pw = await newPathway(ctx.db, org, { participantId: p.id, companionPersonId: companion.personId, startedOn: addDays(today(), -200) });
    expect((await send(companion, 'POST', `/pathways/${pw.id}/end`, { endedOn: today(), outcome: 'dropped-out' })).json().code).toBe('validation_failed');
    expect((await send(companion, 'POST', `/pathways/${pw.id}/end`, { endedOn: addDays(today(), -300), outcome: 'work' })).json().code).toBe(
      'ended_before_start',
    );
    const endedOn = addDays(today(), -10);
    const ended = await send(companion, 'POST', `/pathways/${pw.id}/end`, { endedOn, outcome: 'work' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', endedOn, exitOutcome: 'work', followUp: { dueOn: addMonths(endedOn, 6), due: false } });
    expect((await get(companion, `/pathways/${pw.id}/events`)).json().items).toMatchObject([{ type: 'employment', occurredOn: endedOn }]);
    expect((await send(companion, 'POST', `/pathways/${pw.id}/end`, { endedOn, outcome: 'work' })).json().code).toBe('pathway_not_active');
    // The plan of an ended pathway is read-only.
    expect((await send(companion, 'POST', `/pathways/${pw.id}/goals`, { lifeDomain: 'work', text: 'x' })).json().code).toBe('pathway_ended');
    // A job found within four weeks is added as an event.
    const events = await send(companion, 'POST', `/pathways/${pw.id}/events`, {
      occurredOn: addDays(endedOn, 5),
      type: 'self-employment',
      note: 'Start als zelfstandig kok',
    });
    expect(events.json().items).toHaveLength(2);
    expect((await send(companion, 'POST', `/pathways/${pw.id}/events`, { occurredOn: addDays(today(), 9), type: 'employment' })).json().code).toBe(
      'event_in_future',
    );

    const early = await send(companion, 'PUT', `/pathways/${pw.id}/follow-up`, { employed: true, improvedSituation: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('follow_up_not_due');

    // Six months later: due. The team is mailed once.
    await ctx.db
      .update(followUps)
      .set({ dueOn: addDays(today(), -1) })
      .where(eq(followUps.pathwayId, pw.id));
    const before = ctx.mailer.outbox.length;
    expect(await ctx.app.services.pathways.sendFollowUpReminders()).toBeGreaterThanOrEqual(1);
    const mails = ctx.mailer.outbox.slice(before).filter((m) => m.subject.includes('Noor Jacobs'));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`/pathways/${pw.id}/ending`);
    await ctx.app.services.pathways.sendFollowUpReminders();
    expect(ctx.mailer.outbox.slice(before).filter((m) => m.subject.includes('Noor Jacobs'))).toHaveLength(1);
    expect((await get(companion, '/pathways/follow-ups-due')).json().items.map((f: { pathwayId: string }) => f.pathwayId)).toContain(pw.id);
    expect((await get(coordinator, '/pathways/follow-ups-due')).json().items.map((f: { pathwayId: string }) => f.pathwayId)).toContain(pw.id);
    expect((await get(otherPlaceCoordinator, '/pathways/follow-ups-due')).json().items.map((f: { pathwayId: string }) => f.pathwayId)).not.toContain(pw.id);

    const done = await send(companion, 'PUT', `/pathways/${pw.id}/follow-up`, { employed: true, improvedSituation: false, note: 'Nog steeds in de keuken' });
    expect(done.json().followUp).toMatchObject({ doneOn: today(), employed: true, improvedSituation: false });
    expect((await send(companion, 'PUT', `/pathways/${pw.id}/follow-up`, { employed: true, improvedSituation: true })).json().code).toBe('follow_up_done');
    expect((await get(companion, '/pathways/follow-ups-due')).json().items.map((f: { pathwayId: string }) => f.pathwayId)).not.toContain(pw.id);

    expect((await send(companion, 'POST', `/pathways/${pw.id}/reopen`)).statusCode).toBe(403);
    expect((await get(coordinator, `/pathways/${pw.id}`)).json().mayReopen).toBe(true);
    const reopened = await send(coordinator, 'POST', `/pathways/${pw.id}/reopen`);
    expect(reopened.json()).toMatchObject({ status: 'active', endedOn: null, exitOutcome: null });
    expect(await audits(pw.id, 'reopen')).toHaveLength(1);
    expect((await send(coordinator, 'POST', `/pathways/${pw.id}/reopen`)).json().code).toBe('pathway_not_ended');
  });

  it('a dropped-out ending keeps the reason, adds no ESF event', async () => {
    const p = await newParticipant(ctx.db, org);
    const pw = await newPathway(ctx.db, org, { participantId: p.id, companionPersonId: companion.personId });
    const res = await send(coordinator, 'POST', `/pathways/${pw.id}/end`, {
      endedOn: today(),
      outcome: 'dropped-out',
      note: 'Niet meer bereikbaar sinds de zomer',
    });
    expect(res.json()).toMatchObject({ exitOutcome: 'dropped-out', exitNote: 'Niet meer bereikbaar sinds de zomer' });
    expect((await get(companion, `/pathways/${pw.id}/events`)).json().items).toEqual([]);
  });
});

describe('caseload', () => {
  it('lists my pathways, my places pathways as a lead, and finds by name', async () => {
    const p = await newParticipant(ctx.db, org, { givenName: 'Zeynep', familyName: 'Kaya' });
    const pw = await newPathway(ctx.db, org, { participantId: p.id, companionPersonId: colleague.personId });
    const mine = (await get(colleague, '/pathways?scope=mine')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(pw.id);
    expect((await get(companion, '/pathways?scope=mine')).json().items.map((x: { id: string }) => x.id)).not.toContain(pw.id);
    expect((await get(companion, '/pathways?scope=place')).statusCode).toBe(403);
    const place = (await get(coordinator, '/pathways?scope=place&q=zeyn')).json();
    expect(place.items).toHaveLength(1);
    expect(place.items[0]).toMatchObject({ id: pw.id, participant: { familyName: 'Kaya' } });
    expect((await get(otherPlaceCoordinator, '/pathways?scope=place&q=zeyn')).json().items).toEqual([]);
    expect((await get(participant, '/pathways')).statusCode).toBe(403);
    expect((await get(coordinator, '/pathways?scope=everything')).json().code).toBe('validation_failed');
  });
});

describe('bad input', () => {
  it('every pathways route answers junk with a problem and a stable code, never a 500', async () => {
    const p = await newParticipant(ctx.db, org);
    const pw = await newPathway(ctx.db, org, { participantId: p.id, companionPersonId: companion.personId });
    const goal = (await send(companion, 'POST', `/pathways/${pw.id}/goals`, { lifeDomain: 'work', text: 'Werk' })).json().items[0];
    const routes: ['POST' | 'PUT' | 'PATCH', string][] = [
      ['POST', '/referrals-in'],
      ['PATCH', `/referrals-in/${crypto.randomUUID()}`],
      ['POST', '/pathways'],
      ['PUT', `/pathways/${pw.id}/entry-data`],
      ['POST', `/pathways/${pw.id}/consents`],
      ['POST', `/pathways/${pw.id}/team`],
      ['POST', `/pathways/${pw.id}/goals`],
      ['PUT', `/pathways/${pw.id}/goals/order`],
      ['PATCH', `/pathways/${pw.id}/goals/${goal.id}`],
      ['POST', `/pathways/${pw.id}/goals/${goal.id}/steps`],
      ['PUT', `/pathways/${pw.id}/goals/${goal.id}/steps/order`],
      ['PATCH', `/pathways/${pw.id}/steps/${crypto.randomUUID()}`],
      ['POST', `/pathways/${pw.id}/end`],
      ['POST', `/pathways/${pw.id}/events`],
      ['PUT', `/pathways/${pw.id}/follow-up`],
    ];
    const junk: unknown[] = [
      {},
      { text: 'x'.repeat(5000), lifeDomain: 'moon', ids: ['not-a-uuid'], isced: '3', status: 42 },
      { endedOn: '2026-02-30', occurredOn: 'yesterday', outcome: 'rich', type: null, employed: 'yes', personId: 'me' },
      { participantId: crypto.randomUUID(), placeId: org.placeId, source: 'self', referredOn: '1999-13-01', status: 'started' },
      { purpose: 'share-with-partner', partnerId: crypto.randomUUID(), ownerPersonId: crypto.randomUUID(), text: 'stap' },
      { personId: crypto.randomUUID(), ids: [goal.id, goal.id], status: 'done' },
    ];
    for (const [method, path] of routes) {
      for (const body of junk) {
        const res = await send(companion, method, path, body);
        const what = `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        // A patch of a goal may hold nothing wrong (unknown keys are dropped); everything else here is refused.
        if (res.statusCode < 400 && method === 'PATCH' && path.includes('/goals/')) continue;
        expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toMatch(/^[a-z_]+$/);
      }
    }
    // An id that is not a uuid is a 400; a well-formed one nobody has is a 404.
    expect((await get(companion, '/pathways/123/plan')).json().code).toBe('validation_failed');
    expect((await get(companion, `/pathways/${crypto.randomUUID()}/plan`)).statusCode).toBe(404);
  });
});

describe('demo data', () => {
  let demo: TestContext;
  beforeAll(async () => {
    demo = await createTestApp();
    await loadDemoIfEmpty(demo.db);
  });
  afterAll(() => demo.close());

  it('gives each screen something real: the companion caseload, the participant plan, referrals from every kind of source, a follow-up due', async () => {
    const as = async (loginName: string) => ({ headers: { cookie: (await login(demo.app, loginName, DEMO_PASSWORD)).cookie } });
    const companionH = await as('companion@blenders.demo');
    const caseload = (await demo.app.inject({ url: url('/pathways?scope=mine'), ...companionH })).json();
    expect(caseload.total).toBeGreaterThanOrEqual(5);
    const mine = (await demo.app.inject({ url: url('/my-pathway'), ...(await as('deelnemer@blenders.demo')) })).json();
    expect(mine.pathway.leadCompanion).toMatchObject({ givenName: 'Joyce' });
    expect(mine.plan.length).toBeGreaterThanOrEqual(2);
    expect(caseload.items.map((p: { id: string }) => p.id)).toContain(mine.pathway.id);
    // The partner worker (VDAB) is on the demo participant's team.
    expect((await demo.app.inject({ url: url(`/pathways/${mine.pathway.id}`), ...(await as('partner@blenders.demo')) })).json().capacity).toBe('team');

    const coordinatorH = await as('coordinator@blenders.demo');
    const all = (await demo.app.inject({ url: url('/pathways?scope=place&limit=100'), ...coordinatorH })).json();
    expect(all.total).toBeGreaterThanOrEqual(12);
    expect(all.items.filter((p: { status: string }) => p.status === 'ended')).toHaveLength(2);
    expect((await demo.app.inject({ url: url('/pathways/follow-ups-due'), ...coordinatorH })).json().items).toHaveLength(1);
    const referrals = (await demo.app.inject({ url: url('/referrals-in?limit=100'), ...coordinatorH })).json().items;
    const from = new Set(referrals.map((r: { source: string; partnerName: string | null }) => r.partnerName ?? r.source));
    for (const source of ['VDAB', 'OCMW Lier', 'Atheneum Lier', 'Opvangcentrum De Vaart', 'self']) expect(from).toContain(source);
    expect(referrals.map((r: { status: string }) => r.status)).toEqual(expect.arrayContaining(['received', 'intake-planned', 'not-started', 'started']));
  });
});
