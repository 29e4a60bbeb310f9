/**
 * Cohorts: a group of pathways (the mothers of Sint-Niklaas) that share a weekly group session
 * series. Attendance comes from the activities service, never from its tables.
 */
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { can, placesWith } from '../../../shared/permissions.ts';
import type { CohortDetail, CohortSummary, cohortInput, cohortMemberInput, cohortPatch } from '../../../shared/referrals.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import { cohortMembers, cohorts, pathways, people, places, programmes } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { AppError, errors } from '../../http/errors.ts';
import type { activitiesService } from '../activities/service.ts';
import { diff, recordAudit } from '../audit/service.ts';
import { capacityOn, openPathway } from './access.ts';

type Activities = ReturnType<typeof activitiesService>;
type CohortRow = typeof cohorts.$inferSelect;

const today = () => new Date().toISOString().slice(0, 10);

/** Whether the caller works with pathways where the cohort meets (or organisation-wide for a cohort without a place). */
function mayManage(auth: Auth, placeId: string | null) {
  return placeId ? can(auth.roles, 'pathways.manage', placeId) : can(auth.roles, 'pathways.manage');
}

export function cohortsService(db: Db, activities: Activities) {
  /** The series' title and kind, through the activities service; null when gone or not visible. */
  async function series(auth: Auth, activityId: string | null) {
    if (!activityId) return null;
    try {
      const a = await activities.get(auth, activityId);
      return { title: a.title, typeId: a.type.id, placeId: a.placeId };
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return null;
      throw e;
    }
  }

  async function rows(tx: Tx, auth: Auth, where?: ReturnType<typeof and>) {
    const allowed = placesWith(auth.roles, 'pathways.manage');
    const list = await tx
      .select({ c: cohorts, placeName: places.name, programmeName: programmes.name })
      .from(cohorts)
      .leftJoin(places, and(eq(places.organisationId, cohorts.organisationId), eq(places.id, cohorts.placeId)))
      .leftJoin(programmes, and(eq(programmes.organisationId, cohorts.organisationId), eq(programmes.id, cohorts.programmeId)))
      .where(and(eq(cohorts.organisationId, auth.organisationId), where))
      .orderBy(asc(cohorts.name));
    return list.filter((r) => allowed === 'all' || (r.c.placeId ? allowed.includes(r.c.placeId) : false) || (!r.c.placeId && allowed.length > 0));
  }

  async function memberCounts(tx: Tx, organisationId: string, ids: string[]) {
    if (!ids.length) return new Map<string, number>();
    const counted = await tx
      .select({ cohortId: cohortMembers.cohortId, n: count() })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.organisationId, organisationId), inArray(cohortMembers.cohortId, ids), isNull(cohortMembers.leftOn)))
      .groupBy(cohortMembers.cohortId);
    return new Map(counted.map((c) => [c.cohortId, Number(c.n)]));
  }

  function summary(r: { c: CohortRow; placeName: string | null; programmeName: string | null }, title: string | null, members: number): CohortSummary {
    return {
      id: r.c.id,
      name: r.c.name,
      placeId: r.c.placeId,
      placeName: r.placeName,
      programmeId: r.c.programmeId,
      programmeName: r.programmeName,
      activityId: r.c.activityId,
      activityTitle: title,
      startsOn: r.c.startsOn,
      endsOn: r.c.endsOn,
      description: r.c.description,
      members,
    };
  }

  async function loadRow(tx: Tx, auth: Auth, id: string) {
    const [r] = await rows(tx, auth, eq(cohorts.id, id));
    if (!r) throw errors.notFound('Cohort');
    return r;
  }

  async function checkRefs(auth: Auth, input: { placeId?: string | null; activityId?: string | null }) {
    if (input.placeId !== undefined && !mayManage(auth, input.placeId ?? null))
      throw errors.badRequest('place_not_allowed', 'You do not work with pathways at this place.');
    if (input.activityId && !(await series(auth, input.activityId))) throw errors.badRequest('unknown_activity', 'There is no such activity.');
  }

  const service = {
    async list(auth: Auth) {
      const found = await withOrganisation(db, auth.organisationId, async (tx) => {
        const list = await rows(tx, auth);
        return {
          list,
          counts: await memberCounts(
            tx,
            auth.organisationId,
            list.map((r) => r.c.id),
          ),
        };
      });
      const titles = new Map<string, string | null>();
      for (const id of new Set(found.list.flatMap((r) => (r.c.activityId ? [r.c.activityId] : [])))) titles.set(id, (await series(auth, id))?.title ?? null);
      return { items: found.list.map((r) => summary(r, r.c.activityId ? (titles.get(r.c.activityId) ?? null) : null, found.counts.get(r.c.id) ?? 0)) };
    },

    /** One cohort with its members and how many group sessions each attended. */
    async get(auth: Auth, id: string): Promise<CohortDetail> {
      const found = await withOrganisation(db, auth.organisationId, async (tx) => {
        const r = await loadRow(tx, auth, id);
        const members = await tx
          .select({ m: cohortMembers, pathway: pathways, givenName: people.givenName, familyName: people.familyName })
          .from(cohortMembers)
          .innerJoin(pathways, and(eq(pathways.organisationId, cohortMembers.organisationId), eq(pathways.id, cohortMembers.pathwayId)))
          .innerJoin(people, and(eq(people.organisationId, pathways.organisationId), eq(people.id, pathways.participantId)))
          .where(and(eq(cohortMembers.organisationId, auth.organisationId), eq(cohortMembers.cohortId, id)))
          .orderBy(asc(people.givenName), asc(people.familyName));
        const canOpen: boolean[] = [];
        for (const m of members) canOpen.push(!!(await capacityOn(tx, auth, m.pathway)));
        return { r, members, canOpen };
      });
      const s = await series(auth, found.r.c.activityId);
      let attendance: Map<string, number> | null = null;
      let attendanceNote: CohortDetail['attendanceNote'] = null;
      if (!s) attendanceNote = 'no-series';
      else if (!can(auth.roles, 'activities.report', s.placeId)) attendanceNote = 'not-allowed';
      else {
        // Sessions of the cohort's own series within the cohort's period.
        const counts = await activities.attendanceCounts(auth, {
          placeId: s.placeId,
          activityId: found.r.c.activityId ?? undefined,
          from: found.r.c.startsOn ?? undefined,
          to: found.r.c.endsOn ?? undefined,
        });
        attendance = new Map(counts.items.filter((c) => c.typeId === s.typeId).map((c) => [c.personId, c.attended]));
      }
      return {
        ...summary(found.r, s?.title ?? null, found.members.filter((m) => !m.m.leftOn).length),
        attendanceNote,
        memberList: found.members.map((m, i) => ({
          pathwayId: m.pathway.id,
          participantId: m.pathway.participantId,
          givenName: m.givenName,
          familyName: m.familyName,
          joinedOn: m.m.joinedOn,
          leftOn: m.m.leftOn,
          attended: attendance ? (attendance.get(m.pathway.participantId) ?? 0) : null,
          canOpen: found.canOpen[i],
        })),
      };
    },

    async create(auth: Auth, input: z.output<typeof cohortInput>) {
      await checkRefs(auth, { placeId: input.placeId ?? null, activityId: input.activityId });
      const id = await withOrganisation(db, auth.organisationId, async (tx) => {
        const [c] = await tx
          .insert(cohorts)
          .values({
            organisationId: auth.organisationId,
            name: input.name,
            placeId: input.placeId ?? null,
            programmeId: input.programmeId ?? null,
            activityId: input.activityId ?? null,
            startsOn: input.startsOn ?? null,
            endsOn: input.endsOn ?? null,
            description: input.description ?? null,
          })
          .returning();
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'create', entityType: 'cohort', entityId: c.id, changes: { ...input } });
        return c.id;
      });
      return service.get(auth, id);
    },

    async update(auth: Auth, id: string, patch: z.output<typeof cohortPatch>) {
      await checkRefs(auth, patch);
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const r = await loadRow(tx, auth, id);
        const startsOn = patch.startsOn !== undefined ? patch.startsOn : r.c.startsOn;
        const endsOn = patch.endsOn !== undefined ? patch.endsOn : r.c.endsOn;
        if (startsOn && endsOn && endsOn < startsOn) throw errors.badRequest('ends_before_start', 'The end comes before the start.');
        const changes = diff(r.c as unknown as Record<string, unknown>, patch);
        if (!Object.keys(changes).length) return;
        await tx
          .update(cohorts)
          .set({ ...patch, updatedAt: new Date() })
          .where(and(eq(cohorts.organisationId, auth.organisationId), eq(cohorts.id, id)));
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'cohort', entityId: id, changes });
      });
      return service.get(auth, id);
    },

    /** Links a pathway; only someone on its team or leading it may. Joining again after leaving reopens the membership. */
    async addMember(auth: Auth, id: string, input: z.output<typeof cohortMemberInput>) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        await loadRow(tx, auth, id);
        const { pathway } = await openPathway(tx, auth, input.pathwayId, 'team.manage');
        if (pathway.status === 'ended') throw errors.conflict('pathway_ended', 'This pathway has ended.');
        const joinedOn = input.joinedOn ?? today();
        const [existing] = await tx
          .select()
          .from(cohortMembers)
          .where(and(eq(cohortMembers.organisationId, auth.organisationId), eq(cohortMembers.cohortId, id), eq(cohortMembers.pathwayId, input.pathwayId)));
        if (existing && !existing.leftOn) throw errors.conflict('already_member', 'This pathway is already in the cohort.');
        if (existing) {
          await tx
            .update(cohortMembers)
            .set({ leftOn: null, joinedOn })
            .where(and(eq(cohortMembers.organisationId, auth.organisationId), eq(cohortMembers.cohortId, id), eq(cohortMembers.pathwayId, input.pathwayId)));
        } else {
          await tx.insert(cohortMembers).values({ organisationId: auth.organisationId, cohortId: id, pathwayId: input.pathwayId, joinedOn });
        }
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'add-member',
          entityType: 'cohort',
          entityId: id,
          changes: { pathwayId: input.pathwayId },
        });
      });
      return service.get(auth, id);
    },

    /** The member leaves (the row stays, with the day they left). */
    async removeMember(auth: Auth, id: string, pathwayId: string) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        await loadRow(tx, auth, id);
        await openPathway(tx, auth, pathwayId, 'team.manage');
        const left = await tx
          .update(cohortMembers)
          .set({ leftOn: today() })
          .where(
            and(
              eq(cohortMembers.organisationId, auth.organisationId),
              eq(cohortMembers.cohortId, id),
              eq(cohortMembers.pathwayId, pathwayId),
              isNull(cohortMembers.leftOn),
            ),
          )
          .returning({ pathwayId: cohortMembers.pathwayId });
        if (!left.length) throw errors.notFound('Member');
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'remove-member', entityType: 'cohort', entityId: id, changes: { pathwayId } });
      });
      return service.get(auth, id);
    },

    /** A participant's cohort memberships, for the download. */
    async forPathways(tx: Tx, organisationId: string, pathwayIds: string[]) {
      if (!pathwayIds.length) return [];
      return tx
        .select({
          cohortId: cohorts.id,
          name: cohorts.name,
          pathwayId: cohortMembers.pathwayId,
          joinedOn: cohortMembers.joinedOn,
          leftOn: cohortMembers.leftOn,
        })
        .from(cohortMembers)
        .innerJoin(cohorts, and(eq(cohorts.organisationId, cohortMembers.organisationId), eq(cohorts.id, cohortMembers.cohortId)))
        .where(and(eq(cohortMembers.organisationId, organisationId), inArray(cohortMembers.pathwayId, pathwayIds)))
        .orderBy(asc(cohortMembers.joinedOn));
    },
  };
  return service;
}
