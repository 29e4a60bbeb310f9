/**
 * Matching beyond the board: an admin adds a concept and imports ESCO files; a matchmaker reads
 * a participant's strengths and the matching report. On the demo data, in Dutch, then Arabic at 375 px.
 */
import path from 'node:path';
import { apiGet, type JourneySpec } from '../journeys.ts';
import { expect, root, signIn, t, tAr } from '../support.ts';

const esco = ['skills_nl.csv', 'skills_en.csv', 'occupations_nl.csv', 'occupations_en.csv'].map((f) => path.join(root, 'test', 'fixtures', 'esco', f));

export const journeys: JourneySpec[] = [
  {
    id: 'concepts-admin-adds-and-imports',
    title: 'an admin adds a concept with its words, finds it, and imports ESCO files; also on a phone in Arabic',
    async run(j) {
      const { page } = j;
      await signIn(j, 'admin@blenders.demo');
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      await j.goto('/admin/concepts');
      await page.getByRole('heading', { level: 1, name: t('matchingAdmin.title') }).waitFor();
      await j.check('list');

      await page.getByRole('link', { name: t('matchingAdmin.add') }).click();
      await page.getByRole('heading', { level: 1, name: t('matchingAdmin.new') }).waitFor();
      await page.getByLabel(t('matchingAdmin.label')).first().fill('glazenwasser');
      await page.getByLabel(t('matchingAdmin.synonymsField')).first().fill('ramen lappen\nramen wassen');
      await page.getByLabel(t('matchingAdmin.label')).nth(1).fill('window cleaner');
      await j.check('form');
      await page.getByRole('button', { name: t('matchingAdmin.save') }).click();
      await page.getByText(t('matchingAdmin.saved')).waitFor();

      await page.getByRole('searchbox', { name: t('matchingAdmin.search') }).fill('lappen');
      await page.getByRole('link', { name: 'glazenwasser' }).waitFor();
      await j.check('found');

      await page.getByLabel(t('matchingAdmin.esco.files')).setInputFiles(esco);
      await page.getByRole('button', { name: t('matchingAdmin.esco.run', { count: 4 }) }).click();
      await page.getByText(t('matchingAdmin.esco.done', { concepts: '7', created: '7', updated: '0', unchanged: '0' })).waitFor();
      await j.check('imported');

      await page.setViewportSize({ width: 375, height: 800 });
      await page.getByRole('button', { name: 'العربية' }).click();
      await page.getByRole('heading', { level: 1, name: tAr('matchingAdmin.title') }).waitFor();
      await j.check('phone-ar');
    },
  },
  {
    id: 'matching-strengths-and-report',
    title: "a matchmaker opens a participant's strengths from their page, then the matching report; also on a phone in Arabic",
    async run(j) {
      const { page } = j;
      await signIn(j, 'matchmaker@blenders.demo');
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      const { items } = await apiGet<{ items: { personId: string | null }[] }>(j, '/matching/offers?limit=50');
      let personId: string | undefined;
      for (const id of new Set(items.map((i) => i.personId).filter((x): x is string => !!x))) {
        const res = await page.request.get(`${j.baseUrl}/api/v1/matching/profiles/${id}`);
        if (res.ok() && (await res.json()).saved) {
          personId = id;
          break;
        }
      }
      expect(personId, 'the demo data should have a participant whose strengths the matchmaker may see');
      await j.goto(`/people/${personId}`);
      await page.getByRole('link', { name: t('matchingProfile.link') }).click();
      await page.getByRole('heading', { level: 2, name: t('matchingProfile.talents') }).waitFor();
      await page.getByRole('heading', { level: 2, name: t('matchingProfile.offers') }).waitFor();
      await j.check('strengths');

      await page
        .getByRole('navigation', { name: t('nav.main') })
        .getByRole('link', { name: t('reports.nav') })
        .click();
      await page.getByRole('main').getByRole('link', { name: t('matchingReport.nav') }).click();
      await page.getByRole('heading', { level: 1, name: t('matchingReport.title') }).waitFor();
      await page.getByRole('table').waitFor();
      await j.check('report');

      await page.setViewportSize({ width: 375, height: 800 });
      await page.getByRole('button', { name: 'العربية' }).click();
      await page.getByRole('heading', { level: 1, name: tAr('matchingReport.title') }).waitFor();
      await j.check('report-phone-ar');
      await j.goto(`/people/${personId}/strengths`);
      await page.getByRole('heading', { level: 2, name: tAr('matchingProfile.talents') }).waitFor();
      await j.check('strengths-phone-ar');
    },
  },
];
