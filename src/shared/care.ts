/**
 * The care record of a pathway: journal, instruments and assessments, network map. API schemas
 * shared by server and web, and the pure computations (distance travelled, how a network changed)
 * that screens and reports reuse.
 */
import { z } from 'zod';
import { assessorRoles, journalTypes, journalVisibilities, networkKinds, networkRelations } from './pathways.ts';
import { isoDate, type Locale, locales } from './schemas.ts';

// ---------------------------------------------------------------------------------------------
// Labels in each language

/**
 * A label in the four languages. Dutch is required: it is the fallback shown where another
 * language is missing, so an admin may write one language first and translate later.
 */
export const labelsInput = z.object({
  nl: z.string().trim().min(1).max(200),
  en: z.string().trim().max(200).optional(),
  fr: z.string().trim().max(200).optional(),
  ar: z.string().trim().max(200).optional(),
});
export const descriptionsInput = z.object({
  nl: z.string().trim().max(1000).optional(),
  en: z.string().trim().max(1000).optional(),
  fr: z.string().trim().max(1000).optional(),
  ar: z.string().trim().max(1000).optional(),
});
export type Labels = Partial<Record<Locale, string>>;
export const labels = z.record(z.string(), z.string());

/** The label in `locale`, else Dutch, else English, else whatever there is. */
export function labelFor(l: Labels | null | undefined, locale: string): string {
  if (!l) return '';
  const own = l[locale as Locale];
  if (own?.trim()) return own;
  for (const fallback of ['nl', 'en', ...locales] as const) if (l[fallback]?.trim()) return l[fallback] as string;
  return '';
}

/** Whether `l` has a non-empty text in every language (else the fallback shows somewhere). */
export const complete = (l: Labels | null | undefined) => locales.every((x) => !!l?.[x]?.trim());

// ---------------------------------------------------------------------------------------------
// Journal

/** An author may change or remove their entry for this long; later changes are new entries. */
export const JOURNAL_EDIT_HOURS = 24;

const note = z.string().trim().min(1).max(10_000);
export const journalInput = z.object({
  occurredAt: z.iso.datetime({ offset: true }),
  type: z.enum(journalTypes),
  durationMinutes: z.number().int().min(0).max(1440).nullable().optional(),
  note,
  visibility: z.enum(journalVisibilities).default('team'),
});
export type JournalInput = z.input<typeof journalInput>;
export const journalPatch = journalInput.partial();

export const journalQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** the `nextCursor` of the previous page */
  cursor: z.string().max(200).optional(),
});

