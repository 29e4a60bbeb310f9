import { z } from 'zod';
import { staffRoles, type Role } from './permissions.ts';
import { email, isoDate, locales, name, optionalText, page, phone } from './schemas.ts';

/*
 * The organisation's own set-up: programmes with their funding, places, partners and staff.
 * Server and web validate with the same schemas.
 */

/** A short required label (a programme's, a place's or a partner's name). */
const title = z.string().trim().min(1).max(200);

// ---------- programmes ----------

/** Who pays a funding line; `reference` says which call or file (e.g. "490/457 BIS"). */
export const funders = ['ESF', 'VCF', 'local-government', 'foundation', 'other'] as const;
export type Funder = (typeof funders)[number];

/**
 * Money is whole euro cents in the API (an integer, never a float): 1 234,50 EUR is 123450.
 * The ceiling (100 billion euro) keeps sums far below JavaScript's safe-integer range.
 */
export const MAX_AMOUNT_CENTS = 10_000_000_000_000;
export const amountCents = z.number().int().min(0).max(MAX_AMOUNT_CENTS);

export const fundingLineInput = z.object({
  funder: z.enum(funders),
  reference: optionalText(100),
  amountCents,
});
export type FundingLineInput = z.input<typeof fundingLineInput>;

const programmeFields = {
  name: title,
  description: optionalText(4000),
  startsOn: isoDate,
  /** Open-ended while null. */
  endsOn: isoDate.nullable().optional(),
  placeIds: z.array(z.uuid()).max(200).default([]),
  fundingLines: z.array(fundingLineInput).max(50).default([]),
};

const periodInOrder = (v: { startsOn?: string | null; endsOn?: string | null }) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn;
const periodMessage = { message: 'the end date is on or after the start date', path: ['endsOn'] };

export const programmeInput = z.object(programmeFields).refine(periodInOrder, periodMessage);
export type ProgrammeInput = z.input<typeof programmeInput>;

export const programmePatch = z
  .object({
    ...programmeFields,
    placeIds: programmeFields.placeIds.unwrap().optional(),
    fundingLines: programmeFields.fundingLines.unwrap().optional(),
  })
  .partial()
  .refine(periodInOrder, periodMessage);

export const fundingLine = z.object({
  id: z.uuid(),
  funder: z.string(),
  reference: z.string().nullable(),
  amountCents: z.number().int(),
});

