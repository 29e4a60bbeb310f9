/**
 * Pathways: the companion opens a participant's file from the caseload and adds a step to the
 * plan; the participant sees it on 'Mijn traject' and ticks it done. Someone new comes on their own:
 * the companion records the referral and does the intake. On the demo data, in Dutch.
 */
import { apiGet, type JourneySpec } from '../journeys.ts';
import { demo, eventually, expect, signIn, t } from '../support.ts';

interface Mine {
  pathway: { id: string; participant: { givenName: string; familyName: string } } | null;
  plan: { id: string; text: string }[];
}

export const journeys: JourneySpec[] = [
  {
    id: 'pathways-companion-adds-step',
    title: "the companion opens the participant's file and adds a step; the participant sees it on /my-pathway and ticks it done",
    async run(j) {
      const { page } = j;
      // Who the demo participant is, seen from their own account.
      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      const mine = await apiGet<Mine>(j, '/my-pathway');
      expect(mine.pathway, 'the demo participant should have a pathway');
      const name = `${mine.pathway.participant.givenName} ${mine.pathway.participant.familyName}`;
      const goal = mine.plan[0];
      expect(goal, 'the demo pathway should have a goal');
      await page.context().clearCookies();

      await signIn(j, 'companion@blenders.demo');
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await page
        .getByRole('navigation', { name: t('nav.main') })
        .getByRole('link', { name: t('pathways.nav') })
        .click();
      await page.getByRole('heading', { level: 1, name: t('pathways.caseload.title') }).waitFor();
      await j.check('caseload');
      await page.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name: t('pathways.file.heading', { name }) }).waitFor();
      await j.check('file');

      await page
        .getByRole('navigation', { name: t('pathways.file.tabs') })
        .getByRole('link', { name: t('pathways.tabs.plan') })
        .click();
      const goalCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: goal.text }) });
      await goalCard.waitFor();
      await goalCard.getByRole('button', { name: `+ ${t('pathways.plan.addStep')}` }).click();
      const step = `Sollicitatiebrief schrijven met Joyce ${Date.now() % 10000}`;
      await goalCard.getByLabel(t('pathways.plan.stepText')).fill(step);
      await goalCard.getByRole('button', { name: t('pathways.plan.save') }).click();
      await goalCard.getByText(step).waitFor();
      await j.check('step-added');
      await page.context().clearCookies();

      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await page.getByRole('link', { name: t('pathways.my.title') }).click();
      await page.getByRole('heading', { level: 1, name: t('pathways.my.title') }).waitFor();
      await page.getByText(step).waitFor();
      await j.check('my-pathway');
      const tick = page.getByRole('button', { name: t('pathways.my.markDoneNamed', { text: step }) });
      await tick.click();
      await eventually(async () => (await tick.getAttribute('aria-pressed')) === 'true', 'the step should show as done');
      await j.check('step-done');
    },
  },
  {
    id: 'pathways-referral-and-intake',
    title: 'someone comes on their own: the companion records the referral, does the intake with consent and entry data, and lands on the new file',
    async run(j) {
      const { page } = j;
      await signIn(j, 'companion@blenders.demo');
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await j.goto('/pathways/referrals/new');
      await page.getByRole('heading', { level: 1, name: t('pathways.referralForm.title') }).waitFor();
      const family = `Test${Date.now() % 100000}`;
      await page.getByLabel(t('pathways.referralForm.givenName')).fill('Rayan');
      await page.getByLabel(t('pathways.referralForm.familyName')).fill(family);
      await page.getByRole('radio', { name: t('pathways.source.self') }).check({ force: true });
      await page.getByLabel(t('pathways.referralForm.reason')).fill('Kwam binnen op het open Huys-moment en wil werk zoeken.');
      await j.check('referral-form');
      await page.getByRole('button', { name: t('pathways.referralForm.save') }).click();
      await page.getByRole('heading', { level: 1, name: t('pathways.referrals.title') }).waitFor();
      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Rayan ${family}` }) });
      await card.waitFor();
      await j.check('referrals');
      await card.getByRole('link', { name: t('pathways.referrals.doIntake') }).click();
      await page.getByRole('heading', { level: 1, name: `${t('pathways.intake.title')}: Rayan ${family}` }).waitFor();

      // Sending it empty puts every missing answer beside its question.
      await page.getByRole('button', { name: t('pathways.intake.submit') }).click();
      await page.getByText(t('pathways.intake.guidanceRequired')).waitFor();
      await page.getByRole('checkbox', { name: new RegExp(`^${t('pathways.purpose.guidance')}`) }).check({ force: true });
      await page.getByLabel(t('pathways.intake.birthDate')).fill('2002-03-04');
      const choose = async (group: string, option: string) =>
        page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true }).check({ force: true });
      await choose(t('pathways.intake.gender'), t('pathways.gender.man'));
      await page.getByRole('button', { name: new RegExp(t('pathways.intake.isced')) }).click();
      await page.getByRole('option', { name: t('pathways.isced.3') }).click();
      await choose(t('pathways.intake.employment'), t('pathways.employment.unemployed'));
      await page.getByLabel(t('pathways.intake.unemployedSince')).fill('2025-09-01');
      for (const k of ['thirdCountryNational', 'homeless', 'rural', 'minority', 'foreignBackground'])
        await choose(t(`pathways.intake.${k}`), t('pathways.answer.no'));
      await choose(t('pathways.intake.disability'), t('pathways.answer.refused'));
      await j.check('intake-filled');
      await page.getByRole('button', { name: t('pathways.intake.submit') }).click();
      await page.getByRole('heading', { level: 1, name: t('pathways.file.heading', { name: `Rayan ${family}` }) }).waitFor();
      await page.getByText(t('pathways.intake.started')).waitFor();
      await j.check('file');
      await page
        .getByRole('navigation', { name: t('pathways.file.tabs') })
        .getByRole('link', { name: t('pathways.tabs.consent') })
        .click();
      await page.getByText(t('pathways.answer.refused')).waitFor();
      await j.check('consent-and-entry');
    },
  },
];
