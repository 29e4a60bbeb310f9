/**
 * Pathways: the companion opens a participant's file from the caseload and adds a step to the
 * plan; the participant sees it on 'Mijn traject' and ticks it done. On the demo data, in Dutch.
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
];
