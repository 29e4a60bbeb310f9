import { z } from 'zod';
import { email, isoDate, locales } from './schemas.ts';

/** The default activity types every organisation starts with (their names are translated in the UI). */
export const defaultActivityTypes = [
  { key: 'open-house', name: 'Open huis' },
  { key: 'connector-table', name: 'Connectorstafel' },
  { key: 'session', name: 'Stuyfsessie' },
  { key: 'workshop', name: 'Workshop' },
  { key: 'group-session', name: 'Groepssessie' },
  { key: 'network-event', name: 'Netwerkmoment' },
  { key: 'work-activity', name: 'Werkactiviteit' },
] as const;

export const registrationStatuses = ['registered', 'waitlisted', 'cancelled', 'attended', 'absent'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');
const title = z.string().trim().min(1).max(200);

export const activityType = z.object({ id: z.uuid(), key: z.string().nullable(), name: z.string() });
export const activityTypeInput = z.object({ name: z.string().trim().min(1).max(100) });

export const recurrenceInput = z.object({
  interval: z.number().int().default(1),
  weekdays: z.array(z.number().int()).max(7).default([]),
  until: isoDate.nullable().optional(),
  count: z.number().int().nullable().optional(),
  exceptions: z.array(isoDate).max(400).default([]),
});

export const scheduleInput = z.object({
  startDate: isoDate,
  startTime: time,
  endTime: time,
  recurrence: recurrenceInput.nullable().optional(),
});

export const programmePart = z
  .object({
    start: time,
    end: time.nullable().optional(),
    title: z.string().trim().min(1).max(200),
    speakers: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    details: z.string().trim().max(1000).nullable().optional(),
  })
  .refine((p) => !p.end || p.end > p.start, { path: ['end'], message: 'end_before_start' });

/**
 * Where a programme does not fit its activity: each part starts and ends within the activity's
 * hours and ends after it starts. Returns [part index, field, code] per problem; HH:MM compares as text.
 */
export function programmeProblems(
  programme: { start: string; end?: string | null }[],
  startTime: string,
  endTime: string,
): [number, 'start' | 'end', 'end_before_start' | 'programme_outside_activity'][] {
  const out: [number, 'start' | 'end', 'end_before_start' | 'programme_outside_activity'][] = [];
  programme.forEach((p, i) => {
    if (p.start < startTime || p.start >= endTime) out.push([i, 'start', 'programme_outside_activity']);
    if (p.end && p.end <= p.start) out.push([i, 'end', 'end_before_start']);
    else if (p.end && p.end > endTime) out.push([i, 'end', 'programme_outside_activity']);
  });
  return out;
}

export const activityInput = z.object({
  typeId: z.uuid(),
  placeId: z.uuid(),
  title,
  description: z.string().trim().max(2000).nullable().optional(),
  address: z.string().trim().max(300).nullable().optional(),
  /** null: no limit; zero is refused (capacity_invalid) */
  capacity: z.number().int().nullable().optional(),
  facilitatorIds: z.array(z.uuid()).max(20).default([]),
  schedule: scheduleInput,
  /** a network event: a public page with a registration form */
  isPublic: z.boolean().default(false),
  programme: z.array(programmePart).max(30).default([]),
});

export const activityPatch = z.object({
  title: title.optional(),
  /** another place organises it (its calendar shows it; its organisers manage it) */
  placeId: z.uuid().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  address: z.string().trim().max(300).nullable().optional(),
  capacity: z.number().int().nullable().optional(),
  facilitatorIds: z.array(z.uuid()).max(20).optional(),
  programme: z.array(programmePart).max(30).optional(),
  status: z.enum(['active', 'cancelled']).optional(),
});

/** A new rule for a series from `schedule.startDate` on; earlier and past occurrences keep theirs. */
export const scheduleChange = z.object({
  schedule: scheduleInput,
  /** only say what would happen; change nothing */
  preview: z.boolean().default(false),
});

export const scheduleChangeResult = z.object({
  applied: z.boolean(),
  /** occurrences the new rule adds */
  added: z.number(),
  /** occurrences on the same day at new hours: their sign-ups stay and people are told */
  moved: z.number(),
  /** occurrences that no longer happen */
  removed: z.number(),
  /** sign-ups kept on a moved occurrence */
  registrationsMoved: z.number(),
  /** sign-ups cancelled because their occurrence no longer happens (each person gets a mail) */
  registrationsCancelled: z.number(),
});

export const occurrenceSummary = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  title: z.string(),
  typeId: z.uuid(),
  typeKey: z.string().nullable(),
  typeName: z.string(),
  placeId: z.uuid(),
  address: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['scheduled', 'cancelled']),
  changed: z.boolean(),
  capacity: z.number().nullable(),
  registered: z.number(),
  waitlisted: z.number(),
});

