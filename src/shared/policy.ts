import { z } from 'zod';
import { freeText } from './matching.ts';
import { isoDate, languageCode } from './schemas.ts';

/** Life domains a barrier or story belongs to (the Sint-Niklaas seven, and what else blocks people). */
export const lifeDomains = [
  'work',
  'housing',
  'health',
  'income',
  'education',
  'parenting',
  'social-network',
  'mobility',
  'childcare',
  'language',
  'other',
] as const;
export type LifeDomain = (typeof lifeDomains)[number];

/**
 * Where a barrier stands, as it is shown back to the people who raised or support it: open, taken
 * into a proposal, on the steering group's agenda, the actor's answer, done; merged ones point on.
 */
export const barrierStatuses = ['open', 'in-proposal', 'on-agenda', 'accepted', 'partly-accepted', 'rejected', 'implemented', 'merged'] as const;
export type BarrierStatus = (typeof barrierStatuses)[number];
export const barrierSources = ['self', 'group-session', 'staff', 'partner'] as const;

export const proposalStatuses = ['draft', 'ready', 'presented', 'accepted', 'rejected', 'partly-accepted', 'implemented'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
/** The statuses that are an actor's answer: they reach the barriers behind the proposal. */
export const answerStatuses = ['accepted', 'rejected', 'partly-accepted', 'implemented'] as const;

export const storyScopes = ['internal', 'reports', 'public'] as const;
export type StoryScope = (typeof storyScopes)[number];
export const storyAttributions = ['first-name', 'anonymous', 'custom'] as const;

const note = z.string().trim().max(1000).nullable().optional();
const actorText = z.string().trim().min(1).max(200).nullable().optional();

/** The actor is a partner of the organisation or free text ("Stad Sint-Niklaas, dienst wonen"). */
const actor = {
  actorPartnerId: z.uuid().nullable().optional(),
  actorText,
};

export const barrierInput = z.object({
  text: freeText(2000),
  lang: languageCode.nullable().optional(),
  domain: z.enum(lifeDomains),
  ...actor,
  peopleAffected: z.number().int().min(1).max(100_000).default(1),
  placeId: z.uuid().nullable().optional(),
  activityId: z.uuid().nullable().optional(),
  /** staff recording what a group session said */
  source: z.enum(['self', 'group-session']).default('self'),
});
export type BarrierInput = z.input<typeof barrierInput>;

export const barrierPatch = z
  .object({
    text: freeText(2000),
    domain: z.enum(lifeDomains),
    ...actor,
    peopleAffected: z.number().int().min(1).max(100_000),
    placeId: z.uuid().nullable(),
    activityId: z.uuid().nullable(),
    status: z.enum(barrierStatuses.filter((s) => s !== 'merged') as [BarrierStatus, ...BarrierStatus[]]),
    outcomeNote: z.string().trim().max(2000).nullable(),
  })
  .partial();

export const barriersQuery = z.object({
  domain: z.enum(lifeDomains).optional(),
  status: z.enum(barrierStatuses).optional(),
  placeId: z.uuid().optional(),
  /** only what I raised or support */
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const supportInput = z.object({ note });
export const mergeInput = z
  .object({
    survivorId: z.uuid(),
    mergeIds: z.array(z.uuid()).min(1).max(50),
  })
  .refine((v) => !v.mergeIds.includes(v.survivorId), { message: 'the survivor cannot be merged into itself', path: ['mergeIds'] });

const personRef = z.object({ personId: z.uuid(), name: z.string() });

export const barrierSummary = z.object({
  id: z.uuid(),
  text: z.string(),
  lang: z.string().nullable(),
  domain: z.enum(lifeDomains),
  actorPartnerId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  peopleAffected: z.number(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  activityId: z.uuid().nullable(),
  activityTitle: z.string().nullable(),
  source: z.enum(barrierSources),
  status: z.enum(barrierStatuses),
  outcomeNote: z.string().nullable(),
  mergedIntoId: z.uuid().nullable(),
  /** distinct people who said "this blocks me too", over the barrier and those merged into it */
  supportCount: z.number(),
  /** texts merged into this one */
  mergedCount: z.number(),
  raisedByMe: z.boolean(),
  supportedByMe: z.boolean(),
  createdAt: z.string(),
});
export type BarrierSummary = z.infer<typeof barrierSummary>;

export const barrierEvent = z.object({
  id: z.uuid(),
  barrierId: z.uuid(),
  kind: z.string(),
  status: z.string().nullable(),
  note: z.string().nullable(),
  byName: z.string().nullable(),
  proposalId: z.uuid().nullable(),
  meetingId: z.uuid().nullable(),
  at: z.string(),
});

export const barrierDetail = barrierSummary.extend({
  /** the texts of the barrier and every barrier merged into it, with who raised each (names for staff) */
  texts: z.array(
    z.object({
      barrierId: z.uuid(),
      text: z.string(),
      lang: z.string().nullable(),
      raisedBy: personRef.nullable(),
      source: z.enum(barrierSources),
      createdAt: z.string(),
    }),
  ),
  /** names for staff; for others only their own support is visible */
  supporters: z.array(z.object({ personId: z.uuid(), name: z.string(), note: z.string().nullable(), at: z.string() })),
  history: z.array(barrierEvent),
  proposals: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.enum(proposalStatuses) })),
  survivor: z.object({ id: z.uuid(), text: z.string(), status: z.enum(barrierStatuses), outcomeNote: z.string().nullable() }).nullable(),
  can: z.object({ edit: z.boolean(), manage: z.boolean(), support: z.boolean() }),
});
export type BarrierDetail = z.infer<typeof barrierDetail>;

export const barrierList = z.object({ items: z.array(barrierSummary), total: z.number() });

/* ---------------------------------------------------------------- proposals */

export const proposalInput = z.object({
  title: freeText(200),
  change: freeText(4000),
  rationale: z.string().trim().max(4000).nullable().optional(),
  ...actor,
  barrierIds: z.array(z.uuid()).max(50).default([]),
});
export type ProposalInput = z.input<typeof proposalInput>;

export const proposalPatch = z
  .object({
    title: freeText(200),
    change: freeText(4000),
    rationale: z.string().trim().max(4000).nullable(),
    ...actor,
    barrierIds: z.array(z.uuid()).max(50),
    status: z.enum(proposalStatuses),
    answer: z.string().trim().max(4000).nullable(),
    answeredOn: isoDate.nullable(),
  })
  .partial();

export const proposal = z.object({
  id: z.uuid(),
  title: z.string(),
  change: z.string(),
  rationale: z.string().nullable(),
  actorPartnerId: z.uuid().nullable(),
  actorName: z.string(),
  status: z.enum(proposalStatuses),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  barriers: z.array(z.object({ id: z.uuid(), text: z.string(), domain: z.enum(lifeDomains), status: z.enum(barrierStatuses), supportCount: z.number() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean() }),
});
export type Proposal = z.infer<typeof proposal>;
export const proposalsQuery = z.object({ status: z.enum(proposalStatuses).optional() });

/* --------------------------------------------------------- steering group */

export const meetingInput = z.object({
  heldOn: isoDate,
  location: z.string().trim().max(200).nullable().optional(),
  notes: z.string().trim().max(8000).nullable().optional(),
  memberPersonIds: z.array(z.uuid()).max(100).default([]),
  partnerContactIds: z.array(z.uuid()).max(100).default([]),
});
export const meetingPatch = meetingInput
  .extend({ status: z.enum(['planned', 'held']) })
  .partial()
  .extend({ memberPersonIds: z.array(z.uuid()).max(100).optional(), partnerContactIds: z.array(z.uuid()).max(100).optional() });

/** The agenda as a whole, in order: each item a barrier or a proposal. */
export const agendaInput = z.object({
  items: z
    .array(
      z
        .object({ barrierId: z.uuid().optional(), proposalId: z.uuid().optional(), note: z.string().trim().max(1000).nullable().optional() })
        .refine((i) => !!i.barrierId !== !!i.proposalId, 'a barrier or a proposal'),
    )
    .max(100),
});

export const decisionInput = z.object({
  decision: z.string().trim().max(4000).nullable().optional(),
  actorAnswer: z.string().trim().max(4000).nullable().optional(),
  /** the new status of the barrier or proposal; shown back to the people behind it */
  outcome: z
    .enum(['presented', ...answerStatuses])
    .nullable()
    .optional(),
});

export const agendaItem = z.object({
  id: z.uuid(),
  position: z.number(),
  barrierId: z.uuid().nullable(),
  proposalId: z.uuid().nullable(),
  title: z.string(),
  subjectStatus: z.string(),
  note: z.string().nullable(),
  decision: z.string().nullable(),
  actorAnswer: z.string().nullable(),
  outcome: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const meetingMember = z.object({
  personId: z.uuid().nullable(),
  partnerContactId: z.uuid().nullable(),
  name: z.string(),
  organisation: z.string().nullable(),
});

export const meeting = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  location: z.string().nullable(),
  status: z.enum(['planned', 'held']),
  notes: z.string().nullable(),
  members: z.array(meetingMember),
  agenda: z.array(agendaItem),
  can: z.object({ edit: z.boolean() }),
});
export type Meeting = z.infer<typeof meeting>;
export const meetingSummary = meeting.omit({ members: true, agenda: true }).extend({ itemCount: z.number(), decidedCount: z.number() });

export const meetingOptions = z.object({
  members: z.array(z.object({ personId: z.uuid(), name: z.string() })),
  contacts: z.array(z.object({ id: z.uuid(), name: z.string(), partnerName: z.string() })),
});

/** What a form needs to raise a barrier: partners (actors), places and group sessions. */
export const barrierOptions = z.object({
  partners: z.array(z.object({ id: z.uuid(), name: z.string() })),
  places: z.array(z.object({ id: z.uuid(), name: z.string() })),
  activities: z.array(z.object({ id: z.uuid(), title: z.string(), placeId: z.uuid() })),
  myPlaceId: z.uuid().nullable(),
  can: z.object({ manage: z.boolean(), steering: z.boolean(), read: z.boolean(), groupSession: z.boolean() }),
});

/* ------------------------------------------------------------------ stories */

export const storyInput = z
  .object({
    personId: z.uuid(),
    text: freeText(4000),
    lang: languageCode.nullable().optional(),
    consentOn: isoDate,
    consentScope: z.enum(storyScopes),
    attribution: z.enum(storyAttributions),
    attributionText: z.string().trim().min(1).max(100).nullable().optional(),
    domain: z.enum(lifeDomains).nullable().optional(),
    placeId: z.uuid().nullable().optional(),
  })
  .refine((s) => s.attribution !== 'custom' || !!s.attributionText, { message: 'write how the story is signed', path: ['attributionText'] });

export const storyPatch = z
  .object({
    text: freeText(4000),
    consentScope: z.enum(storyScopes),
    attribution: z.enum(storyAttributions),
    attributionText: z.string().trim().min(1).max(100).nullable(),
    domain: z.enum(lifeDomains).nullable(),
    placeId: z.uuid().nullable(),
  })
  .partial();

export const story = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string().nullable(),
  text: z.string(),
  lang: z.string().nullable(),
  consentOn: z.string(),
  consentScope: z.enum(storyScopes),
  attribution: z.enum(storyAttributions),
  attributionText: z.string().nullable(),
  /** how the story is signed where it is shown: a first name, nothing, or the chosen words */
  signedAs: z.string().nullable(),
  domain: z.enum(lifeDomains).nullable(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  createdAt: z.string(),
  can: z.object({ edit: z.boolean(), withdraw: z.boolean() }),
});
export type Story = z.infer<typeof story>;
export const storiesQuery = z.object({
  domain: z.enum(lifeDomains).optional(),
  placeId: z.uuid().optional(),
  scope: z.enum(storyScopes).optional(),
});

/** A story as a report may quote it: no person id, only how it is signed. */
export interface ReportStory {
  id: string;
  text: string;
  lang: string | null;
  signedAs: string | null;
  domain: LifeDomain | null;
  placeName: string | null;
  consentScope: StoryScope;
  consentOn: string;
}
