import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { activities, activityFacilitators, activityFeedback, occurrences, people, places, registrations } from '../../db/schema/index.ts';
import { expand, type Schedule, utcToLocal } from './recurrence.ts';
import { activitiesRepo } from './repo.ts';

const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The date of the given ISO weekday (1 Monday … 7 Sunday) in the week of `date`. */
function weekday(date: string, iso: number) {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return addDays(date, iso - d);
}

/**
 * The activities of the demo organisation, around today: the weekly open house in Lier (Tuesday
 * 13:30-15:30), a Stuyfsessie every other Thursday, a weekly cooking work activity led by a
 * participant, and the network event of 4 May (seed 003) with its programme and public page.
 * Runs inside the demo seed's transaction, as the owner.
 */
export async function loadActivitiesDemo(tx: Tx, organisationId: string) {
  const types = await activitiesRepo.types(tx, organisationId);
  const typeId = (key: string) => types.find((t) => t.key === key)?.id as string;
  const [lier] = await tx
    .select()
    .from(places)
    .where(and(eq(places.organisationId, organisationId), eq(places.name, 'Stuyfplek Lier')));
  if (!lier) return;
  const lierPeople = await tx
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), eq(people.placeId, lier.id)));
  const byEmail = (email: string) => lierPeople.find((p) => p.email === email);
  const facilitator = byEmail('facilitator@blenders.demo');
  const matchmaker = byEmail('matchmaker@blenders.demo');
  const participants = lierPeople.filter((p) => p.kind === 'participant');
  const today = utcToLocal(new Date()).date;
  const cook = participants[1];

  async function add(spec: {
    type: string;
    title: string;
    description: string;
    schedule: Schedule;
    capacity?: number;
    address?: string;
    facilitators: (string | undefined)[];
    publicSlug?: string;
    programme?: unknown[];
  }) {
    const [a] = await tx
      .insert(activities)
      .values({
        organisationId,
        typeId: typeId(spec.type),
        placeId: lier.id,
        title: spec.title,
        description: spec.description,
        address: spec.address ?? null,
        capacity: spec.capacity ?? null,
        schedule: spec.schedule,
        publicSlug: spec.publicSlug ?? null,
        programme: spec.programme ?? [],
      })
      .returning();
    const facilitatorIds = spec.facilitators.filter((f): f is string => !!f);
    if (facilitatorIds.length) await tx.insert(activityFacilitators).values(facilitatorIds.map((personId) => ({ organisationId, activityId: a.id, personId })));
    const occ = await tx
      .insert(occurrences)
      .values(
        expand(spec.schedule).map((o) => ({
          organisationId,
          activityId: a.id,
          placeId: lier.id,
          seriesDate: o.seriesDate,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
        })),
      )
      .returning();
    return occ;
  }

  const openHouse = await add({
    type: 'open-house',
    title: 'Open Huys-moment',
    description: 'Iedereen is welkom. Drink een koffie, leer mensen kennen en vertel wat je graag doet of wil leren.',
    schedule: {
      startDate: weekday(addDays(today, -28), 2),
      startTime: '13:30',
      endTime: '15:30',
      recurrence: { interval: 1, weekdays: [2], until: addDays(today, 180) },
    },
    facilitators: [facilitator?.id, matchmaker?.id],
  });
  const session = await add({
    type: 'session',
    title: 'Stuyfsessie: durven spreken',
    description: 'Oefen samen spreken in een kleine groep. Je hoeft niets voor te bereiden.',
    schedule: { startDate: weekday(addDays(today, -21), 4), startTime: '10:00', endTime: '12:00', recurrence: { interval: 2, weekdays: [4], count: 10 } },
    capacity: 8,
    facilitators: [facilitator?.id],
  });
  await add({
    type: 'work-activity',
    title: 'Samen koken: betaalbare recepten',
    description: 'We bedenken samen goedkope recepten, koken ze en schrijven ze op. Daarna eten we samen.',
    schedule: { startDate: weekday(today, 5), startTime: '10:00', endTime: '13:00', recurrence: { interval: 1, weekdays: [5], count: 12 } },
    capacity: 10,
    facilitators: [cook?.id],
  });
  // The network event of 4 May (seed 003): the next 4 May that is still to come.
  const year = Number(today.slice(0, 4)) + (today.slice(5) > '05-04' ? 1 : 0);
  const [event] = await add({
    type: 'network-event',
    title: 'Netwerkmoment SamenWerkt',
    description:
      'We blikken terug op een leerrijke periode en kijken vooruit. Partners en jongeren bekijken samen wat ze voor elkaar kunnen betekenen, zetten in de verf wat goed gaat en leren van elkaar.',
    schedule: { startDate: `${year}-05-04`, startTime: '13:30', endTime: '17:00' },
    capacity: 60,
    address: 'Mijn terrein, Marktplein 9, 3550 Heusden-Zolder',
    facilitators: [matchmaker?.id],
    publicSlug: 'netwerkmoment-samenwerkt',
    programme: [
      {
        start: '13:30',
        end: '14:00',
        title: 'Onthaal',
        speakers: [
          'Veerle Vanstechelman, projectcoördinator Arktos',
          'Isabelle Thielemans, schepen financiën, ruimtelijke ordening en economie',
          'Joyce Wouters, trajectgezel Emino',
        ],
        details: 'Welkom en verloop van de dag',
      },
      { start: '14:00', end: '15:30', title: 'Netwerktafels', speakers: [], details: 'Aan de hand van casussen; terug- en vooruitblik' },
      { start: '15:30', end: '17:00', title: 'Receptie en informeel netwerkmoment', speakers: [], details: null },
    ],
  });

  // Sign-ups: who came to past open houses and sessions, and who comes next.
  const now = Date.now();
  const regs: (typeof registrations.$inferInsert)[] = [];
  const feedback: (typeof activityFeedback.$inferInsert)[] = [];
  for (const [i, o] of [...openHouse, ...session].entries()) {
    const group = participants.slice(i % 5, (i % 5) + (o.activityId === session[0].activityId ? 6 : 9));
    const past = o.endsAt.getTime() < now;
    if (!past && o.startsAt.getTime() - now > 21 * DAY) continue;
    for (const [j, p] of group.entries()) {
      const status = past ? (j % 4 === 3 ? 'absent' : 'attended') : 'registered';
      regs.push({
        organisationId,
        occurrenceId: o.id,
        personId: p.id,
        status,
        source: j % 2 ? 'staff' : 'self',
        queuedAt: new Date(o.startsAt.getTime() - (7 - j) * DAY),
      });
      if (status === 'attended' && j % 2 === 0)
        feedback.push({ organisationId, occurrenceId: o.id, personId: p.id, score: 3 + ((i + j) % 3), word: j === 0 ? 'gezellig' : null });
    }
  }
  // The participant who signs in (deelnemer@) is signed up for the next open house.
  const fatima = participants[0];
  const next = openHouse.find((o) => o.startsAt.getTime() > now);
  if (fatima && next && !regs.some((r) => r.occurrenceId === next.id && r.personId === fatima.id)) {
    regs.push({ organisationId, occurrenceId: next.id, personId: fatima.id, status: 'registered', source: 'self' });
  }
  regs.push(
    {
      organisationId,
      occurrenceId: event.id,
      guestName: 'An Peeters',
      guestOrganisation: 'VDAB',
      guestEmail: 'an.peeters@example.org',
      status: 'registered',
      source: 'public',
    },
    {
      organisationId,
      occurrenceId: event.id,
      guestName: 'Bram Claes',
      guestOrganisation: 'CAW',
      guestEmail: 'bram.claes@example.org',
      status: 'registered',
      source: 'public',
    },
    {
      organisationId,
      occurrenceId: event.id,
      guestName: 'Sanne Vos',
      guestOrganisation: 'OCMW Heusden-Zolder',
      guestEmail: 'sanne.vos@example.org',
      status: 'registered',
      source: 'public',
    },
  );
  if (regs.length) await tx.insert(registrations).values(regs);
  if (feedback.length) await tx.insert(activityFeedback).values(feedback);
}