export const personRef = z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() });

export const activity = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  type: activityType,
  placeId: z.uuid(),
  placeName: z.string(),
  address: z.string().nullable(),
  capacity: z.number().nullable(),
  status: z.enum(['active', 'cancelled']),
  schedule: scheduleInput,
  facilitators: z.array(personRef),
  publicSlug: z.string().nullable(),
  programme: z.array(programmePart),
  occurrences: z.array(occurrenceSummary),
  can: z.object({ manage: z.boolean() }),
});

export const registration = z.object({
  id: z.uuid(),
  occurrenceId: z.uuid(),
  personId: z.uuid().nullable(),
  name: z.string(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(registrationStatuses),
  source: z.enum(['self', 'staff', 'public', 'door']),
  queuedAt: z.string(),
});

export const occurrenceDetail = occurrenceSummary.extend({
  description: z.string().nullable(),
  placeName: z.string(),
  notes: z.string().nullable(),
  facilitators: z.array(personRef),
  myRegistration: registration.nullable(),
  myFeedback: z.object({ score: z.number(), word: z.string().nullable() }).nullable(),
  can: z.object({ manage: z.boolean(), register: z.boolean() }),
});

export const occurrencePatch = z.object({
  date: isoDate.optional(),
  startTime: time.optional(),
  endTime: time.optional(),
  status: z.enum(['scheduled', 'cancelled']).optional(),
  notes: z.string().trim().max(10_000).nullable().optional(),
});

export const registrationInput = z.object({ personId: z.uuid().optional() });

export const attendanceSync = z.object({
  marks: z
    .array(z.object({ id: z.uuid(), personId: z.uuid(), present: z.boolean(), markedAt: z.iso.datetime({ offset: true }) }))
    .min(1)
    .max(500),
});

export const attendanceRow = z.object({
  personId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  registrationId: z.uuid(),
  status: z.enum(registrationStatuses),
  present: z.boolean().nullable(),
  markedAt: z.string().nullable(),
});

export const feedbackInput = z.object({ score: z.number().int().min(1).max(5), word: z.string().trim().max(60).nullable().optional() });

export const feedbackSummary = z.object({
  count: z.number(),
  average: z.number().nullable(),
  scores: z.array(z.number()),
  words: z.array(z.string()),
});

export const calendarQuery = z.object({
  placeId: z.uuid(),
  from: z.iso.datetime({ offset: true }).or(isoDate),
  to: z.iso.datetime({ offset: true }).or(isoDate),
});

export const attendanceCountsQuery = z.object({
  personId: z.uuid().optional(),
  placeId: z.uuid().optional(),
  /** one activity (e.g. a cohort's weekly group sessions) instead of every activity */
  activityId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const attendanceCount = z.object({ personId: z.uuid(), typeId: z.uuid(), typeKey: z.string().nullable(), typeName: z.string(), attended: z.number() });

export const feedInput = z.object({ placeId: z.uuid().optional() });

export const publicEvent = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  organisationName: z.string(),
  placeName: z.string(),
  address: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['scheduled', 'cancelled']),
  programme: z.array(programmePart),
  full: z.boolean(),
  open: z.boolean(),
});

export const publicRegistrationInput = z.object({
  name: z.string().trim().min(1).max(200),
  organisation: z.string().trim().max(200).nullable().optional(),
  email,
  /** a honeypot: hidden from people, filled in by bots */
  website: z.string().max(500).optional(),
  /** the language of the page: the confirmation mail is written in it */
  locale: z.enum(locales).optional(),
});
