/**
 * Demo pathways for the demo organisation, after the seeds: SamenWerkt (seed 003: young people
 * 18-30 referred by VDAB, OCMW, a school, a shelter, or coming themselves) and Sleutel naar werk
 * of opleiding (seed 004: mothers, life domains). A dozen pathways across the places, referrals
 * not yet started, entry data with refused answers, plans, two ended pathways (one follow-up due).
 * deelnemer@ has a pathway led by companion@; partner@ works for VDAB and is on one team.
 * Runs inside the demo seed's transaction, as the owner. Dates are relative to today.
 */
import { and, eq } from 'drizzle-orm';
import { exitOutcomeEvent, FOLLOW_UP_MONTHS } from '../../../shared/pathways.ts';
import type { Tx } from '../../db/client.ts';
import {
  accounts,
  consents,
  entryData,
  followUps,
  goals,
  partners,
  pathwayEvents,
  pathways,
  pathwayTeam,
  people,
  places,
  programmePlaces,
  programmes,
  referralsIn,
  steps,
} from '../../db/schema/index.ts';
import { loadCareDemo } from './demo-care.ts';
import { loadNetworkDemo } from './demo-network.ts';
import { addDays, addMonths, today } from './service.ts';

type Entry = Omit<typeof entryData.$inferInsert, 'organisationId' | 'pathwayId'>;
type GoalSpec = {
  domain: string;
  text: string;
  status?: 'open' | 'achieved';
  steps: [string, 'participant' | 'companion' | 'partner', number | null, 'todo' | 'doing' | 'done'][];
};

const unemployed = (since: string) => ({ employmentAtEntry: 'unemployed' as const, unemployedSince: since });

