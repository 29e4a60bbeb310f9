/**
 * Pathways core API (issue 5, P1): referral in, intake, consents, team, plan, ending and
 * follow-up, caseload. The same schemas validate the API and the web forms.
 */
import { z } from 'zod';
import {
  answerOrRefused,
  consentPurposes,
  employmentStatuses,
  esfEventTypes,
  exitOutcomes,
  genders,
  goalStatuses,
  lifeDomains,
  pathwayStatuses,
  referralInStatuses,
  referralSources,
  stepOwners,
  stepStatuses,
  teamRoles,
} from './pathways.ts';
import { email, isoDate, name, optionalText, phone } from './schemas.ts';

/**
 * What one may do on a pathway. The server's rules (modules/pathways/access.ts) map each
 * capacity to these; the API returns the caller's list so screens hide what they cannot do.
 */
export const pathwayActions = [
  'overview.read',
  'plan.read',
  'plan.write',
  'team.read',
  'team.manage',
  'entry-data.read',
  'entry-data.write',
  'special-categories.read',
  'consent.read',
  'consent.write',
  'journal.read',
  'journal.write',
  'assessment.read',
  'assessment.write',
  'network.read',
  'network.write',
  'referral-out.read',
  'referral-out.write',
  'ending.write',
  'follow-up.write',
  'events.write',
] as const;
export type PathwayAction = (typeof pathwayActions)[number];
export const capacities = ['participant', 'team', 'lead'] as const;
export type Capacity = (typeof capacities)[number];

/** ISCED 2011 levels with what each means in Flanders (labels in i18n: pathways.isced.<n>). */
export const iscedLevels = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

const personRef = z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() });

// ---------- Referral in ----------

const newParticipant = z.object({
  givenName: name,
  familyName: name,
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
});

export const referralInInput = z
  .object({
    /** someone already known; or `newParticipant` to create their record */
    participantId: z.uuid().optional(),
    newParticipant: newParticipant.optional(),
    placeId: z.uuid(),
    source: z.enum(referralSources),
    partnerId: z.uuid().nullable().optional(),
    partnerContactId: z.uuid().nullable().optional(),
    referrerName: optionalText(200),
    referredOn: isoDate,
    reason: optionalText(2000),
  })
  .refine((v) => !!v.participantId !== !!v.newParticipant, { path: ['participantId'], message: 'either participantId or newParticipant' })
  .refine((v) => v.source !== 'partner' || !!v.partnerId, { path: ['partnerId'], message: 'a partner referral names the partner' });
export type ReferralInInput = z.input<typeof referralInInput>;

export const referralInPatch = z
  .object({
    status: z.enum(['received', 'intake-planned', 'not-started']),
    intakeOn: isoDate.nullable().optional(),
    notStartedReason: optionalText(2000),
    reason: optionalText(2000),
  })
  .refine((v) => v.status !== 'intake-planned' || !!v.intakeOn, { path: ['intakeOn'], message: 'the date of the intake' })
  .refine((v) => v.status !== 'not-started' || !!v.notStartedReason, { path: ['notStartedReason'], message: 'why it did not start' });

