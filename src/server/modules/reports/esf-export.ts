/**
 * The ESF+ report as files: CSV (one table per file), XLSX (one sheet per table) and a printable
 * PDF for the funder and the steering group. Every file holds exactly what the screen shows: the
 * indicator code, its label in the chosen language, women, men, non-binary and total, and the
 * warnings in words.
 */
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { EsfReportResponse } from '../../../shared/reports.ts';
import type { Locale } from '../../../shared/schemas.ts';
import { createPdf } from '../../export/pdf.ts';
import { t } from '../../i18n.ts';

export type EsfTable = 'outputs' | 'results' | 'warnings';
type Cell = string | number;

/** The rows of one table, header first, as the screen shows them. */
export function esfTableRows(report: EsfReportResponse, table: EsfTable, lang: Locale): Cell[][] {
  const col = (key: string) => t(lang, `reports.esf.columns.${key}`);
  if (table === 'warnings') {
    return [[col('warningCode'), col('warning'), col('participants')], ...report.warnings.map((w) => [w.code, warningText(w.code, w.count, lang), w.count])];
  }
  const rows = table === 'outputs' ? report.outputs : report.results;
  return [
    [col('code'), col('indicator'), col('women'), col('men'), col('nonBinary'), col('total')],
    ...rows.map((r) => [r.code, t(lang, `reports.esf.codes.${r.code}`), r.counts.women, r.counts.men, r.counts.nonBinary, r.counts.total]),
  ];
}

export function warningText(code: string, count: number, lang: Locale): string {
  return t(lang, `reports.esf.warnings.${code}`, { count });
}

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs a label as a formula. */
export function csvCell(value: Cell, separator: string): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a byte order mark, so Excel reads accents and Arabic correctly; CRLF line ends. */
export function esfCsv(report: EsfReportResponse, table: EsfTable, lang: Locale, separator: 'comma' | 'semicolon'): Buffer {
  const sep = separator === 'semicolon' ? ';' : ',';
  const text = esfTableRows(report, table, lang)
    .map((row) => row.map((c) => csvCell(c, sep)).join(sep))
    .join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

function describe(report: EsfReportResponse, lang: Locale): [string, string][] {
  const period = report.period.from || report.period.to ? `${report.period.from ?? '…'} – ${report.period.to ?? '…'}` : t(lang, 'reports.esf.wholePeriod');
  return [
    [t(lang, 'reports.esf.programme'), report.programme.name],
    [t(lang, 'reports.esf.place'), report.place?.name ?? t(lang, 'reports.esf.allPlaces')],
    [t(lang, 'reports.esf.period'), period],
    [t(lang, 'reports.esf.asOf'), report.asOf],
  ];
}

export async function esfXlsx(report: EsfReportResponse, lang: Locale): Promise<Buffer> {
  const rtl = lang === 'ar';
  const sheet = (table: EsfTable): SheetData => {
    const [header, ...rows] = esfTableRows(report, table, lang);
    return [header.map((value) => ({ value, fontWeight: 'bold' as const })), ...rows.map((row) => row.map((value) => ({ value })))];
  };
  const about: SheetData = describe(report, lang).map(([k, v]) => [{ value: k, fontWeight: 'bold' as const }, { value: v }]);
  const widths = { outputs: [10, 60, 10, 10, 12, 10], results: [10, 60, 10, 10, 12, 10], warnings: [34, 90, 14] };
  const name = (key: string) => t(lang, `reports.esf.sheets.${key}`).slice(0, 31);
  return writeXlsxFile([
    { data: about, sheet: name('report'), columns: [{ width: 24 }, { width: 50 }], rightToLeft: rtl },
    ...(['outputs', 'results', 'warnings'] as const).map((table) => ({
      data: sheet(table),
      sheet: name(table),
      columns: widths[table].map((width) => ({ width })),
      rightToLeft: rtl,
    })),
  ]).toBuffer();
}

export async function esfPdf(report: EsfReportResponse, lang: Locale, organisationName: string): Promise<Buffer> {
  const pdf = createPdf({
    title: t(lang, 'reports.esf.title'),
    subtitle: `${report.programme.name}${report.place ? ` · ${report.place.name}` : ''}`,
    organisationName,
    locale: lang,
    generatedAt: new Date(report.generatedAt),
    labels: { page: (page, total) => t(lang, 'reports.esf.pdf.page', { page, total }), generated: t(lang, 'reports.esf.pdf.generated') },
  });
  pdf.keyValues(describe(report, lang));
  const table = (which: EsfTable) => {
    const [header, ...rows] = esfTableRows(report, which, lang);
    const numeric = which === 'warnings' ? [2] : [2, 3, 4, 5];
    const widths = which === 'warnings' ? [0, 5, 1] : [1.1, 3.6, 1.3, 1.3, 1.4, 1.1];
    // The warnings table shows the text and the count; the code stays in the files meant for machines.
    const shown = which === 'warnings' ? [1, 2] : [0, 1, 2, 3, 4, 5];
    pdf.table({
      columns: shown.map((i) => ({ header: String(header[i]), width: widths[i], align: numeric.includes(i) ? ('end' as const) : ('start' as const) })),
      rows: rows.map((row) => shown.map((i) => row[i])),
      empty: t(lang, 'reports.esf.noWarnings'),
    });
  };
  pdf.heading(t(lang, 'reports.esf.outputsTitle'));
  pdf.paragraph(t(lang, 'reports.esf.outputsExplained'), { muted: true });
  table('outputs');
  pdf.heading(t(lang, 'reports.esf.resultsTitle'));
  pdf.paragraph(t(lang, 'reports.esf.resultsExplained'), { muted: true });
  table('results');
  pdf.heading(t(lang, 'reports.esf.warningsTitle'));
  pdf.paragraph(t(lang, 'reports.esf.warningsExplained'), { muted: true });
  table('warnings');
  return pdf.end();
}
