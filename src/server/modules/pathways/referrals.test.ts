import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import {
  createTestApp,
  login,
  newAccount,
  newOrganisation,
  newParticipant,
  signedIn,
  type TestContext,
  type TestOrganisation,
} from '../../../../test/helper.ts';
import { auditLog, consents, journalEntries, occurrences, partnerContacts, partners, people, registrations } from '../../db/schema/index.ts';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;
type Who = { headers: { cookie: string }; personId: string; accountId: string; login: string };
let companion: Who;
let coordinator: Who;
let partnerWorker: Who;
let otherPartnerWorker: Who;
let caw: { id: string; contactId: string };
let ocmw: { id: string };
let participant: { id: string };
let pathwayId: string;

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: { headers: { cookie: string } }, payload?: unknown) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function newPartner(o: TestOrganisation, name: string, contactEmail?: string) {
  const [p] = await ctx.db.insert(partners).values({ organisationId: o.id, name, kind: 'welfare' }).returning();
  const [c] = await ctx.db
    .insert(partnerContacts)
    .values({ organisationId: o.id, partnerId: p.id, name: `${name} onthaal`, email: contactEmail ?? null })
    .returning();
  return { id: p.id, contactId: c.id };
}

async function partnerWorkerOf(o: TestOrganisation, partnerId: string): Promise<Who> {
  const w = await signedIn(ctx, o, 'partner-worker');
  await ctx.db
    .update(people)
    .set({ partnerId })
    .where(and(eq(people.organisationId, o.id), eq(people.id, w.personId)));
  return w;
}

async function consentFor(participantId: string, partnerId: string) {
  const [c] = await ctx.db
    .insert(consents)
    .values({ organisationId: org.id, participantId, purpose: 'share-with-partner', partnerId, scope: 'naam en telefoon' })
    .returning();
  return c.id;
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'OCMW Sint-Niklaas');
  other = await newOrganisation(ctx.db, 'Elders');
  companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
  coordinator = await signedIn(ctx, org, 'coordinator', { placeId: org.placeId });
  caw = await newPartner(org, 'CAW Waasland', 'onthaal@caw.example');
  ocmw = await newPartner(org, 'OCMW Sint-Niklaas sociale dienst');
  partnerWorker = await partnerWorkerOf(org, caw.id);
  otherPartnerWorker = await partnerWorkerOf(org, ocmw.id);
  participant = await newParticipant(ctx.db, org, { givenName: 'Samira', familyName: 'El Idrissi', email: 'samira@example.org', phone: '0470 12 34 56' });
  const pathway = await newPathway(ctx.db, org, { participantId: participant.id, companionPersonId: companion.personId });
  pathwayId = pathway.id;
  await ctx.db.insert(journalEntries).values({
    organisationId: org.id,
    pathwayId,
    authorPersonId: companion.personId,
    occurredAt: new Date('2026-02-02T10:00:00Z'),
    type: 'meeting',
    note: 'Schulden besproken, geheime notitie',
    visibility: 'team',
  });
});
afterAll(() => ctx.close());

