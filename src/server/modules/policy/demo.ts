import { and, asc, eq } from 'drizzle-orm';
import type { LifeDomain } from '../../../shared/policy.ts';
import type { Tx } from '../../db/client.ts';
import {
  accounts,
  activities,
  partnerContacts,
  partners,
  people,
  places,
  policyAgendaItems,
  policyBarrierEvents,
  policyBarrierSupports,
  policyBarriers,
  policyMeetingMembers,
  policyMeetings,
  policyProposalBarriers,
  policyProposals,
  policyStories,
  roleAssignments,
} from '../../db/schema/index.ts';

interface BarrierSpec {
  key: string;
  /** index into the demo participants, or 'group' for what a group session said (recorded by the facilitator) */
  by: number | 'group';
  text: string;
  lang?: string;
  domain: LifeDomain;
  partner?: string;
  actor?: string;
  people: number;
  supporters: number[];
  mergeInto?: string;
}

// The barriers mothers named in the Sint-Niklaas programme (seed 004), as they come up in Lier.
const barrierSpecs: BarrierSpec[] = [
  {
    key: 'childcare',
    by: 0,
    text: 'Ik kan niet naar de VDAB-opleiding, want er is geen kinderopvang voor mijn jongste tijdens de lesuren.',
    domain: 'childcare',
    partner: 'Stad Lier',
    actor: 'Stad Lier, dienst kinderopvang',
    people: 5,
    supporters: [4, 8, 12],
  },
  {
    key: 'childcare-wednesday',
    by: 4,
    text: 'Op woensdagnamiddag is er geen opvang, en de opleiding loopt dan gewoon door.',
    domain: 'childcare',
    people: 3,
    supporters: [16],
    mergeInto: 'childcare',
  },
  {
    key: 'bus',
    by: 8,
    text: 'Het busabonnement naar de opleiding in Mechelen kost te veel voor ons budget.',
    domain: 'mobility',
    actor: 'De Lijn en Stad Lier',
    people: 4,
    supporters: [0, 20],
  },
  {
    key: 'housing',
    by: 12,
    text: 'قائمة انتظار السكن الاجتماعي طويلة جدًا، أكثر من خمس سنوات',
    lang: 'ar',
    domain: 'housing',
    actor: 'Stad Lier, woonloket',
    people: 6,
    supporters: [20, 24],
  },
  {
    key: 'housing-waiting',
    by: 16,
    text: 'Al vier jaar ingeschreven voor een sociale woning; we wonen met vijf in twee kamers.',
    domain: 'housing',
    people: 5,
    supporters: [28],
    mergeInto: 'housing',
  },
  {
    key: 'ocmw-story',
    by: 20,
    text: 'Bij het OCMW moet ik elke keer opnieuw mijn verhaal doen aan iemand anders.',
    domain: 'income',
    partner: 'OCMW Lier',
    people: 2,
    supporters: [],
  },
  {
    key: 'interviews',
    by: 'group',
    text: "De groep zegt: sollicitatiegesprekken zijn bijna altijd 's ochtends, als de kinderen naar school moeten.",
    domain: 'work',
    partner: 'VDAB',
    people: 7,
    supporters: [0],
  },
  {
    key: 'dutch-evening',
    by: 24,
    text: 'De Nederlandse les in de avond is vol, en overdag kan ik niet.',
    domain: 'language',
    actor: 'Huis van het Nederlands',
    people: 3,
    supporters: [],
  },
  {
    key: 'computer',
    by: 28,
    text: 'Je n’ai pas d’ordinateur à la maison pour chercher du travail ou remplir les formulaires.',
    lang: 'fr',
    domain: 'work',
    people: 2,
    supporters: [12],
  },
];

const at = (iso: string) => new Date(iso);

/**
 * Barriers from seed 004 (childcare during training, transport costs, housing waiting lists, ...),
 * two of them merged into others, two proposals, a steering group meeting held with decisions and
 * minutes, one planned, and quotes kept with consent. Runs inside the demo seed's transaction, as
 * the owner. The demo participant (deelnemer@) raised the childcare barrier and supports the bus one.
 */
