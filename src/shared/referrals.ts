/**
 * The network around a pathway (issue 5, P3): warm referrals out to partner services, the partner
 * worker's inbox, cohorts (groups of pathways sharing a weekly group session) and the download of
 * everything held on a participant. Shared by the server's routes and the screens.
 */
import { z } from 'zod';
import { type ReferralOutStatus, referralOutStatuses } from './pathways.ts';
import { isoDate } from './schemas.ts';

const freeText = (max: number) => z.string().trim().min(1).max(max);

/** Contact details a participant may agree to give a partner with a referral. */
export const sharedContactFields = ['email', 'phone'] as const;
export type SharedContactField = (typeof sharedContactFields)[number];

export const referralOutInput = z.object({
  partnerId: z.uuid(),
  partnerContactId: z.uuid().nullable().optional(),
  /** the service asked for ("budget guidance", "a psychologist") */
  service: freeText(200),
  handoverNote: z.string().trim().max(4000).nullable().optional(),
  sharedContact: z
    .array(z.enum(sharedContactFields))
    .max(2)
    .default([])
    .transform((xs) => [...new Set(xs)]),
});

/** Changes while a referral is still proposed. */
export const referralOutPatch = z.object({
  partnerContactId: z.uuid().nullable().optional(),
  service: freeText(200).optional(),
  handoverNote: z.string().trim().max(4000).nullable().optional(),
  sharedContact: z
    .array(z.enum(sharedContactFields))
    .max(2)
    .transform((xs) => [...new Set(xs)])
    .optional(),
});

/**
 * Where a referral may go next. The partner answers sent ones (accept, decline) and reports a start
 * and an end; the team sends, cancels, and may record the partner's answer when told by phone.
 */
export const referralOutTransitions: Record<ReferralOutStatus, readonly ReferralOutStatus[]> = {
  proposed: ['sent', 'cancelled'],
  sent: ['accepted', 'declined', 'cancelled'],
  accepted: ['started', 'declined', 'cancelled'],
  started: ['completed', 'cancelled'],
  declined: [],
  completed: [],
  cancelled: [],
};
/** What a partner worker may set. */
export const partnerAnswerStatuses = ['accepted', 'declined', 'started', 'completed'] as const;

export const referralOutTransition = z.object({
  status: z.enum(referralOutStatuses).exclude(['proposed']),
  /** the partner's feedback (when recording their answer) */
  feedback: z.string().trim().max(4000).nullable().optional(),
});

export const partnerAnswer = z
  .object({
    status: z.enum(partnerAnswerStatuses).optional(),
    feedback: z.string().trim().max(4000).nullable().optional(),
  })
  .refine((a) => a.status !== undefined || a.feedback !== undefined, { message: 'status or feedback' });

export const referralOut = z.object({
  id: z.uuid(),
  pathwayId: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  partnerContactId: z.uuid().nullable(),
  partnerContactName: z.string().nullable(),
  consentId: z.uuid().nullable(),
  /** whether a share-with-partner consent for this partner stands right now */
  consentStanding: z.boolean(),
  service: z.string(),
  handoverNote: z.string().nullable(),
  sharedContact: z.array(z.enum(sharedContactFields)),
  status: z.enum(referralOutStatuses),
  sentAt: z.string().nullable(),
  partnerFeedback: z.string().nullable(),
  feedbackAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** what the caller may do with it now */
  next: z.array(z.enum(referralOutStatuses)),
  canEdit: z.boolean(),
});
export type ReferralOut = z.infer<typeof referralOut>;

/** What a partner worker sees: only what the consent covers. Never the journal, plan or assessments. */
export const partnerReferral = z.object({
  id: z.uuid(),
  organisationName: z.string(),
  participant: z.object({
    givenName: z.string(),
    familyName: z.string(),
    /** only the contact details the participant agreed to share */
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  service: z.string(),
  handoverNote: z.string().nullable(),
  status: z.enum(referralOutStatuses),
  sentAt: z.string().nullable(),
  partnerFeedback: z.string().nullable(),
  feedbackAt: z.string().nullable(),
  next: z.array(z.enum(partnerAnswerStatuses)),
});
export type PartnerReferral = z.infer<typeof partnerReferral>;

export const partnerInboxQuery = z.object({
  /** open: sent, accepted or started; all: also the finished ones */
  show: z.enum(['open', 'all']).default('open'),
});

// ---------- cohorts ----------

export const cohortInput = z
  .object({
    name: freeText(200),
    placeId: z.uuid().nullable().optional(),
    programmeId: z.uuid().nullable().optional(),
    /** the weekly group session series (an activity) */
    activityId: z.uuid().nullable().optional(),
    startsOn: isoDate.nullable().optional(),
    endsOn: isoDate.nullable().optional(),
    description: z.string().trim().max(2000).nullable().optional(),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn, { path: ['endsOn'], message: 'ends_before_start' });

export const cohortPatch = z
  .object({
    name: freeText(200).optional(),
    placeId: z.uuid().nullable().optional(),
    programmeId: z.uuid().nullable().optional(),
    activityId: z.uuid().nullable().optional(),
    startsOn: isoDate.nullable().optional(),
    endsOn: isoDate.nullable().optional(),
    description: z.string().trim().max(2000).nullable().optional(),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn, { path: ['endsOn'], message: 'ends_before_start' });

export const cohortSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  activityId: z.uuid().nullable(),
  activityTitle: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  description: z.string().nullable(),
  members: z.number(),
});
export type CohortSummary = z.infer<typeof cohortSummary>;

export const cohortMember = z.object({
  pathwayId: z.uuid(),
  participantId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  /** group sessions attended (sessions of the series' kind at the cohort's place within its period); null when not known */
  attended: z.number().nullable(),
  /** whether the caller may open this pathway */
  canOpen: z.boolean(),
});

export const cohortDetail = cohortSummary.extend({
  memberList: z.array(cohortMember),
  /** why attendance is not shown, when it is not */
  attendanceNote: z.enum(['no-series', 'not-allowed']).nullable(),
});
export type CohortDetail = z.infer<typeof cohortDetail>;

export const cohortMemberInput = z.object({ pathwayId: z.uuid(), joinedOn: isoDate.optional() });

// ---------- download ----------

export const downloadFormats = ['json', 'html', 'pdf'] as const;
export const downloadQuery = z.object({ format: z.enum(downloadFormats).default('json') });
