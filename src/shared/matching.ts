import { z } from 'zod';
import { isoDate, languageCode } from './schemas.ts';

export const languageLevels = ['beginner', 'conversational', 'fluent', 'native'] as const;
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const dayParts = ['morning', 'afternoon', 'evening'] as const;
/** A weekly slot: "mon-morning" … "sun-evening". */
export const slots = weekdays.flatMap((d) => dayParts.map((p) => `${d}-${p}` as const));
export type Slot = (typeof slots)[number];
export const profileVisibilities = ['private', 'place-staff', 'place'] as const;
export const offerKinds = ['skill', 'time', 'resource', 'space'] as const;
export const itemStatuses = ['open', 'paused', 'closed'] as const;
export const dreamStatuses = ['open', 'realised', 'dropped'] as const;
export const matchStatuses = ['proposed', 'connected', 'followed-up', 'closed', 'declined', 'withdrawn'] as const;
export type MatchStatus = (typeof matchStatuses)[number];
export const liveMatchStatuses: readonly MatchStatus[] = ['proposed', 'connected', 'followed-up'];
export const matchEventKinds = [
  'proposed',
  'accepted-by-requester',
  'accepted-by-offerer',
  'declined',
  'withdrawn',
  'connected',
  'follow-up',
  'closed',
] as const;

/**
 * Free text somebody writes: trimmed, not empty, at most `max` characters, and with at least one
 * letter or digit in any script (a row of emoji is no request anyone can answer).
 */
export const freeText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => /[\p{L}\p{N}]/u.test(s), 'at least one letter or digit');
const shortTexts = z.array(z.string().trim().min(1).max(100)).max(30);

export const profileInput = z.object({
  talents: shortTexts.default([]),
  likes: shortTexts.default([]),
  experience: z.string().trim().max(4000).nullable().default(null),
  languages: z
    .array(z.object({ code: languageCode, level: z.enum(languageLevels) }))
    .max(20)
    .refine((ls) => new Set(ls.map((l) => l.code)).size === ls.length, 'each language once')
    .default([]),
  availability: z.array(z.enum(slots)).max(slots.length).default([]),
  dreams: z.string().trim().max(4000).nullable().default(null),
  visibility: z.enum(profileVisibilities).default('place-staff'),
});
export type ProfileInput = z.input<typeof profileInput>;

export const profile = z.object({
  personId: z.uuid(),
  givenName: z.string(),
  placeId: z.uuid().nullable(),
  talents: z.array(z.string()),
  likes: z.array(z.string()),
  experience: z.string().nullable(),
  languages: z.array(z.object({ code: z.string(), level: z.enum(languageLevels) })),
  availability: z.array(z.string()),
  dreams: z.string().nullable(),
  visibility: z.enum(profileVisibilities),
  /** False when nothing has been filled in yet. */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
  can: z.object({ edit: z.boolean() }),
});
export type Profile = z.infer<typeof profile>;

const itemBase = {
  text: freeText(2000),
  /** The language the text is written in; left out, the engine detects it. */
  lang: languageCode.nullable().optional(),
  kind: z.enum(offerKinds).default('skill'),
  placeId: z.uuid().nullable().optional(),
};

export const offerInput = z.object({
  ...itemBase,
  /** The person who offers; left out with no partner: the signed-in person. */
  personId: z.uuid().optional(),
  /** An offer of a partner organisation (staff only). */
  partnerId: z.uuid().optional(),
  /** An offer of the place itself (staff only; placeId names the place). */
  ofPlace: z.boolean().optional(),
});
export const requestInput = z.object({
  ...itemBase,
  personId: z.uuid().optional(),
  dreamId: z.uuid().nullable().optional(),
});
export const itemPatch = z.object({
  text: freeText(2000).optional(),
  lang: languageCode.nullable().optional(),
  kind: z.enum(offerKinds).optional(),
  status: z.enum(itemStatuses).optional(),
  dreamId: z.uuid().nullable().optional(),
});

export const item = z.object({
  id: z.uuid(),
  side: z.enum(['offer', 'request']),
  kind: z.enum(offerKinds),
  ownerType: z.enum(['person', 'partner', 'place']),
  personId: z.uuid().nullable(),
  partnerId: z.uuid().nullable(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  /** Who offers or asks, as the reader may see it (null: "someone at the place"). */
  ownerName: z.string().nullable(),
  dreamId: z.uuid().nullable(),
  text: z.string(),
  lang: z.string().nullable(),
  status: z.enum(itemStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean() }),
});
export type Item = z.infer<typeof item>;

