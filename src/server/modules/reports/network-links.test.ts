/**
 * The dashboard's network picture reads network_links, which the database keeps by triggers on
 * matches, matching items, referrals out and in, pathway teams, cohort members and pathways.
 * After every kind of edit the table holds exactly what recomputing it from scratch gives, and
 * the picture counts a link as bridging only when those two were never linked before, also in
 * an earlier pathway.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import type { Dashboard } from '../../../shared/dashboard.ts';
import { withOrganisation } from '../../db/client.ts';
import {
  cohortMembers,
  cohorts,
  matches,
  matchingItems,
  networkLinks,
  partners,
  pathways,
  pathwayTeam,
  referralsIn,
  referralsOut,
} from '../../db/schema/index.ts';

let ctx: TestContext;
let org: TestOrganisation;
let ocmw: string;
let vdab: string;
/** three participants with a pathway each at Plek Noord */
const people: { id: string; pathwayId: string }[] = [];

type Link = { kind: string; endA: string; endB: string; partner: boolean; onDate: string };

async function stored() {
  const rows = await ctx.db.select().from(networkLinks).where(eq(networkLinks.organisationId, org.id));
  return rows.sort((a, b) => `${a.kind}${a.sourceId}${a.endA}${a.endB}`.localeCompare(`${b.kind}${b.sourceId}${b.endA}${b.endB}`));
}

/**
 * What the triggers kept, checked against a full recompute (every column, the pair's first day
 * too); returns the links without their sources.
 */
async function links(): Promise<Link[]> {
  const kept = await stored();
  await ctx.db.execute(sql`select refresh_network_links(${org.id})`);
  expect(await stored()).toEqual(kept);
  return kept.map(({ kind, endA, endB, partner, onDate }) => ({ kind, endA, endB, partner, onDate }));
}

/** When each pair was first linked, as the links say. */
async function firsts() {
  return Object.fromEntries((await stored()).map((l) => [`${l.kind} ${l.endB}`, [l.pairFirstOn, l.pairFirstByReferralIn]]));
}

const pair = (x: string, y: string) => (x < y ? [x, y] : [y, x]);

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  [{ id: ocmw }, { id: vdab }] = await ctx.db
    .insert(partners)
    .values([
      { organisationId: org.id, name: 'OCMW Lier', kind: 'public' },
      { organisationId: org.id, name: 'VDAB', kind: 'public' },
    ])
    .returning();
  for (const givenName of ['Amina', 'Yasmina', 'Sofie']) {
    const person = await newParticipant(ctx.db, org, { givenName });
    const pathway = await newPathway(ctx.db, org, { participantId: person.id, startedOn: '2026-01-05' });
    people.push({ id: person.id, pathwayId: pathway.id });
  }
});
afterAll(() => ctx.close());

