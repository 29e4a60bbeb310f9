import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  accounts,
  activities,
  activityTypes,
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

export type BarrierRow = typeof policyBarriers.$inferSelect;
export type ProposalRow = typeof policyProposals.$inferSelect;
export type MeetingRow = typeof policyMeetings.$inferSelect;
export type StoryRow = typeof policyStories.$inferSelect;

/** Who reads, as the list filter needs it: what they may see beyond their own. */
export interface Reader {
  personId: string;
  /** places where the reader holds policy.read; 'all' organisation-wide */
  staffPlaces: 'all' | string[];
  /** places where the reader takes part */
  participantPlaces: string[];
  /** the partner the reader works for (a partner worker) */
  partnerId: string | null;
}

/** Barriers in the group of `b`: itself and those merged into it. */
const inGroup = (alias: string) => sql.raw(`(g.id = ${alias}.id or g.merged_into_id = ${alias}.id)`);

const raisedByInGroup = (personId: string) =>
  sql`exists (select 1 from policy_barriers g where g.organisation_id = policy_barriers.organisation_id and ${inGroup('policy_barriers')} and g.raised_by_person_id = ${personId})`;
const supportedInGroup = (personId: string) =>
  sql`exists (select 1 from policy_barrier_supports s join policy_barriers g on g.organisation_id = s.organisation_id and g.id = s.barrier_id
      where s.organisation_id = policy_barriers.organisation_id and ${inGroup('policy_barriers')} and s.person_id = ${personId})`;
const supportCount = sql<number>`(select count(distinct s.person_id)::int from policy_barrier_supports s join policy_barriers g on g.organisation_id = s.organisation_id and g.id = s.barrier_id
      where s.organisation_id = policy_barriers.organisation_id and ${inGroup('policy_barriers')})`;
const mergedCount = sql<number>`(select count(*)::int from policy_barriers g where g.organisation_id = policy_barriers.organisation_id and g.merged_into_id = policy_barriers.id)`;

function visibleTo(reader: Reader): SQL {
  const parts: SQL[] = [raisedByInGroup(reader.personId), supportedInGroup(reader.personId)];
  if (reader.staffPlaces === 'all') parts.push(sql`true`);
  else if (reader.staffPlaces.length) {
    parts.push(inArray(policyBarriers.placeId, reader.staffPlaces));
    parts.push(isNull(policyBarriers.placeId));
  }
  if (reader.participantPlaces.length) parts.push(inArray(policyBarriers.placeId, reader.participantPlaces));
  if (reader.partnerId) parts.push(eq(policyBarriers.actorPartnerId, reader.partnerId));
  return or(...parts) as SQL;
}

const barrierColumns = (personId: string) => ({
  barrier: policyBarriers,
  actorName: partners.name,
  placeName: places.name,
  activityTitle: activities.title,
  supportCount,
  mergedCount,
  raisedByMe: sql<boolean>`${raisedByInGroup(personId)}`,
  supportedByMe: sql<boolean>`${supportedInGroup(personId)}`,
});
export type BarrierListRow = {
  barrier: BarrierRow;
  actorName: string | null;
  placeName: string | null;
  activityTitle: string | null;
  supportCount: number;
  mergedCount: number;
  raisedByMe: boolean;
  supportedByMe: boolean;
};

function barrierSelect(tx: Executor, personId: string) {
  return tx
    .select(barrierColumns(personId))
    .from(policyBarriers)
    .leftJoin(partners, and(eq(partners.organisationId, policyBarriers.organisationId), eq(partners.id, policyBarriers.actorPartnerId)))
    .leftJoin(places, and(eq(places.organisationId, policyBarriers.organisationId), eq(places.id, policyBarriers.placeId)))
    .leftJoin(activities, and(eq(activities.organisationId, policyBarriers.organisationId), eq(activities.id, policyBarriers.activityId)));
}

