/**
 * Every role against every kind of pathway record, through the HTTP API. What each role may see
 * is derived from the rules in access.ts (capacity → `may`, `journalVisible`), so this table and
 * the rules cannot drift apart: change a rule there and this test says who now sees what.
 */
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
import type { JournalVisibility } from '../../../shared/pathways.ts';
import type { Role } from '../../../shared/permissions.ts';
import { auditLog, consents, journalEntries, partners, pathwayTeam, people, referralsOut } from '../../db/schema/index.ts';
import { type Capacity, journalVisible, may, type PathwayAction } from './access.ts';

let ctx: TestContext;
let org: TestOrganisation;
let pathwayId: string;
let participantId: string;
let referralId: string;
let companionId: string;
const notes: Record<JournalVisibility, string> = {
  author: 'Notitie alleen voor de auteur',
  team: 'Notitie voor het team',
  participant: 'Notitie ook voor de deelnemer',
};

type Who = { headers: { cookie: string }; personId: string };
interface Actor {
  name: string;
  /** the capacity access.ts should give this actor on the pathway */
  capacity: Capacity | null;
  who: Who;
}
const actors: Actor[] = [];

const api = (method: 'GET' | 'PUT', url: string, who: Who, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

/** The status a read of `action` must give: 404 without capacity, 403 when the capacity may not, else 200. */
const expected = (c: Capacity | null, action: PathwayAction, ok = 200) => (!c ? 404 : may(c, action) ? ok : 403);

async function account(role: Role, placeId: string | null): Promise<Who> {
  return signedIn(ctx, org, role, { placeId });
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Sleutel Sint-Niklaas');
  const [caw] = await ctx.db.insert(partners).values({ organisationId: org.id, name: 'CAW Waasland', kind: 'welfare' }).returning();
  const [ocmw] = await ctx.db.insert(partners).values({ organisationId: org.id, name: 'OCMW', kind: 'social-welfare' }).returning();

  const companion = await account('companion', org.placeId);
  companionId = companion.personId;
  const participant = await newParticipant(ctx.db, org, { givenName: 'Nadia', familyName: 'Amrani' });
  participantId = participant.id;
  const pathway = await newPathway(ctx.db, org, {
    participantId,
    companionPersonId: companion.personId,
    entry: { gender: 'woman', disability: 'yes', minority: 'refused', foreignBackground: 'no', collectionAttemptedAt: new Date() },
  });
  pathwayId = pathway.id;

  // A partner worker (OCMW) on the team, and one (CAW) only reached by a referral.
  const teamPartner = await account('partner-worker', null);
  await ctx.db
    .update(people)
    .set({ partnerId: ocmw.id })
    .where(and(eq(people.organisationId, org.id), eq(people.id, teamPartner.personId)));
  await ctx.db.insert(pathwayTeam).values({ organisationId: org.id, pathwayId, personId: teamPartner.personId, role: 'partner-worker', partnerId: ocmw.id });
  const referredPartner = await account('partner-worker', null);
  await ctx.db
    .update(people)
    .set({ partnerId: caw.id })
    .where(and(eq(people.organisationId, org.id), eq(people.id, referredPartner.personId)));
  const [consent] = await ctx.db
    .insert(consents)
    .values({ organisationId: org.id, participantId, purpose: 'share-with-partner', partnerId: caw.id })
    .returning();
  const [ref] = await ctx.db
    .insert(referralsOut)
    .values({ organisationId: org.id, pathwayId, partnerId: caw.id, consentId: consent.id, service: 'Schuldhulp', status: 'sent', sentAt: new Date() })
    .returning();
  referralId = ref.id;

  // The participant signs in with her own account.
  const own = await newAccount(ctx.db, org, 'participant', { placeId: org.placeId });
  await ctx.db.execute(sql`update accounts set person_id = ${participantId} where id = ${own.accountId}`);
  const participantWho = { personId: participantId, headers: { cookie: (await login(ctx.app, own.login)).cookie } };

  for (const visibility of ['author', 'team', 'participant'] as const) {
    await ctx.db.insert(journalEntries).values({
      organisationId: org.id,
      pathwayId,
      authorPersonId: companion.personId,
      occurredAt: new Date('2026-02-02T10:00:00Z'),
      type: 'meeting',
      note: notes[visibility],
      visibility,
    });
  }

  actors.push(
    { name: 'admin', capacity: 'lead', who: await account('admin', null) },
    { name: 'coordinator of the place', capacity: 'lead', who: await account('coordinator', org.placeId) },
    { name: 'coordinator of another place', capacity: null, who: await account('coordinator', org.otherPlaceId) },
    { name: 'matchmaker', capacity: null, who: await account('matchmaker', org.placeId) },
    { name: 'companion on the team', capacity: 'team', who: companion },
    { name: 'companion not on the team', capacity: null, who: await account('companion', org.placeId) },
    { name: 'partner worker on the team', capacity: 'team', who: teamPartner },
    { name: 'partner worker with a referral', capacity: null, who: referredPartner },
    { name: 'facilitator', capacity: null, who: await account('facilitator', org.placeId) },
    { name: 'steering member', capacity: null, who: await account('steering-member', null) },
    { name: 'researcher', capacity: null, who: await account('researcher', null) },
    { name: 'the participant', capacity: 'participant', who: participantWho },
    { name: 'another participant', capacity: null, who: await account('participant', org.placeId) },
  );
});
afterAll(() => ctx.close());

