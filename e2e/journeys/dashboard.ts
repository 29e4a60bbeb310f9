/**
 * Dashboards and the research export, on the demo data: a coordinator reads the dashboard at a
 * glance and opens a chart's numbers as a table; on a phone in Arabic too; a researcher finds
 * the export screen. Every screen axe-checked.
 */
import type { JourneySpec } from '../journeys.ts';
import { demo, signIn, t, tAr } from '../support.ts';

export const journeys: JourneySpec[] = [
  {
    id: 'dashboard-coordinator',
    title: 'a coordinator opens the dashboard, reads the ladder moves and opens the participants chart as a table',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.coordinator);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await page
        .getByRole('navigation', { name: t('nav.main') })
        .getByRole('link', { name: t('reports.nav') })
        .click();
      await page.getByRole('main').getByRole('link', { name: t('dashboard.home.title') }).click();
      await page.getByRole('heading', { level: 1, name: t('dashboard.title') }).waitFor();
      await page.getByRole('heading', { name: t('dashboard.ladder.title') }).waitFor();
      await page.getByRole('heading', { name: t('dashboard.network.title') }).waitFor();
      await j.check('dashboard');
      await page.getByText(t('dashboard.showTable')).first().click();
      await page
        .getByRole('columnheader', { name: t('dashboard.participants.active') })
        .first()
        .waitFor();
      await j.check('dashboard-table');
    },
  },
  {
    id: 'dashboard-phone-arabic',
    title: 'the dashboard on a phone in Arabic reads right to left',
    async run(j) {
      const { page } = j;
      await page.setViewportSize({ width: 375, height: 800 });
      await signIn(j, demo.coordinator);
      // Signed in once the app leaves the sign-in page (which has a navigation too: the language switch).
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.evaluate(() => localStorage.setItem('schakel.language', 'ar'));
      await j.goto('/reports/dashboard');
      await page.getByRole('heading', { level: 1, name: tAr('dashboard.title') }).waitFor();
      await page.getByRole('heading', { name: tAr('dashboard.distance.title') }).waitFor();
      await j.check('dashboard-ar');
    },
  },
  {
    id: 'research-export-screen',
    title: 'a researcher picks an export key by its label on the research screen',
    async run(j) {
      const { page } = j;
      await signIn(j, 'researcher@blenders.demo');
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await j.goto('/research');
      await page.getByRole('heading', { level: 1, name: t('dashboard.research.title') }).waitFor();
      await j.check('research');
    },
  },
];