export const programme = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  places: z.array(z.object({ id: z.uuid(), name: z.string() })),
  fundingLines: z.array(fundingLine),
  /** Sum of the lines per funder, and over all lines, in cents. */
  totals: z.object({ byFunder: z.array(z.object({ funder: z.string(), amountCents: z.number().int() })), amountCents: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof programme>;

// ---------- places ----------

/** ISO 3166-1 alpha-2, e.g. BE or NL. */
export const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'a two-letter country code such as BE')
  .transform((v) => v.toUpperCase());

const placeFields = {
  name: title,
  street: optionalText(200),
  postalCode: z.string().trim().regex(/^[0-9A-Za-z -]{2,12}$/, 'a postal code').nullable().optional(),
  city: z.string().trim().min(1).max(100),
  country: countryCode.default('BE'),
  phone: phone.nullable().optional(),
  description: optionalText(4000),
  /** The people one meets there (matchmakers, volunteers): chosen among the organisation's people. */
  hostPersonIds: z.array(z.uuid()).max(50).default([]),
};
export const placeInput = z.object(placeFields);
export type PlaceInput = z.input<typeof placeInput>;
export const placePatch = z
  .object({ ...placeFields, country: countryCode, hostPersonIds: placeFields.hostPersonIds.unwrap() })
  .partial();

export const place = z.object({
  id: z.uuid(),
  name: z.string(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string(),
  country: z.string(),
  phone: z.string().nullable(),
  description: z.string().nullable(),
  hosts: z.array(z.object({ personId: z.uuid(), givenName: z.string(), familyName: z.string() })),
  /** People whose place this is, and staff roles held there: a place with either cannot be deleted. */
  peopleCount: z.number().int(),
  staffRoleCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Place = z.infer<typeof place>;

// ---------- partners ----------

export const partnerKinds = [
  'employment-service',
  'social-welfare',
  'welfare',
  'mental-health',
  'training',
  'school',
  'local-government',
  'social-enterprise',
  'ngo',
  'research',
  'other',
] as const;
export type PartnerKind = (typeof partnerKinds)[number];

const website = z
  .url({ protocol: /^https?$/, message: 'a web address starting with http:// or https://' })
  .max(300);

const partnerFields = {
  name: title,
  kind: z.enum(partnerKinds),
  website: website.nullable().optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  description: optionalText(4000),
};
export const partnerInput = z.object(partnerFields);
export type PartnerInput = z.input<typeof partnerInput>;
export const partnerPatch = partnerInput.partial();

export const partnerContactInput = z.object({
  name: z.string().trim().min(1).max(200),
  role: optionalText(200),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
});
export type PartnerContactInput = z.input<typeof partnerContactInput>;
export const partnerContactPatch = partnerContactInput.partial();

export const partnerContact = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type PartnerContact = z.infer<typeof partnerContact>;

export const partner = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  description: z.string().nullable(),
  contacts: z.array(partnerContact),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Partner = z.infer<typeof partner>;

export const partnerQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(partnerKinds).optional(),
});

// ---------- staff accounts ----------

export const staffRoleAssignment = z.object({
  role: z.enum(staffRoles as [Role, ...Role[]]),
  /** null: the role holds across the whole organisation. */
  placeId: z.uuid().nullable(),
});
export type StaffRoleAssignment = z.infer<typeof staffRoleAssignment>;

const sameRoleTwice = (roles: StaffRoleAssignment[]) => new Set(roles.map((r) => `${r.role}@${r.placeId}`)).size === roles.length;
const roleList = z
  .array(staffRoleAssignment)
  .min(1, 'at least one role')
  .max(50)
  .refine(sameRoleTwice, 'each role once per place');

export const staffInput = z.object({
  givenName: name,
  familyName: name,
  /** Also the login; the colleague gets a link at this address to choose a password. */
  email,
  phone: phone.nullable().optional(),
  /** Language of the welcome mail and the first screens. */
  locale: z.enum(locales).default('nl'),
  roles: roleList,
  /** the partner organisation this colleague works for (a partner worker of OCMW, CAW) */
  partnerId: z.uuid().nullable().optional(),
});
export type StaffInput = z.input<typeof staffInput>;

export const staffStatuses = ['active', 'disabled'] as const;
export const staffPatch = z.object({
  givenName: name.optional(),
  familyName: name.optional(),
  phone: phone.nullable().optional(),
  roles: roleList.optional(),
  partnerId: z.uuid().nullable().optional(),
  /** Disabling also ends every session of the account. */
  status: z.enum(staffStatuses).optional(),
});
export type StaffPatch = z.input<typeof staffPatch>;

export const staffMember = z.object({
  accountId: z.uuid(),
  personId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  locale: z.string(),
  status: z.enum(['active', 'invited', 'disabled']),
  /** False until the colleague has chosen a password with the mailed link. */
  passwordSet: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ role: z.string(), placeId: z.uuid().nullable(), placeName: z.string().nullable() })),
  /** the partner they work for, if any */
  partnerId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type StaffMember = z.infer<typeof staffMember>;

export const staffQuery = page.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'invited', 'disabled']).optional(),
});

export const organisationInfo = z.object({ id: z.uuid(), name: z.string() });

// ---------- money in forms ----------

const arabicIndic = '٠١٢٣٤٥٦٧٨٩';
const easternArabicIndic = '۰۱۲۳۴۵۶۷۸۹';

/**
 * Reads an amount in euro as people type it ("632.813,50", "632,813.50", "1 250", "٣٠٠") and
 * returns whole cents, or null when it is not an amount. A separator followed by exactly three
 * digits groups thousands; one followed by one or two digits marks the cents.
 */
export function parseEuroToCents(text: string): number | null {
  let s = text
    .replace(/[٠-٩]/g, (d) => String(arabicIndic.indexOf(d)))
    .replace(/[۰-۹]/g, (d) => String(easternArabicIndic.indexOf(d)))
    .replace(/٫/g, ',')
    .replace(/[\s\u00a0\u202f'’٬€]|EUR/gi, '');
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return null;
  const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  let whole = s;
  let fraction = '';
  if (lastSep >= 0) {
    const tail = s.slice(lastSep + 1);
    const sepChar = s[lastSep];
    const mixed = s.includes('.') && s.includes(',');
    const once = s.split(sepChar).length === 2;
    if (tail.length <= 2 && tail.length > 0 && (mixed || once)) {
      whole = s.slice(0, lastSep);
      fraction = tail;
    } else if (tail.length !== 3 || mixed) return null;
    // Whatever is left: plain digits, or digits grouped by threes with one kind of separator.
    if (whole.length && !/^[0-9]+$/.test(whole) && !/^[0-9]{1,3}(\.[0-9]{3})+$/.test(whole) && !/^[0-9]{1,3}(,[0-9]{3})+$/.test(whole)) return null;
    whole = whole.replace(/[.,]/g, '');
  }
  s = whole || '0';
  const cents = Number(s) * 100 + Number(fraction.padEnd(2, '0') || '0');
  return Number.isSafeInteger(cents) && cents <= MAX_AMOUNT_CENTS ? cents : null;
}
