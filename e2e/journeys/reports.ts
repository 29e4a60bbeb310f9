/**
 * The ESF+ report: a coordinator opens it from the menu, picks SamenWerkt, reads the outputs and
 * results tables and the warnings, and downloads the PDF and a CSV; on a phone the tables scroll
 * sideways in their own region. On the demo data, in Dutch.
 */
import { apiGet, type JourneySpec } from '../journeys.ts';
import { expect, signIn, t } from '../support.ts';

export const journeys: JourneySpec[] = [
  {
    id: 'reports-esf',
    title: 'a coordinator opens the ESF+ report of SamenWerkt, reads the tables and warnings, and downloads the PDF and a CSV',
    async run(j) {
      const { page } = j;
      await signIn(j, 'coordinator@blenders.demo');
      await page
        .getByRole('navigation', { name: t('nav.main') })
        .getByRole('link', { name: t('reports.nav') })
        .click();
      await j.check('reports');
      await page.getByRole('main').getByRole('link', { name: t('reports.hub.esfTitle') }).click();
      await page.getByRole('heading', { level: 1, name: t('reports.esf.title') }).waitFor();

      const options = await apiGet<{ programmes: { id: string; name: string }[] }>(j, '/reports/esf/options');
      const programme = options.programmes.find((p) => p.name.includes('SamenWerkt'));
      expect(programme, 'the demo should have the SamenWerkt programme');
      await j.goto(`/reports/esf?programme=${programme.id}`);
      const outputs = page.getByRole('table', { name: t('reports.esf.outputsTitle') });
      await outputs.waitFor();
      const total = outputs.getByRole('row').filter({ hasText: 'EECO01' });
      await total.getByRole('rowheader', { name: t('reports.esf.codes.EECO01') }).waitFor();
      const figures = (await total.getByRole('cell').allTextContents()).map((s) => s.trim());
      expect(Number(figures.at(-1)) > 0, `SamenWerkt should have participants in EECO01, got ${figures.join(' | ')}`);
      await page
        .getByRole('table', { name: t('reports.esf.resultsTitle') })
        .getByRole('row')
        .filter({ hasText: 'EECR04' })
        .waitFor();
      await page.getByRole('heading', { level: 2, name: t('reports.esf.warningsTitle') }).waitFor();
      await j.check('esf-report');

      const pdf = await page.request.get(
        await page
          .getByRole('link', { name: t('reports.esf.downloadPdf') })
          .getAttribute('href')
          .then((h) => `${j.baseUrl}${h}`),
      );
      expect(pdf.ok() && pdf.headers()['content-type'] === 'application/pdf', `the PDF download answered ${pdf.status()}`);
      const csvLink = page.getByRole('link', { name: t('reports.esf.downloadCsv', { table: t('reports.esf.sheets.outputs') }) });
      const csv = await page.request.get(`${j.baseUrl}${await csvLink.getAttribute('href')}`);
      const text = await csv.text();
      expect(text.includes(`EECO01;${t('reports.esf.codes.EECO01')};`), 'the CSV should hold EECO01 with its Dutch label, separated by semicolons');

      await page.setViewportSize({ width: 375, height: 800 });
      await page.getByRole('region', { name: t('reports.esf.scrollRegion', { table: t('reports.esf.outputsTitle') }) }).waitFor();
      await j.check('esf-report-phone');
    },
  },
];
