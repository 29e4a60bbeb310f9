import { and, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { can, placesWith } from '../../../shared/permissions.ts';
import {
  type agendaInput,
  answerStatuses,
  type BarrierDetail,
  type BarrierStatus,
  type BarrierSummary,
  type barrierInput,
  type barrierPatch,
  type barriersQuery,
  type decisionInput,
  type LifeDomain,
  type Meeting,
  type meetingInput,
  type meetingPatch,
  type mergeInput,
  type Proposal,
  type ProposalStatus,
  type proposalInput,
  type proposalPatch,
  type ReportStory,
  type Story,
  type StoryScope,
  type storiesQuery,
  type storyInput,
  type storyPatch,
} from '../../../shared/policy.ts';
import type { Config } from '../../config.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import {
  organisations,
  policyAgendaItems,
  policyBarrierSupports,
  policyBarriers,
  policyMeetings,
  policyProposals,
  policyStories,
} from '../../db/schema/index.ts';
import { createPdf } from '../../export/pdf.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { t } from '../../i18n.ts';
import type { Mailer, MailMessage } from '../../mail.ts';
import { recordAudit } from '../audit/service.ts';
import { type BarrierListRow, type ProposalRow, type Reader, policyRepo as repo, type StoryRow } from './repo.ts';

/* ------------------------------------------------------------------ access */

const participantPlaces = (auth: Auth, ownPlace: string | null) => {
  const roles = auth.roles.filter((r) => r.role === 'participant');
  const at = roles.map((r) => r.placeId).filter((p): p is string => !!p);
  if (roles.some((r) => r.placeId === null) && ownPlace) at.push(ownPlace);
  return [...new Set(at)];
};

async function readerOf(tx: Tx, auth: Auth): Promise<Reader> {
  const facts = await repo.readerFacts(tx, auth.organisationId, auth.personId);
  return {
    personId: auth.personId,
    staffPlaces: placesWith(auth.roles, 'policy.read'),
    participantPlaces: participantPlaces(auth, facts.placeId),
    partnerId: auth.roles.some((r) => r.role === 'partner-worker') ? facts.partnerId : null,
  };
}

function mayRead(reader: Reader, row: BarrierListRow) {
  const b = row.barrier;
  if (row.raisedByMe || row.supportedByMe) return true;
  if (reader.staffPlaces === 'all') return true;
  if (reader.staffPlaces.length && (b.placeId === null || reader.staffPlaces.includes(b.placeId))) return true;
  if (b.placeId && reader.participantPlaces.includes(b.placeId)) return true;
  return !!reader.partnerId && b.actorPartnerId === reader.partnerId;
}
const mayManage = (auth: Auth, placeId: string | null) => can(auth.roles, 'policy.manage', placeId ?? undefined);
/** The one who raised a barrier may still change their words while nobody has taken it further. */
const mayEdit = (auth: Auth, row: BarrierListRow) =>
  row.barrier.mergedIntoId === null &&
  (mayManage(auth, row.barrier.placeId) || (row.barrier.raisedByPersonId === auth.personId && row.barrier.status === 'open'));
/** Names of who raised and supports are for staff who hear barriers; others see only themselves. */
const maySeeNames = (auth: Auth, placeId: string | null) => can(auth.roles, 'policy.read', placeId ?? undefined);
const mayReadProposals = (auth: Auth) => can(auth.roles, 'policy.read') || can(auth.roles, 'policy.steering');
const mayReadMeetings = (auth: Auth) => can(auth.roles, 'policy.steering') || can(auth.roles, 'policy.manage');

const fullName = (given: string | null, family: string | null) => (given ? `${given} ${family ?? ''}`.trim() : null);

function presentSummary(row: BarrierListRow): BarrierSummary {
  const b = row.barrier;
  return {
    id: b.id,
    text: b.text,
    lang: b.lang,
    domain: b.domain as LifeDomain,
    actorPartnerId: b.actorPartnerId,
    actorName: row.actorName ?? b.actorText,
    peopleAffected: b.peopleAffected,
    placeId: b.placeId,
    placeName: row.placeName,
    activityId: b.activityId,
    activityTitle: row.activityTitle,
    source: b.source,
    status: b.status as BarrierStatus,
    outcomeNote: b.outcomeNote,
    mergedIntoId: b.mergedIntoId,
    supportCount: Number(row.supportCount),
    mergedCount: Number(row.mergedCount),
    raisedByMe: !!row.raisedByMe,
    supportedByMe: !!row.supportedByMe,
    createdAt: b.createdAt.toISOString(),
  };
}

/* ---------------------------------------------------------- status shown back */

interface Outcome {
  status: BarrierStatus;
  note: string | null;
  proposalId?: string | null;
  meetingId?: string | null;
}

/**
 * Gives barriers (survivors) a new status and the answer behind it, writes it in their history and
 * returns the mails for everyone who raised or supports them, each in their own language.
 */
async function applyOutcome(tx: Tx, auth: Auth, config: Config, survivorIds: string[], outcome: Outcome): Promise<MailMessage[]> {
  if (!survivorIds.length) return [];
  const before = await tx
    .select({ id: policyBarriers.id, status: policyBarriers.status, text: policyBarriers.text })
    .from(policyBarriers)
    .where(and(eq(policyBarriers.organisationId, auth.organisationId), inArray(policyBarriers.id, survivorIds), isNull(policyBarriers.mergedIntoId)));
  const changed = before.filter((b) => b.status !== outcome.status || outcome.note);
  if (!changed.length) return [];
  const ids = changed.map((b) => b.id);
  await tx
    .update(policyBarriers)
    .set({ status: outcome.status, outcomeNote: outcome.note, updatedAt: new Date() })
    .where(and(eq(policyBarriers.organisationId, auth.organisationId), inArray(policyBarriers.id, ids)));
  for (const b of changed) {
    await repo.addEvent(tx, {
      organisationId: auth.organisationId,
      barrierId: b.id,
      kind: 'status',
      status: outcome.status,
      note: outcome.note,
      byPersonId: auth.personId,
      proposalId: outcome.proposalId ?? null,
      meetingId: outcome.meetingId ?? null,
    });
    await recordAudit(tx, auth.organisationId, auth.accountId, {
      action: 'policy.barrier.status',
      entityType: 'policy_barrier',
      entityId: b.id,
      changes: { status: [b.status, outcome.status], outcomeNote: outcome.note },
    });
  }
  const texts = new Map(changed.map((b) => [b.id, b.text]));
  const people = await repo.peopleBehind(tx, auth.organisationId, ids);
  return people
    .filter((p) => p.email)
    .map((p) => {
      const locale = p.locale ?? p.preferred ?? 'nl';
      const barrier = texts.get(p.survivor_id) ?? '';
      return {
        to: p.email as string,
        subject: t(locale, 'policy.mail.status.subject', { status: t(locale, `policy.status.${outcome.status}`) }),
        text: t(locale, 'policy.mail.status.body', {
          name: p.given_name,
          barrier: barrier.length > 200 ? `${barrier.slice(0, 197)}...` : barrier,
          status: t(locale, `policy.status.${outcome.status}`),
          note: outcome.note ?? '',
          link: `${config.publicUrl}/policy/barriers/${p.survivor_id}`,
        }),
      };
    });
}