describe('network_links follows every edit', () => {
  it('a match is a link from the day it is connected (a Brussels day), to the offer owner, until it is gone', async () => {
    const offerer = await newParticipant(ctx.db, org, { givenName: 'Jan' });
    const other = await newParticipant(ctx.db, org, { givenName: 'Els' });
    const [request, offer, partnerOffer] = await ctx.db
      .insert(matchingItems)
      .values([
        { organisationId: org.id, side: 'request', ownerType: 'person', personId: people[0].id, placeId: org.placeId, text: 'Hulp bij mijn cv' },
        { organisationId: org.id, side: 'offer', ownerType: 'person', personId: offerer.id, placeId: org.placeId, text: 'Ik help met een cv' },
        { organisationId: org.id, side: 'offer', ownerType: 'partner', partnerId: vdab, text: 'Sollicitatietraining' },
      ])
      .returning();
    const [m] = await ctx.db.insert(matches).values({ organisationId: org.id, requestId: request.id, offerId: offer.id, placeId: org.placeId }).returning();
    expect(await links()).toEqual([]);

    // 23:30 UTC on 1 March is 2 March in Brussels.
    await ctx.db
      .update(matches)
      .set({ status: 'connected', connectedAt: new Date('2026-03-01T23:30:00Z') })
      .where(eq(matches.id, m.id));
    const [a, b] = pair(people[0].id, offerer.id);
    expect(await links()).toEqual([{ kind: 'match', endA: a, endB: b, partner: false, onDate: '2026-03-02' }]);

    // The offer changes hands: the link follows its owner.
    await ctx.db.update(matchingItems).set({ personId: other.id }).where(eq(matchingItems.id, offer.id));
    const [c, d] = pair(people[0].id, other.id);
    expect(await links()).toEqual([{ kind: 'match', endA: c, endB: d, partner: false, onDate: '2026-03-02' }]);

    // A partner's offer: the other end is the partner.
    await ctx.db.update(matches).set({ offerId: partnerOffer.id }).where(eq(matches.id, m.id));
    expect(await links()).toEqual([{ kind: 'match', endA: people[0].id, endB: vdab, partner: true, onDate: '2026-03-02' }]);

    await ctx.db.delete(matches).where(eq(matches.id, m.id));
    expect(await links()).toEqual([]);
  });

  it('a referral out is a link once sent, and only while sent, accepted, started or completed', async () => {
    const [r] = await ctx.db
      .insert(referralsOut)
      .values({ organisationId: org.id, pathwayId: people[1].pathwayId, partnerId: ocmw, service: 'budgetbegeleiding', status: 'proposed' })
      .returning();
    expect(await links()).toEqual([]);
    await ctx.db
      .update(referralsOut)
      .set({ status: 'sent', sentAt: new Date('2026-02-10T09:00:00Z') })
      .where(eq(referralsOut.id, r.id));
    expect(await links()).toEqual([{ kind: 'referral-out', endA: people[1].id, endB: ocmw, partner: true, onDate: '2026-02-10' }]);
    await ctx.db.update(referralsOut).set({ status: 'declined' }).where(eq(referralsOut.id, r.id));
    expect(await links()).toEqual([]);
    await ctx.db.update(referralsOut).set({ status: 'accepted' }).where(eq(referralsOut.id, r.id));
    expect(await links()).toHaveLength(1);
    await ctx.db.delete(referralsOut).where(eq(referralsOut.id, r.id));
    expect(await links()).toEqual([]);
  });

  it("a partner's worker on the team, a referral in from a partner, and cohort pairs", async () => {
    const worker = await newParticipant(ctx.db, org, { kind: 'staff', givenName: 'Wim', placeId: null });
    const [t] = await ctx.db
      .insert(pathwayTeam)
      .values({ organisationId: org.id, pathwayId: people[2].pathwayId, personId: worker.id, role: 'partner-worker', partnerId: vdab, joinedOn: '2026-02-20' })
      .returning();
    expect(await links()).toEqual([{ kind: 'team', endA: people[2].id, endB: vdab, partner: true, onDate: '2026-02-20' }]);
    await ctx.db.update(pathwayTeam).set({ partnerId: ocmw }).where(eq(pathwayTeam.id, t.id));
    expect((await links()).map((l) => l.endB)).toEqual([ocmw]);
    expect(await firsts()).toEqual({ [`team ${ocmw}`]: ['2026-02-20', false] });
    await ctx.db.delete(pathwayTeam).where(eq(pathwayTeam.id, t.id));

    const [ri] = await ctx.db
      .insert(referralsIn)
      .values({ organisationId: org.id, participantId: people[0].id, source: 'partner', partnerId: ocmw, referredOn: '2025-12-15', status: 'received' })
      .returning();
    expect(await links()).toEqual([{ kind: 'referral-in', endA: people[0].id, endB: ocmw, partner: true, onDate: '2025-12-15' }]);
    await ctx.db.update(referralsIn).set({ pathwayId: people[0].pathwayId, status: 'started' }).where(eq(referralsIn.id, ri.id));
    expect(await links()).toHaveLength(1);
    // OCMW referred Amina in before it joined her team: every link of the pair says so, and
    // moving the referral in later makes the team member the first link.
    const [t2] = await ctx.db
      .insert(pathwayTeam)
      .values({ organisationId: org.id, pathwayId: people[0].pathwayId, personId: worker.id, role: 'partner-worker', partnerId: ocmw, joinedOn: '2026-01-20' })
      .returning();
    expect(await firsts()).toEqual({ [`referral-in ${ocmw}`]: ['2025-12-15', true], [`team ${ocmw}`]: ['2025-12-15', true] });
    await ctx.db.update(referralsIn).set({ referredOn: '2026-01-20' }).where(eq(referralsIn.id, ri.id));
    expect(await firsts()).toEqual({ [`referral-in ${ocmw}`]: ['2026-01-20', true], [`team ${ocmw}`]: ['2026-01-20', true] });
    await ctx.db.update(referralsIn).set({ referredOn: '2026-03-01' }).where(eq(referralsIn.id, ri.id));
    expect(await firsts()).toEqual({ [`referral-in ${ocmw}`]: ['2026-01-20', false], [`team ${ocmw}`]: ['2026-01-20', false] });
    await ctx.db.delete(pathwayTeam).where(eq(pathwayTeam.id, t2.id));
    expect(await firsts()).toEqual({ [`referral-in ${ocmw}`]: ['2026-03-01', true] });

    const [group, other] = await ctx.db
      .insert(cohorts)
      .values([
        { organisationId: org.id, name: 'Moedergroep', placeId: org.placeId },
        { organisationId: org.id, name: 'Taalgroep', placeId: org.placeId },
      ])
      .returning();
    await ctx.db
      .insert(cohortMembers)
      .values(people.map((p, i) => ({ organisationId: org.id, cohortId: group.id, pathwayId: p.pathwayId, joinedOn: `2026-02-0${i + 1}` })));
    const cohortLinks = async () => (await links()).filter((l) => l.kind === 'cohort');
    expect(await cohortLinks()).toHaveLength(3);
    // The later of the two joining days.
    const [a, b] = pair(people[0].id, people[2].id);
    expect((await cohortLinks()).find((l) => l.endA === a && l.endB === b)?.onDate).toBe('2026-02-03');
    // Sofie moves to the other group: only Amina and Yasmina are still a pair.
    await ctx.db
      .update(cohortMembers)
      .set({ cohortId: other.id })
      .where(and(eq(cohortMembers.cohortId, group.id), eq(cohortMembers.pathwayId, people[2].pathwayId)));
    const [x, y] = pair(people[0].id, people[1].id);
    expect(await cohortLinks()).toEqual([{ kind: 'cohort', endA: x, endB: y, partner: false, onDate: '2026-02-02' }]);
    await ctx.db.delete(cohortMembers).where(and(eq(cohortMembers.cohortId, group.id), eq(cohortMembers.pathwayId, people[1].pathwayId)));
    expect(await cohortLinks()).toEqual([]);

    // A pathway deleted takes its links along.
    await ctx.db.insert(cohortMembers).values({ organisationId: org.id, cohortId: other.id, pathwayId: people[0].pathwayId, joinedOn: '2026-03-01' });
    expect(await cohortLinks()).toHaveLength(1);
    await ctx.db.delete(pathways).where(eq(pathways.id, people[2].pathwayId));
    expect(await cohortLinks()).toEqual([]);
  });

  it('the application may read its own organisation’s links only, and never write them', async () => {
    const other = await newOrganisation(ctx.db);
    expect(await withOrganisation(ctx.db, other.id, (tx) => tx.select().from(networkLinks))).toEqual([]);
    expect((await withOrganisation(ctx.db, org.id, (tx) => tx.select().from(networkLinks))).length).toBeGreaterThan(0);
    const refusal = (statement: ReturnType<typeof sql>) =>
      withOrganisation(ctx.db, org.id, (tx) => tx.execute(statement)).then(
        () => 'allowed',
        (e: Error & { cause?: Error }) => (e.cause ?? e).message,
      );
    expect(await refusal(sql`delete from network_links`)).toMatch(/permission denied/);
    expect(await refusal(sql`select refresh_network_links(${org.id})`)).toMatch(/permission denied/);
  });
});

