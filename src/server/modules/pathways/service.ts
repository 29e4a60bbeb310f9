/**
 * Pathways core (P1): referral in, intake, consents, team, plan, ending and follow-up, caseload.
 * Every function on one pathway starts with `openPathway` (access.ts) inside `withOrganisation`;
 * `allowedOn` narrows the capacity's actions by the standing guidance consent and the status.
 */
import type { z } from 'zod';
import { exitOutcomeEvent, FOLLOW_UP_MONTHS, specialCategoryFields } from '../../../shared/pathways.ts';
import type {
  caseloadQuery,
  consentInput,
  endInput,
  entryDataInput,
  eventInput,
  followUpInput,
  goalInput,
  goalPatch,
  intakeInput,
  orderInput,
  referralInInput,
  referralInPatch,
  referralsQuery,
  stepInput,
  stepPatch,
  teamMemberInput,
} from '../../../shared/pathways-api.ts';
import { can, placesWith } from '../../../shared/permissions.ts';
import type { Config } from '../../config.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import type { Mailer } from '../../mail.ts';
import { recordAudit } from '../audit/service.ts';
import { peopleService } from '../people/service.ts';
import { type Capacity, hasConsent, may, openPathway, type PathwayAction, type PathwayRow, pathwayActions } from './access.ts';
import { sendFollowUpReminders } from './reminders.ts';
import { pathwaysRepo as repo } from './repo.ts';

type In<T extends z.ZodType> = z.output<T>;

