/**
 * A small building block for printable documents (steering-group minutes, funder reports, a
 * participant's own data): a title, headings, paragraphs, key-value lists and tables, with the
 * organisation's name, the generation date and page numbers on every page.
 *
 * One embedded font (DejaVu Sans, from the npm package dejavu-fonts-ttf) covers Latin with accents,
 * Greek, Cyrillic, Hebrew and Arabic, so names print in any of the scripts our participants write.
 * pdfkit (through fontkit) shapes Arabic letters; the visual order of mixed left-to-right and
 * right-to-left text on one line is done here by splitting text into direction runs.
 *
 *   const pdf = createPdf({ title: 'Verslag stuurgroep', organisationName: 'OCMW Sint-Niklaas', locale: 'nl' });
 *   pdf.heading('Aanwezig').paragraph('Fatima, Sarah, ...').table({ columns: [...], rows: [...] });
 *   const bytes = await pdf.end();
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const fontFiles = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

export interface PdfLabels {
  /** Footer page label, e.g. (2, 5) => 'Pagina 2 van 5'. */
  page: (page: number, total: number) => string;
  /** Put before the generation date, e.g. 'Gemaakt op'. */
  generated: string;
}

export interface PdfOptions {
  title: string;
  organisationName: string;
  /** BCP 47 locale for dates; 'nl' by default. */
  locale?: string;
  /** When the document was made (shown in the header); now by default. */
  generatedAt?: Date;
  /** Time zone for the generation date; Europe/Brussels by default. */
  timeZone?: string;
  /** An optional line under the title (period, programme, place). */
  subtitle?: string;
  labels?: Partial<PdfLabels>;
  /** Compress content streams (default true); tests read them uncompressed. */
  compress?: boolean;
}

export interface PdfColumn {
  header: string;
  /** Relative width (default 1). */
  width?: number;
  align?: 'start' | 'end';
}

export interface PdfTable {
  columns: PdfColumn[];
  rows: (string | number | null | undefined)[][];
  /** Printed instead of an empty table. */
  empty?: string;
}

export interface PdfBuilder {
  heading(text: string, level?: 1 | 2): PdfBuilder;
  paragraph(text: string, options?: { muted?: boolean; bold?: boolean }): PdfBuilder;
  /** Label: value lines, e.g. date, place, present. */
  keyValues(pairs: [string, string][]): PdfBuilder;
  table(table: PdfTable): PdfBuilder;
  /** Vertical space in points. */
  space(points?: number): PdfBuilder;
  /** Finishes the document: header and footer on each page, and the bytes. */
  end(): Promise<Buffer>;
}

const MARGIN = 50;
const HEADER_GAP = 28;
const COLOURS = { text: '#1a1a1a', muted: '#5c5c5c', rule: '#b5b5b5', header: '#f0f0f0' };

const strongRtl = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const strongLtr = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u1E00-\u1EFF]/;

/** Whether the first strongly directional character is right-to-left. */
export function isRtl(text: string): boolean {
  for (const ch of text) {
    if (strongRtl.test(ch)) return true;
    if (strongLtr.test(ch)) return false;
  }
  return false;
}

/**
 * Splits text into runs of one direction, in the visual order for a line whose base direction is
 * that of the text. Neutral characters (spaces, digits, punctuation) join the run they stand in.
 * fontkit reverses the glyphs inside a right-to-left run itself.
 */
export function visualRuns(text: string): { text: string; rtl: boolean }[] {
  const base = isRtl(text);
  const runs: { text: string; rtl: boolean }[] = [];
  let current: { text: string; rtl: boolean } | null = null;
  // Neutrals (spaces, digits, punctuation) between two characters of one direction take that
  // direction; between a change of direction they take the base direction (Unicode bidi N1/N2).
  let neutrals = '';
  for (const ch of text) {
    // Digits read left to right inside right-to-left text too: they form runs of their own.
    const dir = strongRtl.test(ch) ? true : strongLtr.test(ch) || (ch >= '0' && ch <= '9') ? false : null;
    if (dir === null) {
      neutrals += ch;
      continue;
    }
    if (current === null) {
      if (neutrals && dir !== base) runs.push({ text: neutrals, rtl: base });
      current = { text: dir !== base ? ch : neutrals + ch, rtl: dir };
    } else if (dir === current.rtl) current.text += neutrals + ch;
    else if (current.rtl === base) {
      current.text += neutrals;
      runs.push(current);
      current = { text: ch, rtl: dir };
    } else {
      runs.push(current);
      current = { text: neutrals + ch, rtl: dir };
    }
    neutrals = '';
  }
  if (current === null) return [{ text: neutrals, rtl: base }];
  if (neutrals && current.rtl === base) current.text += neutrals;
  else if (neutrals) {
    runs.push(current);
    current = { text: neutrals, rtl: base };
  }
  runs.push(current);
  // Right-to-left base: the runs are laid out from the right, so they print in reverse order.
  return base ? runs.reverse() : runs;
}