describe('bridging looks at the whole history', () => {
  it('a link made again in a new pathway is not bridging; one to someone new is', async () => {
    const coordinator = await signedIn(ctx, org, 'coordinator');
    const person = await newParticipant(ctx.db, org, { givenName: 'Nadia' });
    // An earlier pathway, ended before the period, referred her to OCMW.
    const earlier = await newPathway(ctx.db, org, { participantId: person.id, startedOn: '2024-02-01' });
    await ctx.db.update(pathways).set({ status: 'ended', endedOn: '2024-12-20', exitOutcome: 'training' }).where(eq(pathways.id, earlier.id));
    await ctx.db.insert(referralsOut).values({
      organisationId: org.id,
      pathwayId: earlier.id,
      partnerId: ocmw,
      service: 'schuldhulp',
      status: 'completed',
      sentAt: new Date('2024-05-01T09:00:00Z'),
    });
    // Her pathway now: OCMW again (not bridging) and VDAB for the first time (bridging).
    const now = await newPathway(ctx.db, org, { participantId: person.id, startedOn: '2025-11-01' });
    await ctx.db.insert(referralsOut).values([
      { organisationId: org.id, pathwayId: now.id, partnerId: ocmw, service: 'schuldhulp', status: 'sent', sentAt: new Date('2026-04-01T09:00:00Z') },
      { organisationId: org.id, pathwayId: now.id, partnerId: vdab, service: 'jobcoaching', status: 'sent', sentAt: new Date('2026-04-02T09:00:00Z') },
    ]);
    const res = await ctx.app.inject({ url: `/api/v1/reports/dashboard?from=2026-04-01&to=2026-04-30&placeId=${org.placeId}`, headers: coordinator.headers });
    expect(res.statusCode, res.body).toBe(200);
    const d: Dashboard = res.json();
    const edge = (partnerId: string) => d.network.edges.find((e) => e.to === `partner:${partnerId}` && e.kind === 'referral-out');
    expect(edge(ocmw)).toMatchObject({ links: 1, bridging: 0 });
    expect(edge(vdab)).toMatchObject({ links: 1, bridging: 1 });
    expect(d.network).toMatchObject({ links: 2, bridging: 1 });
  });
});
