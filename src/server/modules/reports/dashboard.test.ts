import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPathway } from '../../../../test/factories/pathways.ts';
import { createTestApp, newOrganisation, newParticipant, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import type { Dashboard } from '../../../shared/dashboard.ts';
import {
  activities,
  activityTypes,
  assessmentScores,
  assessments,
  cohortMembers,
  cohorts,
  instruments,
  occurrences,
  partners,
  pathways,
  referralsIn,
  referralsOut,
  registrations,
} from '../../db/schema/index.ts';
import { ensureDefaultInstruments } from '../pathways/instruments.ts';

let ctx: TestContext;
let org: TestOrganisation;
type Headers = { cookie: string };
let coordinator: { headers: Headers; personId: string };
let steering: { headers: Headers };
let companion: { headers: Headers; personId: string };
let participant: { headers: Headers };
let ladderId: string;
let domainsId: string;
/** Fatima's pathway, with two ladder scores in January and March; Lotte's, scored once in April. */
let twiceScored: string;
let onceScored: string;
let ocmw: string;
let vdab: string;
const period = 'from=2026-01-01&to=2026-06-30';

async function score(pathwayId: string, instrumentId: string, on: string, byPersonId: string, levels: Record<string, number>) {
  const [a] = await ctx.db
    .insert(assessments)
    .values({ organisationId: org.id, pathwayId, instrumentId, assessedOn: on, assessorRole: 'companion', assessorPersonId: byPersonId })
    .returning();
  await ctx.db
    .insert(assessmentScores)
    .values(Object.entries(levels).map(([domainKey, level]) => ({ organisationId: org.id, assessmentId: a.id, domainKey, level })));
}

async function get(headers: Headers, query = period) {
  return ctx.app.inject({ url: `/api/v1/reports/dashboard?${query}`, headers });
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Blenders');
  coordinator = await signedIn(ctx, org, 'coordinator');
  steering = await signedIn(ctx, org, 'steering-member');
  companion = await signedIn(ctx, org, 'companion', { placeId: org.placeId });
  participant = await signedIn(ctx, org, 'participant');
  await ensureDefaultInstruments(ctx.db, org.id);
  const ins = await ctx.db.select().from(instruments).where(eq(instruments.organisationId, org.id));
  ladderId = ins.find((i) => i.key === 'participation-ladder')?.id as string;
  domainsId = ins.find((i) => i.key === 'life-domains')?.id as string;
  [{ id: ocmw }, { id: vdab }] = await ctx.db
    .insert(partners)
    .values([
      { organisationId: org.id, name: 'OCMW Sint-Niklaas', kind: 'public' },
      { organisationId: org.id, name: 'VDAB', kind: 'public' },
    ])
    .returning();

  // Six pathways at Plek Noord: three on the companion's caseload.
  const names = ['Amina', 'Yasmina', 'Sofie', 'Fatima', 'Lotte', 'Nadia'];
  const ps = [];
  for (const [i, givenName] of names.entries()) {
    const person = await newParticipant(ctx.db, org, { givenName, familyName: 'Dashboardtest', email: `${givenName.toLowerCase()}@mail.test` });
    ps.push(
      await newPathway(ctx.db, org, {
        participantId: person.id,
        companionPersonId: i < 3 ? companion.personId : coordinator.personId,
        startedOn: i < 4 ? '2025-11-03' : '2026-03-10',
      }),
    );
  }
  // One ended in April; one at the other place (not on Plek Noord's dashboard).
  await ctx.db
    .update(pathways)
    .set({ status: 'ended', endedOn: '2026-04-15', exitOutcome: 'work' })
    .where(and(eq(pathways.organisationId, org.id), eq(pathways.id, ps[3].id)));
  const elsewhere = await newParticipant(ctx.db, org, { placeId: org.otherPlaceId });
  await newPathway(ctx.db, org, { participantId: elsewhere.id, placeId: org.otherPlaceId, startedOn: '2026-02-01' });

  // Ladder: three pathways from rung 2 to rung 4, one stays at 3, one only scored once.
  for (const p of ps.slice(0, 3)) {
    await score(p.id, ladderId, '2026-01-10', companion.personId, { participation: 2 });
    await score(p.id, ladderId, '2026-05-10', companion.personId, { participation: 4 });
  }
  await score(ps[3].id, ladderId, '2026-01-10', coordinator.personId, { participation: 3 });
  await score(ps[3].id, ladderId, '2026-03-10', coordinator.personId, { participation: 3 });
  await score(ps[4].id, ladderId, '2026-04-10', coordinator.personId, { participation: 1 });
  twiceScored = ps[3].id;
  onceScored = ps[4].id;
  // Life domains: housing better for two, worse for one.
  await score(ps[0].id, domainsId, '2026-01-10', companion.personId, { housing: 2, work: 1 });
  await score(ps[0].id, domainsId, '2026-05-10', companion.personId, { housing: 4, work: 1 });
  await score(ps[1].id, domainsId, '2026-01-10', companion.personId, { housing: 3 });
  await score(ps[1].id, domainsId, '2026-05-10', companion.personId, { housing: 4 });
  await score(ps[2].id, domainsId, '2026-01-10', companion.personId, { housing: 3 });
  await score(ps[2].id, domainsId, '2026-05-10', companion.personId, { housing: 2 });

  // Referrals: OCMW referred Amina in (January) and later got her referred out: not bridging.
  // Yasmina is referred out to OCMW without any earlier link: bridging. VDAB joins Sofie's team: bridging.
  await ctx.db.insert(referralsIn).values({
    organisationId: org.id,
    participantId: ps[0].participantId,
    pathwayId: ps[0].id,
    placeId: org.placeId,
    source: 'partner',
    partnerId: ocmw,
    referredOn: '2026-01-05',
    status: 'started',
  });
  await ctx.db
    .insert(referralsIn)
    .values({ organisationId: org.id, participantId: ps[4].participantId, placeId: org.placeId, source: 'self', referredOn: '2026-02-05', status: 'received' });
  await ctx.db.insert(referralsOut).values([
    { organisationId: org.id, pathwayId: ps[0].id, partnerId: ocmw, service: 'budget guidance', status: 'started', sentAt: new Date('2026-02-01T10:00:00Z') },
    { organisationId: org.id, pathwayId: ps[1].id, partnerId: ocmw, service: 'budget guidance', status: 'sent', sentAt: new Date('2026-03-01T10:00:00Z') },
    { organisationId: org.id, pathwayId: ps[2].id, partnerId: vdab, service: 'job coaching', status: 'proposed', createdAt: new Date('2026-05-01T10:00:00Z') },
  ]);
  const { pathwayTeam } = await import('../../db/schema/index.ts');
  const partnerWorker = await newParticipant(ctx.db, org, { kind: 'staff', givenName: 'Worker', placeId: null });
  await ctx.db
    .insert(pathwayTeam)
    .values({ organisationId: org.id, pathwayId: ps[2].id, personId: partnerWorker.id, role: 'partner-worker', partnerId: vdab, joinedOn: '2026-02-20' });
  // A cohort of Amina, Yasmina and Sofie: three new pairs of participants.
  const [cohort] = await ctx.db.insert(cohorts).values({ organisationId: org.id, name: 'Moedergroep', placeId: org.placeId }).returning();
  await ctx.db
    .insert(cohortMembers)
    .values(ps.slice(0, 3).map((p) => ({ organisationId: org.id, cohortId: cohort.id, pathwayId: p.id, joinedOn: '2026-02-02' })));

  // An activity in March with two attendances.
  const [type] = await ctx.db.insert(activityTypes).values({ organisationId: org.id, key: 'group-session', name: 'Groepssessie' }).returning();
  const [activity] = await ctx.db
    .insert(activities)
    .values({ organisationId: org.id, typeId: type.id, placeId: org.placeId, title: 'Kookatelier', schedule: {} })
    .returning();
  const [occ] = await ctx.db
    .insert(occurrences)
    .values({
      organisationId: org.id,
      activityId: activity.id,
      placeId: org.placeId,
      seriesDate: '2026-03-03',
      startsAt: new Date('2026-03-03T09:00:00Z'),
      endsAt: new Date('2026-03-03T11:00:00Z'),
    })
    .returning();
  await ctx.db
    .insert(registrations)
    .values(
      ps
        .slice(0, 2)
        .map((p) => ({ organisationId: org.id, occurrenceId: occ.id, personId: p.participantId, status: 'attended' as const, source: 'staff' as const })),
    );
}, 60_000);