export async function loadPathwaysDemo(tx: Tx, organisationId: string) {
  const now = today();
  const org = organisationId;
  const placeRows = await tx.select().from(places).where(eq(places.organisationId, org));
  const place = (name: string) => placeRows.find((p) => p.name.endsWith(name))?.id as string;
  const [lier, turnhout, borgerhout] = [place('Lier'), place('Turnhout'), place('Borgerhout')];
  if (!lier) return;

  // The two programmes of the seeds, at the demo's places.
  const [samenWerkt, sleutel] = await tx
    .insert(programmes)
    .values([
      {
        organisationId: org,
        name: 'SamenWerkt',
        description:
          'Jongeren van 18 tot 30 zonder werk, opleiding of dagbesteding: de jongere aan het stuur, een trajectgezel ernaast (Missing Link). ESF/WSE.',
        startsOn: addMonths(now, -30),
        endsOn: addMonths(now, 18),
      },
      {
        organisationId: org,
        name: 'Sleutel naar werk of opleiding',
        description:
          'Twee jaar begeleiding van moeders in armoede: individueel (welzijn en werk) en wekelijkse groepssessies, vooruitgang op alle levensdomeinen.',
        startsOn: addMonths(now, -14),
        endsOn: addMonths(now, 10),
      },
    ])
    .returning();
  await tx.insert(programmePlaces).values([
    { organisationId: org, programmeId: samenWerkt.id, placeId: lier },
    { organisationId: org, programmeId: samenWerkt.id, placeId: turnhout },
    { organisationId: org, programmeId: sleutel.id, placeId: borgerhout },
    { organisationId: org, programmeId: sleutel.id, placeId: lier },
  ]);

  // Referrers of seed 003 that the organisation did not know yet: a school and a shelter.
  await tx.insert(partners).values([
    { organisationId: org, name: 'Atheneum Lier', kind: 'school' },
    { organisationId: org, name: 'Opvangcentrum De Vaart', kind: 'shelter' },
  ]);
  const partnerRows = await tx.select().from(partners).where(eq(partners.organisationId, org));
  const partner = (name: string) => partnerRows.find((p) => p.name === name)?.id as string;
  const [vdab, ocmw, school, shelter, caw] = [
    partner('VDAB'),
    partner('OCMW Lier'),
    partner('Atheneum Lier'),
    partner('Opvangcentrum De Vaart'),
    partner('CAW De Kempen'),
  ];

  const staff = await tx.select({ personId: accounts.personId, login: accounts.login }).from(accounts).where(eq(accounts.organisationId, org));
  const byLogin = (login: string) => staff.find((s) => s.login === login)?.personId as string;
  const companion = byLogin('companion@blenders.demo');
  const coordinator = byLogin('coordinator@blenders.demo');
  const partnerWorker = byLogin('partner@blenders.demo');
  const deelnemer = byLogin('deelnemer@blenders.demo');
  // The partner worker works for VDAB (Koen De Wit is VDAB's contact in the seed).
  if (partnerWorker)
    await tx
      .update(people)
      .set({ partnerId: vdab })
      .where(and(eq(people.organisationId, org), eq(people.id, partnerWorker)));

  const participants = await tx
    .select()
    .from(people)
    .where(and(eq(people.organisationId, org), eq(people.kind, 'participant')));
  const at = (placeId: string) => participants.filter((p) => p.placeId === placeId && p.id !== deelnemer);
  const lierPeople = at(lier);
  const turnhoutPeople = at(turnhout);
  const borgerhoutPeople = at(borgerhout);

  async function pathway(spec: {
    participantId: string;
    placeId: string;
    programmeId: string;
    startedDaysAgo: number;
    referral: { source: 'partner' | 'self' | 'network'; partnerId?: string; referrerName?: string; reason: string; daysBefore?: number };
    lead: string;
    others?: { personId: string; role: 'companion' | 'partner-worker'; partnerId?: string }[];
    entry: Entry & { gender: 'woman' | 'man' | 'non-binary'; isced: number };
    consentsAlso?: ('research' | 'photos-stories')[];
    shareWith?: string[];
    plan: GoalSpec[];
    ended?: { daysAgo: number; outcome: 'work' | 'training' | 'dropped-out'; note?: string; followUpDone?: boolean };
  }) {
    const startedOn = addDays(now, -spec.startedDaysAgo);
    const endedOn = spec.ended ? addDays(now, -spec.ended.daysAgo) : null;
    const [pw] = await tx
      .insert(pathways)
      .values({
        organisationId: org,
        participantId: spec.participantId,
        placeId: spec.placeId,
        programmeId: spec.programmeId,
        status: endedOn ? 'ended' : 'active',
        startedOn,
        endedOn,
        exitOutcome: spec.ended?.outcome ?? null,
        exitNote: spec.ended?.note ?? null,
      })
      .returning();
    const r = spec.referral;
    await tx.insert(referralsIn).values({
      organisationId: org,
      participantId: spec.participantId,
      pathwayId: pw.id,
      placeId: spec.placeId,
      source: r.source,
      partnerId: r.partnerId ?? null,
      referrerName: r.referrerName ?? null,
      referredOn: addDays(startedOn, -(r.daysBefore ?? 12)),
      reason: r.reason,
      status: 'started',
      intakeOn: startedOn,
    });
    const given = new Date(`${startedOn}T10:00:00Z`);
    await tx.insert(consents).values([
      { organisationId: org, participantId: spec.participantId, purpose: 'guidance', givenAt: given, recordedBy: spec.lead },
      ...(spec.consentsAlso ?? []).map((purpose) => ({
        organisationId: org,
        participantId: spec.participantId,
        purpose,
        givenAt: given,
        recordedBy: spec.lead,
      })),
      ...(spec.shareWith ?? []).map((partnerId) => ({
        organisationId: org,
        participantId: spec.participantId,
        purpose: 'share-with-partner' as const,
        partnerId,
        givenAt: given,
        recordedBy: spec.lead,
      })),
    ]);
    await tx.insert(entryData).values({
      organisationId: org,
      pathwayId: pw.id,
      thirdCountryNational: 'no',
      homeless: 'no',
      rural: 'no',
      disability: 'no',
      minority: 'no',
      foreignBackground: 'no',
      ...spec.entry,
      collectionAttemptedAt: given,
      recordedBy: spec.lead,
    });
    await tx.insert(pathwayTeam).values([
      { organisationId: org, pathwayId: pw.id, personId: spec.lead, role: 'lead-companion', joinedOn: startedOn },
      ...(spec.others ?? []).map((o) => ({
        organisationId: org,
        pathwayId: pw.id,
        personId: o.personId,
        role: o.role,
        partnerId: o.partnerId ?? null,
        joinedOn: addDays(startedOn, 20),
      })),
    ]);
    for (const [gi, g] of spec.plan.entries()) {
      const [goal] = await tx
        .insert(goals)
        .values({ organisationId: org, pathwayId: pw.id, lifeDomain: g.domain, text: g.text, status: g.status ?? 'open', position: gi })
        .returning();
      if (g.steps.length) {
        await tx.insert(steps).values(
          g.steps.map(([text, owner, dueIn, status], si) => ({
            organisationId: org,
            goalId: goal.id,
            text,
            owner,
            ownerPartnerId: owner === 'partner' ? (spec.shareWith?.[0] ?? null) : null,
            dueOn: dueIn === null ? null : addDays(now, dueIn),
            status,
            position: si,
          })),
        );
      }
    }
    if (spec.ended && endedOn) {
      const event = exitOutcomeEvent[spec.ended.outcome];
      if (event) await tx.insert(pathwayEvents).values({ organisationId: org, pathwayId: pw.id, occurredOn: endedOn, type: event, recordedBy: spec.lead });
      await tx.insert(followUps).values({
        organisationId: org,
        pathwayId: pw.id,
        dueOn: addMonths(endedOn, FOLLOW_UP_MONTHS),
        ...(spec.ended.followUpDone ? { doneOn: addMonths(endedOn, FOLLOW_UP_MONTHS), employed: true, improvedSituation: true, recordedBy: spec.lead } : {}),
      });
    }
    return pw;
  }

  // The demo participant: referred by OCMW, companion@ leads, partner@ (VDAB) on the team.
  if (deelnemer) {
    await pathway({
      participantId: deelnemer,
      placeId: lier,
      programmeId: sleutel.id,
      startedDaysAgo: 400,
      referral: {
        source: 'partner',
        partnerId: ocmw,
        referrerName: 'Sarah Michiels',
        reason: 'Alleenstaande mama van twee, wil na jaren thuis opnieuw aan de slag. Leefloon.',
      },
      lead: companion,
      others: partnerWorker ? [{ personId: partnerWorker, role: 'partner-worker', partnerId: vdab }] : [],
      entry: { gender: 'woman', isced: 2, ...unemployed(addDays(now, -1400)), foreignBackground: 'yes', thirdCountryNational: 'no', disability: 'refused' },
      consentsAlso: ['research', 'photos-stories'],
      shareWith: [vdab, ocmw],
      plan: [
        {
          domain: 'work',
          text: 'Ik wil in een keuken werken, liefst in de buurt van de school van de kinderen.',
          steps: [
            ['Proefdag in de keuken van het sociaal restaurant', 'participant', -30, 'done'],
            ['Inschrijven voor de opleiding grootkeuken bij VDAB', 'partner', 10, 'doing'],
            ['Een cv maken met foto', 'participant', 14, 'todo'],
          ],
        },
        {
          domain: 'parenting',
          text: 'Opvang voor de jongste vinden zodat ik kan werken.',
          steps: [
            ['Samen naar het Huis van het Kind bellen', 'companion', 5, 'todo'],
            ['Wachtlijst kinderopvang navragen', 'participant', 21, 'todo'],
          ],
        },
        {
          domain: 'social-network',
          text: 'Mensen leren kennen buiten de familie.',
          status: 'achieved',
          steps: [['Elke dinsdag naar het open Huys-moment', 'participant', null, 'done']],
        },
      ],
    });
  }

  const [p1, p2, p3, p4, p5] = lierPeople;
  const [t1, t2, t3] = turnhoutPeople;
  const [b1, b2, b3] = borgerhoutPeople;
  const young = (n: number) => addDays(now, -365 * n - 40);
  if (p1) {
    await tx
      .update(people)
      .set({ birthDate: young(19) })
      .where(and(eq(people.organisationId, org), eq(people.id, p1.id)));
    await pathway({
      participantId: p1.id,
      placeId: lier,
      programmeId: samenWerkt.id,
      startedDaysAgo: 90,
      referral: { source: 'partner', partnerId: school, referrerName: 'leerlingenbegeleider', reason: 'Stopte in het zesde jaar, zit sindsdien thuis.' },
      lead: companion,
      entry: { gender: 'man', isced: 2, employmentAtEntry: 'inactive' },
      plan: [
        {
          domain: 'education',
          text: 'Mijn diploma secundair toch nog halen.',
          steps: [
            ['Infoavond tweedekansonderwijs', 'participant', 7, 'todo'],
            ['Met de school bekijken welke vakken nog nodig zijn', 'companion', 20, 'todo'],
          ],
        },
        { domain: 'health', text: 'Een vast slaapritme.', steps: [['Om 8 uur opstaan, een week lang', 'participant', 3, 'doing']] },
      ],
    });
  }
  if (p2) {
    await tx
      .update(people)
      .set({ birthDate: young(24) })
      .where(and(eq(people.organisationId, org), eq(people.id, p2.id)));
    await pathway({
      participantId: p2.id,
      placeId: lier,
      programmeId: samenWerkt.id,
      startedDaysAgo: 200,
      referral: { source: 'partner', partnerId: shelter, reason: 'Verblijft in de opvang, zoekt een woning en werk.' },
      lead: companion,
      others: [{ personId: coordinator, role: 'companion' }],
      entry: {
        gender: 'man',
        isced: 1,
        ...unemployed(addDays(now, -900)),
        homeless: 'yes',
        thirdCountryNational: 'yes',
        foreignBackground: 'yes',
        minority: 'refused',
      },
      shareWith: [caw],
      plan: [
        {
          domain: 'housing',
          text: 'Een eigen studio.',
          steps: [
            ['Inschrijven bij het sociaal verhuurkantoor', 'companion', -40, 'done'],
            ['Budget bekijken met het CAW', 'partner', 12, 'todo'],
          ],
        },
        { domain: 'language', text: 'Beter Nederlands spreken aan de telefoon.', steps: [['Conversatietafel op donderdag', 'participant', 4, 'doing']] },
      ],
    });
  }
  if (p3) {
    await pathway({
      participantId: p3.id,
      placeId: lier,
      programmeId: samenWerkt.id,
      startedDaysAgo: 60,
      referral: { source: 'self', reason: 'Kwam zelf langs na een infomoment in de bib.' },
      lead: companion,
      entry: { gender: 'non-binary', isced: 3, ...unemployed(addDays(now, -200)), disability: 'refused', minority: 'refused' },
      plan: [{ domain: 'work', text: 'Werk vinden in de groenzorg.', steps: [['Snuffelstage bij de stadsdienst groen', 'partner', 15, 'todo']] }],
    });
  }
  if (p4) {
    // Ended seven months ago with work: the six-month follow-up is due.
    await pathway({
      participantId: p4.id,
      placeId: lier,
      programmeId: samenWerkt.id,
      startedDaysAgo: 520,
      referral: { source: 'partner', partnerId: vdab, referrerName: 'Koen De Wit', reason: 'Langdurig werkzoekend, wil een rijbewijs C halen.' },
      lead: companion,
      entry: { gender: 'man', isced: 3, ...unemployed(addDays(now, -1200)) },
      plan: [{ domain: 'work', text: 'Vrachtwagenchauffeur worden.', status: 'achieved', steps: [['Rijbewijs C halen', 'participant', -250, 'done']] }],
      ended: { daysAgo: 215, outcome: 'work' },
    });
  }
  if (p5) {
    await pathway({
      participantId: p5.id,
      placeId: lier,
      programmeId: sleutel.id,
      startedDaysAgo: 300,
      referral: { source: 'network', referrerName: 'een buurvrouw', reason: 'Hoorde van het project via een buurvrouw die in de groep zat.' },
      lead: companion,
      entry: { gender: 'woman', isced: 4, employmentAtEntry: 'inactive', foreignBackground: 'refused' },
      plan: [
        {
          domain: 'education',
          text: 'Een opleiding kinderbegeleider starten.',
          status: 'achieved',
          steps: [['Inschrijven bij het CVO', 'participant', -80, 'done']],
        },
      ],
      ended: { daysAgo: 45, outcome: 'training' },
    });
  }
  const turnhoutSpecs = [
    { p: t1, partnerId: vdab, reason: 'Werkzoekend sinds de sluiting van de fabriek.', gender: 'man' as const, isced: 2 },
    { p: t2, partnerId: ocmw, reason: 'Leefloon, wil eerst Nederlands leren.', gender: 'woman' as const, isced: 5 },
    { p: t3, partnerId: undefined, reason: 'Kwam zelf: wil iets doen met haar naaikunst.', gender: 'woman' as const, isced: 2 },
    { p: turnhoutPeople[3], partnerId: shelter, reason: 'Nachtopvang, wil overdag iets zinvols doen.', gender: 'man' as const, isced: 0 },
  ];
  for (const [i, s] of turnhoutSpecs.entries()) {
    if (!s.p) continue;
    await pathway({
      participantId: s.p.id,
      placeId: turnhout,
      programmeId: samenWerkt.id,
      startedDaysAgo: 40 + i * 35,
      referral: s.partnerId ? { source: 'partner', partnerId: s.partnerId, reason: s.reason } : { source: 'self', reason: s.reason },
      lead: coordinator,
      entry: {
        gender: s.gender,
        isced: s.isced,
        ...unemployed(addDays(now, -500 - i * 100)),
        thirdCountryNational: i === 1 ? 'yes' : 'no',
        foreignBackground: i === 1 ? 'yes' : 'refused',
      },
      plan: [
        {
          domain: i === 1 ? 'language' : 'work',
          text: i === 1 ? 'Nederlands leren tot niveau 2.' : 'Een job met vaste uren.',
          steps: [['Gesprek met de trajectgezel', 'companion', 7 + i, 'todo']],
        },
      ],
    });
  }
  const borgerhoutSpecs = [
    { p: b1, partnerId: ocmw, reason: 'Moeder van drie, schulden, wil werken.', isced: 1 },
    { p: b2, partnerId: caw, reason: 'Via budgetbegeleiding bij het CAW.', isced: 3 },
  ];
  for (const [i, s] of borgerhoutSpecs.entries()) {
    if (!s.p) continue;
    await pathway({
      participantId: s.p.id,
      placeId: borgerhout,
      programmeId: sleutel.id,
      startedDaysAgo: 120 + i * 60,
      referral: { source: 'partner', partnerId: s.partnerId, reason: s.reason },
      lead: coordinator,
      entry: { gender: 'woman', isced: s.isced, ...unemployed(addDays(now, -700)), rural: 'refused' },
      plan: [
        { domain: 'income', text: 'Mijn schulden afbetalen zonder stress.', steps: [['Alle brieven samen sorteren', 'companion', 6, 'doing']] },
        { domain: 'parenting', text: 'Tijd voor mezelf, één voormiddag per week.', steps: [] },
      ],
    });
  }

  // Referrals still at the door: received, intake planned, not started.
  const waiting = [
    { p: b3, placeId: borgerhout, source: 'partner' as const, partnerId: ocmw, status: 'received' as const, reason: 'Jonge moeder, wil graag in de groep.' },
    {
      p: lierPeople[5],
      placeId: lier,
      source: 'partner' as const,
      partnerId: vdab,
      status: 'intake-planned' as const,
      reason: 'Zoekt werk in de logistiek.',
      intakeOn: addDays(now, 3),
    },
    {
      p: lierPeople[6],
      placeId: lier,
      source: 'self' as const,
      partnerId: undefined,
      status: 'received' as const,
      reason: 'Stapte binnen tijdens het open Huys-moment.',
    },
    {
      p: lierPeople[7],
      placeId: lier,
      source: 'partner' as const,
      partnerId: school,
      status: 'not-started' as const,
      reason: 'Net afgestudeerd, weet niet wat nu.',
      notStartedReason: 'Vond zelf een job na het eerste gesprek.',
    },
  ];
  for (const [i, w] of waiting.entries()) {
    if (!w.p) continue;
    await tx.insert(referralsIn).values({
      organisationId: org,
      participantId: w.p.id,
      placeId: w.placeId,
      source: w.source,
      partnerId: w.partnerId ?? null,
      referredOn: addDays(now, -3 - i * 4),
      reason: w.reason,
      status: w.status,
      intakeOn: w.intakeOn ?? null,
      notStartedReason: w.notStartedReason ?? null,
    });
  }

  // The other areas add their demo on these pathways here, one line each.
  await loadNetworkDemo(tx, org);
  await loadCareDemo(tx, org);
}
