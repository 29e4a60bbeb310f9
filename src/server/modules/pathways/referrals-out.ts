/**
 * Warm referrals out: the team hands a participant over to a partner service (CAW, OCMW, mental
 * health) with a share-with-partner consent, and follows up. The partner's workers answer from
 * their inbox and see only what the consent covers: the participant's name, the contact details
 * they agreed to share, the service and the handover note. Never the journal, entry data, plan or
 * assessments. A referral without a standing consent is gone from their inbox at once.
 */
import { and, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReferralOutStatus } from '../../../shared/pathways.ts';
import {
  type PartnerReferral,
  type partnerAnswer,
  partnerAnswerStatuses,
  type partnerInboxQuery,
  type ReferralOut,
  type referralOutInput,
  type referralOutPatch,
  type referralOutTransition,
  referralOutTransitions,
  type SharedContactField,
} from '../../../shared/referrals.ts';
import type { Config } from '../../config.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import { consents, organisations, partnerContacts, partners, pathways, people, referralsOut } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { t } from '../../i18n.ts';
import type { Mailer, MailMessage } from '../../mail.ts';
import { diff, recordAudit } from '../audit/service.ts';
import { type Capacity, may, openPathway } from './access.ts';

type Row = typeof referralsOut.$inferSelect;

/** SQL: a share-with-partner consent for the referral's participant and partner stands right now. */
const consentStands = sql<boolean>`exists (select 1 from ${consents} c where c.organisation_id = ${referralsOut.organisationId}
  and c.participant_id = ${pathways.participantId} and c.purpose = 'share-with-partner'
  and c.partner_id = ${referralsOut.partnerId} and c.withdrawn_at is null)`;

const partnerStatuses = new Set<string>(partnerAnswerStatuses);
/** What a partner worker may set next: the answers among the allowed transitions. */
const partnerNext = (status: ReferralOutStatus) =>
  referralOutTransitions[status].filter((s) => partnerStatuses.has(s)) as (typeof partnerAnswerStatuses)[number][];
/** Statuses a partner worker sees in the open inbox. */
const openForPartner: ReferralOutStatus[] = ['sent', 'accepted', 'started'];

/** The current share-with-partner consent for a participant and partner, or null. */
export async function standingPartnerConsent(tx: Tx, organisationId: string, participantId: string, partnerId: string) {
  const [row] = await tx
    .select({ id: consents.id })
    .from(consents)
    .where(
      and(
        eq(consents.organisationId, organisationId),
        eq(consents.participantId, participantId),
        eq(consents.purpose, 'share-with-partner'),
        eq(consents.partnerId, partnerId),
        isNull(consents.withdrawnAt),
      ),
    )
    .orderBy(desc(consents.givenAt))
    .limit(1);
  return row?.id ?? null;
}

async function listRows(tx: Tx, organisationId: string, where: ReturnType<typeof and>) {
  return tx
    .select({
      r: referralsOut,
      partnerName: partners.name,
      partnerEmail: partners.email,
      contactName: partnerContacts.name,
      contactEmail: partnerContacts.email,
      participantId: pathways.participantId,
      consentStanding: consentStands,
    })
    .from(referralsOut)
    .innerJoin(pathways, and(eq(pathways.organisationId, referralsOut.organisationId), eq(pathways.id, referralsOut.pathwayId)))
    .innerJoin(partners, and(eq(partners.organisationId, referralsOut.organisationId), eq(partners.id, referralsOut.partnerId)))
    .leftJoin(partnerContacts, and(eq(partnerContacts.organisationId, referralsOut.organisationId), eq(partnerContacts.id, referralsOut.partnerContactId)))
    .where(and(eq(referralsOut.organisationId, organisationId), where))
    .orderBy(desc(referralsOut.createdAt), desc(referralsOut.id));
}
type ListRow = Awaited<ReturnType<typeof listRows>>[number];

