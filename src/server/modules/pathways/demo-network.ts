/**
 * The network demo, on the pathways of `demo.ts`: warm referrals out to OCMW and CAW with consent
 * and the partner's feedback, one sent to VDAB waiting in partner@blenders.demo's inbox, one
 * proposal still missing its consent, and the mothers' group of Sleutel naar werk of opleiding
 * (seed 004) linked to its weekly session at Stuyfplek Lier. Runs inside the demo seed's
 * transaction, as the owner.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import {
  accounts,
  activities,
  cohortMembers,
  cohorts,
  consents,
  partnerContacts,
  partners,
  pathways,
  places,
  programmes,
  referralsOut,
} from '../../db/schema/index.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const dateDaysAgo = (n: number) => daysAgo(n).toISOString().slice(0, 10);

export async function loadNetworkDemo(tx: Tx, organisationId: string) {
  const org = organisationId;
  const partnerRows = await tx.select().from(partners).where(eq(partners.organisationId, org));
  const partner = (name: string) => partnerRows.find((p) => p.name === name);
  const [vdab, ocmw, caw] = [partner('VDAB'), partner('OCMW Lier'), partner('CAW De Kempen')];
  const staff = await tx.select({ personId: accounts.personId, login: accounts.login }).from(accounts).where(eq(accounts.organisationId, org));
  const byLogin = (login: string) => staff.find((s) => s.login === login)?.personId;
  const companion = byLogin('companion@blenders.demo');
  const deelnemer = byLogin('deelnemer@blenders.demo');
  if (!vdab || !ocmw || !caw || !deelnemer) return;

  const [ocmwContact] = await tx
    .select({ id: partnerContacts.id })
    .from(partnerContacts)
    .where(and(eq(partnerContacts.organisationId, org), eq(partnerContacts.partnerId, ocmw.id)));
  const [mine] = await tx
    .select()
    .from(pathways)
    .where(and(eq(pathways.organisationId, org), eq(pathways.participantId, deelnemer)));
  if (!mine) return;

  /** The standing share-with-partner consent of a participant for a partner, if any. */
  const consentFor = async (participantId: string, partnerId: string) => {
    const [c] = await tx
      .select({ id: consents.id })
      .from(consents)
      .where(
        and(
          eq(consents.organisationId, org),
          eq(consents.participantId, participantId),
          eq(consents.partnerId, partnerId),
          eq(consents.purpose, 'share-with-partner'),
          isNull(consents.withdrawnAt),
        ),
      );
    return c?.id ?? null;
  };

  // The demo participant: OCMW budget guidance under way, a training asked at VDAB (waiting for
  // partner@'s answer), and family support at CAW proposed but not sent: she has not agreed to share with CAW yet.
  await tx.insert(referralsOut).values([
    {
      organisationId: org,
      pathwayId: mine.id,
      partnerId: ocmw.id,
      partnerContactId: ocmwContact?.id ?? null,
      consentId: await consentFor(deelnemer, ocmw.id),
      service: 'Budgetbegeleiding',
      handoverNote:
        'Wil zelf overzicht over de facturen en brengt de map met papieren mee; liefst afspraken op dinsdag- of donderdagvoormiddag (de kinderen zijn dan op school).',
      sharedContact: ['phone'],
      status: 'started',
      sentAt: daysAgo(60),
      partnerFeedback: 'Eerste gesprek gehad met Sarah. Budgetplan opgemaakt; volgende afspraak binnen drie weken.',
      feedbackAt: daysAgo(41),
      createdBy: companion ?? null,
      createdAt: daysAgo(62),
      updatedAt: daysAgo(41),
    },
    {
      organisationId: org,
      pathwayId: mine.id,
      partnerId: vdab.id,
      consentId: await consentFor(deelnemer, vdab.id),
      service: 'Opleiding medewerker grootkeuken',
      handoverNote: 'Proefdag in de keuken van het sociaal restaurant ging goed. Ze zoekt een opleiding overdag; ze spreekt Nederlands op niveau 2.',
      sharedContact: ['phone', 'email'],
      status: 'sent',
      sentAt: daysAgo(3),
      createdBy: companion ?? null,
      createdAt: daysAgo(4),
      updatedAt: daysAgo(3),
    },
    {
      organisationId: org,
      pathwayId: mine.id,
      partnerId: caw.id,
      service: 'Opvoedingsondersteuning',
      handoverNote: 'Vraagt tips om de ochtendroutine met twee kleine kinderen vlotter te laten lopen.',
      sharedContact: [],
      status: 'proposed',
      createdBy: companion ?? null,
      createdAt: daysAgo(1),
      updatedAt: daysAgo(1),
    },
  ]);

  // A young man of SamenWerkt who agreed to share with CAW: housing support, finished.
  const cawSharers = await tx
    .select({ participantId: consents.participantId })
    .from(consents)
    .where(and(eq(consents.organisationId, org), eq(consents.partnerId, caw.id), eq(consents.purpose, 'share-with-partner'), isNull(consents.withdrawnAt)));
  for (const s of cawSharers) {
    if (s.participantId === deelnemer) continue;
    const [pw] = await tx
      .select()
      .from(pathways)
      .where(and(eq(pathways.organisationId, org), eq(pathways.participantId, s.participantId)));
    if (!pw) continue;
    await tx.insert(referralsOut).values({
      organisationId: org,
      pathwayId: pw.id,
      partnerId: caw.id,
      consentId: await consentFor(s.participantId, caw.id),
      service: 'Woonbegeleiding',
      handoverNote: 'Slaapt sinds de zomer bij vrienden. Wil een eigen studio zoeken; heeft een inkomen uit werk in de horeca.',
      sharedContact: ['phone'],
      status: 'completed',
      sentAt: daysAgo(200),
      partnerFeedback: 'Begeleid naar een studio via het sociaal verhuurkantoor. Huurcontract getekend; onze begeleiding is afgerond.',
      feedbackAt: daysAgo(90),
      createdBy: companion ?? null,
      createdAt: daysAgo(201),
      updatedAt: daysAgo(90),
    });
    break;
  }

  // The mothers of Sleutel naar werk of opleiding (Lier and Borgerhout) and their weekly session at Stuyfplek Lier.
  const [sleutel] = await tx
    .select()
    .from(programmes)
    .where(and(eq(programmes.organisationId, org), eq(programmes.name, 'Sleutel naar werk of opleiding')));
  const [lier] = await tx
    .select()
    .from(places)
    .where(and(eq(places.organisationId, org), eq(places.name, 'Stuyfplek Lier')));
  if (!sleutel || !lier) return;
  // The weekly session the group shares: the cooking work activity of the activities demo (seed 004:
  // "samen betaalbare recepten bedenken, klaarmaken en publiceren"). Only its id is looked up here.
  const [series] = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.organisationId, org), eq(activities.placeId, lier.id), eq(activities.title, 'Samen koken: betaalbare recepten')));
  const [cohort] = await tx
    .insert(cohorts)
    .values({
      organisationId: org,
      name: 'Moedergroep Sleutel naar werk of opleiding',
      placeId: lier.id,
      programmeId: sleutel.id,
      activityId: series?.id ?? null,
      startsOn: sleutel.startsOn ?? dateDaysAgo(400),
      endsOn: sleutel.endsOn ?? null,
      description:
        'Moeders die samen op weg gaan naar werk of opleiding: individuele begeleiding en elke week samen betaalbare recepten bedenken, koken en publiceren. "We zijn een vaste groep geworden, waarin we elkaar kunnen ondersteunen."',
    })
    .returning();
  const members = await tx
    .select({ id: pathways.id, startedOn: pathways.startedOn, endedOn: pathways.endedOn })
    .from(pathways)
    .where(and(eq(pathways.organisationId, org), eq(pathways.programmeId, sleutel.id)))
    .orderBy(asc(pathways.startedOn));
  if (members.length) {
    await tx
      .insert(cohortMembers)
      .values(
        members.map((m) => ({ organisationId: org, cohortId: cohort.id, pathwayId: m.id, joinedOn: m.startedOn ?? dateDaysAgo(100), leftOn: m.endedOn })),
      );
  }
}
