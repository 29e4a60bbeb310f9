/**
 * Barriers: a participant says on a phone what blocks her; the matchmaker finds it in the list and
 * opens it. On the demo data, in Dutch.
 */
import type { JourneySpec } from '../journeys.ts';
import { demo, signIn, t } from '../support.ts';

export const journeys: JourneySpec[] = [
  {
    id: 'policy-participant-raises-barrier',
    title: 'a participant says what blocks her on a phone; the matchmaker sees it in the barriers list and opens it',
    async run(j) {
      const { page } = j;
      const text = `Geen opvang voor mijn dochter tijdens de taalles (${Date.now().toString(36)})`;
      await page.setViewportSize({ width: 375, height: 800 });
      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await page
        .getByRole('navigation', { name: t('nav.main') })
        .getByRole('link', { name: t('policy.nav'), exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: t('policy.mine.title') }).waitFor();
      // Her own barrier from the demo shows the steering group's answer in plain words.
      await page.getByText(t('policy.plain.partly-accepted')).first().waitFor();
      await j.check('participant-page');

      await page.getByLabel(t('policy.raise.text')).fill(text);
      await page.getByRole('button', { name: t('policy.raise.domain') }).click();
      await page.getByRole('option', { name: t('policy.domain.childcare') }).click();
      await page.getByLabel(t('policy.raise.people')).fill('2');
      await page.getByRole('button', { name: t('policy.raise.submit') }).click();
      await page
        .getByRole('status')
        .filter({ hasText: t('policy.raise.done') })
        .waitFor();
      await page.getByRole('link', { name: text }).waitFor();
      await j.check('participant-raised');

      // The matchmaker of her place finds it.
      await page.context().clearCookies();
      await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(j, demo.matchmaker);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await page
        .getByRole('navigation', { name: t('nav.main') })
        .getByRole('link', { name: t('policy.nav'), exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: t('policy.list.title') }).waitFor();
      await page.getByRole('searchbox', { name: t('policy.filter.search') }).fill('taalles');
      await page.getByRole('link', { name: text }).click();
      await page.getByRole('heading', { level: 1, name: t('policy.barrier.title') }).waitFor();
      await page.getByText(t('policy.barrier.history')).waitFor();
      await j.check('matchmaker-barrier');
    },
  },
];
