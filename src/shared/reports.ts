/**
 * Funder reports: the ESF+ report's request and answer, shared by the API and the screen.
 * Labels and the warnings in words live in the i18n files under `reports.*`.
 */
import { z } from 'zod';
import { type EsfOutputCode, type EsfResultCode, type EsfWarningCode, esfOutputCodes, esfResultCodes, esfWarningCodes } from './esf.ts';
import { locales } from './schemas.ts';

const isoDate = z.iso.date({ error: 'a date written as YYYY-MM-DD' });

export const esfReportQuery = z
  .object({
    programmeId: z.uuid({ error: 'a programme id' }),
    /** one place of the programme; every place you may see when left out */
    placeId: z.uuid({ error: 'a place id' }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' });
export type EsfReportQuery = z.infer<typeof esfReportQuery>;

export const csvSeparators = ['comma', 'semicolon'] as const;

export const esfExportQuery = esfReportQuery.and(
  z.object({
    /** the language of the labels and warnings in the file */
    lang: z.enum(locales, { error: `one of ${locales.join(', ')}` }).default('nl'),
    /** CSV only: "semicolon" for Excel with Belgian or French settings */
    separator: z.enum(csvSeparators).default('comma'),
  }),
);
export type EsfExportQuery = z.infer<typeof esfExportQuery>;
export const esfExportFormats = ['csv', 'xlsx', 'pdf'] as const;
export type EsfExportFormat = (typeof esfExportFormats)[number];

const counts = z.object({ total: z.number().int(), women: z.number().int(), men: z.number().int(), nonBinary: z.number().int() });

export const esfReport = z.object({
  programme: z.object({ id: z.uuid(), name: z.string() }),
  place: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  /** the day the report was made: decides whether a six-month follow-up is due */
  asOf: z.string(),
  generatedAt: z.string(),
  outputs: z.array(z.object({ code: z.enum(Object.keys(esfOutputCodes) as [EsfOutputCode, ...EsfOutputCode[]]), counts, incomplete: z.boolean() })),
  results: z.array(z.object({ code: z.enum(Object.keys(esfResultCodes) as [EsfResultCode, ...EsfResultCode[]]), counts, incomplete: z.boolean() })),
  /** data-quality warnings, each with how many participants it concerns and the indicators it leaves short */
  warnings: z.array(z.object({ code: z.enum(esfWarningCodes), count: z.number().int(), affects: z.array(z.string()) })),
});
export type EsfReportResponse = z.infer<typeof esfReport>;

export const esfReportOptions = z.object({
  programmes: z.array(z.object({ id: z.uuid(), name: z.string(), startsOn: z.string().nullable(), endsOn: z.string().nullable() })),
  places: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** true when the caller may report on the whole organisation (not only some places) */
  allPlaces: z.boolean(),
});
export type EsfReportOptions = z.infer<typeof esfReportOptions>;

/** Which indicators each warning leaves short ("cannot be computed for these participants"). */
export const esfWarningAffects: Record<EsfWarningCode, (EsfOutputCode | EsfResultCode)[]> = {
  'gender-missing': [],
  'birth-date-missing': ['EECO06', 'EECO07', 'EECO08'],
  'employment-status-missing': ['EECO02', 'EECO03', 'EECO04', 'EECO05'],
  'unemployed-since-missing': ['EECO03'],
  'long-term-unemployment-undetermined': ['EECO03'],
  'isced-missing': ['EECO09', 'EECO10', 'EECO11'],
  'disability-refused': ['EECO12'],
  'disability-missing': ['EECO12'],
  'third-country-national-refused': ['EECO13'],
  'third-country-national-missing': ['EECO13'],
  'foreign-background-refused': ['EECO14'],
  'foreign-background-missing': ['EECO14'],
  'minority-refused': ['EECO15'],
  'minority-missing': ['EECO15'],
  'homeless-refused': ['EECO16'],
  'homeless-missing': ['EECO16'],
  'rural-refused': ['EECO17'],
  'rural-missing': ['EECO17'],
  'still-in-programme': [],
  'no-status-upon-leaving': ['EECR01', 'EECR02', 'EECR03', 'EECR04'],
  'follow-up-missing': ['EECR05', 'EECR06'],
  'follow-up-not-due': ['EECR05', 'EECR06'],
  'improved-situation-missing': ['EECR06'],
};
