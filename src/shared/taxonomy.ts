import { z } from 'zod';

/** The languages a concept has labels in (the engine's four). */
export const conceptLanguages = ['nl', 'en', 'fr', 'ar'] as const;
export type ConceptLanguage = (typeof conceptLanguages)[number];
export const conceptKinds = ['skill', 'need', 'service', 'interest', 'domain', 'resource', 'activity', 'group'] as const;
export const conceptSources = ['built-in', 'admin', 'esco'] as const;

const term = z.string().trim().min(1).max(200);
const labelsInput = z
  .object({ nl: term.optional(), en: term.optional(), fr: term.optional(), ar: term.optional() })
  .refine((l) => conceptLanguages.some((lang) => l[lang]), { message: 'Give a label in at least one language' });
const synonymsInput = z.object({
  nl: z.array(term).max(50).optional(),
  en: z.array(term).max(50).optional(),
  fr: z.array(term).max(50).optional(),
  ar: z.array(term).max(50).optional(),
});
/** The engine id of a concept: a built-in id ("bike-repair") or an own concept ("c-<uuid>"). */
export const conceptRef = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'Not a concept id');

export const conceptInput = z.object({
  kind: z.enum(conceptKinds).default('skill'),
  labels: labelsInput,
  synonyms: synonymsInput.default({}),
  broader: conceptRef.nullable().optional(),
  escoUri: z.url().max(500).nullable().optional(),
  description: z.string().trim().max(4000).nullable().optional(),
});
export type ConceptInput = z.input<typeof conceptInput>;

export const conceptPatch = z.object({
  kind: z.enum(conceptKinds).optional(),
  labels: labelsInput.optional(),
  synonyms: synonymsInput.optional(),
  broader: conceptRef.nullable().optional(),
  escoUri: z.url().max(500).nullable().optional(),
  description: z.string().trim().max(4000).nullable().optional(),
  /** true archives (it no longer matches), false brings it back. */
  archived: z.boolean().optional(),
});
export type ConceptPatch = z.input<typeof conceptPatch>;

export const conceptsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  source: z.enum(['all', 'own', 'built-in']).default('all'),
  archived: z.coerce.boolean().default(false),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const langRecord = <T extends z.ZodType>(v: T) => z.object({ nl: v, en: v, fr: v, ar: v });
export const concept = z.object({
  /** The uuid of an own concept, the id of a built-in one. */
  id: z.string(),
  /** How the engine (and a `broader` reference) names it. */
  ref: z.string(),
  source: z.enum(conceptSources),
  kind: z.string(),
  labels: langRecord(z.string()),
  synonyms: langRecord(z.array(z.string())),
  broader: z.object({ ref: z.string(), label: z.string() }).nullable(),
  escoUri: z.string().nullable(),
  description: z.string().nullable(),
  archived: z.boolean(),
  updatedAt: z.string().nullable(),
  can: z.object({ edit: z.boolean() }),
});
export type Concept = z.infer<typeof concept>;
export const conceptList = z.object({ items: z.array(concept), total: z.number(), own: z.number() });

/** One wrong row of an import: which file, which line of it (the header is line 1) and why. */
export const importProblem = z.object({ file: z.string(), row: z.number(), reason: z.string() });
export const escoImportResult = z.object({
  /** Concepts read from the files (one per conceptUri, whatever the languages). */
  concepts: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  files: z.array(z.object({ file: z.string(), language: z.string(), rows: z.number() })),
});
export type EscoImportResult = z.infer<typeof escoImportResult>;
