/**
 * A person's journeys through Schakel, on the demo data, in Dutch unless a journey switches.
 * Locators are what a screen reader offers (role + accessible name, label), with the app's own texts.
 */
import { demo, expect, eventually, type Journey, signIn, t, tAr } from './support.ts';

export interface JourneySpec {
  id: string;
  title: string;
  run: (j: Journey) => Promise<void>;
}

export const journeys: JourneySpec[] = [
  {
    id: 'a-matchmaker-signs-in',
    title: 'a matchmaker signs in and lands on their start page',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.matchmaker, undefined, { check: true });
      await page.getByRole('heading', { level: 1, name: t('home.greeting', { name: 'Heidi' }) }).waitFor();
      await page.getByText(t('roles.matchmaker')).first().waitFor();
      const nav = page.getByRole('navigation', { name: t('nav.main') });
      await nav.getByRole('link', { name: t('nav.people'), exact: true }).waitFor();
      await j.check('home');
    },
  },
  {
    id: 'c-arabic-right-to-left',
    title: 'switching to Arabic turns the page right-to-left, in Arabic',
    async run(j) {
      const { page } = j;
      await j.goto('/login');
      await page.getByRole('heading', { level: 1, name: t('login.title') }).waitFor();
      const arabic = page.getByRole('button', { name: 'العربية' });
      expect((await arabic.getAttribute('aria-pressed')) === 'false', 'Arabic should not be pressed before choosing it');
      await arabic.click();
      await eventually(async () => (await page.locator('html').getAttribute('dir')) === 'rtl', 'html[dir=rtl] after choosing Arabic');
      expect((await page.locator('html').getAttribute('lang')) === 'ar', 'html[lang=ar] after choosing Arabic');
      expect((await arabic.getAttribute('aria-pressed')) === 'true', 'the Arabic button should be pressed');
      await page.getByRole('heading', { level: 1, name: tAr('login.title') }).waitFor();
      await page.getByLabel(tAr('login.password')).waitFor();
      await j.check('login-ar');

      // Signed in, the start page is in Arabic too, and stays right-to-left.
      await page.getByLabel(tAr('login.login')).fill(demo.matchmaker);
      await page.getByLabel(tAr('login.password')).fill('schakel-demo');
      await page.getByRole('button', { name: tAr('login.submit'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: tAr('home.greeting', { name: 'Heidi' }) }).waitFor();
      await page.getByRole('navigation', { name: tAr('nav.main') }).waitFor();
      expect((await page.locator('html').getAttribute('dir')) === 'rtl', 'html[dir=rtl] on the start page');
      await j.check('home-ar');

      // And back: Dutch is left-to-right again.
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await eventually(async () => (await page.locator('html').getAttribute('dir')) === 'ltr', 'html[dir=ltr] after choosing Dutch');
      await page.getByRole('heading', { level: 1, name: t('home.greeting', { name: 'Heidi' }) }).waitFor();
    },
  },
  {
    id: 'e-wrong-password',
    title: 'the sign-in page rejects a wrong password with a visible alert',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.coordinator, 'not-the-password');
      const alert = page.getByRole('alert').filter({ hasText: t('errors.invalid_credentials') });
      await alert.waitFor({ state: 'visible' });
      expect(new URL(page.url()).pathname === '/login', `should stay on /login, is on ${page.url()}`);
      // The password field is still there to try again; nobody got signed in.
      await page.getByLabel(t('login.password')).waitFor();
      expect((await page.getByRole('navigation', { name: t('nav.main') }).count()) === 0, 'no main navigation when signed out');
      await j.check('wrong-password');
    },
  },
];
