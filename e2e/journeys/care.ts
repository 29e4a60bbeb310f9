/**
 * The care record of a pathway: the participant scores herself on a phone and reads what her
 * companion shares; the companion writes a contact moment for her; both see the network map.
 * On the demo data (the demo participant's pathway with companion@ on the team).
 */
import { apiGet, type JourneySpec } from '../journeys.ts';
import { demo, expect, signIn, t, tAr } from '../support.ts';

const companion = 'companion@blenders.demo';

async function myPathwayId(j: Parameters<JourneySpec['run']>[0]) {
  const mine = await apiGet<{ pathway: { id: string } | null }>(j, '/my-pathway');
  expect(mine.pathway, 'the demo participant should have a pathway');
  return mine.pathway.id;
}

export const journeys: JourneySpec[] = [
  {
    id: 'care-participant-scores-herself',
    title: 'a participant scores herself on the participation ladder on a phone and sees her line beside her companion’s',
    async run(j) {
      const { page } = j;
      await page.setViewportSize({ width: 375, height: 800 });
      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      const id = await myPathwayId(j);
      await j.goto(`/pathways/${id}/assessments`);
      await page.getByRole('heading', { level: 3, name: 'Participatieladder' }).waitFor();
      await j.check('assessments');
      await page
        .getByRole('button', { name: t('care.assessments.scoreSelf') })
        .first()
        .click();
      // React Aria keeps the radio input visually hidden: press its label, as a finger does.
      await page.getByText('Onbetaald werk', { exact: true }).click();
      expect(await page.getByRole('radio', { name: /Onbetaald werk/ }).isChecked(), 'the chosen level is checked');
      await j.check('score-form');
      await page.getByRole('button', { name: t('care.save') }).click();
      await page
        .getByRole('button', { name: t('care.assessments.scoreSelf') })
        .first()
        .waitFor();
      await page.getByText(t('care.assessments.showTable')).first().click();
      await page
        .getByRole('cell', { name: /Deelnemer/ })
        .first()
        .waitFor();
      await j.check('scored');
    },
  },
  {
    id: 'care-companion-shares-a-contact-moment',
    title: 'a companion writes a contact moment for the team and the participant; the participant reads it, not the team-only ones',
    async run(j) {
      const { page } = j;
      const note = `Samen de inschrijving voor de opleiding ingevuld (${Date.now().toString(36)})`;
      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      const id = await myPathwayId(j);

      await page.context().clearCookies();
      await signIn(j, companion);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await j.goto(`/pathways/${id}/journal`);
      await page.getByRole('heading', { level: 3, name: t('care.journal.title') }).waitFor();
      await page.getByRole('button', { name: t('care.journal.new') }).click();
      await page.getByLabel(new RegExp(`^${t('care.journal.note')}`)).fill(note);
      await page
        .getByRole('radiogroup', { name: t('care.journal.whoReads') })
        .getByText(t('care.journal.visibility.participant'), { exact: true })
        .click();
      await j.check('journal-form');
      await page.getByRole('button', { name: t('care.save') }).click();
      await page.getByText(note).waitFor();
      await j.check('journal');

      await page.context().clearCookies();
      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await j.goto(`/pathways/${id}/journal`);
      await page.getByRole('heading', { level: 3, name: t('care.journal.sharedTitle') }).waitFor();
      await page.getByText(note).waitFor();
      // A team-only entry of the demo is not there.
      expect((await page.getByText('Intake afgerond').count()) === 0, 'a team-only entry must not reach the participant');
      await j.check('shared-with-me');
    },
  },
  {
    id: 'care-network-map-arabic',
    title: 'the participant looks at her network map in Arabic: the picture, the list per circle, and how it changed',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      const id = await myPathwayId(j);
      await page.evaluate(() => localStorage.setItem('schakel.language', 'ar'));
      await j.goto(`/pathways/${id}/network`);
      await page.getByRole('heading', { level: 4, name: new RegExp(tAr('care.network.circles.1')) }).waitFor();
      await page.getByRole('heading', { level: 3, name: tAr('care.network.changes') }).waitFor();
      await j.check('network-ar');
    },
  },
  {
    id: 'care-admin-adds-an-instrument',
    title: 'an admin adds an assessment instrument (one domain, three levels, Dutch labels) and finds it beside the built-in ones',
    async run(j) {
      const { page } = j;
      const name = `Nederlands spreken ${Date.now().toString(36)}`;
      await signIn(j, 'admin@blenders.demo');
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await j.goto('/admin/instruments');
      await page.getByRole('heading', { level: 1, name: t('care.instruments.title') }).waitFor();
      await page.getByRole('link', { name: 'Participatieladder' }).waitFor();
      await j.check('instruments');
      await page.getByRole('link', { name: t('care.instruments.add') }).click();
      await page.getByRole('heading', { level: 1, name: t('care.instruments.new') }).waitFor();
      const nl = t('care.instruments.languages.nl');
      await page
        .getByLabel(`${t('care.instruments.name')} (${nl})`)
        .first()
        .fill(name);
      const domain = page.getByRole('group', { name: t('care.instruments.domainN', { n: 1 }) });
      await domain.getByLabel(new RegExp(`^${t('care.instruments.key')}`)).fill('spreken');
      await domain.getByLabel(`${t('care.instruments.label')} (${nl})`).fill('Spreken');
      for (const [n, label] of [
        [1, 'Enkele woorden'],
        [2, 'Eenvoudige zinnen'],
      ] as const) {
        await page
          .getByRole('group', { name: t('care.instruments.levelN', { n }) })
          .getByLabel(`${t('care.instruments.label')} (${nl})`)
          .fill(label);
      }
      await page.getByRole('button', { name: t('care.instruments.addLevel') }).click();
      await page
        .getByRole('group', { name: t('care.instruments.levelN', { n: 3 }) })
        .getByLabel(`${t('care.instruments.label')} (${nl})`)
        .fill('Vlot');
      await j.check('instrument-form');
      await page.getByRole('button', { name: t('care.save') }).click();
      await page.getByRole('link', { name }).waitFor();
      await page.getByText(t('care.instruments.saved')).waitFor();
      await j.check('instrument-added');
    },
  },
];
