import { z } from 'zod';
import { email, isoDate, languageCode, locales, name, optionalText, phone } from './schemas.ts';

export const personKinds = ['participant', 'staff'] as const;

const birthDate = isoDate.refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'a date between 1900 and today');

/** What a person's profile holds; the web form validates with the same schema as the API. */
export const personInput = z.object({
  kind: z.enum(personKinds).default('participant'),
  givenName: name,
  familyName: name,
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  birthDate: birthDate.nullable().optional(),
  placeId: z.uuid().nullable().optional(),
  languages: z.array(languageCode).max(20).default([]),
  preferredLanguage: z.enum(locales).nullable().optional(),
  city: optionalText(100),
  about: optionalText(2000),
});
export type PersonInput = z.input<typeof personInput>;

export const personPatch = personInput.omit({ kind: true }).partial().extend({ languages: z.array(languageCode).max(20).optional() });

export const person = z.object({
  id: z.uuid(),
  kind: z.enum(personKinds),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  languages: z.array(z.string()),
  preferredLanguage: z.string().nullable(),
  city: z.string().nullable(),
  about: z.string().nullable(),
  hasAccount: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the asking user may do with this record, so the UI hides what it cannot do. */
  can: z.object({ edit: z.boolean(), invite: z.boolean() }),
});
export type Person = z.infer<typeof person>;

export const personSummary = person.pick({ id: true, kind: true, givenName: true, familyName: true, email: true, placeId: true, placeName: true, city: true });
export type PersonSummary = z.infer<typeof personSummary>;

export const peopleQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(personKinds).optional(),
  placeId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
