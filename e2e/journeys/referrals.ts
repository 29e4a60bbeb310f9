/**
 * Referrals out: the partner worker (VDAB) signs in, finds the referral addressed to their service
 * in the inbox, sees only what the participant agreed to share, accepts it with feedback.
 * On the demo data, in Dutch.
 */
import type { JourneySpec } from '../journeys.ts';
import { expect, signIn, t } from '../support.ts';

export const journeys: JourneySpec[] = [
  {
    id: 'referrals-partner-answers',
    title: 'a partner worker signs in, opens the referrals for their service and accepts one with feedback',
    async run(j) {
      const { page } = j;
      await signIn(j, 'partner@blenders.demo');
      const nav = page.getByRole('navigation', { name: t('nav.main') });
      await nav.getByRole('link', { name: t('referrals.nav.inbox') }).click();
      await page.getByRole('heading', { level: 1, name: t('referrals.inbox.title') }).waitFor();
      await page.getByText(t('referrals.inbox.for', { partner: 'VDAB' })).waitFor();

      const card = page.getByRole('article').filter({ hasText: 'Opleiding medewerker grootkeuken' });
      await card.waitFor();
      expect((await page.getByRole('article').count()) === 1, 'the VDAB inbox should hold exactly one referral');
      // Only what consent covers: the handover note, no journal, no plan.
      await card.getByText('Proefdag in de keuken').waitFor();
      const text = await page.locator('main').innerText();
      expect(!text.includes('Ik wil in een keuken werken'), 'the participant’s plan must not show in the partner inbox');
      await j.check('inbox');

      await card.getByLabel(t('referrals.inbox.feedback')).fill('Welkom op de infosessie van 3 december om 9 uur.');
      await card.getByRole('button', { name: t('referrals.actions.to.accepted') }).click();
      await card.getByText(t('referrals.status.accepted')).waitFor();
      await card.getByRole('button', { name: t('referrals.actions.to.started') }).waitFor();
      await j.check('accepted');
    },
  },
];