export const referralIn = z.object({
  id: z.uuid(),
  participant: personRef,
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  source: z.enum(referralSources),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  partnerContactId: z.uuid().nullable(),
  partnerContactName: z.string().nullable(),
  referrerName: z.string().nullable(),
  referredOn: z.string(),
  reason: z.string().nullable(),
  status: z.enum(referralInStatuses),
  intakeOn: z.string().nullable(),
  notStartedReason: z.string().nullable(),
  pathwayId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type ReferralIn = z.infer<typeof referralIn>;

export const referralsQuery = z.object({
  placeId: z.uuid().optional(),
  status: z.enum(referralInStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

// ---------- Intake ----------

const yesNoRefused = z.enum(answerOrRefused);

export const entryDataInput = z.object({
  gender: z.enum(genders),
  isced: z.number().int().min(0).max(8),
  employmentAtEntry: z.enum(employmentStatuses),
  unemployedSince: isoDate.nullable().optional(),
  disability: yesNoRefused,
  minority: yesNoRefused,
  foreignBackground: yesNoRefused,
  thirdCountryNational: yesNoRefused,
  homeless: yesNoRefused,
  rural: yesNoRefused,
});
export type EntryDataInput = z.input<typeof entryDataInput>;

export const intakeInput = z.object({
  /** the referral this intake answers, if any */
  referralId: z.uuid().optional(),
  participantId: z.uuid(),
  placeId: z.uuid(),
  programmeId: z.uuid().nullable().optional(),
  /** the ESF entry date */
  startedOn: isoDate,
  birthDate: isoDate,
  consents: z.object({
    /** a pathway cannot start without it */
    guidance: z.literal(true),
    research: z.boolean().default(false),
    photosStories: z.boolean().default(false),
    sharePartnerIds: z.array(z.uuid()).max(20).default([]),
  }),
  entry: entryDataInput,
});
export type IntakeInput = z.input<typeof intakeInput>;

export const entryData = z.object({
  birthDate: z.string().nullable(),
  gender: z.enum(genders).nullable(),
  isced: z.number().nullable(),
  employmentAtEntry: z.enum(employmentStatuses).nullable(),
  unemployedSince: z.string().nullable(),
  thirdCountryNational: yesNoRefused.nullable(),
  homeless: yesNoRefused.nullable(),
  rural: yesNoRefused.nullable(),
  /** present only to the team and the participant; reading them is audited */
  specialCategories: z
    .object({ disability: yesNoRefused.nullable(), minority: yesNoRefused.nullable(), foreignBackground: yesNoRefused.nullable() })
    .nullable(),
  collectionAttemptedAt: z.string().nullable(),
});
export type EntryData = z.infer<typeof entryData>;

// ---------- Consents ----------

export const consentInput = z
  .object({ purpose: z.enum(consentPurposes), partnerId: z.uuid().nullable().optional(), scope: optionalText(1000) })
  .refine((v) => (v.purpose === 'share-with-partner') === !!v.partnerId, { path: ['partnerId'], message: 'sharing names one partner; other purposes none' });

export const consent = z.object({
  id: z.uuid(),
  purpose: z.enum(consentPurposes),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  scope: z.string().nullable(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
  standing: z.boolean(),
});
export type Consent = z.infer<typeof consent>;

// ---------- Team ----------

export const teamMember = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  role: z.enum(teamRoles),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
});
export type TeamMember = z.infer<typeof teamMember>;

export const teamMemberInput = z.object({
  personId: z.uuid(),
  role: z.enum(['companion', 'partner-worker', 'volunteer']).optional(),
});

export const teamCandidate = z.object({
  personId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
});

// ---------- Plan ----------

export const goalInput = z.object({ lifeDomain: z.enum(lifeDomains), text: z.string().trim().min(1).max(1000) });
export const goalPatch = z.object({
  lifeDomain: z.enum(lifeDomains).optional(),
  text: z.string().trim().min(1).max(1000).optional(),
  status: z.enum(goalStatuses).optional(),
});
export const stepInput = z.object({
  text: z.string().trim().min(1).max(1000),
  owner: z.enum(stepOwners).default('participant'),
  ownerPersonId: z.uuid().nullable().optional(),
  ownerPartnerId: z.uuid().nullable().optional(),
  dueOn: isoDate.nullable().optional(),
});
export const stepPatch = z.object({
  text: z.string().trim().min(1).max(1000).optional(),
  owner: z.enum(stepOwners).optional(),
  ownerPersonId: z.uuid().nullable().optional(),
  ownerPartnerId: z.uuid().nullable().optional(),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(stepStatuses).optional(),
});
export const orderInput = z.object({ ids: z.array(z.uuid()).min(1).max(500) });

export const step = z.object({
  id: z.uuid(),
  goalId: z.uuid(),
  text: z.string(),
  owner: z.enum(stepOwners),
  ownerPersonId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  ownerPartnerId: z.uuid().nullable(),
  ownerPartnerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(stepStatuses),
  position: z.number(),
});
export const goal = z.object({
  id: z.uuid(),
  lifeDomain: z.string(),
  text: z.string(),
  status: z.enum(goalStatuses),
  position: z.number(),
  steps: z.array(step),
});
export type Goal = z.infer<typeof goal>;
export type Step = z.infer<typeof step>;

// ---------- Ending, events, follow-up ----------

export const endInput = z
  .object({ endedOn: isoDate, outcome: z.enum(exitOutcomes), note: optionalText(2000) })
  .refine((v) => v.outcome !== 'dropped-out' || !!v.note, { path: ['note'], message: 'why the participant dropped out' });

export const eventInput = z.object({ occurredOn: isoDate, type: z.enum(esfEventTypes), note: optionalText(1000) });
export const pathwayEvent = z.object({ id: z.uuid(), occurredOn: z.string(), type: z.enum(esfEventTypes), note: z.string().nullable(), createdAt: z.string() });

export const followUpInput = z.object({ employed: z.boolean(), improvedSituation: z.boolean(), note: optionalText(2000) });
export const followUp = z.object({
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  employed: z.boolean().nullable(),
  improvedSituation: z.boolean().nullable(),
  note: z.string().nullable(),
  due: z.boolean(),
});

// ---------- Pathway ----------

export const pathwayOverview = z.object({
  id: z.uuid(),
  status: z.enum(pathwayStatuses),
  participant: personRef,
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  exitOutcome: z.enum(exitOutcomes).nullable(),
  exitNote: z.string().nullable(),
  /** the standing guidance consent: without it the team adds no new records */
  guidanceConsent: z.boolean(),
  leadCompanion: personRef.nullable(),
  followUp: followUp.nullable(),
  stepsOpen: z.number(),
  stepsDone: z.number(),
  capacity: z.enum(capacities),
  allowed: z.array(z.enum(pathwayActions)),
  /** also: reopen (a lead only) */
  mayReopen: z.boolean(),
});
export type PathwayOverview = z.infer<typeof pathwayOverview>;

export const caseloadQuery = z.object({
  scope: z.enum(['mine', 'place']).default('mine'),
  placeId: z.uuid().optional(),
  status: z.enum(pathwayStatuses).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const caseloadItem = z.object({
  id: z.uuid(),
  participant: personRef,
  status: z.enum(pathwayStatuses),
  placeName: z.string().nullable(),
  programmeName: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  leadCompanion: z.string().nullable(),
  nextStepDue: z.string().nullable(),
  followUpDue: z.string().nullable(),
});
export type CaseloadItem = z.infer<typeof caseloadItem>;

export const followUpDueItem = z.object({ pathwayId: z.uuid(), participant: personRef, endedOn: z.string().nullable(), dueOn: z.string() });