describe('referral out', () => {
  let referralId: string;

  it('the team proposes a referral with the service, a handover note and the contact details to share', async () => {
    const res = await api('POST', `/pathways/${pathwayId}/referrals-out`, companion, {
      partnerId: caw.id,
      partnerContactId: caw.contactId,
      service: 'Budgetbegeleiding',
      handoverNote: 'Samira wil graag hulp bij haar facturen; liefst op dinsdag.',
      sharedContact: ['phone', 'phone'],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'proposed',
      partnerName: 'CAW Waasland',
      service: 'Budgetbegeleiding',
      sharedContact: ['phone'],
      consentStanding: false,
      canEdit: true,
    });
    expect(body.next).toEqual(['sent', 'cancelled']);
    referralId = body.id;
  });

  it('cannot be sent without a share-with-partner consent for that partner; sending links the consent and mails the contact without personal data', async () => {
    const refused = await api('POST', `/referrals-out/${referralId}/status`, companion, { status: 'sent' });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('consent_required');

    // A consent for another partner does not count.
    await consentFor(participant.id, ocmw.id);
    expect((await api('POST', `/referrals-out/${referralId}/status`, companion, { status: 'sent' })).json().code).toBe('consent_required');

    const consentId = await consentFor(participant.id, caw.id);
    const before = ctx.mailer.outbox.length;
    const sent = await api('POST', `/referrals-out/${referralId}/status`, companion, { status: 'sent' });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', consentId, consentStanding: true });
    expect(sent.json().sentAt).not.toBeNull();
    const mail = ctx.mailer.outbox.slice(before);
    expect(mail).toHaveLength(1);
    expect(mail[0].to).toBe('onthaal@caw.example');
    expect(mail[0].subject).toContain('OCMW Sint-Niklaas');
    expect(mail[0].text).toContain('http://schakel.test/partner/referrals');
    expect(mail[0].text).not.toContain('Samira');
    expect(mail[0].text).not.toContain('Budgetbegeleiding');
  });

  it('the partner worker sees it in their inbox with only what the consent covers', async () => {
    const inbox = await api('GET', '/partner/referrals', partnerWorker);
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().partnerName).toBe('CAW Waasland');
    expect(inbox.json().items).toHaveLength(1);
    const item = inbox.json().items[0];
    expect(item).toMatchObject({
      id: referralId,
      organisationName: 'OCMW Sint-Niklaas',
      participant: { givenName: 'Samira', familyName: 'El Idrissi', phone: '0470 12 34 56', email: null },
      service: 'Budgetbegeleiding',
      handoverNote: 'Samira wil graag hulp bij haar facturen; liefst op dinsdag.',
      status: 'sent',
      next: ['accepted', 'declined'],
    });
    // Nothing of the file: no journal, no pathway id, no plan.
    expect(JSON.stringify(inbox.json())).not.toContain('geheime notitie');
    expect(JSON.stringify(inbox.json())).not.toContain(pathwayId);
    // The partner worker has no capacity on the pathway itself.
    expect((await api('GET', `/pathways/${pathwayId}/referrals-out`, partnerWorker)).statusCode).toBe(404);
    expect((await api('GET', `/referrals-out/${referralId}`, partnerWorker)).statusCode).toBe(404);
  });

  it("another partner's worker, a companion and a participant never see it in a partner inbox", async () => {
    expect((await api('GET', '/partner/referrals', otherPartnerWorker)).json().items).toEqual([]);
    expect((await api('GET', `/partner/referrals/${referralId}`, otherPartnerWorker)).statusCode).toBe(404);
    expect((await api('GET', '/partner/referrals', companion)).statusCode).toBe(403);
    const p = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    expect((await api('GET', `/partner/referrals/${referralId}`, p)).statusCode).toBe(403);
    // A partner worker of another organisation with the same partner id gets nothing either.
    const stranger = await signedIn(ctx, other, 'partner-worker');
    expect((await api('GET', `/partner/referrals/${referralId}`, stranger)).statusCode).toBe(404);
  });

  it('the partner worker accepts, gives feedback and reports the start; the team sees it', async () => {
    const accepted = await api('POST', `/partner/referrals/${referralId}/answer`, partnerWorker, {
      status: 'accepted',
      feedback: 'Intake op 12 maart bij Lien.',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', partnerFeedback: 'Intake op 12 maart bij Lien.', next: ['started', 'declined'] });
    const wrong = await api('POST', `/partner/referrals/${referralId}/answer`, partnerWorker, { status: 'completed' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('referral_transition_invalid');
    expect((await api('POST', `/partner/referrals/${referralId}/answer`, partnerWorker, { status: 'started' })).json().status).toBe('started');

    const list = await api('GET', `/pathways/${pathwayId}/referrals-out`, companion);
    expect(list.json().items[0]).toMatchObject({ status: 'started', partnerFeedback: 'Intake op 12 maart bij Lien.' });
    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.entityId, referralId)));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'send', 'partner-answer']));
  });

  it('a withdrawn consent removes the referral from the inbox at once; the team sees that the consent no longer stands', async () => {
    await ctx.db
      .update(consents)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(consents.organisationId, org.id), eq(consents.participantId, participant.id), eq(consents.partnerId, caw.id)));
    expect((await api('GET', '/partner/referrals?show=all', partnerWorker)).json().items).toEqual([]);
    expect((await api('GET', `/partner/referrals/${referralId}`, partnerWorker)).statusCode).toBe(404);
    expect((await api('POST', `/partner/referrals/${referralId}/answer`, partnerWorker, { status: 'completed' })).statusCode).toBe(404);
    expect((await api('GET', `/referrals-out/${referralId}`, companion)).json().consentStanding).toBe(false);
  });

  it('the team cancels; finished referrals cannot move again', async () => {
    const r = await api('POST', `/pathways/${pathwayId}/referrals-out`, companion, { partnerId: ocmw.id, service: 'Leefloon' });
    const id = r.json().id;
    expect((await api('PATCH', `/referrals-out/${id}`, companion, { handoverNote: 'Aanvraag loopt.' })).json().handoverNote).toBe('Aanvraag loopt.');
    expect((await api('POST', `/referrals-out/${id}/status`, companion, { status: 'cancelled' })).json()).toMatchObject({ status: 'cancelled', next: [] });
    expect((await api('POST', `/referrals-out/${id}/status`, companion, { status: 'sent' })).json().code).toBe('referral_transition_invalid');
    expect((await api('PATCH', `/referrals-out/${id}`, companion, { service: 'x' })).json().code).toBe('referral_not_proposed');
  });

  it('the lead reads referrals but only the team writes them; others get 404', async () => {
    expect((await api('GET', `/pathways/${pathwayId}/referrals-out`, coordinator)).statusCode).toBe(200);
    expect((await api('POST', `/pathways/${pathwayId}/referrals-out`, coordinator, { partnerId: caw.id, service: 'x' })).statusCode).toBe(403);
    const stranger = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    expect((await api('GET', `/pathways/${pathwayId}/referrals-out`, stranger)).statusCode).toBe(404);
  });

  it('bad input is a problem, never a 500', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', `/pathways/${pathwayId}/referrals-out`, { partnerId: 'nope', service: 'x' }],
      ['POST', `/pathways/${pathwayId}/referrals-out`, { partnerId: caw.id, service: '' }],
      ['POST', `/pathways/${pathwayId}/referrals-out`, { partnerId: caw.id, service: 'x', sharedContact: ['address'] }],
      ['POST', `/pathways/${pathwayId}/referrals-out`, { partnerId: '00000000-0000-7000-8000-000000000000', service: 'x' }],
      ['POST', `/pathways/${pathwayId}/referrals-out`, { partnerId: ocmw.id, partnerContactId: caw.contactId, service: 'x' }],
      ['POST', '/pathways/not-a-uuid/referrals-out', { partnerId: caw.id, service: 'x' }],
      ['POST', `/referrals-out/00000000-0000-7000-8000-000000000000/status`, { status: 'sent' }],
      ['POST', `/referrals-out/00000000-0000-7000-8000-000000000000/status`, { status: 'proposed' }],
      ['POST', `/partner/referrals/00000000-0000-7000-8000-000000000000/answer`, {}],
    ];
    for (const [method, url, payload] of cases) {
      const who = url.startsWith('/partner') ? partnerWorker : companion;
      const res = await api(method as 'POST', url, who, payload);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('staff can be set to work for a partner', () => {
  it('the admin sets and clears the partner of a staff member', async () => {
    const admin = await signedIn(ctx, org, 'admin');
    const w = await newAccount(ctx.db, org, 'partner-worker');
    const set = await api('PATCH', `/staff/${w.accountId}`, admin, { partnerId: ocmw.id });
    expect(set.statusCode).toBe(200);
    expect(set.json().partnerId).toBe(ocmw.id);
    const { cookie } = await login(ctx.app, w.login);
    const inbox = await api('GET', '/partner/referrals', { headers: { cookie } });
    expect(inbox.json().partnerName).toBe('OCMW Sint-Niklaas sociale dienst');
    expect((await api('PATCH', `/staff/${w.accountId}`, admin, { partnerId: '00000000-0000-7000-8000-000000000000' })).statusCode).toBe(400);
    expect((await api('PATCH', `/staff/${w.accountId}`, admin, { partnerId: null })).json().partnerId).toBeNull();
  });
});

describe('cohorts', () => {
  let cohortId: string;
  let activityId: string;
  let typeId: string;

  beforeAll(async () => {
    const types = await api('GET', '/activity-types', coordinator);
    typeId = types.json().items.find((t: { key: string }) => t.key === 'group-session').id;
    const a = await api('POST', '/activities', coordinator, {
      typeId,
      placeId: org.placeId,
      title: 'Groepssessie moeders',
      schedule: { startDate: '2026-03-03', startTime: '09:30', endTime: '12:00', recurrence: { frequency: 'weekly', until: '2026-03-31' } },
    });
    expect(a.statusCode, a.body).toBe(201);
    activityId = a.json().id;
  });

  it('a cohort links pathways to its weekly group sessions and shows each member’s attendance', async () => {
    const created = await api('POST', '/cohorts', coordinator, {
      name: 'Moeders Sint-Niklaas 2026',
      placeId: org.placeId,
      activityId,
      startsOn: '2026-03-01',
      endsOn: '2026-12-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    cohortId = created.json().id;
    expect(created.json()).toMatchObject({ activityTitle: 'Groepssessie moeders', members: 0, memberList: [] });

    const added = await api('POST', `/cohorts/${cohortId}/members`, companion, { pathwayId, joinedOn: '2026-03-01' });
    expect(added.statusCode, added.body).toBe(200);
    expect((await api('POST', `/cohorts/${cohortId}/members`, companion, { pathwayId })).json().code).toBe('already_member');

    // She came to two of the sessions (ticked at the door).
    const occ = await ctx.db
      .select()
      .from(occurrences)
      .where(and(eq(occurrences.organisationId, org.id), eq(occurrences.activityId, activityId)));
    expect(occ.length).toBeGreaterThanOrEqual(4);
    await ctx.db
      .insert(registrations)
      .values(
        occ
          .slice(0, 2)
          .map((o) => ({ organisationId: org.id, occurrenceId: o.id, personId: participant.id, status: 'attended' as const, source: 'door' as const })),
      );
    // A group session of another group at the same place does not count for this cohort.
    const other = await api('POST', '/activities', coordinator, {
      typeId,
      placeId: org.placeId,
      title: 'Groepssessie jongeren',
      schedule: { startDate: '2026-03-05', startTime: '13:30', endTime: '15:00' },
    });
    await ctx.db.insert(registrations).values({
      organisationId: org.id,
      occurrenceId: other.json().occurrences[0].id,
      personId: participant.id,
      status: 'attended' as const,
      source: 'door' as const,
    });

    const one = await api('GET', `/cohorts/${cohortId}`, coordinator);
    expect(one.json().attendanceNote).toBeNull();
    expect(one.json().memberList).toEqual([
      expect.objectContaining({ pathwayId, givenName: 'Samira', joinedOn: '2026-03-01', leftOn: null, attended: 2, canOpen: true }),
    ]);
    const list = await api('GET', '/cohorts', companion);
    expect(list.json().items).toEqual([expect.objectContaining({ id: cohortId, members: 1, activityTitle: 'Groepssessie moeders' })]);
  });

  it('only the team or lead of a pathway adds it; members leave and come back', async () => {
    const stranger = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
    expect((await api('DELETE', `/cohorts/${cohortId}/members/${pathwayId}`, stranger)).statusCode).toBe(404);
    const left = await api('DELETE', `/cohorts/${cohortId}/members/${pathwayId}`, companion);
    expect(left.json().members).toBe(0);
    expect(left.json().memberList[0].leftOn).not.toBeNull();
    expect((await api('POST', `/cohorts/${cohortId}/members`, companion, { pathwayId })).json().members).toBe(1);
  });

  it('cohorts are for staff who work with pathways at that place', async () => {
    const facilitator = await signedIn(ctx, org, 'facilitator', { placeId: org.placeId });
    expect((await api('GET', `/cohorts/${cohortId}`, facilitator)).statusCode).toBe(403);
    const elsewhere = await signedIn(ctx, org, 'companion', { placeId: org.otherPlaceId });
    expect((await api('GET', `/cohorts/${cohortId}`, elsewhere)).statusCode).toBe(404);
    expect((await api('GET', '/cohorts', elsewhere)).json().items).toEqual([]);
  });

  it('bad input is a problem, never a 500', async () => {
    const bad: unknown[] = [
      { name: '' },
      { name: 'x', startsOn: '2026-05-01', endsOn: '2026-04-01' },
      { name: 'x', activityId: '00000000-0000-7000-8000-000000000000' },
      { name: 'x', placeId: org.otherPlaceId },
      { name: 'x', startsOn: '2026-13-01' },
    ];
    for (const payload of bad) {
      const res = await api('POST', '/cohorts', companion, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await api('PATCH', `/cohorts/${cohortId}`, coordinator, { endsOn: '2025-01-01' })).statusCode).toBe(400);
    expect((await api('POST', `/cohorts/${cohortId}/members`, companion, { pathwayId: 'x' })).statusCode).toBe(400);
    expect((await api('GET', '/cohorts/00000000-0000-7000-8000-000000000000', companion)).statusCode).toBe(404);
  });
});

describe('download everything held on me', () => {
  let me: Who;

  beforeAll(async () => {
    const acc = await newAccount(ctx.db, org, 'participant', { placeId: org.placeId });
    // The account's person becomes the participant with the pathway: sign in as Samira.
    await ctx.db.execute(sql`update accounts set person_id = ${participant.id} where id = ${acc.accountId}`);
    await ctx.db.update(people).set({ preferredLanguage: 'ar' }).where(eq(people.id, participant.id));
    const { cookie } = await login(ctx.app, acc.login);
    me = { ...acc, personId: participant.id, headers: { cookie } };
    await ctx.db.insert(journalEntries).values({
      organisationId: org.id,
      pathwayId,
      authorPersonId: companion.personId,
      occurredAt: new Date('2026-02-03T10:00:00Z'),
      type: 'phone',
      note: 'Alleen voor mezelf genoteerd',
      visibility: 'author',
    });
  });

  it('the participant downloads every record as JSON, including every journal entry and refused special categories; audited', async () => {
    await ctx.db.execute(
      sql`insert into pathway_entry_data (organisation_id, pathway_id, gender, disability, minority) values (${org.id}, ${pathwayId}, 'woman', 'refused', 'no')`,
    );
    const res = await api('GET', '/me/download', me);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const doc = res.json();
    expect(doc.person).toMatchObject({ givenName: 'Samira', familyName: 'El Idrissi' });
    expect(doc.person.organisationId).toBeUndefined();
    expect(doc.consents.map((c: { purpose: string; withdrawnAt: string | null }) => [c.purpose, !!c.withdrawnAt])).toEqual(
      expect.arrayContaining([
        ['guidance', false],
        ['share-with-partner', true],
      ]),
    );
    const pw = doc.pathways[0];
    expect(pw.entryData).toMatchObject({ gender: 'woman', disability: 'refused', minority: 'no', foreignBackground: null });
    expect(pw.journal.map((j: { note: string }) => j.note)).toEqual(['Schulden besproken, geheime notitie', 'Alleen voor mezelf genoteerd']);
    expect(pw.referralsOut.map((r: { service: string }) => r.service).sort()).toEqual(['Budgetbegeleiding', 'Leefloon']);
    expect(doc.cohorts).toEqual([expect.objectContaining({ name: 'Moeders Sint-Niklaas 2026' })]);
    // Activities offer no per-person history to a participant: said, not hidden.
    expect(doc.notes.activityAttendance).toBe('activities-offers-no-own-history');
    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.entityId, participant.id)));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['download', 'read-special-categories']));
  });

  it('as a readable page and a PDF, in the participant’s language', async () => {
    const html = await api('GET', '/me/download?format=html', me);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<html lang="ar" dir="rtl">');
    expect(html.body).toContain('كل ما يُحفظ عنّي');
    expect(html.body).toContain('Alleen voor mezelf genoteerd');
    expect(html.body).not.toContain('<script');
    const pdf = await api('GET', '/me/download?format=pdf', me);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the team downloads on the participant’s behalf; with attendance from the activities service; nobody else can', async () => {
    const res = await api('GET', `/participants/${participant.id}/download`, companion);
    expect(res.statusCode).toBe(200);
    // Every group session she came to: two of her cohort's and one of another group's.
    expect(res.json().activityAttendance).toEqual([expect.objectContaining({ personId: participant.id, attended: 3 })]);
    for (const who of [
      coordinator,
      partnerWorker,
      await signedIn(ctx, org, 'companion', { placeId: org.placeId }),
      await signedIn(ctx, org, 'participant', { placeId: org.placeId }),
    ]) {
      expect((await api('GET', `/participants/${participant.id}/download`, who)).statusCode).toBe(404);
    }
    expect((await api('GET', '/me/download', companion)).statusCode).toBe(404);
    // Someone without a pathway still gets what is held on them: their person record.
    const newcomer = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const theirs = await api('GET', '/me/download', newcomer);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toMatchObject({ person: { id: newcomer.personId }, pathways: [], cohorts: [] });
    expect(JSON.stringify(theirs.json())).not.toContain('Samira');
    expect((await api('GET', '/me/download?format=docx', me)).statusCode).toBe(400);
  });
});