export async function loadPolicyDemo(tx: Tx, organisationId: string) {
  const participants = await tx
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), eq(people.kind, 'participant')))
    .orderBy(asc(people.createdAt), asc(people.id));
  if (participants.length < 30) return;
  const [lier] = await tx
    .select()
    .from(places)
    .where(and(eq(places.organisationId, organisationId), eq(places.name, 'Stuyfplek Lier')));
  const partnerRows = await tx.select().from(partners).where(eq(partners.organisationId, organisationId));
  const partnerId = (name?: string) => (name ? (partnerRows.find((p) => p.name === name)?.id ?? null) : null);
  const staff = await tx
    .select({ personId: people.id, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(accounts, and(eq(accounts.organisationId, roleAssignments.organisationId), eq(accounts.id, roleAssignments.accountId)))
    .innerJoin(people, and(eq(people.organisationId, accounts.organisationId), eq(people.id, accounts.personId)))
    .where(eq(roleAssignments.organisationId, organisationId));
  const staffOf = (role: string) => staff.find((s) => s.role === role)?.personId ?? null;
  const matchmaker = staffOf('matchmaker') as string;
  const facilitator = staffOf('facilitator') ?? matchmaker;
  const [groupSession] = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.organisationId, organisationId), eq(activities.placeId, lier.id)))
    .orderBy(asc(activities.title))
    .limit(1);

  const ids = new Map<string, string>();
  const events: (typeof policyBarrierEvents.$inferInsert)[] = [];
  for (const [n, spec] of barrierSpecs.entries()) {
    const raisedAt = at(`2026-0${6 + Math.floor(n / 3)}-${String(3 + n * 2).padStart(2, '0')}T10:00:00Z`);
    const person = spec.by === 'group' ? facilitator : participants[spec.by].id;
    const [b] = await tx
      .insert(policyBarriers)
      .values({
        organisationId,
        text: spec.text,
        lang: spec.lang ?? 'nl',
        domain: spec.domain,
        actorPartnerId: partnerId(spec.partner),
        actorText: spec.partner ? null : (spec.actor ?? null),
        peopleAffected: spec.people,
        placeId: lier.id,
        activityId: spec.by === 'group' ? (groupSession?.id ?? null) : null,
        raisedByPersonId: person,
        source: spec.by === 'group' ? 'group-session' : 'self',
        createdAt: raisedAt,
        updatedAt: raisedAt,
      })
      .returning();
    ids.set(spec.key, b.id);
    events.push({ organisationId, barrierId: b.id, kind: 'raised', byPersonId: person, createdAt: raisedAt });
    for (const [k, s] of spec.supporters.entries()) {
      const when = new Date(raisedAt.getTime() + (k + 1) * 86_400_000);
      await tx.insert(policyBarrierSupports).values({
        organisationId,
        barrierId: b.id,
        personId: participants[s].id,
        note: k === 0 && spec.key === 'childcare' ? 'Bij mij ook: de crèche heeft pas plaats in september.' : null,
        createdAt: when,
      });
      events.push({ organisationId, barrierId: b.id, kind: 'supported', byPersonId: participants[s].id, createdAt: when });
    }
  }
  const id = (key: string) => ids.get(key) as string;

  // The matchmaker merged the duplicates: the merged ones keep their text and supporters and point on.
  const mergedAt = at('2026-09-01T09:00:00Z');
  for (const spec of barrierSpecs.filter((s) => s.mergeInto)) {
    await tx
      .update(policyBarriers)
      .set({ mergedIntoId: id(spec.mergeInto as string), status: 'merged', updatedAt: mergedAt })
      .where(and(eq(policyBarriers.organisationId, organisationId), eq(policyBarriers.id, id(spec.key))));
    events.push(
      { organisationId, barrierId: id(spec.mergeInto as string), kind: 'merged', otherBarrierId: id(spec.key), byPersonId: matchmaker, createdAt: mergedAt },
      {
        organisationId,
        barrierId: id(spec.key),
        kind: 'merged-into',
        otherBarrierId: id(spec.mergeInto as string),
        byPersonId: matchmaker,
        createdAt: mergedAt,
      },
    );
  }

  const [childcareProposal, busProposal] = await tx
    .insert(policyProposals)
    .values([
      {
        organisationId,
        title: 'Occasionele kinderopvang tijdens opleidingen',
        change: 'Plaatsen in de stedelijke kinderopvang voorbehouden voor ouders die een opleiding volgen, ook op woensdagnamiddag.',
        rationale: 'Vijf moeders van de groepssessies konden hun VDAB-opleiding niet starten of moesten stoppen omdat er geen opvang was.',
        actorPartnerId: partnerId('Stad Lier'),
        status: 'partly-accepted',
        answer: 'Vanaf januari houdt de stad vier plaatsen vrij voor ouders in opleiding; woensdagnamiddag nog niet.',
        answeredOn: '2026-10-08',
        createdByPersonId: matchmaker,
        createdAt: at('2026-09-03T09:00:00Z'),
        updatedAt: at('2026-10-08T16:00:00Z'),
      },
      {
        organisationId,
        title: 'Vervoerspas voor wie een opleiding volgt',
        change: 'Een gratis of goedkoop busabonnement voor deelnemers zolang hun opleiding loopt.',
        rationale: 'Vier deelnemers noemen de kost van de bus naar Mechelen als reden om niet te starten.',
        actorText: 'De Lijn en Stad Lier',
        status: 'presented',
        createdByPersonId: matchmaker,
        createdAt: at('2026-09-10T09:00:00Z'),
        updatedAt: at('2026-10-08T16:00:00Z'),
      },
    ])
    .returning();
  await tx.insert(policyProposalBarriers).values([
    { organisationId, proposalId: childcareProposal.id, barrierId: id('childcare') },
    { organisationId, proposalId: childcareProposal.id, barrierId: id('childcare-wednesday') },
    { organisationId, proposalId: busProposal.id, barrierId: id('bus') },
  ]);
  events.push(
    {
      organisationId,
      barrierId: id('childcare'),
      kind: 'proposal',
      status: 'in-proposal',
      proposalId: childcareProposal.id,
      byPersonId: matchmaker,
      createdAt: at('2026-09-03T09:00:00Z'),
    },
    {
      organisationId,
      barrierId: id('bus'),
      kind: 'proposal',
      status: 'in-proposal',
      proposalId: busProposal.id,
      byPersonId: matchmaker,
      createdAt: at('2026-09-10T09:00:00Z'),
    },
  );

  // The steering group of 8 October: held, with decisions; the next one is planned.
  const [held, planned] = await tx
    .insert(policyMeetings)
    .values([
      {
        organisationId,
        heldOn: '2026-10-08',
        location: 'Stuyfplek Lier, Zimmerplein 1',
        status: 'held',
        notes: 'De stuurgroep bespreekt de drempels die de moeders in de groepssessies noemden.',
      },
      { organisationId, heldOn: '2026-12-10', location: 'Stuyfplek Lier, Zimmerplein 1', status: 'planned' },
    ])
    .returning();
  const contacts = await tx
    .select({ id: partnerContacts.id, partnerId: partnerContacts.partnerId })
    .from(partnerContacts)
    .where(eq(partnerContacts.organisationId, organisationId));
  const contactOf = (name: string) => contacts.filter((c) => c.partnerId === partnerId(name)).map((c) => c.id);
  const members = [staffOf('steering-member'), staffOf('coordinator'), matchmaker].filter((p): p is string => !!p);
  for (const m of [held, planned])
    await tx
      .insert(policyMeetingMembers)
      .values([
        ...members.map((personId) => ({ organisationId, meetingId: m.id, personId })),
        ...['Stad Lier', 'VDAB', 'OCMW Lier', 'CAW De Kempen']
          .flatMap(contactOf)
          .map((partnerContactId) => ({ organisationId, meetingId: m.id, partnerContactId })),
      ]);
  const decidedAt = at('2026-10-08T16:00:00Z');
  await tx.insert(policyAgendaItems).values([
    {
      organisationId,
      meetingId: held.id,
      position: 0,
      proposalId: childcareProposal.id,
      note: 'Voorstel van de groepssessies',
      decision: 'De stuurgroep steunt het voorstel en vraagt de stad om een antwoord vóór december.',
      actorAnswer: 'Vanaf januari houdt de stad vier plaatsen vrij voor ouders in opleiding; woensdagnamiddag nog niet.',
      outcome: 'partly-accepted',
      decidedAt,
    },
    {
      organisationId,
      meetingId: held.id,
      position: 1,
      proposalId: busProposal.id,
      decision: 'Voorgelegd aan De Lijn; de stad bekijkt een tussenkomst via het OCMW.',
      outcome: 'presented',
      decidedAt,
    },
    {
      organisationId,
      meetingId: held.id,
      position: 2,
      barrierId: id('housing'),
      decision: 'Het woonloket komt de wachtlijst toelichten op de volgende stuurgroep.',
      outcome: 'presented',
      decidedAt,
    },
    { organisationId, meetingId: planned.id, position: 0, barrierId: id('interviews'), note: 'Uit de groepssessie werk en opleiding' },
    { organisationId, meetingId: planned.id, position: 1, barrierId: id('housing'), note: 'Toelichting door het woonloket' },
  ]);
  const shown: [string, string, string | null][] = [
    ['childcare', 'partly-accepted', 'Vanaf januari houdt de stad vier plaatsen vrij voor ouders in opleiding; woensdagnamiddag nog niet.'],
    ['bus', 'on-agenda', 'Voorgelegd aan De Lijn; de stad bekijkt een tussenkomst via het OCMW.'],
    ['housing', 'on-agenda', 'Het woonloket komt de wachtlijst toelichten op de volgende stuurgroep.'],
    ['interviews', 'on-agenda', null],
  ];
  for (const [key, status, note] of shown) {
    await tx
      .update(policyBarriers)
      .set({ status, outcomeNote: note, updatedAt: decidedAt })
      .where(and(eq(policyBarriers.organisationId, organisationId), eq(policyBarriers.id, id(key))));
    events.push({
      organisationId,
      barrierId: id(key),
      kind: key === 'interviews' ? 'agenda' : 'status',
      status,
      note,
      meetingId: key === 'interviews' ? planned.id : held.id,
      byPersonId: matchmaker,
      createdAt: decidedAt,
    });
  }
  await tx.insert(policyBarrierEvents).values(events);

  // Quotes from the group sessions, kept with consent (seed 004).
  const quoteBy = (i: number) => participants[i];
  await tx.insert(policyStories).values([
    {
      organisationId,
      personId: quoteBy(4).id,
      text: 'Ik voel mij zelfzeker en gewaardeerd in de groep.',
      lang: 'nl',
      consentOn: '2026-09-15',
      consentScope: 'reports',
      attribution: 'custom',
      attributionText: 'een moeder uit de groepssessies',
      domain: 'social-network',
      placeId: lier.id,
      recordedByPersonId: matchmaker,
    },
    {
      organisationId,
      personId: quoteBy(8).id,
      text: 'We zijn een vaste groep geworden, waarin we elkaar kunnen ondersteunen en helpen.',
      lang: 'nl',
      consentOn: '2026-09-15',
      consentScope: 'public',
      attribution: 'anonymous',
      domain: 'social-network',
      placeId: lier.id,
      recordedByPersonId: matchmaker,
    },
    {
      organisationId,
      personId: quoteBy(0).id,
      text: 'Chic dat anderen dat in mij zagen.',
      lang: 'nl',
      consentOn: '2026-10-01',
      consentScope: 'internal',
      attribution: 'first-name',
      domain: 'work',
      placeId: lier.id,
      recordedByPersonId: matchmaker,
    },
  ]);
}