/** What a proposal's status means for the barriers behind it. */
function barrierStatusFor(status: ProposalStatus | 'presented'): BarrierStatus | null {
  if ((answerStatuses as readonly string[]).includes(status)) return status as BarrierStatus;
  if (status === 'presented') return 'on-agenda';
  return null;
}

/* ------------------------------------------------------------------ service */

export function policyService(db: Db, config: Config, mailer: Mailer) {
  const inOrg = <T>(auth: Auth, fn: (tx: Tx) => Promise<T>) => withOrganisation(db, auth.organisationId, fn);
  /** Mails go out after the transaction: a mail server that fails does not undo a decision. */
  const sendAll = async (mails: MailMessage[]) => {
    for (const m of mails) {
      try {
        await mailer.send(m);
      } catch {
        // The status is shown on the barrier page; the mail is a courtesy.
      }
    }
  };

  async function loadVisible(tx: Tx, auth: Auth, id: string) {
    const row = await repo.barrier(tx, auth.organisationId, auth.personId, id);
    if (!row) throw errors.notFound('Barrier');
    const reader = await readerOf(tx, auth);
    if (!mayRead(reader, row)) throw errors.notFound('Barrier');
    return { row, reader };
  }

  /** Merged ids stand for their survivor; unknown ids are refused. */
  async function survivorsOf(tx: Tx, auth: Auth, ids: string[]) {
    if (!ids.length) return [];
    const rows = await tx
      .select({ id: policyBarriers.id, mergedIntoId: policyBarriers.mergedIntoId })
      .from(policyBarriers)
      .where(and(eq(policyBarriers.organisationId, auth.organisationId), inArray(policyBarriers.id, ids)));
    if (rows.length !== new Set(ids).size) throw errors.badRequest('unknown_barrier', 'One of the barriers does not exist.');
    return [...new Set(rows.map((r) => r.mergedIntoId ?? r.id))];
  }

  async function checkActor(tx: Tx, auth: Auth, partnerId: string | null | undefined) {
    if (partnerId && !(await repo.partnerExists(tx, auth.organisationId, partnerId))) throw errors.badRequest('unknown_partner', 'No such partner.');
  }

  async function barrierDetail(tx: Tx, auth: Auth, id: string): Promise<BarrierDetail> {
    const { row } = await loadVisible(tx, auth, id);
    const b = row.barrier;
    const survivorRow = b.mergedIntoId ? await repo.barrier(tx, auth.organisationId, auth.personId, b.mergedIntoId) : null;
    // A merged barrier shows its own words and points on; the survivor shows everything merged into it.
    const group = b.mergedIntoId
      ? (await repo.group(tx, auth.organisationId, b.mergedIntoId)).filter((g) => g.barrier.id === b.id)
      : await repo.group(tx, auth.organisationId, b.id);
    const ids = group.map((g) => g.barrier.id);
    const names = maySeeNames(auth, b.placeId);
    const supporters = (await repo.supporters(tx, auth.organisationId, ids))
      .filter((s) => names || s.support.personId === auth.personId)
      .filter((s, i, all) => all.findIndex((o) => o.support.personId === s.support.personId) === i)
      .map((s) => ({
        personId: s.support.personId,
        name: fullName(s.givenName, s.familyName) ?? '',
        note: s.support.note,
        at: s.support.createdAt.toISOString(),
      }));
    const history = (await repo.events(tx, auth.organisationId, ids))
      .filter((e) => names || e.event.kind !== 'supported' || e.event.byPersonId === auth.personId)
      .map((e) => ({
        id: e.event.id,
        barrierId: e.event.barrierId,
        kind: e.event.kind,
        status: e.event.status,
        note: e.event.note,
        byName: names || e.event.byPersonId === auth.personId ? fullName(e.givenName, e.familyName) : null,
        proposalId: e.event.proposalId,
        meetingId: e.event.meetingId,
        at: e.event.createdAt.toISOString(),
      }));
    const proposals = (await repo.proposalsOfBarriers(tx, auth.organisationId, ids)).map((p) => ({ ...p, status: p.status as ProposalStatus }));
    const summary = presentSummary(row);
    return {
      ...summary,
      texts: group.map((g) => ({
        barrierId: g.barrier.id,
        text: g.barrier.text,
        lang: g.barrier.lang,
        raisedBy:
          names || g.barrier.raisedByPersonId === auth.personId
            ? { personId: g.barrier.raisedByPersonId, name: fullName(g.givenName, g.familyName) ?? '' }
            : null,
        source: g.barrier.source,
        createdAt: g.barrier.createdAt.toISOString(),
      })),
      supporters,
      history,
      proposals,
      survivor: survivorRow
        ? {
            id: survivorRow.barrier.id,
            text: survivorRow.barrier.text,
            status: survivorRow.barrier.status as BarrierStatus,
            outcomeNote: survivorRow.barrier.outcomeNote,
          }
        : null,
      can: {
        edit: mayEdit(auth, row),
        manage: mayManage(auth, b.placeId) && !b.mergedIntoId,
        support: !b.mergedIntoId && !summary.raisedByMe,
      },
    };
  }

  /* ---------------------------------------------------------------- barriers */

  async function listBarriers(auth: Auth, query: z.infer<typeof barriersQuery>) {
    return inOrg(auth, async (tx) => {
      const reader = await readerOf(tx, auth);
      const { rows, total } = await repo.listBarriers(tx, auth.organisationId, reader, { ...query, mine: query.mine === 'true' });
      return { items: rows.map(presentSummary), total };
    });
  }

  async function createBarrier(auth: Auth, input: z.infer<typeof barrierInput>) {
    const result = await inOrg(auth, async (tx) => {
      const isStaff = auth.personKind === 'staff';
      if (input.source === 'group-session' && !isStaff) throw errors.forbidden('Only staff record what a group session said.');
      await checkActor(tx, auth, input.actorPartnerId);
      let placeId = input.placeId ?? null;
      if (input.activityId) {
        const activityPlace = await repo.activityPlace(tx, auth.organisationId, input.activityId);
        if (!activityPlace) throw errors.badRequest('unknown_activity', 'No such activity.');
        placeId ??= activityPlace;
      }
      if (!placeId) placeId = (await repo.readerFacts(tx, auth.organisationId, auth.personId)).placeId;
      const source =
        input.source === 'group-session' ? 'group-session' : auth.roles.some((r) => r.role === 'partner-worker') ? 'partner' : isStaff ? 'staff' : 'self';
      const [b] = await tx
        .insert(policyBarriers)
        .values({
          organisationId: auth.organisationId,
          text: input.text,
          lang: input.lang ?? null,
          domain: input.domain,
          actorPartnerId: input.actorPartnerId ?? null,
          actorText: input.actorText ?? null,
          peopleAffected: input.peopleAffected,
          placeId,
          activityId: input.activityId ?? null,
          raisedByPersonId: auth.personId,
          source,
        })
        .returning();
      await repo.addEvent(tx, { organisationId: auth.organisationId, barrierId: b.id, kind: 'raised', byPersonId: auth.personId });
      await recordAudit(tx, auth.organisationId, auth.accountId, {
        action: 'policy.barrier.create',
        entityType: 'policy_barrier',
        entityId: b.id,
        changes: { domain: b.domain, placeId: b.placeId, source: b.source, peopleAffected: b.peopleAffected },
      });
      return barrierDetail(tx, auth, b.id);
    });
    return result;
  }

  async function updateBarrier(auth: Auth, id: string, patch: z.infer<typeof barrierPatch>) {
    let mails: MailMessage[] = [];
    const result = await inOrg(auth, async (tx) => {
      const { row } = await loadVisible(tx, auth, id);
      const b = row.barrier;
      if (b.mergedIntoId) throw errors.conflict('barrier_merged', 'This barrier was merged into another; change that one.');
      const manage = mayManage(auth, b.placeId);
      if (!mayEdit(auth, row)) throw errors.forbidden();
      if ((patch.status !== undefined || patch.outcomeNote !== undefined) && !manage) throw errors.forbidden('Only the matchmaker sets the status.');
      if (patch.placeId !== undefined && patch.placeId !== b.placeId && !manage)
        throw errors.forbidden('Only the matchmaker moves a barrier to another place.');
      await checkActor(tx, auth, patch.actorPartnerId);
      if (patch.activityId && !(await repo.activityPlace(tx, auth.organisationId, patch.activityId)))
        throw errors.badRequest('unknown_activity', 'No such activity.');
      const { status, outcomeNote, ...fields } = patch;
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [k, v] of Object.entries(fields)) {
        if (v !== undefined && JSON.stringify((b as Record<string, unknown>)[k]) !== JSON.stringify(v)) changes[k] = [(b as Record<string, unknown>)[k], v];
      }
      if (Object.keys(changes).length) {
        await tx
          .update(policyBarriers)
          .set({ ...fields, updatedAt: new Date() })
          .where(and(eq(policyBarriers.organisationId, auth.organisationId), eq(policyBarriers.id, id)));
        await repo.addEvent(tx, { organisationId: auth.organisationId, barrierId: id, kind: 'edited', byPersonId: auth.personId });
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'policy.barrier.update', entityType: 'policy_barrier', entityId: id, changes });
      }
      if (status !== undefined && (status !== b.status || (outcomeNote !== undefined && outcomeNote !== b.outcomeNote))) {
        mails = await applyOutcome(tx, auth, config, [id], { status, note: outcomeNote === undefined ? b.outcomeNote : outcomeNote });
      } else if (outcomeNote !== undefined && outcomeNote !== b.outcomeNote) {
        mails = await applyOutcome(tx, auth, config, [id], { status: b.status as BarrierStatus, note: outcomeNote });
      }
      return barrierDetail(tx, auth, id);
    });
    await sendAll(mails);
    return result;
  }

  async function support(auth: Auth, id: string, note: string | null | undefined) {
    return inOrg(auth, async (tx) => {
      const { row } = await loadVisible(tx, auth, id);
      const target = row.barrier.mergedIntoId ?? row.barrier.id;
      const survivor = target === id ? row : await repo.barrier(tx, auth.organisationId, auth.personId, target);
      // Once per person over the whole group: who raised or already supports it is counted already.
      if (survivor && !survivor.raisedByMe && !survivor.supportedByMe) {
        const inserted = await tx
          .insert(policyBarrierSupports)
          .values({ organisationId: auth.organisationId, barrierId: target, personId: auth.personId, note: note ?? null })
          .onConflictDoNothing()
          .returning();
        if (inserted.length) {
          await repo.addEvent(tx, { organisationId: auth.organisationId, barrierId: target, kind: 'supported', note: note ?? null, byPersonId: auth.personId });
          await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'policy.barrier.support', entityType: 'policy_barrier', entityId: target });
        }
      }
      return barrierDetail(tx, auth, target);
    });
  }

  async function withdrawSupport(auth: Auth, id: string) {
    return inOrg(auth, async (tx) => {
      const { row } = await loadVisible(tx, auth, id);
      const target = row.barrier.mergedIntoId ?? row.barrier.id;
      const ids = (await repo.group(tx, auth.organisationId, target)).map((g) => g.barrier.id);
      const removed = await tx
        .delete(policyBarrierSupports)
        .where(
          and(
            eq(policyBarrierSupports.organisationId, auth.organisationId),
            inArray(policyBarrierSupports.barrierId, ids),
            eq(policyBarrierSupports.personId, auth.personId),
          ),
        )
        .returning();
      if (removed.length) {
        await repo.addEvent(tx, { organisationId: auth.organisationId, barrierId: target, kind: 'support-withdrawn', byPersonId: auth.personId });
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'policy.barrier.unsupport', entityType: 'policy_barrier', entityId: target });
      }
      return barrierDetail(tx, auth, target);
    });
  }

  /**
   * Merges duplicates into a survivor. Nothing is deleted: each merged barrier keeps its text, who
   * raised it and its supporters, and points to the survivor (as do the barriers merged into it).
   */
  async function merge(auth: Auth, input: z.infer<typeof mergeInput>) {
    return inOrg(auth, async (tx) => {
      const ids = [input.survivorId, ...new Set(input.mergeIds)];
      const rows = await tx
        .select()
        .from(policyBarriers)
        .where(and(eq(policyBarriers.organisationId, auth.organisationId), inArray(policyBarriers.id, ids)));
      if (rows.length !== ids.length) throw errors.notFound('Barrier');
      for (const r of rows) if (!mayManage(auth, r.placeId)) throw errors.forbidden();
      const survivor = rows.find((r) => r.id === input.survivorId) as (typeof rows)[number];
      if (survivor.mergedIntoId) throw errors.conflict('barrier_merged', 'The barrier to keep was itself merged into another.');
      const merged = rows.filter((r) => r.id !== survivor.id);
      const already = merged.find((r) => r.mergedIntoId);
      if (already) throw errors.conflict('barrier_merged', 'One of the barriers was merged already.', { barrierId: already.id });
      const mergeIds = merged.map((r) => r.id);
      const now = new Date();
      // Barriers merged into a merged one follow it to the survivor, so every group is one level deep.
      await tx
        .update(policyBarriers)
        .set({ mergedIntoId: survivor.id, updatedAt: now })
        .where(and(eq(policyBarriers.organisationId, auth.organisationId), inArray(policyBarriers.mergedIntoId, mergeIds)));
      await tx
        .update(policyBarriers)
        .set({ mergedIntoId: survivor.id, status: 'merged', updatedAt: now })
        .where(and(eq(policyBarriers.organisationId, auth.organisationId), inArray(policyBarriers.id, mergeIds)));
      const peopleAffected = Math.max(survivor.peopleAffected, ...merged.map((r) => r.peopleAffected));
      if (peopleAffected !== survivor.peopleAffected)
        await tx
          .update(policyBarriers)
          .set({ peopleAffected, updatedAt: now })
          .where(and(eq(policyBarriers.organisationId, auth.organisationId), eq(policyBarriers.id, survivor.id)));
      // Proposals that named a merged barrier now name the survivor too.
      for (const p of await repo.proposalsOfBarriers(tx, auth.organisationId, mergeIds)) {
        const current = (await repo.proposalBarriers(tx, auth.organisationId, [p.id])).map((b) => b.id);
        await repo.setProposalBarriers(tx, auth.organisationId, p.id, [...new Set([...current, ...mergeIds, survivor.id])]);
      }
      for (const m of merged) {
        await repo.addEvent(tx, {
          organisationId: auth.organisationId,
          barrierId: survivor.id,
          kind: 'merged',
          otherBarrierId: m.id,
          byPersonId: auth.personId,
        });
        await repo.addEvent(tx, {
          organisationId: auth.organisationId,
          barrierId: m.id,
          kind: 'merged-into',
          otherBarrierId: survivor.id,
          byPersonId: auth.personId,
        });
      }
      await recordAudit(tx, auth.organisationId, auth.accountId, {
        action: 'policy.barrier.merge',
        entityType: 'policy_barrier',
        entityId: survivor.id,
        changes: { merged: mergeIds },
      });
      return barrierDetail(tx, auth, survivor.id);
    });
  }

  async function barrierOptions(auth: Auth) {
    return inOrg(auth, async (tx) => {
      const reader = await readerOf(tx, auth);
      const facts = await repo.readerFacts(tx, auth.organisationId, auth.personId);
      const places =
        reader.staffPlaces === 'all' ? 'all' : [...new Set([...reader.staffPlaces, ...reader.participantPlaces, ...(facts.placeId ? [facts.placeId] : [])])];
      const options = await repo.barrierOptions(tx, auth.organisationId, places);
      return {
        partners: options.partners,
        places: options.places,
        activities: options.activities.map(({ id, title, placeId }) => ({ id, title, placeId })),
        myPlaceId: facts.placeId,
        can: {
          read: can(auth.roles, 'policy.read'),
          manage: can(auth.roles, 'policy.manage'),
          steering: mayReadMeetings(auth),
          groupSession: auth.personKind === 'staff',
        },
      };
    });
  }

  /* ---------------------------------------------------------------- proposals */

  async function presentProposals(tx: Tx, auth: Auth, rows: { proposal: ProposalRow; actorName: string | null }[]): Promise<Proposal[]> {
    const barriers = await repo.proposalBarriers(
      tx,
      auth.organisationId,
      rows.map((r) => r.proposal.id),
    );
    return rows.map(({ proposal: p, actorName }) => ({
      id: p.id,
      title: p.title,
      change: p.change,
      rationale: p.rationale,
      actorPartnerId: p.actorPartnerId,
      actorName: actorName ?? p.actorText ?? '',
      status: p.status as ProposalStatus,
      answer: p.answer,
      answeredOn: p.answeredOn,
      barriers: barriers
        .filter((b) => b.proposalId === p.id)
        .map((b) => ({ id: b.id, text: b.text, domain: b.domain as LifeDomain, status: b.status as BarrierStatus, supportCount: Number(b.supportCount) })),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      can: { edit: can(auth.roles, 'policy.manage') },
    }));
  }

  /** Staff and steering members see every proposal; a partner worker those addressed to their organisation. */
  async function proposalScope(tx: Tx, auth: Auth): Promise<{ partnerId?: string }> {
    if (mayReadProposals(auth)) return {};
    const reader = await readerOf(tx, auth);
    if (reader.partnerId) return { partnerId: reader.partnerId };
    throw errors.forbidden();
  }

  async function listProposals(auth: Auth, query: { status?: ProposalStatus }) {
    return inOrg(auth, async (tx) => {
      const scope = await proposalScope(tx, auth);
      const rows = await repo.proposals(tx, auth.organisationId, { status: query.status, ...scope });
      return { items: await presentProposals(tx, auth, rows) };
    });
  }

  async function getProposalIn(tx: Tx, auth: Auth, id: string) {
    const scope = await proposalScope(tx, auth).catch(() => null);
    if (!scope) throw errors.notFound('Proposal');
    const rows = await repo.proposals(tx, auth.organisationId, { ids: [id], ...scope });
    if (!rows.length) throw errors.notFound('Proposal');
    return (await presentProposals(tx, auth, rows))[0];
  }

  async function getProposal(auth: Auth, id: string) {
    return inOrg(auth, (tx) => getProposalIn(tx, auth, id));
  }

  /** Barriers taken into a proposal: those still open say so, in their history too. */
  async function takeUp(tx: Tx, auth: Auth, barrierIds: string[], proposalId: string) {
    if (!barrierIds.length) return;
    const open = await tx
      .update(policyBarriers)
      .set({ status: 'in-proposal', updatedAt: new Date() })
      .where(and(eq(policyBarriers.organisationId, auth.organisationId), inArray(policyBarriers.id, barrierIds), eq(policyBarriers.status, 'open')))
      .returning({ id: policyBarriers.id });
    for (const b of barrierIds)
      await repo.addEvent(tx, {
        organisationId: auth.organisationId,
        barrierId: b,
        kind: 'proposal',
        status: open.some((o) => o.id === b) ? 'in-proposal' : null,
        proposalId,
        byPersonId: auth.personId,
      });
  }

  async function createProposal(auth: Auth, input: z.infer<typeof proposalInput>) {
    return inOrg(auth, async (tx) => {
      if (!input.actorPartnerId && !input.actorText) throw errors.badRequest('actor_required', 'Say to whom the proposal is addressed.');
      await checkActor(tx, auth, input.actorPartnerId);
      const barrierIds = await survivorsOf(tx, auth, input.barrierIds);
      const [p] = await tx
        .insert(policyProposals)
        .values({
          organisationId: auth.organisationId,
          title: input.title,
          change: input.change,
          rationale: input.rationale ?? null,
          actorPartnerId: input.actorPartnerId ?? null,
          actorText: input.actorText ?? null,
          createdByPersonId: auth.personId,
        })
        .returning();
      await repo.setProposalBarriers(tx, auth.organisationId, p.id, barrierIds);
      await takeUp(tx, auth, barrierIds, p.id);
      await recordAudit(tx, auth.organisationId, auth.accountId, {
        action: 'policy.proposal.create',
        entityType: 'policy_proposal',
        entityId: p.id,
        changes: { title: p.title, barrierIds },
      });
      return getProposalIn(tx, auth, p.id);
    });
  }

  async function updateProposal(auth: Auth, id: string, patch: z.infer<typeof proposalPatch>) {
    let mails: MailMessage[] = [];
    const result = await inOrg(auth, async (tx) => {
      const [current] = await repo.proposals(tx, auth.organisationId, { ids: [id] });
      if (!current) throw errors.notFound('Proposal');
      const p = current.proposal;
      await checkActor(tx, auth, patch.actorPartnerId);
      const { barrierIds, ...fields } = patch;
      const actorPartnerId = patch.actorPartnerId === undefined ? p.actorPartnerId : patch.actorPartnerId;
      const actorText = patch.actorText === undefined ? p.actorText : patch.actorText;
      if (!actorPartnerId && !actorText) throw errors.badRequest('actor_required', 'Say to whom the proposal is addressed.');
      const answered = patch.status && (answerStatuses as readonly string[]).includes(patch.status);
      const set = { ...fields, ...(answered && !p.answeredOn && patch.answeredOn === undefined ? { answeredOn: new Date().toISOString().slice(0, 10) } : {}) };
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [k, v] of Object.entries(set)) {
        if (v !== undefined && JSON.stringify((p as Record<string, unknown>)[k]) !== JSON.stringify(v)) changes[k] = [(p as Record<string, unknown>)[k], v];
      }
      if (Object.keys(changes).length)
        await tx
          .update(policyProposals)
          .set({ ...set, updatedAt: new Date() })
          .where(and(eq(policyProposals.organisationId, auth.organisationId), eq(policyProposals.id, id)));
      if (barrierIds) {
        const survivors = await survivorsOf(tx, auth, barrierIds);
        const before = (await repo.proposalBarriers(tx, auth.organisationId, [id])).map((b) => b.id);
        await repo.setProposalBarriers(tx, auth.organisationId, id, survivors);
        await takeUp(
          tx,
          auth,
          survivors.filter((b) => !before.includes(b)),
          id,
        );
        changes.barrierIds = [before, survivors];
      }
      await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'policy.proposal.update', entityType: 'policy_proposal', entityId: id, changes });
      const newStatus = patch.status;
      if (newStatus && (newStatus !== p.status || patch.answer !== undefined)) {
        const barrierStatus = barrierStatusFor(newStatus);
        if (barrierStatus) {
          const ids = (await repo.proposalBarriers(tx, auth.organisationId, [id])).map((b) => b.id);
          const answer = patch.answer === undefined ? p.answer : patch.answer;
          mails = await applyOutcome(tx, auth, config, ids, { status: barrierStatus, note: answer, proposalId: id });
        }
      }
      return getProposalIn(tx, auth, id);
    });
    await sendAll(mails);
    return result;
  }

  /* ---------------------------------------------------------------- meetings */

  async function meetingIn(tx: Tx, auth: Auth, id: string): Promise<Meeting> {
    if (!mayReadMeetings(auth)) throw errors.notFound('Meeting');
    const m = await repo.meeting(tx, auth.organisationId, id);
    if (!m) throw errors.notFound('Meeting');
    const members = (await repo.members(tx, auth.organisationId, id)).map((r) => ({
      personId: r.personId,
      partnerContactId: r.partnerContactId,
      name: r.personId ? (fullName(r.givenName, r.familyName) ?? '') : (r.contactName ?? ''),
      organisation: r.partnerName,
    }));
    const agenda = (await repo.agenda(tx, auth.organisationId, id)).map((r) => ({
      id: r.item.id,
      position: r.item.position,
      barrierId: r.item.barrierId,
      proposalId: r.item.proposalId,
      title: r.item.barrierId ? (r.barrierText ?? '') : (r.proposalTitle ?? ''),
      subjectStatus: (r.item.barrierId ? r.barrierStatus : r.proposalStatus) ?? '',
      note: r.item.note,
      decision: r.item.decision,
      actorAnswer: r.item.actorAnswer,
      outcome: r.item.outcome,
      decidedAt: r.item.decidedAt?.toISOString() ?? null,
    }));
    return {
      id: m.id,
      heldOn: m.heldOn,
      location: m.location,
      status: m.status,
      notes: m.notes,
      members,
      agenda,
      can: { edit: can(auth.roles, 'policy.manage') },
    };
  }

  async function listMeetings(auth: Auth) {
    if (!mayReadMeetings(auth)) throw errors.forbidden();
    return inOrg(auth, async (tx) => ({
      items: (await repo.meetings(tx, auth.organisationId)).map((r) => ({
        id: r.meeting.id,
        heldOn: r.meeting.heldOn,
        location: r.meeting.location,
        status: r.meeting.status,
        notes: r.meeting.notes,
        itemCount: Number(r.itemCount),
        decidedCount: Number(r.decidedCount),
        can: { edit: can(auth.roles, 'policy.manage') },
      })),
    }));
  }

  async function createMeeting(auth: Auth, input: z.infer<typeof meetingInput>) {
    return inOrg(auth, async (tx) => {
      const [m] = await tx
        .insert(policyMeetings)
        .values({ organisationId: auth.organisationId, heldOn: input.heldOn, location: input.location ?? null, notes: input.notes ?? null })
        .returning();
      await repo.setMembers(tx, auth.organisationId, m.id, input.memberPersonIds, input.partnerContactIds);
      await recordAudit(tx, auth.organisationId, auth.accountId, {
        action: 'policy.meeting.create',
        entityType: 'policy_meeting',
        entityId: m.id,
        changes: { heldOn: m.heldOn, members: input.memberPersonIds.length + input.partnerContactIds.length },
      });
      return meetingIn(tx, auth, m.id);
    });
  }

  async function updateMeeting(auth: Auth, id: string, patch: z.infer<typeof meetingPatch>) {
    return inOrg(auth, async (tx) => {
      const m = await repo.meeting(tx, auth.organisationId, id);
      if (!m) throw errors.notFound('Meeting');
      const { memberPersonIds, partnerContactIds, ...fields } = patch;
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [k, v] of Object.entries(fields)) {
        if (v !== undefined && JSON.stringify((m as Record<string, unknown>)[k]) !== JSON.stringify(v)) changes[k] = [(m as Record<string, unknown>)[k], v];
      }
      if (Object.keys(changes).length)
        await tx
          .update(policyMeetings)
          .set({ ...fields, updatedAt: new Date() })
          .where(and(eq(policyMeetings.organisationId, auth.organisationId), eq(policyMeetings.id, id)));
      if (memberPersonIds || partnerContactIds) {
        const current = await repo.members(tx, auth.organisationId, id);
        await repo.setMembers(
          tx,
          auth.organisationId,
          id,
          memberPersonIds ?? current.flatMap((c) => (c.personId ? [c.personId] : [])),
          partnerContactIds ?? current.flatMap((c) => (c.partnerContactId ? [c.partnerContactId] : [])),
        );
        changes.members = [current.length, (memberPersonIds?.length ?? 0) + (partnerContactIds?.length ?? 0)];
      }
      await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'policy.meeting.update', entityType: 'policy_meeting', entityId: id, changes });
      return meetingIn(tx, auth, id);
    });
  }

  /**
   * Sets the agenda in the given order. Items already on it keep their decision; a decided item
   * cannot be taken off. Barriers put on it (directly or through a proposal) show "on the agenda".
   */
  async function setAgenda(auth: Auth, id: string, input: z.infer<typeof agendaInput>) {
    return inOrg(auth, async (tx) => {
      const m = await repo.meeting(tx, auth.organisationId, id);
      if (!m) throw errors.notFound('Meeting');
      const barrierIds = await survivorsOf(
        tx,
        auth,
        input.items.flatMap((i) => (i.barrierId ? [i.barrierId] : [])),
      );
      const proposalIds = [...new Set(input.items.flatMap((i) => (i.proposalId ? [i.proposalId] : [])))];
      const proposals = proposalIds.length ? await repo.proposals(tx, auth.organisationId, { ids: proposalIds }) : [];
      if (proposals.length !== proposalIds.length) throw errors.badRequest('unknown_proposal', 'One of the proposals does not exist.');
      // A merged barrier on the agenda stands for its survivor.
      const survivorFor = new Map<string, string>();
      if (barrierIds.length) {
        const rows = await tx
          .select({ id: policyBarriers.id, mergedIntoId: policyBarriers.mergedIntoId })
          .from(policyBarriers)
          .where(
            and(
              eq(policyBarriers.organisationId, auth.organisationId),
              inArray(
                policyBarriers.id,
                input.items.flatMap((i) => (i.barrierId ? [i.barrierId] : [])),
              ),
            ),
          );
        for (const r of rows) survivorFor.set(r.id, r.mergedIntoId ?? r.id);
      }
      const wanted = input.items
        .map((i) => ({ barrierId: i.barrierId ? (survivorFor.get(i.barrierId) ?? i.barrierId) : null, proposalId: i.proposalId ?? null, note: i.note ?? null }))
        .filter((i, n, all) => all.findIndex((o) => o.barrierId === i.barrierId && o.proposalId === i.proposalId) === n);
      const existing = await repo.agenda(tx, auth.organisationId, id);
      const key = (i: { barrierId: string | null; proposalId: string | null }) => `${i.barrierId ?? ''}|${i.proposalId ?? ''}`;
      const wantedKeys = new Set(wanted.map(key));
      const dropped = existing.filter((e) => !wantedKeys.has(key(e.item)));
      if (dropped.some((d) => d.item.decidedAt)) throw errors.conflict('decided_item', 'An item with a decision stays on the agenda.');
      if (dropped.length)
        await tx.delete(policyAgendaItems).where(
          and(
            eq(policyAgendaItems.organisationId, auth.organisationId),
            inArray(
              policyAgendaItems.id,
              dropped.map((d) => d.item.id),
            ),
          ),
        );
      const newBarriers: string[] = [];
      for (const [position, w] of wanted.entries()) {
        const found = existing.find((e) => key(e.item) === key(w));
        if (found)
          await tx
            .update(policyAgendaItems)
            .set({ position, note: w.note, updatedAt: new Date() })
            .where(and(eq(policyAgendaItems.organisationId, auth.organisationId), eq(policyAgendaItems.id, found.item.id)));
        else {
          await tx.insert(policyAgendaItems).values({ organisationId: auth.organisationId, meetingId: id, position, ...w });
          if (w.barrierId) newBarriers.push(w.barrierId);
          if (w.proposalId) {
            newBarriers.push(...(await repo.proposalBarriers(tx, auth.organisationId, [w.proposalId])).map((b) => b.id));
            await tx
              .update(policyProposals)
              .set({ status: 'ready', updatedAt: new Date() })
              .where(and(eq(policyProposals.organisationId, auth.organisationId), eq(policyProposals.id, w.proposalId), eq(policyProposals.status, 'draft')));
          }
        }
      }
      if (newBarriers.length) {
        const moved = await tx
          .update(policyBarriers)
          .set({ status: 'on-agenda', updatedAt: new Date() })
          .where(
            and(
              eq(policyBarriers.organisationId, auth.organisationId),
              inArray(policyBarriers.id, newBarriers),
              inArray(policyBarriers.status, ['open', 'in-proposal']),
            ),
          )
          .returning({ id: policyBarriers.id });
        for (const b of moved)
          await repo.addEvent(tx, {
            organisationId: auth.organisationId,
            barrierId: b.id,
            kind: 'agenda',
            status: 'on-agenda',
            meetingId: id,
            byPersonId: auth.personId,
          });
      }
      await recordAudit(tx, auth.organisationId, auth.accountId, {
        action: 'policy.meeting.agenda',
        entityType: 'policy_meeting',
        entityId: id,
        changes: { items: wanted.map(key) },
      });
      return meetingIn(tx, auth, id);
    });
  }

  /** Records the decision on one agenda item; its outcome goes back to the barriers and the people behind them. */
  async function decide(auth: Auth, meetingId: string, itemId: string, input: z.infer<typeof decisionInput>) {
    let mails: MailMessage[] = [];
    const result = await inOrg(auth, async (tx) => {
      const m = await repo.meeting(tx, auth.organisationId, meetingId);
      if (!m) throw errors.notFound('Meeting');
      const item = (await repo.agenda(tx, auth.organisationId, meetingId)).find((i) => i.item.id === itemId)?.item;
      if (!item) throw errors.notFound('Agenda item');
      const outcome = input.outcome ?? null;
      await tx
        .update(policyAgendaItems)
        .set({ decision: input.decision ?? null, actorAnswer: input.actorAnswer ?? null, outcome, decidedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(policyAgendaItems.organisationId, auth.organisationId), eq(policyAgendaItems.id, itemId)));
      const note = input.actorAnswer || input.decision || null;
      if (outcome && item.proposalId) {
        const answered = (answerStatuses as readonly string[]).includes(outcome);
        await tx
          .update(policyProposals)
          .set({
            status: outcome,
            ...(answered ? { answer: input.actorAnswer ?? input.decision ?? null, answeredOn: m.heldOn } : {}),
            updatedAt: new Date(),
          })
          .where(and(eq(policyProposals.organisationId, auth.organisationId), eq(policyProposals.id, item.proposalId)));
        const status = barrierStatusFor(outcome);
        const ids = (await repo.proposalBarriers(tx, auth.organisationId, [item.proposalId])).map((b) => b.id);
        if (status) mails = await applyOutcome(tx, auth, config, ids, { status, note, proposalId: item.proposalId, meetingId });
      } else if (outcome && item.barrierId) {
        const status = barrierStatusFor(outcome);
        if (status) mails = await applyOutcome(tx, auth, config, [item.barrierId], { status, note, meetingId });
      }
      await recordAudit(tx, auth.organisationId, auth.accountId, {
        action: 'policy.meeting.decide',
        entityType: 'policy_agenda_item',
        entityId: itemId,
        changes: { decision: input.decision ?? null, actorAnswer: input.actorAnswer ?? null, outcome },
      });
      return meetingIn(tx, auth, meetingId);
    });
    await sendAll(mails);
    return result;
  }

  async function getMeeting(auth: Auth, id: string) {
    return inOrg(auth, (tx) => meetingIn(tx, auth, id));
  }

  async function meetingOptions(auth: Auth) {
    return inOrg(auth, async (tx) => {
      const { members, contacts } = await repo.meetingOptions(tx, auth.organisationId);
      return { members: members.map((m) => ({ personId: m.personId, name: fullName(m.givenName, m.familyName) ?? '' })), contacts };
    });
  }

  /** The minutes of a meeting as a PDF in the reader's language. */
  async function minutesPdf(auth: Auth, id: string, locale: string) {
    const { meeting, organisationName } = await inOrg(auth, async (tx) => {
      const meeting = await meetingIn(tx, auth, id);
      const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, auth.organisationId));
      return { meeting, organisationName: org?.name ?? '' };
    });
    const dateText = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${meeting.heldOn}T00:00:00Z`));
    const pdf = createPdf({
      title: t(locale, 'policy.minutes.title', { date: dateText }),
      organisationName,
      locale,
      labels: { generated: t(locale, 'policy.minutes.generated'), page: (page, total) => t(locale, 'policy.minutes.page', { page, total }) },
    });
    pdf.keyValues([
      [t(locale, 'policy.minutes.date'), dateText],
      [t(locale, 'policy.minutes.location'), meeting.location ?? '-'],
      [t(locale, 'policy.minutes.present'), meeting.members.map((m) => (m.organisation ? `${m.name} (${m.organisation})` : m.name)).join(', ') || '-'],
    ]);
    if (meeting.notes) pdf.paragraph(meeting.notes);
    pdf.heading(t(locale, 'policy.minutes.agenda'));
    if (!meeting.agenda.length) pdf.paragraph(t(locale, 'policy.minutes.noItems'), { muted: true });
    for (const [n, item] of meeting.agenda.entries()) {
      const kind = item.barrierId ? t(locale, 'policy.minutes.barrier') : t(locale, 'policy.minutes.proposal');
      pdf.heading(`${n + 1}. ${kind}: ${item.title}`, 2);
      const lines: [string, string][] = [];
      if (item.note) lines.push([t(locale, 'policy.minutes.note'), item.note]);
      lines.push([t(locale, 'policy.minutes.decision'), item.decision ?? t(locale, 'policy.minutes.noDecision')]);
      if (item.actorAnswer) lines.push([t(locale, 'policy.minutes.actorAnswer'), item.actorAnswer]);
      if (item.outcome) lines.push([t(locale, 'policy.minutes.outcome'), t(locale, `policy.proposalStatus.${item.outcome}`)]);
      pdf.keyValues(lines);
    }
    pdf.table({
      columns: [
        { header: t(locale, 'policy.minutes.item'), width: 4 },
        { header: t(locale, 'policy.minutes.outcome'), width: 2 },
      ],
      rows: meeting.agenda.map((i, n) => [`${n + 1}. ${i.title}`, i.outcome ? t(locale, `policy.proposalStatus.${i.outcome}`) : '-']),
      empty: t(locale, 'policy.minutes.noItems'),
    });
    return { bytes: await pdf.end(), filename: `stuurgroep-${meeting.heldOn}.pdf` };
  }

  /* ---------------------------------------------------------------- stories */

  function signedAs(row: { story: StoryRow; givenName: string | null }) {
    if (row.story.attribution === 'first-name') return row.givenName;
    if (row.story.attribution === 'custom') return row.story.attributionText;
    return null;
  }

  function presentStory(auth: Auth, row: { story: StoryRow; givenName: string | null; familyName: string | null; placeName: string | null }): Story {
    const s = row.story;
    const own = s.personId === auth.personId;
    const staff = can(auth.roles, 'policy.read', s.placeId ?? undefined);
    return {
      id: s.id,
      personId: s.personId,
      personName: own || staff ? fullName(row.givenName, row.familyName) : null,
      text: s.text,
      lang: s.lang,
      consentOn: s.consentOn,
      consentScope: s.consentScope,
      attribution: s.attribution,
      attributionText: s.attributionText,
      signedAs: signedAs(row),
      domain: s.domain as LifeDomain | null,
      placeId: s.placeId,
      placeName: row.placeName,
      withdrawnAt: s.withdrawnAt?.toISOString() ?? null,
      createdAt: s.createdAt.toISOString(),
      can: { edit: !s.withdrawnAt && mayManage(auth, s.placeId), withdraw: !s.withdrawnAt && (own || mayManage(auth, s.placeId)) },
    };
  }

  /** A story is read by staff who hear barriers while consent holds; the person who gave it always. */
  async function storyIn(tx: Tx, auth: Auth, id: string) {
    const [row] = await repo.stories(tx, auth.organisationId, [eq(policyStories.id, id)]);
    if (!row) throw errors.notFound('Story');
    const own = row.story.personId === auth.personId;
    if (!own && (row.story.withdrawnAt || !can(auth.roles, 'policy.read', row.story.placeId ?? undefined))) throw errors.notFound('Story');
    return row;
  }

  async function listStories(auth: Auth, query: z.infer<typeof storiesQuery>) {
    return inOrg(auth, async (tx) => {
      const staffPlaces = placesWith(auth.roles, 'policy.read');
      const visible: SQL[] = [eq(policyStories.personId, auth.personId)];
      if (staffPlaces === 'all') visible.push(isNull(policyStories.withdrawnAt));
      else if (staffPlaces.length)
        visible.push(and(isNull(policyStories.withdrawnAt), or(isNull(policyStories.placeId), inArray(policyStories.placeId, staffPlaces))) as SQL);
      const where: SQL[] = [or(...visible) as SQL];
      if (query.domain) where.push(eq(policyStories.domain, query.domain));
      if (query.placeId) where.push(eq(policyStories.placeId, query.placeId));
      if (query.scope) where.push(eq(policyStories.consentScope, query.scope));
      return { items: (await repo.stories(tx, auth.organisationId, where)).map((r) => presentStory(auth, r)) };
    });
  }

  async function createStory(auth: Auth, input: z.infer<typeof storyInput>) {
    return inOrg(auth, async (tx) => {
      const person = await repo.person(tx, auth.organisationId, input.personId);
      const placeId = input.placeId === undefined ? (person?.placeId ?? null) : input.placeId;
      // Staff record a story with the person's consent; a person may share their own.
      if (input.personId !== auth.personId && !mayManage(auth, placeId ?? null)) throw errors.forbidden();
      if (!person) throw errors.badRequest('unknown_person', 'No such person.');
      const [s] = await tx
        .insert(policyStories)
        .values({
          organisationId: auth.organisationId,
          personId: input.personId,
          text: input.text,
          lang: input.lang ?? null,
          consentOn: input.consentOn,
          consentScope: input.consentScope,
          attribution: input.attribution,
          attributionText: input.attribution === 'custom' ? (input.attributionText ?? null) : null,
          domain: input.domain ?? null,
          placeId,
          recordedByPersonId: auth.personId,
        })
        .returning();
      await recordAudit(tx, auth.organisationId, auth.accountId, {
        action: 'policy.story.create',
        entityType: 'policy_story',
        entityId: s.id,
        changes: { personId: s.personId, consentScope: s.consentScope, consentOn: s.consentOn },
      });
      return presentStory(auth, await storyIn(tx, auth, s.id));
    });
  }

  async function updateStory(auth: Auth, id: string, patch: z.infer<typeof storyPatch>) {
    return inOrg(auth, async (tx) => {
      const row = await storyIn(tx, auth, id);
      const s = row.story;
      if (s.withdrawnAt || !mayManage(auth, s.placeId)) throw errors.forbidden();
      const attribution = patch.attribution ?? s.attribution;
      const attributionText = patch.attributionText === undefined ? s.attributionText : patch.attributionText;
      if (attribution === 'custom' && !attributionText) throw errors.badRequest('attribution_text_required', 'Write how the story is signed.');
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [k, v] of Object.entries(patch)) {
        if (v !== undefined && JSON.stringify((s as Record<string, unknown>)[k]) !== JSON.stringify(v)) changes[k] = [(s as Record<string, unknown>)[k], v];
      }
      await tx
        .update(policyStories)
        .set({ ...patch, attributionText: attribution === 'custom' ? attributionText : null, updatedAt: new Date() })
        .where(and(eq(policyStories.organisationId, auth.organisationId), eq(policyStories.id, id)));
      await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'policy.story.update', entityType: 'policy_story', entityId: id, changes });
      return presentStory(auth, await storyIn(tx, auth, id));
    });
  }

  /** Withdrawing consent hides the story everywhere at once; the person who gave it still sees it. */
  async function withdrawStory(auth: Auth, id: string) {
    return inOrg(auth, async (tx) => {
      const row = await storyIn(tx, auth, id);
      if (row.story.personId !== auth.personId && !mayManage(auth, row.story.placeId)) throw errors.forbidden();
      if (!row.story.withdrawnAt) {
        const now = new Date();
        await tx
          .update(policyStories)
          .set({ withdrawnAt: now, updatedAt: now })
          .where(and(eq(policyStories.organisationId, auth.organisationId), eq(policyStories.id, id)));
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'policy.story.withdraw',
          entityType: 'policy_story',
          entityId: id,
          changes: { withdrawnAt: now.toISOString() },
        });
      }
      const [after] = await repo.stories(tx, auth.organisationId, [eq(policyStories.id, id)]);
      return presentStory(auth, after);
    });
  }

  /**
   * Stories a report may quote: consent for reports (or public) still holds. For the report builder,
   * which has checked its reader's rights; no person ids leave, only how each story is signed.
   */
  async function storiesForReport(
    organisationId: string,
    filter: { placeIds?: string[]; domain?: LifeDomain; public?: boolean; from?: string; to?: string } = {},
  ): Promise<ReportStory[]> {
    return withOrganisation(db, organisationId, async (tx) => {
      const scopes: StoryScope[] = filter.public ? ['public'] : ['reports', 'public'];
      const where: SQL[] = [isNull(policyStories.withdrawnAt), inArray(policyStories.consentScope, scopes)];
      if (filter.placeIds) where.push(inArray(policyStories.placeId, filter.placeIds.length ? filter.placeIds : ['00000000-0000-0000-0000-000000000000']));
      if (filter.domain) where.push(eq(policyStories.domain, filter.domain));
      if (filter.from) where.push(gte(policyStories.consentOn, filter.from));
      if (filter.to) where.push(lte(policyStories.consentOn, filter.to));
      return (await repo.stories(tx, organisationId, where)).map((r) => ({
        id: r.story.id,
        text: r.story.text,
        lang: r.story.lang,
        signedAs: signedAs(r),
        domain: r.story.domain as LifeDomain | null,
        placeName: r.placeName,
        consentScope: r.story.consentScope,
        consentOn: r.story.consentOn,
      }));
    });
  }

  return {
    listBarriers,
    getBarrier: (auth: Auth, id: string) => inOrg(auth, (tx) => barrierDetail(tx, auth, id)),
    createBarrier,
    updateBarrier,
    support,
    withdrawSupport,
    merge,
    barrierOptions,
    listProposals,
    getProposal,
    createProposal,
    updateProposal,
    listMeetings,
    getMeeting,
    createMeeting,
    updateMeeting,
    setAgenda,
    decide,
    meetingOptions,
    minutesPdf,
    listStories,
    getStory: (auth: Auth, id: string) => inOrg(auth, async (tx) => presentStory(auth, await storyIn(tx, auth, id))),
    createStory,
    updateStory,
    withdrawStory,
    storiesForReport,
  };
}
export type PolicyService = ReturnType<typeof policyService>;