afterAll(() => ctx.close());

describe('dashboard for a coordinator', () => {
  let d: Dashboard;
  beforeAll(async () => {
    const res = await get(coordinator.headers, `${period}&placeId=${org.placeId}`);
    expect(res.statusCode).toBe(200);
    d = res.json();
  });

  it('counts participants per month: active, new starts and exits', () => {
    expect(d.participants).toHaveLength(1);
    const months = Object.fromEntries(d.participants[0].months.map((m) => [m.month, m]));
    expect(Object.keys(months)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(months['2026-01']).toMatchObject({ active: 4, starts: 0, exits: 0 });
    expect(months['2026-03']).toMatchObject({ active: 6, starts: 2, exits: 0 });
    // Ended in April: still active in April, gone in May.
    expect(months['2026-04']).toMatchObject({ active: 6, exits: 1 });
    expect(months['2026-05']).toMatchObject({ active: 5, exits: 0 });
    expect(d.totals).toEqual({ activeLastMonth: 5, starts: 2, exits: 1, occurrences: 1, attended: 2, referralsIn: 2, referralsOut: 3 });
  });

  it('shows ladder moves between first and last assessment as a matrix', () => {
    const cell = (from: number, to: number) => d.ladder.moves.find((m) => m.from === from && m.to === to)?.count;
    expect(cell(2, 4)).toBe(3);
    expect(cell(3, 3)).toBe(1);
    expect(d.ladder.moves).toHaveLength(36);
    expect(d.ladder).toMatchObject({ pathways: 4, up: 3, same: 1, down: 0 });
  });

  it('shows distance travelled per life domain', () => {
    const housing = d.distance.find((x) => x.domain === 'housing');
    expect(housing).toMatchObject({ pathways: 3, improved: 2, same: 0, worse: 1 });
    expect(housing?.averageChange).toBeCloseTo(0.67, 2);
    expect(d.distance.find((x) => x.domain === 'work')).toMatchObject({ pathways: 1, same: 1 });
  });

  it('counts activities and attendance per type and month', () => {
    expect(d.activities).toEqual([{ month: '2026-03', typeKey: 'group-session', typeName: 'Groepssessie', occurrences: 1, attended: 2 }]);
  });

  it('counts referrals in by source and partner, and out by partner and status', () => {
    expect(d.referralsIn).toEqual(
      expect.arrayContaining([
        { source: 'partner', partnerId: ocmw, partnerName: 'OCMW Sint-Niklaas', status: 'started', count: 1 },
        { source: 'self', partnerId: null, partnerName: null, status: 'received', count: 1 },
      ]),
    );
    expect(d.referralsOut).toEqual(
      expect.arrayContaining([
        { partnerId: ocmw, partnerName: 'OCMW Sint-Niklaas', status: 'started', count: 1 },
        { partnerId: ocmw, partnerName: 'OCMW Sint-Niklaas', status: 'sent', count: 1 },
        { partnerId: vdab, partnerName: 'VDAB', status: 'proposed', count: 1 },
      ]),
    );
  });

  it('draws the network and counts bridging connections (no earlier link between the two)', () => {
    // Links: Amina-OCMW (referral out, but OCMW referred her in first), Yasmina-OCMW (bridging),
    // Sofie-VDAB (team, bridging; the proposed referral was never sent), three cohort pairs (bridging).
    expect(d.network.links).toBe(6);
    expect(d.network.bridging).toBe(5);
    const edge = (to: string, kind: string) => d.network.edges.find((e) => e.to === to && e.kind === kind);
    expect(edge(`partner:${ocmw}`, 'referral-out')).toMatchObject({ links: 2, bridging: 1 });
    expect(edge(`partner:${vdab}`, 'team')).toMatchObject({ links: 1, bridging: 1 });
    expect(edge('participants', 'cohort')).toMatchObject({ links: 3, bridging: 3 });
    expect(d.network.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(['OCMW Sint-Niklaas', 'VDAB']));
  });

  it('holds no personal data: no names or e-mail addresses', () => {
    const text = JSON.stringify(d);
    for (const name of ['Amina', 'Yasmina', 'Dashboardtest', '@mail.test', 'Worker']) expect(text).not.toContain(name);
  });

  it('covers every place the coordinator holds when no place is chosen', async () => {
    const all: Dashboard = (await get(coordinator.headers)).json();
    expect(all.participants.map((p) => p.placeName).sort()).toEqual(['Plek Noord', 'Plek Zuid']);
  });
});

describe('dashboard per role', () => {
  it('hides counts below 5 from a steering-group member', async () => {
    const res = await get(steering.headers, `${period}&placeId=${org.placeId}`);
    expect(res.statusCode).toBe(200);
    const d: Dashboard = res.json();
    expect(d.suppressedBelow).toBe(5);
    const jan = d.participants[0].months[0];
    expect(jan.active).toBeNull(); // 4
    expect(d.participants[0].months[2].active).toBe(6);
    expect(d.ladder.moves.find((m) => m.from === 2 && m.to === 4)?.count).toBeNull();
    expect(d.ladder.moves.find((m) => m.from === 1 && m.to === 1)?.count).toBe(0);
    expect(d.distance.find((x) => x.domain === 'housing')?.averageChange).toBeNull();
    expect(d.network.bridging).toBe(5);
    expect(d.totals).toMatchObject({ activeLastMonth: 5, starts: null, referralsOut: null });
  });

  it("gives a companion their own caseload's aggregates", async () => {
    const d: Dashboard = (await get(companion.headers)).json();
    expect(d.scope).toBe('caseload');
    expect(d.suppressedBelow).toBeNull();
    expect(d.participants[0].months.at(-1)?.active).toBe(3);
    expect(d.ladder.pathways).toBe(3);
    expect(d.referralsOut.reduce((n, r) => n + (r.count ?? 0), 0)).toBe(3);
    const options = (await ctx.app.inject({ url: '/api/v1/reports/dashboard/options', headers: companion.headers })).json();
    expect(options).toMatchObject({ scope: 'caseload', places: [] });
  });

  it('refuses participants, and a place outside your own is not found', async () => {
    expect((await get(participant.headers)).statusCode).toBe(403);
    expect((await ctx.app.inject({ url: '/api/v1/reports/dashboard' })).statusCode).toBe(401);
    const placeCoordinator = await signedIn(ctx, org, 'coordinator', { placeId: org.otherPlaceId });
    const res = await get(placeCoordinator.headers, `placeId=${org.placeId}`);
    expect(res.statusCode).toBe(404);
  });

  it('answers bad input with a problem, never a 500', async () => {
    for (const query of ['from=2026-06-01&to=2026-01-01', 'from=2020-01-01&to=2026-01-01', 'placeId=nope', 'from=yesterday', `programmeId=${org.id}`]) {
      const res = await get(coordinator.headers, query);
      expect(res.statusCode, query).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, query).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('ladder and distance travelled as the assessments change', () => {
  it('counts only the scores up to the end of the period', async () => {
    const april = (await get(coordinator.headers, `from=2026-01-01&to=2026-04-30&placeId=${org.placeId}`)).json() as Dashboard;
    // Up to April only Fatima has two ladder scores; nobody has two life-domain scores.
    expect(april.ladder).toMatchObject({ pathways: 1, up: 0, same: 1, down: 0 });
    expect(april.distance).toEqual([]);

    // A later score moves Fatima's last rung only for a period that reaches it.
    await score(twiceScored, ladderId, '2026-07-10', coordinator.personId, { participation: 5 });
    const june = (await get(coordinator.headers, `${period}&placeId=${org.placeId}`)).json() as Dashboard;
    expect(june.ladder).toMatchObject({ pathways: 4, up: 3, same: 1 });
    const july = (await get(coordinator.headers, `from=2026-01-01&to=2026-07-31&placeId=${org.placeId}`)).json() as Dashboard;
    expect(july.ladder).toMatchObject({ pathways: 4, up: 4, same: 0 });
    expect(july.ladder.moves.find((m) => m.from === 3 && m.to === 5)?.count).toBe(1);
  });

  it('shows an assessment written through the API at once, and forgets it when it is deleted', async () => {
    const before = (await get(coordinator.headers, `${period}&placeId=${org.placeId}`)).json() as Dashboard;
    expect(before.ladder).toMatchObject({ pathways: 4, up: 3 });

    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/pathways/${onceScored}/assessments`,
      headers: coordinator.headers,
      payload: { instrumentId: ladderId, assessedOn: '2026-05-20', scores: [{ domainKey: 'participation', level: 3 }] },
    });
    expect(res.statusCode).toBe(201);
    const after = (await get(coordinator.headers, `${period}&placeId=${org.placeId}`)).json() as Dashboard;
    expect(after.ladder).toMatchObject({ pathways: 5, up: 4 });
    expect(after.ladder.moves.find((m) => m.from === 1 && m.to === 3)?.count).toBe(1);

    await ctx.db.delete(assessments).where(and(eq(assessments.organisationId, org.id), eq(assessments.id, res.json().id)));
    const removed = (await get(coordinator.headers, `${period}&placeId=${org.placeId}`)).json() as Dashboard;
    expect(removed.ladder).toMatchObject({ pathways: 4, up: 3 });
  });
});
