/**
 * Referrals out: the partner worker (VDAB) signs in, finds the referral addressed to their service
 * in the inbox, sees only what the participant agreed to share, accepts it with feedback. The
 * companion cannot send a referral without consent and sees the mothers' group with its session;
 * the participant finds the download of everything held on her. On the demo data, in Dutch.
 */
import { apiGet, type JourneySpec } from '../journeys.ts';
import { demo, expect, signIn, t } from '../support.ts';

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
      const text = (await page.locator('main').textContent()) ?? '';
      expect(!text.includes('Ik wil in een keuken werken'), 'the participant’s plan must not show in the partner inbox');
      await j.check('inbox');

      await card.getByLabel(t('referrals.inbox.feedback')).fill('Welkom op de infosessie van 3 december om 9 uur.');
      await card.getByRole('button', { name: t('referrals.actions.to.accepted') }).click();
      await card.getByText(t('referrals.status.accepted')).waitFor();
      await card.getByRole('button', { name: t('referrals.actions.to.started') }).waitFor();
      await j.check('accepted');
    },
  },
  {
    id: 'referrals-companion-consent-and-group',
    title: "a companion tries to send a referral without consent and is sent to the consents; then opens the mothers' group",
    async run(j) {
      const { page } = j;
      await signIn(j, 'companion@blenders.demo');
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      const { items } = await apiGet<{ items: { id: string; participant: { givenName: string } }[] }>(j, '/pathways?scope=mine&limit=50');
      let pathwayId: string | undefined;
      for (const p of items) {
        const refs = await apiGet<{ items: { status: string; partnerName: string }[] }>(j, `/pathways/${p.id}/referrals-out`);
        if (refs.items.some((r) => r.status === 'proposed' && r.partnerName === 'CAW De Kempen')) pathwayId = p.id;
      }
      expect(pathwayId, 'the demo should have a referral to CAW proposed without consent');
      await j.goto(`/pathways/${pathwayId}/referrals`);
      const card = page.getByRole('article').filter({ hasText: 'Opvoedingsondersteuning' });
      await card.getByText(t('referrals.tab.noConsent', { partner: 'CAW De Kempen' })).waitFor();
      await card.getByRole('button', { name: t('referrals.actions.send') }).click();
      await card.getByRole('alert').getByText(t('referrals.errors.consent_required')).waitFor();
      await card.getByRole('link', { name: t('referrals.tab.toConsent') }).waitFor();
      await j.check('consent-required');

      await page
        .getByRole('navigation', { name: t('nav.main') })
        .getByRole('link', { name: t('referrals.nav.cohorts') })
        .click();
      await page.getByRole('heading', { level: 1, name: t('referrals.cohorts.title') }).waitFor();
      await page.getByRole('link', { name: 'Moedergroep Sleutel naar werk of opleiding' }).click();
      await page.getByRole('heading', { level: 1, name: 'Moedergroep Sleutel naar werk of opleiding' }).waitFor();
      await page.getByText('Samen koken: betaalbare recepten').waitFor();
      await page.getByRole('columnheader', { name: t('referrals.cohorts.attended') }).waitFor();
      await j.check('cohort');
    },
  },
  {
    id: 'referrals-participant-downloads',
    title: 'a participant finds the download of everything held on her on the home page and reads it as a page',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.participant);
      const section = page.getByRole('region', { name: t('referrals.download.mineTitle') });
      await section.waitFor();
      await j.check('home');
      const [tab] = await Promise.all([page.context().waitForEvent('page'), section.getByRole('link', { name: t('referrals.download.asPage') }).click()]);
      await tab.waitForLoadState('domcontentloaded');
      const html = await tab.content();
      expect(html.includes('<h1>'), 'the download page should have a title');
      expect(/dir="(ltr|rtl)"/.test(html), 'the download page should say its direction');
      await tab.close();
    },
  },
];
