/**
 * Dashboards and the research export: requests and answers shared by the API and the screens.
 * A dashboard holds counts only, never a person. Labels live in the i18n files under `dashboard.*`.
 */
import { z } from 'zod';
import { csvSeparators } from './reports.ts';

const isoDate = z.iso.date({ error: 'a date written as YYYY-MM-DD' });

/** Cells below this are shown as "fewer than 5" to steering-group members and in a suppressed research export. */
export const SMALL_CELL = 5;
/** A dashboard covers at most five years, month by month. */
export const MAX_DASHBOARD_MONTHS = 60;

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

export const dashboardQuery = z
  .object({
    placeId: z.uuid({ error: 'a place id' }).optional(),
    programmeId: z.uuid({ error: 'a programme id' }).optional(),
    /** default: the first day of the month eleven months back */
    from: isoDate.optional(),
    /** default: today */
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' })
  .refine((q) => !q.from || !q.to || monthsBetween(q.from, q.to) <= MAX_DASHBOARD_MONTHS, {
    path: ['from'],
    message: `a dashboard covers at most ${MAX_DASHBOARD_MONTHS} months`,
  });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** A count, or null where it is below SMALL_CELL and the viewer sees only larger cells. */
const cell = z.number().int().nullable();

export const dashboardScopes = ['places', 'caseload'] as const;

export const dashboardOptions = z.object({
  scope: z.enum(dashboardScopes),
  places: z.array(z.object({ id: z.uuid(), name: z.string() })),
  programmes: z.array(z.object({ id: z.uuid(), name: z.string() })),
  allPlaces: z.boolean(),
  /** cells below this are hidden for this viewer; null when every count is shown */
  suppressedBelow: z.number().int().nullable(),
});
export type DashboardOptions = z.infer<typeof dashboardOptions>;

export const networkNodeKinds = ['participants', 'people', 'partner', 'other-partners'] as const;
export const networkLinkKinds = ['match', 'referral-out', 'team', 'cohort'] as const;
export type NetworkLinkKind = (typeof networkLinkKinds)[number];

export const dashboard = z.object({
  scope: z.enum(dashboardScopes),
  place: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  programme: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  period: z.object({ from: isoDate, to: isoDate }),
  suppressedBelow: z.number().int().nullable(),
  generatedAt: z.string(),
  /** per place and month: pathways active in the month, started in it, ended in it */
  participants: z.array(
    z.object({
      placeId: z.uuid().nullable(),
      placeName: z.string().nullable(),
      months: z.array(z.object({ month: z.string(), active: cell, starts: cell, exits: cell })),
    }),
  ),
  /** totals over the period (true totals, hidden below SMALL_CELL like any cell), for the sentences under the charts */
  totals: z.object({
    activeLastMonth: cell,
    starts: cell,
    exits: cell,
    occurrences: cell,
    attended: cell,
    referralsIn: cell,
    referralsOut: cell,
  }),
  /** participation ladder: rung at the first and at the last assessment of each pathway (two or more assessments) */
  ladder: z.object({
    rungs: z.array(z.number().int()),
    moves: z.array(z.object({ from: z.number().int(), to: z.number().int(), count: cell })),
    pathways: cell,
    up: cell,
    same: cell,
    down: cell,
  }),
  /** life-domain self-reliance: first against last score per pathway and domain */
  distance: z.array(z.object({ domain: z.string(), pathways: cell, averageChange: z.number().nullable(), improved: cell, same: cell, worse: cell })),
  activities: z.array(z.object({ month: z.string(), typeKey: z.string().nullable(), typeName: z.string(), occurrences: cell, attended: cell })),
  matches: z.object({
    proposed: cell,
    connected: cell,
    declined: cell,
    withdrawn: cell,
    followedUp: cell,
    met: cell,
    closed: cell,
  }),
  referralsIn: z.array(z.object({ source: z.string(), partnerId: z.uuid().nullable(), partnerName: z.string().nullable(), status: z.string(), count: cell })),
  referralsOut: z.array(z.object({ partnerId: z.uuid(), partnerName: z.string(), status: z.string(), count: cell })),
  network: z.object({
    nodes: z.array(z.object({ id: z.string(), kind: z.enum(networkNodeKinds), label: z.string().nullable(), count: cell })),
    edges: z.array(z.object({ from: z.string(), to: z.string(), kind: z.enum(networkLinkKinds), links: cell, bridging: cell })),
    links: cell,
    bridging: cell,
  }),
});
export type Dashboard = z.infer<typeof dashboard>;

/* ------------------------------------------------------------------ research export */

export const researchKey = z.object({
  id: z.uuid(),
  label: z.string(),
  fingerprint: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type ResearchKey = z.infer<typeof researchKey>;

export const researchKeyInput = z.object({ label: z.string().trim().min(1, 'a label').max(80, 'at most 80 characters') });
/** The secret, shown once: write it down or keep it in the organisation's vault. */
export const researchKeyCreated = z.object({ key: researchKey, secret: z.string() });

export const researchTables = ['pathways', 'assessments', 'events', 'follow-ups', 'attendance', 'matches', 'aggregates'] as const;
export type ResearchTable = (typeof researchTables)[number];

const truthy = z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean());

export const researchExportQuery = z.object({
  keyId: z.uuid({ error: 'an export key id' }),
  /** hide cells below 5 in the aggregate table */
  suppress: truthy.default(true),
});
export const researchCsvQuery = researchExportQuery.and(
  z.object({ table: z.enum(researchTables).default('pathways'), separator: z.enum(csvSeparators).default('comma') }),
);

export const ageBands = ['under-18', '18-24', '25-29', '30-44', '45-54', '55-64', '65+', 'unknown'] as const;

const row = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export const researchExport = z.object({
  generatedAt: z.string(),
  keyLabel: z.string(),
  keyFingerprint: z.string(),
  suppressedBelow: z.number().int().nullable(),
  participants: z.number().int(),
  tables: z.object(Object.fromEntries(researchTables.map((t) => [t, z.array(row)])) as Record<ResearchTable, z.ZodArray<typeof row>>),
});
export type ResearchExport = z.infer<typeof researchExport>;
