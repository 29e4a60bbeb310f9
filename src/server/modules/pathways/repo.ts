/** Pathways core queries (P1): always scoped to the organisation; row-level security holds underneath. */
import { and, asc, count, desc, eq, exists, ilike, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import {
  consents,
  entryData,
  followUps,
  goals,
  partnerContacts,
  partners,
  pathwayEvents,
  pathways,
  pathwayTeam,
  people,
  places,
  programmes,
  referralsIn,
  steps,
} from '../../db/schema/index.ts';

const leadPerson = alias(people, 'lead_person');
const ownerPerson = alias(people, 'owner_person');
const ownerPartner = alias(partners, 'owner_partner');

export const pathwaysRepo = {
  // ---------- referrals in ----------
  async referral(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select()
      .from(referralsIn)
      .where(and(eq(referralsIn.organisationId, organisationId), eq(referralsIn.id, id)));
    return row;
  },

  async referrals(
    tx: Executor,
    organisationId: string,
    q: { placeIds: 'all' | string[]; placeId?: string; status?: string; id?: string; limit: number; offset: number },
  ) {
    const conds: (SQL | undefined)[] = [eq(referralsIn.organisationId, organisationId)];
    if (q.placeIds !== 'all') conds.push(q.placeIds.length ? inArray(referralsIn.placeId, q.placeIds) : sql`false`);
    if (q.placeId) conds.push(eq(referralsIn.placeId, q.placeId));
    if (q.status) conds.push(eq(referralsIn.status, q.status as 'received'));
    if (q.id) conds.push(eq(referralsIn.id, q.id));
    const rows = await tx
      .select({
        r: referralsIn,
        givenName: people.givenName,
        familyName: people.familyName,
        placeName: places.name,
        partnerName: partners.name,
        contactName: partnerContacts.name,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(referralsIn)
      .innerJoin(people, and(eq(people.organisationId, referralsIn.organisationId), eq(people.id, referralsIn.participantId)))
      .leftJoin(places, and(eq(places.organisationId, referralsIn.organisationId), eq(places.id, referralsIn.placeId)))
      .leftJoin(partners, and(eq(partners.organisationId, referralsIn.organisationId), eq(partners.id, referralsIn.partnerId)))
      .leftJoin(partnerContacts, and(eq(partnerContacts.organisationId, referralsIn.organisationId), eq(partnerContacts.id, referralsIn.partnerContactId)))
      .where(and(...conds))
      .orderBy(desc(referralsIn.referredOn), desc(referralsIn.id))
      .limit(q.limit)
      .offset(q.offset);
    return rows;
  },

  async insertReferral(tx: Executor, values: typeof referralsIn.$inferInsert) {
    const [row] = await tx.insert(referralsIn).values(values).returning();
    return row;
  },

  async updateReferral(tx: Executor, organisationId: string, id: string, values: Partial<typeof referralsIn.$inferInsert>) {
    await tx
      .update(referralsIn)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(referralsIn.organisationId, organisationId), eq(referralsIn.id, id)));
  },

  async partnerExists(tx: Executor, organisationId: string, partnerId: string) {
    const [row] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(and(eq(partners.organisationId, organisationId), eq(partners.id, partnerId)));
    return !!row;
  },

  async contactOfPartner(tx: Executor, organisationId: string, contactId: string) {
    const [row] = await tx
      .select({ partnerId: partnerContacts.partnerId })
      .from(partnerContacts)
      .where(and(eq(partnerContacts.organisationId, organisationId), eq(partnerContacts.id, contactId)));
    return row?.partnerId ?? null;
  },

  async placeExists(tx: Executor, organisationId: string, placeId: string) {
    const [row] = await tx
      .select({ id: places.id })
      .from(places)
      .where(and(eq(places.organisationId, organisationId), eq(places.id, placeId)));
    return !!row;
  },

  async programmeExists(tx: Executor, organisationId: string, programmeId: string) {
    const [row] = await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(and(eq(programmes.organisationId, organisationId), eq(programmes.id, programmeId)));
    return !!row;
  },

  async person(tx: Executor, organisationId: string, personId: string) {
    const [row] = await tx
      .select({
        id: people.id,
        kind: people.kind,
        givenName: people.givenName,
        familyName: people.familyName,
        partnerId: people.partnerId,
        placeId: people.placeId,
        birthDate: people.birthDate,
        archivedAt: people.archivedAt,
      })
      .from(people)
      .where(and(eq(people.organisationId, organisationId), eq(people.id, personId)));
    return row;
  },

  // ---------- pathways ----------
  async insertPathway(tx: Executor, values: typeof pathways.$inferInsert) {
    const [row] = await tx.insert(pathways).values(values).returning();
    return row;
  },

  async updatePathway(tx: Executor, organisationId: string, id: string, values: Partial<typeof pathways.$inferInsert>) {
    await tx
      .update(pathways)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(pathways.organisationId, organisationId), eq(pathways.id, id)));
  },

  async openPathwayOf(tx: Executor, organisationId: string, participantId: string) {
    const [row] = await tx
      .select({ id: pathways.id })
      .from(pathways)
      .where(and(eq(pathways.organisationId, organisationId), eq(pathways.participantId, participantId), inArray(pathways.status, ['intake', 'active'])))
      .limit(1);
    return row;
  },

  /** The pathway's names and counts for the overview. */
  async overview(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select({
        givenName: people.givenName,
        familyName: people.familyName,
        placeName: places.name,
        programmeName: programmes.name,
        stepsOpen: sql<number>`(select count(*) from ${steps} s join ${goals} g on g.organisation_id = s.organisation_id and g.id = s.goal_id
          where g.organisation_id = ${pathways.organisationId} and g.pathway_id = ${pathways.id} and s.status in ('todo', 'doing'))`.mapWith(Number),
        stepsDone: sql<number>`(select count(*) from ${steps} s join ${goals} g on g.organisation_id = s.organisation_id and g.id = s.goal_id
          where g.organisation_id = ${pathways.organisationId} and g.pathway_id = ${pathways.id} and s.status = 'done')`.mapWith(Number),
      })
      .from(pathways)
      .innerJoin(people, and(eq(people.organisationId, pathways.organisationId), eq(people.id, pathways.participantId)))
      .leftJoin(places, and(eq(places.organisationId, pathways.organisationId), eq(places.id, pathways.placeId)))
      .leftJoin(programmes, and(eq(programmes.organisationId, pathways.organisationId), eq(programmes.id, pathways.programmeId)))
      .where(and(eq(pathways.organisationId, organisationId), eq(pathways.id, id)));
    return row;
  },

  async caseload(
    tx: Executor,
    organisationId: string,
    q: {
      memberPersonId?: string;
      placeIds?: 'all' | string[];
      placeId?: string;
      status?: string;
      participantId?: string;
      text?: string;
      limit: number;
      offset: number;
    },
  ) {
    const conds: (SQL | undefined)[] = [eq(pathways.organisationId, organisationId)];
    if (q.memberPersonId) {
      conds.push(
        exists(
          tx
            .select({ one: sql`1` })
            .from(pathwayTeam)
            .where(
              and(
                eq(pathwayTeam.organisationId, pathways.organisationId),
                eq(pathwayTeam.pathwayId, pathways.id),
                eq(pathwayTeam.personId, q.memberPersonId),
                isNull(pathwayTeam.leftOn),
              ),
            ),
        ),
      );
    }
    if (q.placeIds && q.placeIds !== 'all') conds.push(q.placeIds.length ? inArray(pathways.placeId, q.placeIds) : sql`false`);
    if (q.placeId) conds.push(eq(pathways.placeId, q.placeId));
    if (q.status) conds.push(eq(pathways.status, q.status as 'active'));
    if (q.participantId) conds.push(eq(pathways.participantId, q.participantId));
    const text = q.text?.trim();
    if (text) {
      for (const word of text.split(/\s+/).slice(0, 5)) {
        const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conds.push(or(ilike(people.givenName, like), ilike(people.familyName, like)));
      }
    }
    return tx
      .select({
        p: pathways,
        givenName: people.givenName,
        familyName: people.familyName,
        placeName: places.name,
        programmeName: programmes.name,
        leadGiven: leadPerson.givenName,
        leadFamily: leadPerson.familyName,
        nextStepDue: sql<
          string | null
        >`(select min(s.due_on)::text from ${steps} s join ${goals} g on g.organisation_id = s.organisation_id and g.id = s.goal_id
          where g.organisation_id = ${pathways.organisationId} and g.pathway_id = ${pathways.id} and s.status in ('todo', 'doing'))`,
        followUpDue: sql<
          string | null
        >`(select f.due_on::text from ${followUps} f where f.organisation_id = ${pathways.organisationId} and f.pathway_id = ${pathways.id} and f.done_on is null)`,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(pathways)
      .innerJoin(people, and(eq(people.organisationId, pathways.organisationId), eq(people.id, pathways.participantId)))
      .leftJoin(places, and(eq(places.organisationId, pathways.organisationId), eq(places.id, pathways.placeId)))
      .leftJoin(programmes, and(eq(programmes.organisationId, pathways.organisationId), eq(programmes.id, pathways.programmeId)))
      .leftJoin(
        pathwayTeam,
        and(
          eq(pathwayTeam.organisationId, pathways.organisationId),
          eq(pathwayTeam.pathwayId, pathways.id),
          eq(pathwayTeam.role, 'lead-companion'),
          isNull(pathwayTeam.leftOn),
        ),
      )
      .leftJoin(leadPerson, and(eq(leadPerson.organisationId, pathwayTeam.organisationId), eq(leadPerson.id, pathwayTeam.personId)))
      .where(and(...conds))
      .orderBy(
        sql`case ${pathways.status} when 'active' then 0 when 'intake' then 1 else 2 end`,
        asc(people.familyName),
        asc(people.givenName),
        asc(pathways.id),
      )
      .limit(q.limit)
      .offset(q.offset);
  },

  // ---------- entry data ----------
  async entryData(tx: Executor, organisationId: string, pathwayId: string) {
    const [row] = await tx
      .select()
      .from(entryData)
      .where(and(eq(entryData.organisationId, organisationId), eq(entryData.pathwayId, pathwayId)));
    return row;
  },

  async upsertEntryData(tx: Executor, values: typeof entryData.$inferInsert) {
    const { organisationId, pathwayId, ...rest } = values;
    await tx
      .insert(entryData)
      .values(values)
      .onConflictDoUpdate({ target: [entryData.organisationId, entryData.pathwayId], set: { ...rest, updatedAt: new Date() } });
    void organisationId;
    void pathwayId;
  },

  // ---------- consents ----------
  async consentsOf(tx: Executor, organisationId: string, participantId: string) {
    return tx
      .select({ c: consents, partnerName: partners.name })
      .from(consents)
      .leftJoin(partners, and(eq(partners.organisationId, consents.organisationId), eq(partners.id, consents.partnerId)))
      .where(and(eq(consents.organisationId, organisationId), eq(consents.participantId, participantId)))
      .orderBy(desc(consents.givenAt), desc(consents.id));
  },

  async consent(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.organisationId, organisationId), eq(consents.id, id)));
    return row;
  },

  async insertConsent(tx: Executor, values: typeof consents.$inferInsert) {
    const [row] = await tx.insert(consents).values(values).returning();
    return row;
  },

  /** Withdraws at once; returns false when it was already withdrawn. */
  async withdrawConsent(tx: Executor, organisationId: string, id: string, by: string) {
    const rows = await tx
      .update(consents)
      .set({ withdrawnAt: new Date(), withdrawnBy: by, updatedAt: new Date() })
      .where(and(eq(consents.organisationId, organisationId), eq(consents.id, id), isNull(consents.withdrawnAt)))
      .returning({ id: consents.id });
    return rows.length > 0;
  },

  // ---------- team ----------
  async team(tx: Executor, organisationId: string, pathwayId: string, includeFormer = false) {
    return tx
      .select({ t: pathwayTeam, givenName: people.givenName, familyName: people.familyName, partnerName: partners.name })
      .from(pathwayTeam)
      .innerJoin(people, and(eq(people.organisationId, pathwayTeam.organisationId), eq(people.id, pathwayTeam.personId)))
      .leftJoin(partners, and(eq(partners.organisationId, pathwayTeam.organisationId), eq(partners.id, pathwayTeam.partnerId)))
      .where(and(eq(pathwayTeam.organisationId, organisationId), eq(pathwayTeam.pathwayId, pathwayId), includeFormer ? undefined : isNull(pathwayTeam.leftOn)))
      .orderBy(sql`${pathwayTeam.leftOn} is not null`, sql`${pathwayTeam.role} <> 'lead-companion'`, asc(pathwayTeam.joinedOn), asc(pathwayTeam.id));
  },

  async insertMember(tx: Executor, values: typeof pathwayTeam.$inferInsert) {
    const [row] = await tx.insert(pathwayTeam).values(values).returning();
    return row;
  },

  async updateMember(tx: Executor, organisationId: string, id: string, values: Partial<typeof pathwayTeam.$inferInsert>) {
    await tx
      .update(pathwayTeam)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(pathwayTeam.organisationId, organisationId), eq(pathwayTeam.id, id)));
  },

  /** Staff of the organisation and partner workers, by name: who can join a team. */
  async teamCandidates(tx: Executor, organisationId: string, text: string | undefined, limit: number) {
    const conds: (SQL | undefined)[] = [eq(people.organisationId, organisationId), eq(people.kind, 'staff'), isNull(people.archivedAt)];
    for (const word of (text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5)) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(or(ilike(people.givenName, like), ilike(people.familyName, like)));
    }
    return tx
      .select({ personId: people.id, givenName: people.givenName, familyName: people.familyName, partnerId: people.partnerId, partnerName: partners.name })
      .from(people)
      .leftJoin(partners, and(eq(partners.organisationId, people.organisationId), eq(partners.id, people.partnerId)))
      .where(and(...conds))
      .orderBy(asc(people.givenName), asc(people.familyName))
      .limit(limit);
  },

  /** Everyone on the team of the participant's open pathways. */
  async companionsOf(tx: Executor, organisationId: string, participantId: string) {
    const rows = await tx
      .selectDistinct({ personId: pathwayTeam.personId })
      .from(pathwayTeam)
      .innerJoin(pathways, and(eq(pathways.organisationId, pathwayTeam.organisationId), eq(pathways.id, pathwayTeam.pathwayId)))
      .where(
        and(
          eq(pathwayTeam.organisationId, organisationId),
          eq(pathways.participantId, participantId),
          inArray(pathways.status, ['intake', 'active']),
          isNull(pathwayTeam.leftOn),
        ),
      );
    return rows.map((r) => r.personId);
  },

  // ---------- plan ----------
  async goals(tx: Executor, organisationId: string, pathwayId: string) {
    return tx
      .select()
      .from(goals)
      .where(and(eq(goals.organisationId, organisationId), eq(goals.pathwayId, pathwayId)))
      .orderBy(asc(goals.position), asc(goals.createdAt), asc(goals.id));
  },

  async stepsOf(tx: Executor, organisationId: string, goalIds: string[]) {
    if (!goalIds.length) return [];
    return tx
      .select({ s: steps, ownerGiven: ownerPerson.givenName, ownerFamily: ownerPerson.familyName, partnerName: ownerPartner.name })
      .from(steps)
      .leftJoin(ownerPerson, and(eq(ownerPerson.organisationId, steps.organisationId), eq(ownerPerson.id, steps.ownerPersonId)))
      .leftJoin(ownerPartner, and(eq(ownerPartner.organisationId, steps.organisationId), eq(ownerPartner.id, steps.ownerPartnerId)))
      .where(and(eq(steps.organisationId, organisationId), inArray(steps.goalId, goalIds)))
      .orderBy(asc(steps.position), asc(steps.createdAt), asc(steps.id));
  },

  async goal(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select()
      .from(goals)
      .where(and(eq(goals.organisationId, organisationId), eq(goals.id, id)));
    return row;
  },

  async step(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx
      .select({ s: steps, pathwayId: goals.pathwayId })
      .from(steps)
      .innerJoin(goals, and(eq(goals.organisationId, steps.organisationId), eq(goals.id, steps.goalId)))
      .where(and(eq(steps.organisationId, organisationId), eq(steps.id, id)));
    return row;
  },

  async nextGoalPosition(tx: Executor, organisationId: string, pathwayId: string) {
    const [row] = await tx
      .select({ n: sql<number>`coalesce(max(${goals.position}) + 1, 0)`.mapWith(Number) })
      .from(goals)
      .where(and(eq(goals.organisationId, organisationId), eq(goals.pathwayId, pathwayId)));
    return row.n;
  },

  async nextStepPosition(tx: Executor, organisationId: string, goalId: string) {
    const [row] = await tx
      .select({ n: sql<number>`coalesce(max(${steps.position}) + 1, 0)`.mapWith(Number) })
      .from(steps)
      .where(and(eq(steps.organisationId, organisationId), eq(steps.goalId, goalId)));
    return row.n;
  },

  async insertGoal(tx: Executor, values: typeof goals.$inferInsert) {
    const [row] = await tx.insert(goals).values(values).returning();
    return row;
  },

  async updateGoal(tx: Executor, organisationId: string, id: string, values: Partial<typeof goals.$inferInsert>) {
    await tx
      .update(goals)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(goals.organisationId, organisationId), eq(goals.id, id)));
  },

  async insertStep(tx: Executor, values: typeof steps.$inferInsert) {
    const [row] = await tx.insert(steps).values(values).returning();
    return row;
  },

  async updateStep(tx: Executor, organisationId: string, id: string, values: Partial<typeof steps.$inferInsert>) {
    await tx
      .update(steps)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(steps.organisationId, organisationId), eq(steps.id, id)));
  },

  // ---------- events and follow-up ----------
  async events(tx: Executor, organisationId: string, pathwayId: string) {
    return tx
      .select()
      .from(pathwayEvents)
      .where(and(eq(pathwayEvents.organisationId, organisationId), eq(pathwayEvents.pathwayId, pathwayId)))
      .orderBy(asc(pathwayEvents.occurredOn), asc(pathwayEvents.id));
  },

  async insertEvent(tx: Executor, values: typeof pathwayEvents.$inferInsert) {
    const [row] = await tx.insert(pathwayEvents).values(values).returning();
    return row;
  },

  async followUp(tx: Executor, organisationId: string, pathwayId: string) {
    const [row] = await tx
      .select()
      .from(followUps)
      .where(and(eq(followUps.organisationId, organisationId), eq(followUps.pathwayId, pathwayId)));
    return row;
  },

  async scheduleFollowUp(tx: Executor, organisationId: string, pathwayId: string, dueOn: string) {
    await tx
      .insert(followUps)
      .values({ organisationId, pathwayId, dueOn })
      .onConflictDoUpdate({
        target: [followUps.organisationId, followUps.pathwayId],
        set: { dueOn, doneOn: null, employed: null, improvedSituation: null, note: null, remindedAt: null, recordedBy: null, updatedAt: new Date() },
      });
  },

  async deleteOpenFollowUp(tx: Executor, organisationId: string, pathwayId: string) {
    await tx.delete(followUps).where(and(eq(followUps.organisationId, organisationId), eq(followUps.pathwayId, pathwayId), isNull(followUps.doneOn)));
  },

  async recordFollowUp(tx: Executor, organisationId: string, pathwayId: string, values: Partial<typeof followUps.$inferInsert>) {
    await tx
      .update(followUps)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(followUps.organisationId, organisationId), eq(followUps.pathwayId, pathwayId)));
  },

  /** Follow-ups due on or before `today` on pathways the person is on the team of, or at the places given. */
  async followUpsDue(tx: Executor, organisationId: string, today: string, who: { memberPersonId: string; placeIds: 'all' | string[] }) {
    const member = exists(
      tx
        .select({ one: sql`1` })
        .from(pathwayTeam)
        .where(
          and(
            eq(pathwayTeam.organisationId, pathways.organisationId),
            eq(pathwayTeam.pathwayId, pathways.id),
            eq(pathwayTeam.personId, who.memberPersonId),
            isNull(pathwayTeam.leftOn),
          ),
        ),
    );
    const atPlaces = who.placeIds === 'all' ? sql`true` : who.placeIds.length ? inArray(pathways.placeId, who.placeIds) : sql`false`;
    return tx
      .select({
        pathwayId: pathways.id,
        participantId: people.id,
        givenName: people.givenName,
        familyName: people.familyName,
        endedOn: pathways.endedOn,
        dueOn: followUps.dueOn,
      })
      .from(followUps)
      .innerJoin(pathways, and(eq(pathways.organisationId, followUps.organisationId), eq(pathways.id, followUps.pathwayId)))
      .innerJoin(people, and(eq(people.organisationId, pathways.organisationId), eq(people.id, pathways.participantId)))
      .where(and(eq(followUps.organisationId, organisationId), isNull(followUps.doneOn), lte(followUps.dueOn, today), or(member, atPlaces)))
      .orderBy(asc(followUps.dueOn))
      .limit(200);
  },

  /** For the reminder job (as the database owner, across organisations): due, not done, not reminded. */
  async followUpsToRemind(tx: Executor, today: string) {
    return tx
      .select({
        organisationId: followUps.organisationId,
        pathwayId: followUps.pathwayId,
        dueOn: followUps.dueOn,
        givenName: people.givenName,
        familyName: people.familyName,
      })
      .from(followUps)
      .innerJoin(pathways, and(eq(pathways.organisationId, followUps.organisationId), eq(pathways.id, followUps.pathwayId)))
      .innerJoin(people, and(eq(people.organisationId, pathways.organisationId), eq(people.id, pathways.participantId)))
      .where(and(isNull(followUps.doneOn), isNull(followUps.remindedAt), lte(followUps.dueOn, today)))
      .limit(1000);
  },

  async claimReminder(tx: Executor, organisationId: string, pathwayId: string, now: Date) {
    const rows = await tx
      .update(followUps)
      .set({ remindedAt: now })
      .where(and(eq(followUps.organisationId, organisationId), eq(followUps.pathwayId, pathwayId), isNull(followUps.remindedAt)))
      .returning({ pathwayId: followUps.pathwayId });
    return rows.length > 0;
  },

  async teamEmails(tx: Executor, organisationId: string, pathwayId: string) {
    return tx
      .select({ email: people.email, givenName: people.givenName, locale: people.preferredLanguage })
      .from(pathwayTeam)
      .innerJoin(people, and(eq(people.organisationId, pathwayTeam.organisationId), eq(people.id, pathwayTeam.personId)))
      .where(and(eq(pathwayTeam.organisationId, organisationId), eq(pathwayTeam.pathwayId, pathwayId), isNull(pathwayTeam.leftOn), isNotNull(people.email)));
  },

  async countReferrals(tx: Executor, organisationId: string) {
    const [row] = await tx.select({ n: count() }).from(referralsIn).where(eq(referralsIn.organisationId, organisationId));
    return row.n;
  },
};
