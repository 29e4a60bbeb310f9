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

      // The steering group's meeting with its agenda, decisions and the minutes to download.
      await page.getByRole('link', { name: t('policy.tabs.meetings') }).click();
      await page.getByRole('heading', { level: 1, name: t('policy.meetings.title') }).waitFor();
      const heldOn = new Intl.DateTimeFormat('nl', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2026-10-08T00:00:00Z'));
      await page.getByRole('link', { name: heldOn }).click();
      await page.getByRole('link', { name: t('policy.meetings.minutes') }).waitFor();
      await page.getByRole('heading', { level: 2, name: t('policy.meetings.agenda') }).waitFor();
      await j.check('matchmaker-meeting');
      await page.getByRole('link', { name: t('policy.tabs.stories') }).click();
      await page.getByRole('heading', { level: 1, name: t('policy.stories.title') }).waitFor();
      await j.check('matchmaker-stories');
    },
  },
];