/**
 * pdfkit lays out text word by word (for its cache), which puts the spaces of right-to-left text on
 * the wrong side; with a features list it lays out the whole line at once and fontkit orders it.
 */
function shaping(text: string): { features?: [] } {
  return strongRtl.test(text) ? { features: [] } : {};
}

function cellText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

export function createPdf(options: PdfOptions): PdfBuilder {
  const locale = options.locale ?? 'nl';
  const labels: PdfLabels = {
    page: options.labels?.page ?? ((page, total) => `${page} / ${total}`),
    generated: options.labels?.generated ?? '',
  };
  const generatedAt = options.generatedAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + HEADER_GAP, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: options.title, Author: options.organisationName, Creator: 'Schakel', CreationDate: generatedAt },
    lang: locale,
    displayTitle: true,
  });
  doc.registerFont('regular', fontFiles.regular);
  doc.registerFont('bold', fontFiles.bold);
  doc.font('regular').fillColor(COLOURS.text);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const contentWidth = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  /**
   * Writes one block of text at the current position, in its own direction. Text without
   * right-to-left letters goes through pdfkit's own wrapping; other text is broken into lines here
   * and each line drawn run by run in visual order, aligned to the side it starts from.
   */
  function write(text: string, font: 'regular' | 'bold', size: number, colour: string, x = doc.page.margins.left, width = contentWidth()) {
    doc.font(font).fontSize(size).fillColor(colour);
    if (!strongRtl.test(text)) {
      doc.text(text, x, doc.y, { width, align: 'left' });
      return;
    }
    const rtl = isRtl(text);
    const lineHeight = doc.currentLineHeight(true);
    const measure = (t: string) => doc.widthOfString(t, shaping(t));
    for (const paragraph of text.split('\n')) {
      const lines: string[] = [];
      let current = '';
      for (const token of paragraph.split(/(\s+)/)) {
        const candidate = current + token;
        if (current.trim() && measure(candidate.trimEnd()) > width) {
          lines.push(current.trimEnd());
          current = token.trimStart();
        } else current = candidate;
      }
      lines.push(current.trimEnd());
      for (const line of lines) {
        if (doc.y + lineHeight > bottom()) doc.addPage();
        const y = doc.y;
        const runs = visualRuns(line);
        const total = runs.reduce((sum, r) => sum + measure(r.text), 0);
        let cx = rtl ? x + width - total : x;
        for (const run of runs) {
          doc.text(run.text, cx, y, { lineBreak: false, ...shaping(run.text) });
          cx += measure(run.text);
        }
        doc.x = x;
        doc.y = y + lineHeight;
      }
    }
  }

  /** One line in the margins (header, footer), cut to fit; right-to-left text in visual order. */
  function line(text: string, x: number, y: number, width: number, align: 'left' | 'right') {
    if (!strongRtl.test(text)) {
      doc.text(text, x, y, { width, align, lineBreak: false, ellipsis: true, height: 12 });
      return;
    }
    const runs = visualRuns(text);
    const widths = runs.map((r) => doc.widthOfString(r.text, shaping(r.text)));
    const total = widths.reduce((a, b) => a + b, 0);
    let cx = align === 'right' ? x + width - Math.min(total, width) : x;
    runs.forEach((run, i) => {
      if (cx + widths[i] <= x + width + 0.5) doc.text(run.text, cx, y, { lineBreak: false, ...shaping(run.text) });
      cx += widths[i];
    });
  }

  function ensureSpace(height: number) {
    if (doc.y + height > bottom()) doc.addPage();
  }

  // Title block on the first page.
  write(options.title, 'bold', 18, COLOURS.text);
  if (options.subtitle) write(options.subtitle, 'regular', 11, COLOURS.muted);
  doc.moveDown(0.8);

  const builder: PdfBuilder = {
    heading(text, level = 1) {
      const size = level === 1 ? 14 : 12;
      ensureSpace(size * 3);
      doc.moveDown(level === 1 ? 0.6 : 0.4);
      write(text, 'bold', size, COLOURS.text);
      doc.moveDown(0.25);
      return builder;
    },
    paragraph(text, opts = {}) {
      ensureSpace(24);
      write(text, opts.bold ? 'bold' : 'regular', 10.5, opts.muted ? COLOURS.muted : COLOURS.text);
      doc.moveDown(0.4);
      return builder;
    },
    keyValues(pairs) {
      const labelWidth = Math.min(150, contentWidth() * 0.3);
      const valueWidth = contentWidth() - labelWidth - 10;
      for (const [label, value] of pairs) {
        doc.font('regular').fontSize(10.5);
        const height = Math.max(doc.heightOfString(label, { width: labelWidth }), doc.heightOfString(value || ' ', { width: valueWidth }));
        ensureSpace(height + 4);
        const y = doc.y;
        write(label, 'bold', 10.5, COLOURS.muted, doc.page.margins.left, labelWidth);
        doc.y = y;
        write(value, 'regular', 10.5, COLOURS.text, doc.page.margins.left + labelWidth + 10, valueWidth);
        doc.y = y + height + 4;
      }
      doc.x = doc.page.margins.left;
      doc.moveDown(0.4);
      return builder;
    },
    table(table) {
      const { columns } = table;
      if (table.rows.length === 0 && table.empty) return builder.paragraph(table.empty, { muted: true });
      const totalWeight = columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
      const widths = columns.map((c) => (contentWidth() * (c.width ?? 1)) / totalWeight);
      const padding = 4;
      const size = 9.5;

      const rowHeight = (cells: string[], font: 'regular' | 'bold') => {
        doc.font(font).fontSize(size);
        return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i] - 2 * padding }))) + 2 * padding;
      };
      const drawRow = (cells: string[], font: 'regular' | 'bold', shaded: boolean) => {
        const height = rowHeight(cells, font);
        const top = doc.y;
        const left = doc.page.margins.left;
        if (shaded) doc.rect(left, top, contentWidth(), height).fill(COLOURS.header);
        let x = left;
        cells.forEach((cell, i) => {
          doc.y = top + padding;
          const column = columns[i];
          const end = column.align === 'end';
          if (end && !strongRtl.test(cell)) {
            doc.font(font).fontSize(size).fillColor(COLOURS.text);
            doc.text(cell, x + padding, top + padding, { width: widths[i] - 2 * padding, align: 'right' });
          } else write(cell, font, size, COLOURS.text, x + padding, widths[i] - 2 * padding);
          x += widths[i];
        });
        doc
          .moveTo(left, top + height)
          .lineTo(left + contentWidth(), top + height)
          .lineWidth(0.5)
          .strokeColor(COLOURS.rule)
          .stroke();
        doc.x = left;
        doc.y = top + height;
      };

      const headers = columns.map((c) => c.header);
      const headerHeight = rowHeight(headers, 'bold');
      ensureSpace(headerHeight * 2);
      drawRow(headers, 'bold', true);
      for (const row of table.rows) {
        const cells = columns.map((_, i) => cellText(row[i]));
        if (doc.y + rowHeight(cells, 'regular') > bottom()) {
          doc.addPage();
          drawRow(headers, 'bold', true);
        }
        drawRow(cells, 'regular', false);
      }
      doc.moveDown(0.8);
      return builder;
    },
    space(points = 10) {
      doc.y += points;
      return builder;
    },
    async end() {
      const dateText = new Intl.DateTimeFormat(locale, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: options.timeZone ?? 'Europe/Brussels',
      }).format(generatedAt);
      const generated = labels.generated ? `${labels.generated} ${dateText}` : dateText;
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const { left, right } = doc.page.margins;
        const width = doc.page.width - left - right;
        // Header and footer sit in the margins: lift the bottom margin so pdfkit does not add a page.
        const savedBottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc.font('regular').fontSize(8.5).fillColor(COLOURS.muted);
        line(options.organisationName, left, MARGIN - 10, width / 2, 'left');
        line(generated, left + width / 2, MARGIN - 10, width / 2, 'right');
        const footerY = doc.page.height - MARGIN;
        line(options.title, left, footerY, (width * 2) / 3, 'left');
        line(labels.page(i - range.start + 1, range.count), left + (width * 2) / 3, footerY, width / 3, 'right');
        doc.page.margins.bottom = savedBottom;
      }
      doc.end();
      return done;
    },
  };
  return builder;
}
