import { describe, expect, it } from 'vitest';
import { createPdf, isRtl, visualRuns } from './pdf.ts';

/** Unicode code points the PDF's ToUnicode maps name: the characters it drew with the embedded font. */
function drawnCodePoints(pdf: Buffer): Set<number> {
  const text = pdf.toString('latin1');
  const points = new Set<number>();
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-f]{4})>/gi)) points.add(Number.parseInt(m[1], 16));
  }
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-f]{4})>/gi)) points.add(Number.parseInt(m[1], 16));
  }
  return points;
}

describe('direction of mixed text', () => {
  it('keeps a left-to-right sentence with an Arabic name in reading order, the comma on the Latin side', () => {
    expect(visualRuns('Aanwezig: Zoë, فاطمة الزهراء, Søren')).toEqual([
      { text: 'Aanwezig: Zoë, ', rtl: false },
      { text: 'فاطمة الزهراء', rtl: true },
      { text: ', Søren', rtl: false },
    ]);
  });

  it('lays out an Arabic sentence with a Latin word from the right', () => {
    expect(isRtl('أعمل في VDAB الآن')).toBe(true);
    expect(visualRuns('أعمل في VDAB الآن').map((r) => r.text)).toEqual([' الآن', 'VDAB', 'أعمل في ']);
  });

  it('treats text without letters as the base direction', () => {
    expect(visualRuns('12 - 14')).toEqual([{ text: '12 - 14', rtl: false }]);
  });
});

describe('createPdf', () => {
  it('makes a PDF with a page number on every page, Arabic and accents from the embedded font', async () => {
    const pages: [number, number][] = [];
    const pdf = createPdf({
      title: 'Verslag stuurgroep',
      organisationName: 'OCMW Sint-Niklaas',
      generatedAt: new Date('2026-03-12T10:00:00Z'),
      compress: false,
      labels: {
        generated: 'Gemaakt op',
        page: (page, total) => {
          pages.push([page, total]);
          return `Pagina ${page} van ${total}`;
        },
      },
    });
    pdf
      .heading('Aanwezig')
      .keyValues([['Aanwezig', 'Zoë Verbeke, فاطمة الزهراء']])
      .paragraph('لا أستطيع الذهاب إلى التدريب لأنه لا توجد حضانة لأطفالي')
      .table({
        columns: [
          { header: 'Drempel', width: 3 },
          { header: 'Steun', align: 'end' },
        ],
        rows: Array.from({ length: 80 }, (_, i) => [`Vervoerskosten ${i}`, i]),
      });
    const bytes = await pdf.end();

    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    const drawn = drawnCodePoints(bytes);
    // ë, and Arabic letters in their shaped (presentation) forms or base forms
    expect(drawn.has(0xeb)).toBe(true);
    expect([...drawn].some((cp) => (cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0xfe70 && cp <= 0xfeff))).toBe(true);
  });

  it('prints a line instead of an empty table', async () => {
    const pdf = createPdf({ title: 'Leeg', organisationName: 'Blenders vzw', compress: false });
    pdf.table({ columns: [{ header: 'Drempel' }], rows: [], empty: 'Geen drempels' });
    const bytes = await pdf.end();
    expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });
});