export const policyRepo = {
  async readerFacts(tx: Executor, organisationId: string, personId: string) {
    const [p] = await tx
      .select({ partnerId: people.partnerId, placeId: people.placeId })
      .from(people)
      .where(and(eq(people.organisationId, organisationId), eq(people.id, personId)));
    return p ?? { partnerId: null, placeId: null };
  },

  async listBarriers(
    tx: Executor,
    organisationId: string,
    reader: Reader,
    filter: { domain?: string; status?: string; placeId?: string; mine?: boolean; q?: string; limit: number; offset: number },
  ) {
    const where: SQL[] = [eq(policyBarriers.organisationId, organisationId), visibleTo(reader)];
    if (filter.status === 'merged') where.push(eq(policyBarriers.status, 'merged'));
    else {
      where.push(isNull(policyBarriers.mergedIntoId));
      if (filter.status) where.push(eq(policyBarriers.status, filter.status));
    }
    if (filter.domain) where.push(eq(policyBarriers.domain, filter.domain));
    if (filter.placeId) where.push(eq(policyBarriers.placeId, filter.placeId));
    if (filter.mine) where.push(or(raisedByInGroup(reader.personId), supportedInGroup(reader.personId)) as SQL);
    if (filter.q) where.push(sql`${policyBarriers.text} ilike ${`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    const rows = await barrierSelect(tx, reader.personId)
      .where(and(...where))
      .orderBy(desc(supportCount), desc(policyBarriers.createdAt))
      .limit(filter.limit)
      .offset(filter.offset);
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(policyBarriers)
      .where(and(...where));
    return { rows: rows as BarrierListRow[], total };
  },

  async barrier(tx: Executor, organisationId: string, personId: string, id: string): Promise<BarrierListRow | undefined> {
    const [row] = await barrierSelect(tx, personId).where(and(eq(policyBarriers.organisationId, organisationId), eq(policyBarriers.id, id)));
    return row as BarrierListRow | undefined;
  },

  /** The barrier and those merged into it, each with who raised it. */
  async group(tx: Executor, organisationId: string, survivorId: string) {
    return tx
      .select({ barrier: policyBarriers, givenName: people.givenName, familyName: people.familyName })
      .from(policyBarriers)
      .leftJoin(people, and(eq(people.organisationId, policyBarriers.organisationId), eq(people.id, policyBarriers.raisedByPersonId)))
      .where(and(eq(policyBarriers.organisationId, organisationId), or(eq(policyBarriers.id, survivorId), eq(policyBarriers.mergedIntoId, survivorId))))
      .orderBy(asc(policyBarriers.createdAt));
  },

  async supporters(tx: Executor, organisationId: string, barrierIds: string[]) {
    if (!barrierIds.length) return [];
    return tx
      .select({ support: policyBarrierSupports, givenName: people.givenName, familyName: people.familyName })
      .from(policyBarrierSupports)
      .innerJoin(people, and(eq(people.organisationId, policyBarrierSupports.organisationId), eq(people.id, policyBarrierSupports.personId)))
      .where(and(eq(policyBarrierSupports.organisationId, organisationId), inArray(policyBarrierSupports.barrierId, barrierIds)))
      .orderBy(asc(policyBarrierSupports.createdAt));
  },

  async events(tx: Executor, organisationId: string, barrierIds: string[]) {
    if (!barrierIds.length) return [];
    return tx
      .select({ event: policyBarrierEvents, givenName: people.givenName, familyName: people.familyName })
      .from(policyBarrierEvents)
      .leftJoin(people, and(eq(people.organisationId, policyBarrierEvents.organisationId), eq(people.id, policyBarrierEvents.byPersonId)))
      .where(and(eq(policyBarrierEvents.organisationId, organisationId), inArray(policyBarrierEvents.barrierId, barrierIds)))
      .orderBy(asc(policyBarrierEvents.createdAt));
  },

  async addEvent(tx: Executor, values: typeof policyBarrierEvents.$inferInsert) {
    await tx.insert(policyBarrierEvents).values(values);
  },

  async proposalsOfBarriers(tx: Executor, organisationId: string, barrierIds: string[]) {
    if (!barrierIds.length) return [];
    return tx
      .selectDistinct({ id: policyProposals.id, title: policyProposals.title, status: policyProposals.status })
      .from(policyProposalBarriers)
      .innerJoin(
        policyProposals,
        and(eq(policyProposals.organisationId, policyProposalBarriers.organisationId), eq(policyProposals.id, policyProposalBarriers.proposalId)),
      )
      .where(and(eq(policyProposalBarriers.organisationId, organisationId), inArray(policyProposalBarriers.barrierId, barrierIds)));
  },

  /** Everyone behind a group of barriers (raisers and supporters), with how to reach them. */
  async peopleBehind(tx: Executor, organisationId: string, survivorIds: string[]) {
    if (!survivorIds.length) return [];
    const ids = sql.join(
      survivorIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const result = (await tx.execute(sql`
      with grp as (
        select b.id, coalesce(b.merged_into_id, b.id) as survivor_id, b.raised_by_person_id
        from policy_barriers b
        where b.organisation_id = ${organisationId} and (b.id in (${ids}) or b.merged_into_id in (${ids}))
      ), who as (
        select survivor_id, raised_by_person_id as person_id from grp
        union
        select grp.survivor_id, s.person_id from policy_barrier_supports s join grp on grp.id = s.barrier_id where s.organisation_id = ${organisationId}
      )
      select distinct on (who.survivor_id, who.person_id) who.person_id, who.survivor_id, p.email, p.given_name, a.locale, p.preferred_language as preferred
      from who
      join people p on p.organisation_id = ${organisationId} and p.id = who.person_id
      left join accounts a on a.organisation_id = ${organisationId} and a.person_id = p.id and a.status = 'active'
      order by who.survivor_id, who.person_id
    `)) as unknown as {
      rows: { person_id: string; survivor_id: string; email: string | null; given_name: string; locale: string | null; preferred: string | null }[];
    };
    return result.rows;
  },

  /* ---------------------------------------------------------------- proposals */

  async proposals(tx: Executor, organisationId: string, filter: { status?: string; partnerId?: string; ids?: string[] }) {
    const where: SQL[] = [eq(policyProposals.organisationId, organisationId)];
    if (filter.status) where.push(eq(policyProposals.status, filter.status));
    if (filter.partnerId) where.push(eq(policyProposals.actorPartnerId, filter.partnerId));
    if (filter.ids) where.push(inArray(policyProposals.id, filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']));
    return tx
      .select({ proposal: policyProposals, actorName: partners.name })
      .from(policyProposals)
      .leftJoin(partners, and(eq(partners.organisationId, policyProposals.organisationId), eq(partners.id, policyProposals.actorPartnerId)))
      .where(and(...where))
      .orderBy(desc(policyProposals.updatedAt));
  },

  async proposalBarriers(tx: Executor, organisationId: string, proposalIds: string[]) {
    if (!proposalIds.length) return [];
    return tx
      .select({
        proposalId: policyProposalBarriers.proposalId,
        id: policyBarriers.id,
        text: policyBarriers.text,
        domain: policyBarriers.domain,
        status: policyBarriers.status,
        supportCount,
      })
      .from(policyProposalBarriers)
      .innerJoin(
        policyBarriers,
        and(eq(policyBarriers.organisationId, policyProposalBarriers.organisationId), eq(policyBarriers.id, policyProposalBarriers.barrierId)),
      )
      .where(
        and(
          eq(policyProposalBarriers.organisationId, organisationId),
          inArray(policyProposalBarriers.proposalId, proposalIds),
          isNull(policyBarriers.mergedIntoId),
        ),
      )
      .orderBy(asc(policyBarriers.createdAt));
  },

  async setProposalBarriers(tx: Executor, organisationId: string, proposalId: string, barrierIds: string[]) {
    await tx
      .delete(policyProposalBarriers)
      .where(and(eq(policyProposalBarriers.organisationId, organisationId), eq(policyProposalBarriers.proposalId, proposalId)));
    if (barrierIds.length)
      await tx
        .insert(policyProposalBarriers)
        .values(barrierIds.map((barrierId) => ({ organisationId, proposalId, barrierId })))
        .onConflictDoNothing();
  },

  /* ---------------------------------------------------------------- meetings */

  async meetings(tx: Executor, organisationId: string) {
    return tx
      .select({
        meeting: policyMeetings,
        itemCount: sql<number>`(select count(*)::int from policy_agenda_items i where i.organisation_id = policy_meetings.organisation_id and i.meeting_id = policy_meetings.id)`,
        decidedCount: sql<number>`(select count(*)::int from policy_agenda_items i where i.organisation_id = policy_meetings.organisation_id and i.meeting_id = policy_meetings.id and i.decided_at is not null)`,
      })
      .from(policyMeetings)
      .where(eq(policyMeetings.organisationId, organisationId))
      .orderBy(desc(policyMeetings.heldOn));
  },

  async meeting(tx: Executor, organisationId: string, id: string) {
    const [m] = await tx
      .select()
      .from(policyMeetings)
      .where(and(eq(policyMeetings.organisationId, organisationId), eq(policyMeetings.id, id)));
    return m;
  },

  async members(tx: Executor, organisationId: string, meetingId: string) {
    return tx
      .select({
        personId: policyMeetingMembers.personId,
        partnerContactId: policyMeetingMembers.partnerContactId,
        givenName: people.givenName,
        familyName: people.familyName,
        contactName: partnerContacts.name,
        partnerName: partners.name,
      })
      .from(policyMeetingMembers)
      .leftJoin(people, and(eq(people.organisationId, policyMeetingMembers.organisationId), eq(people.id, policyMeetingMembers.personId)))
      .leftJoin(
        partnerContacts,
        and(eq(partnerContacts.organisationId, policyMeetingMembers.organisationId), eq(partnerContacts.id, policyMeetingMembers.partnerContactId)),
      )
      .leftJoin(partners, and(eq(partners.organisationId, partnerContacts.organisationId), eq(partners.id, partnerContacts.partnerId)))
      .where(and(eq(policyMeetingMembers.organisationId, organisationId), eq(policyMeetingMembers.meetingId, meetingId)));
  },

  async setMembers(tx: Executor, organisationId: string, meetingId: string, personIds: string[], contactIds: string[]) {
    await tx.delete(policyMeetingMembers).where(and(eq(policyMeetingMembers.organisationId, organisationId), eq(policyMeetingMembers.meetingId, meetingId)));
    const rows = [
      ...[...new Set(personIds)].map((personId) => ({ organisationId, meetingId, personId })),
      ...[...new Set(contactIds)].map((partnerContactId) => ({ organisationId, meetingId, partnerContactId })),
    ];
    if (rows.length) await tx.insert(policyMeetingMembers).values(rows);
  },

  async agenda(tx: Executor, organisationId: string, meetingId: string) {
    return tx
      .select({
        item: policyAgendaItems,
        barrierText: policyBarriers.text,
        barrierStatus: policyBarriers.status,
        proposalTitle: policyProposals.title,
        proposalStatus: policyProposals.status,
      })
      .from(policyAgendaItems)
      .leftJoin(policyBarriers, and(eq(policyBarriers.organisationId, policyAgendaItems.organisationId), eq(policyBarriers.id, policyAgendaItems.barrierId)))
      .leftJoin(
        policyProposals,
        and(eq(policyProposals.organisationId, policyAgendaItems.organisationId), eq(policyProposals.id, policyAgendaItems.proposalId)),
      )
      .where(and(eq(policyAgendaItems.organisationId, organisationId), eq(policyAgendaItems.meetingId, meetingId)))
      .orderBy(asc(policyAgendaItems.position));
  },

  /** Steering members (accounts with the role) and partners' contacts: who can be present. */
  async meetingOptions(tx: Executor, organisationId: string) {
    const members = await tx
      .selectDistinct({ personId: people.id, givenName: people.givenName, familyName: people.familyName })
      .from(roleAssignments)
      .innerJoin(accounts, and(eq(accounts.organisationId, roleAssignments.organisationId), eq(accounts.id, roleAssignments.accountId)))
      .innerJoin(people, and(eq(people.organisationId, accounts.organisationId), eq(people.id, accounts.personId)))
      .where(and(eq(roleAssignments.organisationId, organisationId), inArray(roleAssignments.role, ['steering-member', 'coordinator', 'matchmaker'])))
      .orderBy(asc(people.givenName));
    const contacts = await tx
      .select({ id: partnerContacts.id, name: partnerContacts.name, partnerName: partners.name })
      .from(partnerContacts)
      .innerJoin(partners, and(eq(partners.organisationId, partnerContacts.organisationId), eq(partners.id, partnerContacts.partnerId)))
      .where(eq(partnerContacts.organisationId, organisationId))
      .orderBy(asc(partners.name), asc(partnerContacts.name));
    return { members, contacts };
  },

  async barrierOptions(tx: Executor, organisationId: string, placeIds: 'all' | string[]) {
    const partnerRows = await tx
      .select({ id: partners.id, name: partners.name })
      .from(partners)
      .where(eq(partners.organisationId, organisationId))
      .orderBy(asc(partners.name));
    const placeRows = await tx
      .select({ id: places.id, name: places.name })
      .from(places)
      .where(eq(places.organisationId, organisationId))
      .orderBy(asc(places.name));
    const activityWhere: SQL[] = [eq(activities.organisationId, organisationId), eq(activities.status, 'active')];
    if (placeIds !== 'all') activityWhere.push(inArray(activities.placeId, placeIds.length ? placeIds : ['00000000-0000-0000-0000-000000000000']));
    const activityRows = await tx
      .select({ id: activities.id, title: activities.title, placeId: activities.placeId, typeKey: activityTypes.key })
      .from(activities)
      .innerJoin(activityTypes, and(eq(activityTypes.organisationId, activities.organisationId), eq(activityTypes.id, activities.typeId)))
      .where(and(...activityWhere))
      .orderBy(asc(activities.title))
      .limit(300);
    return { partners: partnerRows, places: placeRows, activities: activityRows };
  },

  async activityPlace(tx: Executor, organisationId: string, activityId: string) {
    const [a] = await tx
      .select({ placeId: activities.placeId })
      .from(activities)
      .where(and(eq(activities.organisationId, organisationId), eq(activities.id, activityId)));
    return a?.placeId;
  },

  async partnerExists(tx: Executor, organisationId: string, partnerId: string) {
    const [p] = await tx
      .select({ id: partners.id, name: partners.name })
      .from(partners)
      .where(and(eq(partners.organisationId, organisationId), eq(partners.id, partnerId)));
    return p;
  },

  async person(tx: Executor, organisationId: string, personId: string) {
    const [p] = await tx
      .select({ id: people.id, givenName: people.givenName, familyName: people.familyName, placeId: people.placeId })
      .from(people)
      .where(and(eq(people.organisationId, organisationId), eq(people.id, personId)));
    return p;
  },

  /* ---------------------------------------------------------------- stories */

  async stories(tx: Executor, organisationId: string, where: SQL[]) {
    return tx
      .select({ story: policyStories, givenName: people.givenName, familyName: people.familyName, placeName: places.name })
      .from(policyStories)
      .innerJoin(people, and(eq(people.organisationId, policyStories.organisationId), eq(people.id, policyStories.personId)))
      .leftJoin(places, and(eq(places.organisationId, policyStories.organisationId), eq(places.id, policyStories.placeId)))
      .where(and(eq(policyStories.organisationId, organisationId), ...where))
      .orderBy(desc(policyStories.createdAt));
  },
};
