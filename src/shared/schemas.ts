import { z } from 'zod';

/** Paging parameters every list endpoint accepts. */
export const page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const locales = ['nl', 'en', 'fr', 'ar'] as const;
export type Locale = (typeof locales)[number];

/** A person's name part: free text in any script, trimmed, never empty. */
export const name = z.string().trim().min(1).max(100);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const email = z.email().max(254).transform((v) => v.toLowerCase());
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{6,20}$/, 'a phone number of 6 to 20 digits');
/** ISO 639 language code: "nl", "ar", "tzm". */
export const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as nl or ar');
export const isoDate = z.iso.date();
export const password = z.string().min(8, 'at least 8 characters').max(200);