/** Today in Brussels, as YYYY-MM-DD. */
export function today(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The same day `months` later (31 August + 6 months = 28/29 February). */
export function addMonths(date: string, months: number) {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
const yearsBetween = (from: string, to: string) => {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
};

/** Writes that add a record: refused to the team while the guidance consent is withdrawn, and on an ended pathway where noted. */
const recordWrites: PathwayAction[] = [
  'plan.write',
  'entry-data.write',
  'journal.write',
  'assessment.write',
  'network.write',
  'referral-out.write',
  'events.write',
  'follow-up.write',
];

/** What this capacity may do now: the access rules, less new records without a standing guidance consent (the participant keeps their own plan). */
export function allowedOn(capacity: Capacity, guidance: boolean): PathwayAction[] {
  return pathwayActions.filter((a) => may(capacity, a) && (guidance || capacity === 'participant' || !recordWrites.includes(a)));
}

function requireGuidance(capacity: Capacity, guidance: boolean) {
  if (capacity !== 'participant' && !guidance)
    throw errors.conflict('consent_withdrawn', 'The participant withdrew their consent to guidance: no new records.');
}
function requireOpen(pathway: PathwayRow) {
  if (pathway.status === 'ended') throw errors.conflict('pathway_ended', 'This pathway has ended.');
}
const bad = (code: string, field: string, detail: string) => errors.badRequest(code, detail, { field });

/** Entry-data rules shared by intake and corrections. */
function checkEntry(entry: In<typeof entryDataInput>, birthDate: string | null | undefined, startedOn: string) {
  if (birthDate) {
    const age = yearsBetween(birthDate, startedOn);
    if (birthDate > startedOn || age < 12 || age > 100)
      throw bad('birth_date_implausible', 'birthDate', 'The date of birth gives an age outside 12-100 at the start.');
  }
  if (entry.employmentAtEntry === 'unemployed') {
    if (!entry.unemployedSince) throw bad('unemployed_since_required', 'entry.unemployedSince', 'Since when is the participant unemployed?');
    if (entry.unemployedSince > startedOn)
      throw bad('unemployed_since_after_start', 'entry.unemployedSince', 'Unemployed since must not be after the start date.');
  }
  return { ...entry, unemployedSince: entry.employmentAtEntry === 'unemployed' ? (entry.unemployedSince ?? null) : null };
}

export function pathwaysService(db: Db, _config: Config, mailer: Mailer) {
  const people = peopleService(db);

  /** Opens a pathway and gives what the caller may do on it now. */
  async function open(tx: Tx, auth: Auth, id: string, action?: PathwayAction) {
    const ctx = await openPathway(tx, auth, id, action);
    const guidance = await hasConsent(tx, auth.organisationId, ctx.pathway.participantId, 'guidance');
    return { ...ctx, guidance };
  }
  /** Opens for a write that adds a record: allowed, consent standing, and (for the plan) not ended. */
  async function openForRecord(tx: Tx, auth: Auth, id: string, action: PathwayAction, opts: { notEnded?: boolean } = {}) {
    const ctx = await open(tx, auth, id, action);
    requireGuidance(ctx.capacity, ctx.guidance);
    if (opts.notEnded) requireOpen(ctx.pathway);
    return ctx;
  }
  const audit = (tx: Tx, auth: Auth, action: string, entityType: string, entityId: string, changes?: Record<string, unknown>) =>
    recordAudit(tx, auth.organisationId, auth.accountId, { action, entityType, entityId, changes });

  function presentReferral(r: Awaited<ReturnType<typeof repo.referrals>>[number]) {
    return {
      id: r.r.id,
      participant: { id: r.r.participantId, givenName: r.givenName, familyName: r.familyName },
      placeId: r.r.placeId,
      placeName: r.placeName,
      source: r.r.source,
      partnerId: r.r.partnerId,
      partnerName: r.partnerName,
      partnerContactId: r.r.partnerContactId,
      partnerContactName: r.contactName,
      referrerName: r.r.referrerName,
      referredOn: r.r.referredOn,
      reason: r.r.reason,
      status: r.r.status,
      intakeOn: r.r.intakeOn,
      notStartedReason: r.r.notStartedReason,
      pathwayId: r.r.pathwayId,
      createdAt: r.r.createdAt.toISOString(),
    };
  }

  async function referralFor(tx: Tx, auth: Auth, id: string) {
    const [row] = await repo.referrals(tx, auth.organisationId, { placeIds: placesWith(auth.roles, 'pathways.manage'), id, limit: 1, offset: 0 });
    if (!row) throw errors.notFound('referral');
    return row;
  }

  async function overviewOf(tx: Tx, auth: Auth, ctx: { pathway: PathwayRow; capacity: Capacity; guidance: boolean }) {
    const { pathway, capacity, guidance } = ctx;
    const names = await repo.overview(tx, auth.organisationId, pathway.id);
    const team = await repo.team(tx, auth.organisationId, pathway.id);
    const lead = team.find((m) => m.t.role === 'lead-companion');
    const followUp = await repo.followUp(tx, auth.organisationId, pathway.id);
    const now = today();
    return {
      id: pathway.id,
      status: pathway.status,
      participant: { id: pathway.participantId, givenName: names.givenName, familyName: names.familyName },
      placeId: pathway.placeId,
      placeName: names.placeName,
      programmeId: pathway.programmeId,
      programmeName: names.programmeName,
      startedOn: pathway.startedOn,
      endedOn: pathway.endedOn,
      exitOutcome: pathway.exitOutcome,
      exitNote: capacity === 'participant' && pathway.exitOutcome === 'dropped-out' ? null : pathway.exitNote,
      guidanceConsent: guidance,
      leadCompanion: lead ? { id: lead.t.personId, givenName: lead.givenName, familyName: lead.familyName } : null,
      followUp: followUp && capacity !== 'participant' ? presentFollowUp(followUp, now) : null,
      stepsOpen: names.stepsOpen,
      stepsDone: names.stepsDone,
      capacity,
      allowed: allowedOn(capacity, guidance),
      mayReopen: pathway.status === 'ended' && mayReopen(auth, pathway),
    };
  }

  const mayReopen = (auth: Auth, pathway: PathwayRow) =>
    pathway.placeId ? can(auth.roles, 'pathways.oversee', pathway.placeId) : auth.roles.some((r) => r.placeId === null && can([r], 'pathways.oversee'));

  function presentFollowUp(f: NonNullable<Awaited<ReturnType<typeof repo.followUp>>>, now: string) {
    return { dueOn: f.dueOn, doneOn: f.doneOn, employed: f.employed, improvedSituation: f.improvedSituation, note: f.note, due: !f.doneOn && f.dueOn <= now };
  }

  async function plan(tx: Tx, organisationId: string, pathwayId: string) {
    const goalRows = await repo.goals(tx, organisationId, pathwayId);
    const stepRows = await repo.stepsOf(
      tx,
      organisationId,
      goalRows.map((g) => g.id),
    );
    return goalRows.map((g) => ({
      id: g.id,
      lifeDomain: g.lifeDomain,
      text: g.text,
      status: g.status,
      position: g.position,
      steps: stepRows
        .filter((s) => s.s.goalId === g.id)
        .map((s) => ({
          id: s.s.id,
          goalId: s.s.goalId,
          text: s.s.text,
          owner: s.s.owner,
          ownerPersonId: s.s.ownerPersonId,
          ownerName: s.ownerGiven ? `${s.ownerGiven} ${s.ownerFamily}` : null,
          ownerPartnerId: s.s.ownerPartnerId,
          ownerPartnerName: s.partnerName,
          dueOn: s.s.dueOn,
          status: s.s.status,
          position: s.s.position,
        })),
    }));
  }

  async function checkStepOwner(tx: Tx, auth: Auth, input: { ownerPartnerId?: string | null; ownerPersonId?: string | null }) {
    if (input.ownerPartnerId && !(await repo.partnerExists(tx, auth.organisationId, input.ownerPartnerId)))
      throw bad('unknown_partner', 'ownerPartnerId', 'This partner does not exist.');
    if (input.ownerPersonId && !(await repo.person(tx, auth.organisationId, input.ownerPersonId)))
      throw bad('unknown_person', 'ownerPersonId', 'This person does not exist.');
  }

  function presentTeam(rows: Awaited<ReturnType<typeof repo.team>>) {
    return rows.map((m) => ({
      id: m.t.id,
      personId: m.t.personId,
      givenName: m.givenName,
      familyName: m.familyName,
      role: m.t.role,
      partnerId: m.t.partnerId,
      partnerName: m.partnerName,
      joinedOn: m.t.joinedOn,
      leftOn: m.t.leftOn,
    }));
  }

  return {
    // ---------- referrals in ----------
    async referrals(auth: Auth, q: In<typeof referralsQuery>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const rows = await repo.referrals(tx, auth.organisationId, { ...q, placeIds: placesWith(auth.roles, 'pathways.manage') });
        return { items: rows.map(presentReferral), total: rows[0]?.total ?? 0 };
      });
    },

    async referral(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => presentReferral(await referralFor(tx, auth, id)));
    },

    async createReferral(auth: Auth, input: In<typeof referralInInput>) {
      if (!can(auth.roles, 'pathways.manage', input.placeId)) throw errors.forbidden('You may not take in referrals at this place.');
      if (input.referredOn > addDays(today(), 1)) throw bad('referred_in_future', 'referredOn', 'A referral date cannot be in the future.');
      const partnerId = input.source === 'self' ? null : (input.partnerId ?? null);
      const contactId = partnerId ? (input.partnerContactId ?? null) : null;
      // Check everything before a new person is created, so bad input leaves no half record.
      await withOrganisation(db, auth.organisationId, async (tx) => {
        if (!(await repo.placeExists(tx, auth.organisationId, input.placeId))) throw bad('unknown_place', 'placeId', 'This place does not exist.');
        if (partnerId && !(await repo.partnerExists(tx, auth.organisationId, partnerId)))
          throw bad('unknown_partner', 'partnerId', 'This partner does not exist.');
        if (contactId && (await repo.contactOfPartner(tx, auth.organisationId, contactId)) !== partnerId)
          throw bad('unknown_contact', 'partnerContactId', 'This contact does not work for this partner.');
        if (input.participantId) {
          const p = await repo.person(tx, auth.organisationId, input.participantId);
          if (!p || p.archivedAt || p.kind !== 'participant') throw bad('unknown_participant', 'participantId', 'This participant does not exist.');
        }
      });
      const participantId =
        input.participantId ??
        (
          await people.create(auth, {
            kind: 'participant',
            givenName: input.newParticipant?.givenName as string,
            familyName: input.newParticipant?.familyName as string,
            email: input.newParticipant?.email ?? null,
            phone: input.newParticipant?.phone ?? null,
            placeId: input.placeId,
            languages: [],
          })
        ).id;
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await repo.insertReferral(tx, {
          organisationId: auth.organisationId,
          participantId,
          placeId: input.placeId,
          source: input.source,
          partnerId,
          partnerContactId: contactId,
          referrerName: input.source === 'self' ? null : (input.referrerName ?? null),
          referredOn: input.referredOn,
          reason: input.reason ?? null,
        });
        await audit(tx, auth, 'create', 'referral-in', row.id, {
          participantId,
          source: row.source,
          partnerId,
          placeId: row.placeId,
          referredOn: row.referredOn,
        });
        return presentReferral(await referralFor(tx, auth, row.id));
      });
    },

    async updateReferral(auth: Auth, id: string, patch: In<typeof referralInPatch>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const current = await referralFor(tx, auth, id);
        if (current.r.status === 'started') throw errors.conflict('referral_started', 'This referral already led to a pathway.');
        const values = {
          status: patch.status,
          intakeOn: patch.status === 'intake-planned' ? (patch.intakeOn ?? null) : current.r.intakeOn,
          notStartedReason: patch.status === 'not-started' ? (patch.notStartedReason ?? null) : null,
          ...(patch.reason !== undefined ? { reason: patch.reason } : {}),
        };
        await repo.updateReferral(tx, auth.organisationId, id, values);
        await audit(tx, auth, 'update', 'referral-in', id, { from: current.r.status, ...values });
        return presentReferral(await referralFor(tx, auth, id));
      });
    },

    // ---------- intake ----------
    async intake(auth: Auth, input: In<typeof intakeInput>) {
      if (!can(auth.roles, 'pathways.manage', input.placeId)) throw errors.forbidden('You may not start pathways at this place.');
      if (input.startedOn > addDays(today(), 1)) throw bad('start_in_future', 'startedOn', 'The start date cannot be more than a day in the future.');
      const entry = checkEntry(input.entry, input.birthDate, input.startedOn);
      const check = async (tx: Tx) => {
        const person = await repo.person(tx, auth.organisationId, input.participantId);
        if (!person || person.archivedAt || person.kind !== 'participant')
          throw bad('unknown_participant', 'participantId', 'This participant does not exist.');
        if (!(await repo.placeExists(tx, auth.organisationId, input.placeId))) throw bad('unknown_place', 'placeId', 'This place does not exist.');
        if (input.programmeId && !(await repo.programmeExists(tx, auth.organisationId, input.programmeId)))
          throw bad('unknown_programme', 'programmeId', 'This programme does not exist.');
        for (const partnerId of input.consents.sharePartnerIds) {
          if (!(await repo.partnerExists(tx, auth.organisationId, partnerId)))
            throw bad('unknown_partner', 'consents.sharePartnerIds', 'This partner does not exist.');
        }
        if (input.referralId) {
          const referral = await repo.referral(tx, auth.organisationId, input.referralId);
          if (!referral || referral.participantId !== input.participantId)
            throw bad('unknown_referral', 'referralId', 'This referral is not about this participant.');
          if (referral.status === 'started') throw errors.conflict('referral_started', 'This referral already led to a pathway.');
        }
        if (await repo.openPathwayOf(tx, auth.organisationId, input.participantId))
          throw errors.conflict('pathway_open', 'This participant already has an open pathway.');
        return person;
      };
      const person = await withOrganisation(db, auth.organisationId, check);
      // The date of birth is the person's own: the people service keeps it (and audits it).
      if (person.birthDate !== input.birthDate) await people.update(auth, input.participantId, { birthDate: input.birthDate });
      const me = await withOrganisation(db, auth.organisationId, (tx) => repo.person(tx, auth.organisationId, auth.personId));
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await check(tx);
        const org = auth.organisationId;
        const pathway = await repo.insertPathway(tx, {
          organisationId: org,
          participantId: input.participantId,
          placeId: input.placeId,
          programmeId: input.programmeId ?? null,
          status: 'active',
          startedOn: input.startedOn,
        });
        const wanted: { purpose: 'guidance' | 'research' | 'photos-stories' | 'share-with-partner'; partnerId?: string }[] = [{ purpose: 'guidance' }];
        if (input.consents.research) wanted.push({ purpose: 'research' });
        if (input.consents.photosStories) wanted.push({ purpose: 'photos-stories' });
        for (const partnerId of new Set(input.consents.sharePartnerIds)) wanted.push({ purpose: 'share-with-partner', partnerId });
        const given: string[] = [];
        for (const c of wanted) {
          // Consent is the participant's, not the pathway's: one standing row per purpose (and partner).
          if (await hasConsent(tx, org, input.participantId, c.purpose, c.partnerId)) continue;
          const row = await repo.insertConsent(tx, {
            organisationId: org,
            participantId: input.participantId,
            purpose: c.purpose,
            partnerId: c.partnerId ?? null,
            recordedBy: auth.personId,
          });
          await audit(tx, auth, 'give', 'consent', row.id, { purpose: c.purpose, partnerId: c.partnerId ?? null });
          given.push(c.purpose);
        }
        await repo.upsertEntryData(tx, { organisationId: org, pathwayId: pathway.id, ...entry, collectionAttemptedAt: new Date(), recordedBy: auth.personId });
        await repo.insertMember(tx, {
          organisationId: org,
          pathwayId: pathway.id,
          personId: auth.personId,
          role: 'lead-companion',
          partnerId: me?.partnerId ?? null,
          joinedOn: input.startedOn,
        });
        if (input.referralId) {
          await repo.updateReferral(tx, org, input.referralId, { status: 'started', pathwayId: pathway.id });
          await audit(tx, auth, 'update', 'referral-in', input.referralId, { status: 'started', pathwayId: pathway.id });
        }
        // The answers to the special categories stay out of the audit log: it says only that they were recorded.
        await audit(tx, auth, 'create', 'pathway', pathway.id, {
          participantId: input.participantId,
          placeId: input.placeId,
          programmeId: input.programmeId ?? null,
          startedOn: input.startedOn,
          consents: given,
          entryData: 'recorded',
        });
        return overviewOf(tx, auth, { pathway, capacity: 'team', guidance: true });
      });
    },

    // ---------- one pathway ----------
    async overview(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => overviewOf(tx, auth, await open(tx, auth, id, 'overview.read')));
    },

    /** The participant's own pathway (the open one, else the last), or null. */
    async mine(auth: Auth) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const rows = await repo.caseload(tx, auth.organisationId, { participantId: auth.personId, limit: 1, offset: 0 });
        const pathwayId = rows[0]?.p.id;
        if (!pathwayId) return { pathway: null, plan: [] };
        const ctx = await open(tx, auth, pathwayId, 'plan.read');
        return { pathway: await overviewOf(tx, auth, ctx), plan: await plan(tx, auth.organisationId, pathwayId) };
      });
    },

    async caseload(auth: Auth, q: In<typeof caseloadQuery>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const led = placesWith(auth.roles, 'pathways.oversee');
        if (q.scope === 'place' && led !== 'all' && led.length === 0) throw errors.forbidden('You lead no place.');
        const rows = await repo.caseload(tx, auth.organisationId, {
          memberPersonId: q.scope === 'mine' ? auth.personId : undefined,
          placeIds: q.scope === 'place' ? led : undefined,
          placeId: q.placeId,
          status: q.status,
          text: q.q,
          limit: q.limit,
          offset: q.offset,
        });
        return {
          items: rows.map((r) => ({
            id: r.p.id,
            participant: { id: r.p.participantId, givenName: r.givenName, familyName: r.familyName },
            status: r.p.status,
            placeName: r.placeName,
            programmeName: r.programmeName,
            startedOn: r.p.startedOn,
            endedOn: r.p.endedOn,
            leadCompanion: r.leadGiven ? `${r.leadGiven} ${r.leadFamily}` : null,
            nextStepDue: r.nextStepDue,
            followUpDue: r.followUpDue,
          })),
          total: rows[0]?.total ?? 0,
        };
      });
    },

    async followUpsDue(auth: Auth) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const rows = await repo.followUpsDue(tx, auth.organisationId, today(), {
          memberPersonId: auth.personId,
          placeIds: placesWith(auth.roles, 'pathways.oversee'),
        });
        return {
          items: rows.map((r) => ({
            pathwayId: r.pathwayId,
            participant: { id: r.participantId, givenName: r.givenName, familyName: r.familyName },
            endedOn: r.endedOn,
            dueOn: r.dueOn,
          })),
        };
      });
    },

    // ---------- entry data ----------
    async entryData(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway, capacity } = await open(tx, auth, id, 'entry-data.read');
        const row = await repo.entryData(tx, auth.organisationId, id);
        const person = await repo.person(tx, auth.organisationId, pathway.participantId);
        const special = may(capacity, 'special-categories.read');
        if (special && row) {
          await audit(tx, auth, 'read-special-categories', 'pathway', id, { fields: [...specialCategoryFields], capacity });
        }
        return {
          birthDate: person?.birthDate ?? null,
          gender: row?.gender ?? null,
          isced: row?.isced ?? null,
          employmentAtEntry: row?.employmentAtEntry ?? null,
          unemployedSince: row?.unemployedSince ?? null,
          thirdCountryNational: row?.thirdCountryNational ?? null,
          homeless: row?.homeless ?? null,
          rural: row?.rural ?? null,
          specialCategories: special
            ? { disability: row?.disability ?? null, minority: row?.minority ?? null, foreignBackground: row?.foreignBackground ?? null }
            : null,
          collectionAttemptedAt: row?.collectionAttemptedAt?.toISOString() ?? null,
        };
      });
    },

    async updateEntryData(auth: Auth, id: string, input: In<typeof entryDataInput>) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await openForRecord(tx, auth, id, 'entry-data.write');
        const entry = checkEntry(input, null, pathway.startedOn ?? today());
        await repo.upsertEntryData(tx, {
          organisationId: auth.organisationId,
          pathwayId: id,
          ...entry,
          collectionAttemptedAt: new Date(),
          recordedBy: auth.personId,
        });
        await audit(tx, auth, 'update', 'pathway-entry-data', id, { entryData: 'recorded' });
      });
      return this.entryData(auth, id);
    },

    // ---------- consents ----------
    async consents(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await open(tx, auth, id, 'consent.read');
        const rows = await repo.consentsOf(tx, auth.organisationId, pathway.participantId);
        return {
          items: rows.map((r) => ({
            id: r.c.id,
            purpose: r.c.purpose,
            partnerId: r.c.partnerId,
            partnerName: r.partnerName,
            scope: r.c.scope,
            givenAt: r.c.givenAt.toISOString(),
            withdrawnAt: r.c.withdrawnAt?.toISOString() ?? null,
            standing: !r.c.withdrawnAt,
          })),
        };
      });
    },

    async giveConsent(auth: Auth, id: string, input: In<typeof consentInput>) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await open(tx, auth, id, 'consent.write');
        const partnerId = input.partnerId ?? undefined;
        if (partnerId && !(await repo.partnerExists(tx, auth.organisationId, partnerId)))
          throw bad('unknown_partner', 'partnerId', 'This partner does not exist.');
        if (await hasConsent(tx, auth.organisationId, pathway.participantId, input.purpose, partnerId))
          throw errors.conflict('consent_exists', 'This consent is already given.');
        const row = await repo.insertConsent(tx, {
          organisationId: auth.organisationId,
          participantId: pathway.participantId,
          purpose: input.purpose,
          partnerId: partnerId ?? null,
          scope: input.scope ?? null,
          recordedBy: auth.personId,
        });
        await audit(tx, auth, 'give', 'consent', row.id, { purpose: input.purpose, partnerId: partnerId ?? null, pathwayId: id });
      });
      return this.consents(auth, id);
    },

    /** The team records a withdrawal; the participant withdraws their own consent themselves too. Takes effect at once. */
    async withdrawConsent(auth: Auth, id: string, consentId: string) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway, capacity } = await open(tx, auth, id, 'consent.read');
        if (capacity !== 'participant' && !may(capacity, 'consent.write')) throw errors.forbidden();
        const row = await repo.consent(tx, auth.organisationId, consentId);
        if (!row || row.participantId !== pathway.participantId) throw errors.notFound('consent');
        if (!(await repo.withdrawConsent(tx, auth.organisationId, consentId, auth.personId)))
          throw errors.conflict('consent_already_withdrawn', 'This consent was already withdrawn.');
        await audit(tx, auth, 'withdraw', 'consent', consentId, { purpose: row.purpose, partnerId: row.partnerId, pathwayId: id, by: capacity });
      });
      return this.consents(auth, id);
    },

    // ---------- team ----------
    async team(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await open(tx, auth, id, 'team.read');
        return { items: presentTeam(await repo.team(tx, auth.organisationId, id, true)) };
      });
    },

    async teamCandidates(auth: Auth, id: string, q: string | undefined) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await open(tx, auth, id, 'team.manage');
        const current = new Set((await repo.team(tx, auth.organisationId, id)).map((m) => m.t.personId));
        const rows = await repo.teamCandidates(tx, auth.organisationId, q, 40);
        return { items: rows.filter((r) => !current.has(r.personId)).slice(0, 20) };
      });
    },

    async addMember(auth: Auth, id: string, input: In<typeof teamMemberInput>) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity, guidance } = await open(tx, auth, id, 'team.manage');
        requireGuidance(capacity, guidance);
        const person = await repo.person(tx, auth.organisationId, input.personId);
        if (!person || person.archivedAt) throw bad('unknown_person', 'personId', 'This person does not exist.');
        if (person.kind !== 'staff') throw bad('not_staff', 'personId', 'Only staff and partner workers join a team.');
        const team = await repo.team(tx, auth.organisationId, id);
        if (team.some((m) => m.t.personId === input.personId)) throw errors.conflict('already_on_team', 'This person is already on the team.');
        const role = input.role ?? (person.partnerId ? 'partner-worker' : 'companion');
        const row = await repo.insertMember(tx, {
          organisationId: auth.organisationId,
          pathwayId: id,
          personId: input.personId,
          role,
          partnerId: person.partnerId ?? null,
          joinedOn: today(),
        });
        await audit(tx, auth, 'create', 'pathway-team', row.id, { pathwayId: id, personId: input.personId, role });
      });
      return this.team(auth, id);
    },

    async removeMember(auth: Auth, id: string, memberId: string) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        await open(tx, auth, id, 'team.manage');
        const member = (await repo.team(tx, auth.organisationId, id)).find((m) => m.t.id === memberId);
        if (!member) throw errors.notFound('team member');
        if (member.t.role === 'lead-companion') throw errors.conflict('lead_must_hand_over', 'Hand the lead over to someone else first.');
        await repo.updateMember(tx, auth.organisationId, memberId, { leftOn: today() });
        await audit(tx, auth, 'update', 'pathway-team', memberId, { pathwayId: id, personId: member.t.personId, leftOn: today() });
      });
      return this.team(auth, id);
    },

    /** Hands the lead to another member: by the lead companion, or by a lead (coordinator). */
    async makeLead(auth: Auth, id: string, memberId: string) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity } = await open(tx, auth, id, 'team.manage');
        const team = await repo.team(tx, auth.organisationId, id);
        const current = team.find((m) => m.t.role === 'lead-companion');
        if (capacity !== 'lead' && current && current.t.personId !== auth.personId) throw errors.forbidden('Only the lead companion hands the lead over.');
        const next = team.find((m) => m.t.id === memberId);
        if (!next) throw errors.notFound('team member');
        if (next.t.role === 'lead-companion') return;
        if (current) await repo.updateMember(tx, auth.organisationId, current.t.id, { role: 'companion' });
        await repo.updateMember(tx, auth.organisationId, memberId, { role: 'lead-companion' });
        await audit(tx, auth, 'hand-over-lead', 'pathway', id, { from: current?.t.personId ?? null, to: next.t.personId });
      });
      return this.team(auth, id);
    },

    /** The people on the team of the participant's open pathways: the companion-to-participant link. */
    async companionsOf(organisationId: string, participantId: string): Promise<string[]> {
      return withOrganisation(db, organisationId, (tx) => repo.companionsOf(tx, organisationId, participantId));
    },

    // ---------- plan ----------
    async plan(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await open(tx, auth, id, 'plan.read');
        return { items: await plan(tx, auth.organisationId, id) };
      });
    },

    async addGoal(auth: Auth, id: string, input: In<typeof goalInput>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity } = await openForRecord(tx, auth, id, 'plan.write', { notEnded: true });
        const row = await repo.insertGoal(tx, {
          organisationId: auth.organisationId,
          pathwayId: id,
          lifeDomain: input.lifeDomain,
          text: input.text,
          position: await repo.nextGoalPosition(tx, auth.organisationId, id),
        });
        await audit(tx, auth, 'create', 'pathway-goal', row.id, { pathwayId: id, lifeDomain: input.lifeDomain, text: input.text, by: capacity });
        return { items: await plan(tx, auth.organisationId, id) };
      });
    },

    async updateGoal(auth: Auth, id: string, goalId: string, patch: In<typeof goalPatch>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity } = await openForRecord(tx, auth, id, 'plan.write', { notEnded: true });
        const goal = await repo.goal(tx, auth.organisationId, goalId);
        if (!goal || goal.pathwayId !== id) throw errors.notFound('goal');
        await repo.updateGoal(tx, auth.organisationId, goalId, patch);
        await audit(tx, auth, 'update', 'pathway-goal', goalId, { ...patch, by: capacity });
        return { items: await plan(tx, auth.organisationId, id) };
      });
    },

    async reorderGoals(auth: Auth, id: string, input: In<typeof orderInput>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await openForRecord(tx, auth, id, 'plan.write', { notEnded: true });
        const current = await repo.goals(tx, auth.organisationId, id);
        sameSet(
          current.map((g) => g.id),
          input.ids,
        );
        for (const [i, goalId] of input.ids.entries()) await repo.updateGoal(tx, auth.organisationId, goalId, { position: i });
        await audit(tx, auth, 'reorder', 'pathway-goal', id, { ids: input.ids });
        return { items: await plan(tx, auth.organisationId, id) };
      });
    },

    async addStep(auth: Auth, id: string, goalId: string, input: In<typeof stepInput>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity } = await openForRecord(tx, auth, id, 'plan.write', { notEnded: true });
        const goal = await repo.goal(tx, auth.organisationId, goalId);
        if (!goal || goal.pathwayId !== id) throw errors.notFound('goal');
        await checkStepOwner(tx, auth, input);
        const row = await repo.insertStep(tx, {
          organisationId: auth.organisationId,
          goalId,
          text: input.text,
          owner: input.owner,
          ownerPersonId: input.ownerPersonId ?? null,
          ownerPartnerId: input.owner === 'partner' ? (input.ownerPartnerId ?? null) : null,
          dueOn: input.dueOn ?? null,
          position: await repo.nextStepPosition(tx, auth.organisationId, goalId),
        });
        await audit(tx, auth, 'create', 'pathway-step', row.id, {
          pathwayId: id,
          goalId,
          text: input.text,
          owner: input.owner,
          dueOn: input.dueOn ?? null,
          by: capacity,
        });
        return { items: await plan(tx, auth.organisationId, id) };
      });
    },

    async updateStep(auth: Auth, id: string, stepId: string, patch: In<typeof stepPatch>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity } = await openForRecord(tx, auth, id, 'plan.write', { notEnded: true });
        const found = await repo.step(tx, auth.organisationId, stepId);
        if (!found || found.pathwayId !== id) throw errors.notFound('step');
        await checkStepOwner(tx, auth, patch);
        await repo.updateStep(tx, auth.organisationId, stepId, patch);
        await audit(tx, auth, 'update', 'pathway-step', stepId, { ...patch, by: capacity });
        return { items: await plan(tx, auth.organisationId, id) };
      });
    },

    async reorderSteps(auth: Auth, id: string, goalId: string, input: In<typeof orderInput>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await openForRecord(tx, auth, id, 'plan.write', { notEnded: true });
        const goal = await repo.goal(tx, auth.organisationId, goalId);
        if (!goal || goal.pathwayId !== id) throw errors.notFound('goal');
        const current = await repo.stepsOf(tx, auth.organisationId, [goalId]);
        sameSet(
          current.map((s) => s.s.id),
          input.ids,
        );
        for (const [i, stepId] of input.ids.entries()) await repo.updateStep(tx, auth.organisationId, stepId, { position: i });
        await audit(tx, auth, 'reorder', 'pathway-step', goalId, { ids: input.ids });
        return { items: await plan(tx, auth.organisationId, id) };
      });
    },

    // ---------- ending, events, follow-up ----------
    async end(auth: Auth, id: string, input: In<typeof endInput>) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await open(tx, auth, id, 'ending.write');
        if (pathway.status !== 'active') throw errors.conflict('pathway_not_active', 'Only an active pathway can end.');
        if (pathway.startedOn && input.endedOn < pathway.startedOn) throw bad('ended_before_start', 'endedOn', 'The exit date is before the start date.');
        if (input.endedOn > addDays(today(), 1)) throw bad('end_in_future', 'endedOn', 'The exit date cannot be in the future.');
        await repo.updatePathway(tx, auth.organisationId, id, {
          status: 'ended',
          endedOn: input.endedOn,
          exitOutcome: input.outcome,
          exitNote: input.note ?? null,
        });
        const event = exitOutcomeEvent[input.outcome];
        if (event)
          await repo.insertEvent(tx, {
            organisationId: auth.organisationId,
            pathwayId: id,
            occurredOn: input.endedOn,
            type: event,
            note: null,
            recordedBy: auth.personId,
          });
        const dueOn = addMonths(input.endedOn, FOLLOW_UP_MONTHS);
        await repo.scheduleFollowUp(tx, auth.organisationId, id, dueOn);
        await audit(tx, auth, 'end', 'pathway', id, { endedOn: input.endedOn, outcome: input.outcome, note: input.note ?? null, event, followUpDue: dueOn });
      });
      return this.overview(auth, id);
    },

    async reopen(auth: Auth, id: string) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await open(tx, auth, id, 'overview.read');
        if (!mayReopen(auth, pathway)) throw errors.forbidden('Only a lead reopens a pathway.');
        if (pathway.status !== 'ended') throw errors.conflict('pathway_not_ended', 'This pathway has not ended.');
        if (await repo.openPathwayOf(tx, auth.organisationId, pathway.participantId))
          throw errors.conflict('pathway_open', 'This participant already has an open pathway.');
        await repo.updatePathway(tx, auth.organisationId, id, { status: 'active', endedOn: null, exitOutcome: null, exitNote: null });
        await repo.deleteOpenFollowUp(tx, auth.organisationId, id);
        await audit(tx, auth, 'reopen', 'pathway', id, { endedOn: pathway.endedOn, exitOutcome: pathway.exitOutcome, exitNote: pathway.exitNote });
      });
      return this.overview(auth, id);
    },

    async events(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity } = await open(tx, auth, id, 'overview.read');
        if (capacity === 'participant') throw errors.forbidden();
        const rows = await repo.events(tx, auth.organisationId, id);
        return { items: rows.map((e) => ({ id: e.id, occurredOn: e.occurredOn, type: e.type, note: e.note, createdAt: e.createdAt.toISOString() })) };
      });
    },

    async addEvent(auth: Auth, id: string, input: In<typeof eventInput>) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await openForRecord(tx, auth, id, 'events.write');
        if (pathway.startedOn && input.occurredOn < pathway.startedOn) throw bad('event_before_start', 'occurredOn', 'The event is before the start date.');
        if (input.occurredOn > addDays(today(), 1)) throw bad('event_in_future', 'occurredOn', 'The event cannot be in the future.');
        const row = await repo.insertEvent(tx, {
          organisationId: auth.organisationId,
          pathwayId: id,
          occurredOn: input.occurredOn,
          type: input.type,
          note: input.note ?? null,
          recordedBy: auth.personId,
        });
        await audit(tx, auth, 'create', 'pathway-event', row.id, { pathwayId: id, ...input });
      });
      return this.events(auth, id);
    },

    async recordFollowUp(auth: Auth, id: string, input: In<typeof followUpInput>) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        await openForRecord(tx, auth, id, 'follow-up.write');
        const f = await repo.followUp(tx, auth.organisationId, id);
        if (!f) throw errors.conflict('no_follow_up', 'This pathway has no follow-up: it has not ended.');
        if (f.doneOn) throw errors.conflict('follow_up_done', 'The follow-up is already recorded.');
        const now = today();
        if (f.dueOn > now) throw errors.conflict('follow_up_not_due', `The follow-up is due on ${f.dueOn}.`, { dueOn: f.dueOn });
        await repo.recordFollowUp(tx, auth.organisationId, id, {
          doneOn: now,
          employed: input.employed,
          improvedSituation: input.improvedSituation,
          note: input.note ?? null,
          recordedBy: auth.personId,
        });
        await audit(tx, auth, 'record-follow-up', 'pathway', id, { ...input, doneOn: now });
      });
      return this.overview(auth, id);
    },

    /** Mails each team once when a follow-up falls due; the app runs it hourly. */
    sendFollowUpReminders: (now = new Date()) => sendFollowUpReminders(db, mailer, _config, today(now), now),
  };
}

function sameSet(current: string[], next: string[]) {
  const a = new Set(current);
  if (a.size !== next.length || new Set(next).size !== next.length || next.some((x) => !a.has(x))) {
    throw errors.badRequest('order_mismatch', 'The order must list each item exactly once.', { field: 'ids' });
  }
}

export type PathwaysService = ReturnType<typeof pathwaysService>;
