/**
 * Funder reports. The ESF+ report reads pathway data through `aggregateEsf` (one grouped query,
 * the same numbers as the engine: see pathways/esf-source.ts) for one programme, optionally one
 * place and a period. Staff with `reports.read` at some places only report on those places.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { esfOutputCodes, esfResultCodes } from '../../../shared/esf.ts';
import { placesWith } from '../../../shared/permissions.ts';
import {
  type EsfExportFormat,
  type EsfExportQuery,
  type EsfReportOptions,
  type EsfReportQuery,
  type EsfReportResponse,
  esfWarningAffects,
} from '../../../shared/reports.ts';
import type { Db, Tx } from '../../db/client.ts';
import { withOrganisation } from '../../db/client.ts';
import { organisations, places, programmes } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { aggregateEsf } from '../pathways/esf-source.ts';
import { type EsfTable, esfCsv, esfPdf, esfXlsx } from './esf-export.ts';

/** Today in Brussels: a follow-up is due from the calendar day the programme's staff live in. */
function today(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export function reportsService(db: Db, clock: () => Date = () => new Date()) {
  /** The places the caller may report on: 'all', or a list (possibly empty). */
  const reportPlaces = (auth: Auth) => placesWith(auth.roles, 'reports.read');

  async function resolve(tx: Tx, auth: Auth, q: EsfReportQuery) {
    const [programme] = await tx
      .select({ id: programmes.id, name: programmes.name })
      .from(programmes)
      .where(and(eq(programmes.organisationId, auth.organisationId), eq(programmes.id, q.programmeId)));
    if (!programme) throw errors.notFound('Programme');
    const allowed = reportPlaces(auth);
    let placeId = q.placeId ?? null;
    if (allowed !== 'all') {
      // A place-scoped role sees only its places: with one place, that place is the default.
      if (!placeId && allowed.length === 1) placeId = allowed[0];
      if (!placeId) throw errors.badRequest('place_required', 'You report on your own places: choose one.');
      if (!allowed.includes(placeId)) throw errors.notFound('Place');
    }
    let place: { id: string; name: string } | null = null;
    if (placeId) {
      [place] = await tx
        .select({ id: places.id, name: places.name })
        .from(places)
        .where(and(eq(places.organisationId, auth.organisationId), eq(places.id, placeId)));
      if (!place) throw errors.notFound('Place');
    }
    return { programme, place };
  }

  async function build(tx: Tx, auth: Auth, q: EsfReportQuery): Promise<EsfReportResponse> {
    const { programme, place } = await resolve(tx, auth, q);
    const now = clock();
    const asOf = today(now);
    const summary = await aggregateEsf(
      tx,
      { organisationId: auth.organisationId, programmeId: programme.id, placeId: place?.id },
      { period: { from: q.from, to: q.to }, asOf },
    );
    const short = new Set(summary.warnings.flatMap((w) => esfWarningAffects[w.code]));
    return {
      programme,
      place,
      period: { from: q.from ?? null, to: q.to ?? null },
      asOf,
      generatedAt: now.toISOString(),
      outputs: (Object.keys(esfOutputCodes) as (keyof typeof esfOutputCodes)[]).map((code) => ({
        code,
        counts: summary.outputs[code],
        incomplete: short.has(code),
      })),
      results: (Object.keys(esfResultCodes) as (keyof typeof esfResultCodes)[]).map((code) => ({
        code,
        counts: summary.results[code],
        incomplete: short.has(code),
      })),
      warnings: summary.warnings.map((w) => ({ ...w, affects: esfWarningAffects[w.code] })),
    };
  }

  return {
    async esfOptions(auth: Auth): Promise<EsfReportOptions> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const allowed = reportPlaces(auth);
        const programmeRows = await tx
          .select({ id: programmes.id, name: programmes.name, startsOn: programmes.startsOn, endsOn: programmes.endsOn })
          .from(programmes)
          .where(eq(programmes.organisationId, auth.organisationId))
          .orderBy(asc(programmes.name));
        const placeRows =
          allowed === 'all' || allowed.length
            ? await tx
                .select({ id: places.id, name: places.name })
                .from(places)
                .where(and(eq(places.organisationId, auth.organisationId), allowed === 'all' ? undefined : inArray(places.id, allowed)))
                .orderBy(asc(places.name))
            : [];
        return { programmes: programmeRows, places: placeRows, allPlaces: allowed === 'all' };
      });
    },

    esf(auth: Auth, q: EsfReportQuery): Promise<EsfReportResponse> {
      return withOrganisation(db, auth.organisationId, (tx) => build(tx, auth, q));
    },

    /** The report as a file; each download is written to the audit log with what was exported. */
    esfExport(auth: Auth, q: EsfExportQuery & { table?: EsfTable }, format: EsfExportFormat): Promise<ExportFile> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const report = await build(tx, auth, q);
        const table = q.table ?? 'outputs';
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'export',
          entityType: 'esf-report',
          entityId: report.programme.id,
          changes: { format, ...(format === 'csv' ? { table } : {}), placeId: report.place?.id ?? null, from: q.from ?? null, to: q.to ?? null, lang: q.lang },
        });
        const base = `esf-${slug(report.programme.name)}${report.place ? `-${slug(report.place.name)}` : ''}-${report.asOf}`;
        if (format === 'csv') {
          return { filename: `${base}-${table}.csv`, contentType: 'text/csv; charset=utf-8', body: esfCsv(report, table, q.lang, q.separator) };
        }
        if (format === 'xlsx') {
          return {
            filename: `${base}.xlsx`,
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            body: await esfXlsx(report, q.lang),
          };
        }
        const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, auth.organisationId));
        return { filename: `${base}.pdf`, contentType: 'application/pdf', body: await esfPdf(report, q.lang, org?.name ?? '') };
      });
    },
  };
}

/** A file name part from a programme or place name: letters and digits of any script, dashes. */
function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'report'
  );
}

export type ReportsService = ReturnType<typeof reportsService>;