/** Reads of a pathway record: [record, action, url]. */
const reads: [string, PathwayAction, (id: string) => string][] = [
  ['overview', 'overview.read', (id) => `/pathways/${id}`],
  ['plan', 'plan.read', (id) => `/pathways/${id}/plan`],
  ['consents', 'consent.read', (id) => `/pathways/${id}/consents`],
  ['entry data', 'entry-data.read', (id) => `/pathways/${id}/entry-data`],
  ['journal', 'journal.read', (id) => `/pathways/${id}/journal`],
  ['assessments', 'assessment.read', (id) => `/pathways/${id}/assessments`],
  ['network', 'network.read', (id) => `/pathways/${id}/network`],
  ['referrals out', 'referral-out.read', (id) => `/pathways/${id}/referrals-out`],
];

describe('who reads which record', () => {
  it.each(reads)('%s', async (_record, action, url) => {
    for (const a of actors) {
      const res = await api('GET', url(pathwayId), a.who);
      expect(res.statusCode, `${a.name}: ${res.body.slice(0, 200)}`).toBe(expected(a.capacity, action));
      if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('inside the records', () => {
  it('the issue pins these rules: only the team and the participant read the journal and special categories', () => {
    for (const action of ['journal.read', 'special-categories.read'] as const) {
      expect([may('team', action), may('participant', action), may('lead', action)]).toEqual([true, true, false]);
    }
  });

  it('special categories: only the team and the participant see them, and each such read is audited', async () => {
    for (const a of actors) {
      if (!a.capacity || !may(a.capacity, 'entry-data.read')) continue;
      const before = await auditCount('read-special-categories');
      const res = await api('GET', `/pathways/${pathwayId}/entry-data`, a.who);
      const body = res.json();
      expect(body.gender, a.name).toBe('woman');
      if (may(a.capacity, 'special-categories.read')) {
        expect(body.specialCategories, a.name).toEqual({ disability: 'yes', minority: 'refused', foreignBackground: 'no' });
        expect(await auditCount('read-special-categories'), a.name).toBe(before + 1);
      } else {
        expect(body.specialCategories, a.name).toBeNull();
        expect(JSON.stringify(body)).not.toContain('refused');
        expect(await auditCount('read-special-categories'), a.name).toBe(before);
      }
    }
  });

  it('journal: each entry only to whom its visibility allows', async () => {
    for (const a of actors) {
      if (!a.capacity || !may(a.capacity, 'journal.read')) continue;
      const res = await api('GET', `/pathways/${pathwayId}/journal`, a.who);
      const seen = res
        .json()
        .items.map((e: { note: string }) => e.note)
        .sort();
      const want = (Object.keys(notes) as JournalVisibility[])
        .filter((v) => journalVisible(a.capacity as Capacity, { visibility: v, authorPersonId: companionId }, a.who.personId))
        .map((v) => notes[v])
        .sort();
      expect(seen, a.name).toEqual(want);
    }
    // Sanity: the table is not empty for the roles that matter.
    const companion = actors.find((a) => a.name === 'companion on the team') as Actor;
    expect(journalVisible('team', { visibility: 'author', authorPersonId: companionId }, companion.who.personId)).toBe(true);
  });

  it('follow-up: only the team and the lead may record it', async () => {
    for (const a of actors) {
      const res = await api('PUT', `/pathways/${pathwayId}/follow-up`, a.who, { employed: true, improvedSituation: true });
      // Allowed callers reach the rule that the pathway has not ended yet.
      expect(res.statusCode, a.name).toBe(expected(a.capacity, 'follow-up.write', 409));
    }
  });

  it('referral out in the partner inbox: only the partner it is addressed to, only while consent stands', async () => {
    for (const a of actors) {
      const res = await api('GET', `/partner/referrals/${referralId}`, a.who);
      // Roles with referrals.respond (partner workers, admins) learn nothing about another partner's referral: 404.
      const responds = ['admin', 'partner worker on the team'].includes(a.name);
      const expectedStatus = a.name === 'partner worker with a referral' ? 200 : responds ? 404 : 403;
      expect(res.statusCode, a.name).toBe(expectedStatus);
      if (res.statusCode === 200) {
        const body = JSON.stringify(res.json());
        for (const note of Object.values(notes)) expect(body).not.toContain(note);
        expect(body).not.toContain('refused');
        expect(body).not.toContain(pathwayId);
      }
    }
  });

  it('download: the participant for herself, the team on her behalf; nobody else', async () => {
    for (const a of actors) {
      const own = a.capacity === 'participant';
      const res = own ? await api('GET', '/me/download', a.who) : await api('GET', `/participants/${participantId}/download`, a.who);
      expect(res.statusCode, a.name).toBe(own || a.capacity === 'team' ? 200 : 404);
      if (res.statusCode === 200) {
        // The participant's right of access: every journal entry, whatever its visibility.
        const journal = res.json().pathways[0].journal.map((j: { note: string }) => j.note);
        expect(journal.sort(), a.name).toEqual(Object.values(notes).sort());
      }
    }
  });
});

describe('withdrawn consent takes effect at once', () => {
  it('the partner inbox loses the referral, and the pathway file says guidance consent is gone', async () => {
    const referred = actors.find((a) => a.name === 'partner worker with a referral') as Actor;
    expect((await api('GET', '/partner/referrals', referred.who)).json().items).toHaveLength(1);
    await ctx.db
      .update(consents)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(consents.organisationId, org.id), eq(consents.participantId, participantId)));
    expect((await api('GET', '/partner/referrals', referred.who)).json().items).toEqual([]);
    expect((await api('GET', `/partner/referrals/${referralId}`, referred.who)).statusCode).toBe(404);
    const companion = actors.find((a) => a.name === 'companion on the team') as Actor;
    const journal = await api('GET', `/pathways/${pathwayId}/journal`, companion.who);
    expect(journal.json()).toMatchObject({ canWrite: false, consentWithdrawn: true });
  });
});

async function auditCount(action: string) {
  const rows = await ctx.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(auditLog)
    .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.action, action)));
  return rows[0].n;
}