export const itemsQuery = z.object({
  personId: z.uuid().optional(),
  placeId: z.uuid().optional(),
  status: z.enum(itemStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const dreamInput = z.object({ text: freeText(2000), personId: z.uuid().optional() });
export const dreamPatch = z.object({ text: freeText(2000).optional(), status: z.enum(dreamStatuses).optional() });
export const dream = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  text: z.string(),
  status: z.enum(dreamStatuses),
  requestIds: z.array(z.uuid()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dream = z.infer<typeof dream>;

/** A reason in structured form (for the UI to style) and as one sentence in the reader's language. */
export const reason = z.object({ kind: z.string(), text: z.string() });
export type ReasonText = z.infer<typeof reason>;

export const suggestion = z.object({
  /** The suggested item: offers for a request, requests for an offer. */
  item,
  score: z.number(),
  relevance: z.number(),
  /** Kilometres between the two places, when both have coordinates (0: the same place). */
  distanceKm: z.number().nullable(),
  reasons: z.array(reason),
});
export type Suggestion = z.infer<typeof suggestion>;

/** What a dream may lead to: people who offer what it needs, activities coming up, and partner services. */
export const dreamSuggestions = z.object({
  dream,
  people: z.array(
    z.object({
      personId: z.uuid(),
      /** As the reader may see it (null: "someone at the place"). */
      name: z.string().nullable(),
      score: z.number(),
      /** Their offers that fit, best first. */
      offers: z.array(suggestion),
    }),
  ),
  activities: z.array(
    z.object({
      occurrenceId: z.uuid(),
      activityId: z.uuid(),
      title: z.string(),
      typeName: z.string().nullable(),
      placeId: z.uuid().nullable(),
      startsAt: z.string(),
      endsAt: z.string(),
      score: z.number(),
      reasons: z.array(reason),
    }),
  ),
  partners: z.array(
    z.object({
      partnerId: z.uuid(),
      name: z.string(),
      kind: z.string(),
      description: z.string().nullable(),
      website: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      /** Their contact persons, for staff who may see them. */
      contacts: z.array(z.object({ name: z.string(), role: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })),
      score: z.number(),
      reasons: z.array(reason),
      /** Offers the partner posted that fit. */
      offers: z.array(suggestion),
    }),
  ),
});
export type DreamSuggestions = z.infer<typeof dreamSuggestions>;

export const suggestionsQuery = z
  .object({
    requestId: z.uuid().optional(),
    offerId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .refine((q) => !!q.requestId !== !!q.offerId, { message: 'give requestId or offerId, not both', path: ['requestId'] });

export const matchEvent = z.object({
  id: z.uuid(),
  kind: z.enum(matchEventKinds),
  side: z.enum(['requester', 'offerer']).nullable(),
  actorAccountId: z.uuid().nullable(),
  note: z.string().nullable(),
  met: z.boolean().nullable(),
  at: z.string(),
});

export const match = z.object({
  id: z.uuid(),
  status: z.enum(matchStatuses),
  placeId: z.uuid().nullable(),
  request: item,
  offer: item,
  requesterAnswer: z.enum(['pending', 'accepted', 'declined']),
  offererAnswer: z.enum(['pending', 'accepted', 'declined']),
  score: z.number().nullable(),
  reasons: z.array(reason),
  connectedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  events: z.array(matchEvent),
  /** What the reader may do now: answer for a side, follow up, close, withdraw. */
  can: z.object({
    answerAs: z.array(z.enum(['requester', 'offerer'])),
    followUp: z.boolean(),
    close: z.boolean(),
    withdraw: z.boolean(),
  }),
});
export type Match = z.infer<typeof match>;

export const proposeInput = z.object({ requestId: z.uuid(), offerId: z.uuid(), note: z.string().trim().max(2000).optional() });

const note = z.string().trim().max(2000).optional();
const side = z.enum(['requester', 'offerer']).optional();
/** One step of the workflow. `side` is for staff who answer on someone's behalf. */
export const transitionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), side, note }),
  z.object({ action: z.literal('decline'), side, note }),
  z.object({ action: z.literal('withdraw'), note }),
  z.object({ action: z.literal('follow-up'), met: z.boolean(), note }),
  z.object({ action: z.literal('close'), note }),
]);
export type TransitionInput = z.infer<typeof transitionInput>;

/** Where a place is, in decimal degrees (WGS 84), as its staff enter it. */
export const placeLocationInput = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export const placeLocation = z.object({ placeId: z.uuid(), latitude: z.number().nullable(), longitude: z.number().nullable() });
export type PlaceLocation = z.infer<typeof placeLocation>;

export const boardQuery = z.object({
  placeId: z.uuid(),
  suggestions: z.coerce.number().int().min(0).max(10).default(3),
  /** Only suggestions within this many kilometres of the request's place (both places need coordinates). */
  maxKm: z.coerce.number().min(0).max(500).optional(),
});
export const board = z.object({
  placeId: z.uuid(),
  placeName: z.string(),
  /** Open requests with no live match, each with its best suggestions. */
  unmatchedRequests: z.array(z.object({ request: item, suggestions: z.array(suggestion) })),
  /** Open dreams none of whose requests has a live match. */
  unmatchedDreams: z.array(dream.extend({ personName: z.string() })),
  matches: z.object(Object.fromEntries(matchStatuses.map((s) => [s, z.array(match)])) as Record<MatchStatus, z.ZodArray<typeof match>>),
});

export const forMeResponse = z.object({
  /** Proposals waiting for the reader's answer. */
  waiting: z.array(match),
  /** For each of the reader's open requests and offers, the best suggestions. */
  suggestions: z.array(z.object({ item, suggestions: z.array(suggestion) })),
});

export const reportQuery = z
  .object({ from: isoDate, to: isoDate, placeId: z.uuid().optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export const reportResponse = z.object({
  from: z.string(),
  to: z.string(),
  places: z.array(
    z.object({
      placeId: z.uuid().nullable(),
      placeName: z.string().nullable(),
      proposed: z.number(),
      connected: z.number(),
      declined: z.number(),
      withdrawn: z.number(),
      followedUp: z.number(),
      met: z.number(),
      closed: z.number(),
    }),
  ),
});