function present(row: ListRow, capacity: Capacity): ReferralOut {
  const r = row.r;
  const write = may(capacity, 'referral-out.write');
  return {
    id: r.id,
    pathwayId: r.pathwayId,
    partnerId: r.partnerId,
    partnerName: row.partnerName,
    partnerContactId: r.partnerContactId,
    partnerContactName: row.contactName ?? null,
    consentId: r.consentId,
    consentStanding: !!row.consentStanding,
    service: r.service,
    handoverNote: r.handoverNote,
    sharedContact: r.sharedContact as SharedContactField[],
    status: r.status,
    sentAt: r.sentAt?.toISOString() ?? null,
    partnerFeedback: r.partnerFeedback,
    feedbackAt: r.feedbackAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    next: write ? [...referralOutTransitions[r.status]] : [],
    canEdit: write && r.status === 'proposed',
  };
}

/** The partner a staff person works for (`people.partner_id`), or null. */
async function partnerOf(tx: Tx, auth: Auth) {
  const [row] = await tx
    .select({ partnerId: people.partnerId })
    .from(people)
    .where(and(eq(people.organisationId, auth.organisationId), eq(people.id, auth.personId)))
    .limit(1);
  return row?.partnerId ?? null;
}

export function referralsOutService(db: Db, config: Pick<Config, 'publicUrl'>, mailer: Mailer) {
  async function load(tx: Tx, auth: Auth, id: string, action: 'referral-out.read' | 'referral-out.write') {
    const [row] = await tx
      .select({ pathwayId: referralsOut.pathwayId })
      .from(referralsOut)
      .where(and(eq(referralsOut.organisationId, auth.organisationId), eq(referralsOut.id, id)))
      .limit(1);
    if (!row) throw errors.notFound('Referral');
    const { pathway, capacity } = await openPathway(tx, auth, row.pathwayId, action);
    const [found] = await listRows(tx, auth.organisationId, eq(referralsOut.id, id));
    return { pathway, capacity, row: found };
  }

  async function requirePartner(tx: Tx, organisationId: string, partnerId: string, contactId: string | null | undefined) {
    const [p] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(and(eq(partners.organisationId, organisationId), eq(partners.id, partnerId)))
      .limit(1);
    if (!p) throw errors.badRequest('unknown_partner', 'There is no such partner.');
    if (contactId) {
      const [c] = await tx
        .select({ id: partnerContacts.id })
        .from(partnerContacts)
        .where(and(eq(partnerContacts.organisationId, organisationId), eq(partnerContacts.id, contactId), eq(partnerContacts.partnerId, partnerId)))
        .limit(1);
      if (!c) throw errors.badRequest('unknown_partner_contact', 'This contact does not work for that partner.');
    }
  }

  /** The mail to the partner: no personal data beyond "a new referral from <organisation>". */
  function referralMail(to: string, organisationName: string): MailMessage {
    const locale = 'nl';
    return {
      to,
      subject: t(locale, 'referrals.mail.subject', { organisation: organisationName }),
      text: t(locale, 'referrals.mail.body', { organisation: organisationName, url: `${config.publicUrl}/partner/referrals` }),
    };
  }

  async function inboxRows(tx: Tx, auth: Auth, partnerId: string, extra?: ReturnType<typeof and>) {
    return tx
      .select({
        r: referralsOut,
        givenName: people.givenName,
        familyName: people.familyName,
        email: people.email,
        phone: people.phone,
      })
      .from(referralsOut)
      .innerJoin(pathways, and(eq(pathways.organisationId, referralsOut.organisationId), eq(pathways.id, referralsOut.pathwayId)))
      .innerJoin(people, and(eq(people.organisationId, pathways.organisationId), eq(people.id, pathways.participantId)))
      .where(
        and(
          eq(referralsOut.organisationId, auth.organisationId),
          eq(referralsOut.partnerId, partnerId),
          // Only referrals actually sent: a proposal is still the team's business.
          isNotNull(referralsOut.sentAt),
          ne(referralsOut.status, 'proposed'),
          consentStands,
          extra,
        ),
      )
      .orderBy(desc(referralsOut.sentAt), desc(referralsOut.id));
  }

  async function organisationName(tx: Tx, organisationId: string) {
    const [o] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
    return o?.name ?? '';
  }

  function presentForPartner(row: Awaited<ReturnType<typeof inboxRows>>[number], orgName: string): PartnerReferral {
    const shared = new Set(row.r.sharedContact);
    return {
      id: row.r.id,
      organisationName: orgName,
      participant: {
        givenName: row.givenName,
        familyName: row.familyName,
        email: shared.has('email') ? row.email : null,
        phone: shared.has('phone') ? row.phone : null,
      },
      service: row.r.service,
      handoverNote: row.r.handoverNote,
      status: row.r.status,
      sentAt: row.r.sentAt?.toISOString() ?? null,
      partnerFeedback: row.r.partnerFeedback,
      feedbackAt: row.r.feedbackAt?.toISOString() ?? null,
      next: partnerNext(row.r.status),
    };
  }

  async function loadForPartner(tx: Tx, auth: Auth, id: string) {
    const partnerId = await partnerOf(tx, auth);
    if (!partnerId) throw errors.notFound('Referral');
    const [row] = await inboxRows(tx, auth, partnerId, eq(referralsOut.id, id));
    if (!row) throw errors.notFound('Referral');
    return row;
  }

  return {
    /** The referrals out of one pathway, newest first. */
    async list(auth: Auth, pathwayId: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity } = await openPathway(tx, auth, pathwayId, 'referral-out.read');
        const rows = await listRows(tx, auth.organisationId, eq(referralsOut.pathwayId, pathwayId));
        return { items: rows.map((r) => present(r, capacity)) };
      });
    },

    async get(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity, row } = await load(tx, auth, id, 'referral-out.read');
        return present(row, capacity);
      });
    },

    /** The team proposes a referral; it is sent later, once the consent stands. */
    async propose(auth: Auth, pathwayId: string, input: z.output<typeof referralOutInput>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway, capacity } = await openPathway(tx, auth, pathwayId, 'referral-out.write');
        if (pathway.status === 'ended') throw errors.conflict('pathway_ended', 'This pathway has ended.');
        await requirePartner(tx, auth.organisationId, input.partnerId, input.partnerContactId);
        const [created] = await tx
          .insert(referralsOut)
          .values({
            organisationId: auth.organisationId,
            pathwayId,
            partnerId: input.partnerId,
            partnerContactId: input.partnerContactId ?? null,
            service: input.service,
            handoverNote: input.handoverNote ?? null,
            sharedContact: input.sharedContact,
            createdBy: auth.personId,
          })
          .returning();
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'referral-out',
          entityId: created.id,
          changes: { pathwayId, partnerId: input.partnerId, service: input.service, sharedContact: input.sharedContact },
        });
        const [row] = await listRows(tx, auth.organisationId, eq(referralsOut.id, created.id));
        return present(row, capacity);
      });
    },

    async update(auth: Auth, id: string, patch: z.output<typeof referralOutPatch>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity, row } = await load(tx, auth, id, 'referral-out.write');
        if (row.r.status !== 'proposed') throw errors.conflict('referral_not_proposed', 'Only a proposed referral can be changed.');
        if (patch.partnerContactId) await requirePartner(tx, auth.organisationId, row.r.partnerId, patch.partnerContactId);
        const changes = diff(row.r as unknown as Record<string, unknown>, patch);
        if (Object.keys(changes).length) {
          await tx
            .update(referralsOut)
            .set({ ...patch, updatedAt: new Date() })
            .where(and(eq(referralsOut.organisationId, auth.organisationId), eq(referralsOut.id, id)));
          await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'referral-out', entityId: id, changes });
        }
        const [after] = await listRows(tx, auth.organisationId, eq(referralsOut.id, id));
        return present(after, capacity);
      });
    },

    /**
     * The team moves a referral on: sends it (only with a standing consent for that partner, which
     * it links), cancels it, or records the partner's answer and feedback when told another way.
     */
    async transition(auth: Auth, id: string, input: z.output<typeof referralOutTransition>) {
      const { result, mail } = await withOrganisation(db, auth.organisationId, async (tx) => {
        const { capacity, pathway, row } = await load(tx, auth, id, 'referral-out.write');
        const from = row.r.status;
        if (!referralOutTransitions[from].includes(input.status)) {
          throw errors.conflict('referral_transition_invalid', `A referral that is ${from} cannot become ${input.status}.`, { status: from });
        }
        const set: Partial<Row> = { status: input.status, updatedAt: new Date() };
        let mail: MailMessage | null = null;
        if (input.status === 'sent') {
          const consentId = await standingPartnerConsent(tx, auth.organisationId, pathway.participantId, row.r.partnerId);
          if (!consentId) {
            throw errors.conflict('consent_required', 'The participant has not agreed to share with this partner. Record that consent first.', {
              partnerId: row.r.partnerId,
            });
          }
          set.consentId = consentId;
          set.sentAt = new Date();
          const to = row.contactEmail ?? row.partnerEmail;
          if (to) mail = referralMail(to, await organisationName(tx, auth.organisationId));
        }
        if (input.feedback !== undefined && input.status !== 'sent') {
          set.partnerFeedback = input.feedback;
          set.feedbackAt = input.feedback ? new Date() : null;
        }
        await tx
          .update(referralsOut)
          .set(set)
          .where(and(eq(referralsOut.organisationId, auth.organisationId), eq(referralsOut.id, id)));
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: input.status === 'sent' ? 'send' : 'status',
          entityType: 'referral-out',
          entityId: id,
          changes: { status: [from, input.status], ...(set.consentId ? { consentId: set.consentId } : {}), ...(input.feedback ? { feedback: true } : {}) },
        });
        const [after] = await listRows(tx, auth.organisationId, eq(referralsOut.id, id));
        return { result: present(after, capacity), mail };
      });
      // The referral stands even when the mail fails; the partner also finds it in their inbox.
      if (mail) await mailer.send(mail).catch(() => undefined);
      return result;
    },

    // ---------- the partner worker's inbox ----------

    async inbox(auth: Auth, q: z.output<typeof partnerInboxQuery>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const partnerId = await partnerOf(tx, auth);
        if (!partnerId) return { partnerName: null, items: [] };
        const rows = await inboxRows(tx, auth, partnerId, q.show === 'open' ? inArray(referralsOut.status, openForPartner) : undefined);
        const orgName = await organisationName(tx, auth.organisationId);
        const [p] = await tx
          .select({ name: partners.name })
          .from(partners)
          .where(and(eq(partners.organisationId, auth.organisationId), eq(partners.id, partnerId)));
        return { partnerName: p?.name ?? null, items: rows.map((r) => presentForPartner(r, orgName)) };
      });
    },

    async inboxItem(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await loadForPartner(tx, auth, id);
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'read', entityType: 'referral-out', entityId: id });
        return presentForPartner(row, await organisationName(tx, auth.organisationId));
      });
    },

    /** The partner worker accepts, declines, reports a start or an end, and gives feedback. */
    async answer(auth: Auth, id: string, input: z.output<typeof partnerAnswer>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await loadForPartner(tx, auth, id);
        const from = row.r.status;
        const set: Partial<Row> = { updatedAt: new Date() };
        if (input.status && input.status !== from) {
          if (!partnerNext(from).includes(input.status)) {
            throw errors.conflict('referral_transition_invalid', `A referral that is ${from} cannot become ${input.status}.`, { status: from });
          }
          set.status = input.status;
        }
        if (input.feedback !== undefined) {
          set.partnerFeedback = input.feedback;
          set.feedbackAt = input.feedback ? new Date() : null;
        }
        await tx
          .update(referralsOut)
          .set(set)
          .where(and(eq(referralsOut.organisationId, auth.organisationId), eq(referralsOut.id, id)));
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'partner-answer',
          entityType: 'referral-out',
          entityId: id,
          changes: { ...(set.status ? { status: [from, set.status] } : {}), ...(input.feedback !== undefined ? { feedback: true } : {}) },
        });
        const [after] = await inboxRows(tx, auth, row.r.partnerId, eq(referralsOut.id, id));
        return presentForPartner(after, await organisationName(tx, auth.organisationId));
      });
    },

    /** Every referral out of a participant's pathways, for the download. */
    async forParticipant(tx: Tx, organisationId: string, pathwayIds: string[]) {
      if (!pathwayIds.length) return [];
      const rows = await listRows(tx, organisationId, inArray(referralsOut.pathwayId, pathwayIds));
      return rows.sort((a, b) => a.r.createdAt.getTime() - b.r.createdAt.getTime()).map((r) => present(r, 'participant'));
    },
  };
}
