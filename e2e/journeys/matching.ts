/**
 * Matching: what could help a dream, for the participant on 'Wat kan ik, wat zoek ik' and for the
 * matchmaker on the board. On the demo data, in Dutch.
 */
import type { JourneySpec } from '../journeys.ts';
import { demo, signIn, t } from '../support.ts';

export const journeys: JourneySpec[] = [
  {
    id: 'matching-dream-help',
    title: 'a participant asks what could help their dream and sees people, activities or partners, each with reasons',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await j.goto('/matching/mine');
      await page.getByRole('heading', { level: 2, name: t('matching.dreams.title') }).waitFor();
      await page
        .getByRole('button', { name: t('matching.dreamHelp.show') })
        .first()
        .click();
      const panel = page.locator('.dream-help-panel').first();
      await panel.getByRole('heading', { name: t('matching.dreamHelp.people') }).waitFor();
      await panel.locator('.reasons li').first().waitFor();
      await j.check('dream-help');
      await page
        .getByRole('button', { name: t('matching.dreamHelp.hide') })
        .first()
        .click();
    },
  },
  {
    id: 'matching-board-dream-help',
    title: 'the matchmaker asks what could help a dream waiting on the board',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.matchmaker);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await j.goto('/matching/board');
      await page
        .getByRole('button', { name: t('matching.dreamHelp.show') })
        .first()
        .click();
      await page.locator('.dream-help-panel').first().locator('.reasons li').first().waitFor();
      await j.check('board-dream-help');
    },
  },
];