export const journalEntry = z.object({
  id: z.uuid(),
  pathwayId: z.uuid(),
  occurredAt: z.string(),
  type: z.enum(journalTypes),
  durationMinutes: z.number().int().nullable(),
  note: z.string(),
  visibility: z.enum(journalVisibilities),
  author: z.object({ personId: z.uuid(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** for the author, until when they may still change or remove it; null for everyone else or when past */
  editableUntil: z.string().nullable(),
});
export type JournalEntry = z.infer<typeof journalEntry>;
export const journalPage = z.object({
  items: z.array(journalEntry),
  nextCursor: z.string().nullable(),
  /** whether the caller may write entries (a team member, and the guidance consent stands) */
  canWrite: z.boolean(),
  consentWithdrawn: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Instruments

const domainKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, at most 40');
export const instrumentDomainInput = z.object({ key: domainKey, labels: labelsInput, description: descriptionsInput.optional() });
export const instrumentLevelInput = z.object({
  value: z.number().int().min(0).max(100),
  labels: labelsInput,
  description: descriptionsInput.optional(),
});

const instrumentShape = z.object({
  name: labelsInput,
  description: descriptionsInput.optional(),
  domains: z.array(instrumentDomainInput).min(1).max(30),
  levels: z.array(instrumentLevelInput).min(2).max(10),
});

/** The checks every instrument passes: unique domain keys, 2-10 levels with ascending values. */
function checkInstrument(v: { domains?: { key: string }[]; levels?: { value: number }[] }, ctx: z.RefinementCtx) {
  if (v.domains) {
    const seen = new Set<string>();
    v.domains.forEach((d, i) => {
      if (seen.has(d.key)) ctx.addIssue({ code: 'custom', path: ['domains', i, 'key'], message: 'duplicate_domain' });
      seen.add(d.key);
    });
  }
  if (v.levels) {
    v.levels.forEach((l, i) => {
      if (i > 0 && l.value <= (v.levels as { value: number }[])[i - 1].value)
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'value'], message: 'levels_not_ascending' });
    });
  }
}
export const instrumentInput = instrumentShape.superRefine(checkInstrument);
export type InstrumentInput = z.input<typeof instrumentInput>;
/** Labels and texts may always change; domains and levels only where nothing was scored on them. */
export const instrumentPatch = instrumentShape.partial().extend({ archived: z.boolean().optional() }).superRefine(checkInstrument);
export type InstrumentPatch = z.input<typeof instrumentPatch>;

export const instrument = z.object({
  id: z.uuid(),
  /** the built-in ones: 'participation-ladder', 'life-domains' */
  key: z.string().nullable(),
  name: labels,
  description: labels.nullable(),
  domains: z.array(z.object({ key: z.string(), labels, description: labels.optional() })),
  levels: z.array(z.object({ value: z.number().int(), labels, description: labels.optional() })),
  archived: z.boolean(),
});
export type Instrument = z.infer<typeof instrument>;
export const instrumentDetail = instrument.extend({
  /** domains and levels that have scores: they cannot be removed */
  scored: z.object({ assessments: z.number().int(), domains: z.array(z.string()), levels: z.array(z.number().int()) }),
});
export type InstrumentDetail = z.infer<typeof instrumentDetail>;

// ---------------------------------------------------------------------------------------------
// Assessments and distance travelled

export const assessmentInput = z
  .object({
    instrumentId: z.uuid(),
    assessedOn: isoDate,
    scores: z
      .array(
        z.object({ domainKey: z.string().min(1).max(40), level: z.number().int().min(0).max(100), note: z.string().trim().max(1000).nullable().optional() }),
      )
      .min(1)
      .max(30),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.scores.forEach((s, i) => {
      if (seen.has(s.domainKey)) ctx.addIssue({ code: 'custom', path: ['scores', i, 'domainKey'], message: 'duplicate_domain' });
      seen.add(s.domainKey);
    });
  });
export type AssessmentInput = z.input<typeof assessmentInput>;

export const assessmentsQuery = z.object({
  /** distance travelled from this date on (default: the first assessment) */
  from: isoDate.optional(),
  /** ... up to this date (default: the latest) */
  to: isoDate.optional(),
});

export const assessment = z.object({
  id: z.uuid(),
  instrumentId: z.uuid(),
  assessedOn: z.string(),
  assessorRole: z.enum(assessorRoles),
  assessor: z.object({ personId: z.uuid(), name: z.string() }),
  note: z.string().nullable(),
  scores: z.record(z.string(), z.number().int()),
  /** per domain, what the assessor wrote beside the level */
  notes: z.record(z.string(), z.string()),
  createdAt: z.string(),
});
export type Assessment = z.infer<typeof assessment>;

const point = z.object({ on: z.string(), level: z.number() }).nullable();
export const distance = z.object({
  /** the first and the last assessment compared, or null without any */
  from: z.string().nullable(),
  to: z.string().nullable(),
  assessments: z.number().int(),
  domains: z.array(z.object({ domainKey: z.string(), first: point, last: point, change: z.number().nullable() })),
  /** over the domains that have a change (scored in two assessments or more); null if none has */
  total: z.object({ first: z.number(), last: z.number(), change: z.number(), domains: z.number().int() }).nullable(),
});
export type Distance = z.infer<typeof distance>;

export const instrumentSeries = z.object({
  instrument,
  series: z.object({ companion: z.array(assessment), participant: z.array(assessment) }),
  distance: z.object({ companion: distance, participant: distance }),
});
export type InstrumentSeries = z.infer<typeof instrumentSeries>;
export const assessmentsOverview = z.object({
  /** per instrument (active ones, and archived ones that were scored here) */
  items: z.array(instrumentSeries),
  /** the role the caller scores in, or null when they may not score */
  scoreAs: z.enum(assessorRoles).nullable(),
  consentWithdrawn: z.boolean(),
});

/**
 * Distance travelled: per domain the change between the first and the last assessment that scored
 * it, within [from, to] (dates inclusive), and in total over the domains that changed or stayed.
 * A domain scored only once (or never) has no change; the total only adds domains that have one,
 * so a domain skipped in the first assessment does not count as progress. Assessments must be of
 * one instrument and one assessor role; ties on a date keep the given order.
 */
export function distanceTravelled(
  assessments: readonly { assessedOn: string; scores: Readonly<Record<string, number>> }[],
  domainKeys: readonly string[],
  window: { from?: string; to?: string } = {},
): Distance {
  const inWindow = assessments
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => (!window.from || a.assessedOn >= window.from) && (!window.to || a.assessedOn <= window.to))
    .sort((x, y) => (x.a.assessedOn < y.a.assessedOn ? -1 : x.a.assessedOn > y.a.assessedOn ? 1 : x.i - y.i))
    .map(({ a }) => a);
  const domains = domainKeys.map((domainKey) => {
    const scored = inWindow.filter((a) => typeof a.scores[domainKey] === 'number');
    const first = scored[0];
    const last = scored[scored.length - 1];
    return {
      domainKey,
      first: first ? { on: first.assessedOn, level: first.scores[domainKey] } : null,
      last: last ? { on: last.assessedOn, level: last.scores[domainKey] } : null,
      change: scored.length >= 2 ? last.scores[domainKey] - first.scores[domainKey] : null,
    };
  });
  const compared = domains.filter((d) => d.change !== null);
  const total = compared.length
    ? {
        first: compared.reduce((s, d) => s + (d.first?.level ?? 0), 0),
        last: compared.reduce((s, d) => s + (d.last?.level ?? 0), 0),
        change: compared.reduce((s, d) => s + (d.change ?? 0), 0),
        domains: compared.length,
      }
    : null;
  return {
    from: inWindow[0]?.assessedOn ?? null,
    to: inWindow[inWindow.length - 1]?.assessedOn ?? null,
    assessments: inWindow.length,
    domains,
    total,
  };
}

// ---------------------------------------------------------------------------------------------
// Network map

export const networkEntryInput = z.object({
  kind: z.enum(networkKinds),
  name: z.string().trim().min(1).max(120),
  relation: z.enum(networkRelations),
  closeness: z.number().int().min(1).max(3),
  partnerId: z.uuid().nullable().optional(),
  support: z.string().trim().max(500).nullable().optional(),
});
export type NetworkEntryInput = z.input<typeof networkEntryInput>;
const entries = z.array(networkEntryInput).max(80);

/** A new snapshot: without `entries`, a copy of the last snapshot's people and organisations. */
export const snapshotInput = z.object({ takenOn: isoDate, note: z.string().trim().max(2000).nullable().optional(), entries: entries.optional() });
export const snapshotPatch = z.object({ takenOn: isoDate.optional(), note: z.string().trim().max(2000).nullable().optional(), entries: entries.optional() });

export const networkEntry = z.object({
  id: z.uuid(),
  kind: z.enum(networkKinds),
  name: z.string(),
  relation: z.enum(networkRelations),
  closeness: z.number().int(),
  partnerId: z.uuid().nullable(),
  support: z.string().nullable(),
});
export type NetworkEntry = z.infer<typeof networkEntry>;
export const snapshotSummary = z.object({
  id: z.uuid(),
  takenOn: z.string(),
  note: z.string().nullable(),
  people: z.number().int(),
  organisations: z.number().int(),
});
export const snapshot = snapshotSummary.extend({ entries: z.array(networkEntry), latest: z.boolean() });
export type Snapshot = z.infer<typeof snapshot>;
export const networkOverview = z.object({
  snapshots: z.array(snapshotSummary),
  latest: snapshot.nullable(),
  canWrite: z.boolean(),
  consentWithdrawn: z.boolean(),
});
export const compareQuery = z.object({ from: z.uuid(), to: z.uuid() });

type Comparable = { kind: string; name: string; closeness: number };
/** Who is who across snapshots: the same kind and the same name, whatever the case or spacing. */
export const networkIdentity = (e: { kind: string; name: string }) => `${e.kind}|${e.name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase()}`;

/**
 * How a network changed from one snapshot to another: who was added or removed, who moved closer
 * (to a lower circle number) or further. People are matched by kind and name (see networkIdentity).
 */
export function compareNetworks<E extends Comparable>(before: readonly E[], after: readonly E[]) {
  const old = new Map(before.map((e) => [networkIdentity(e), e]));
  const now = new Map(after.map((e) => [networkIdentity(e), e]));
  const added: E[] = [];
  const closer: { entry: E; from: number; to: number }[] = [];
  const further: { entry: E; from: number; to: number }[] = [];
  const unchanged: E[] = [];
  for (const [id, e] of now) {
    const was = old.get(id);
    if (!was) added.push(e);
    else if (e.closeness < was.closeness) closer.push({ entry: e, from: was.closeness, to: e.closeness });
    else if (e.closeness > was.closeness) further.push({ entry: e, from: was.closeness, to: e.closeness });
    else unchanged.push(e);
  }
  const removed = [...old].filter(([id]) => !now.has(id)).map(([, e]) => e);
  return { added, removed, closer, further, unchanged };
}

const moved = z.object({ entry: networkEntry, from: z.number().int(), to: z.number().int() });
export const networkComparison = z.object({
  from: snapshotSummary,
  to: snapshotSummary,
  added: z.array(networkEntry),
  removed: z.array(networkEntry),
  closer: z.array(moved),
  further: z.array(moved),
  unchanged: z.array(networkEntry),
});
export type NetworkComparison = z.infer<typeof networkComparison>;
