/**
 * A person's journeys through Schakel, on the demo data, in Dutch unless a journey switches.
 * Locators are what a screen reader offers (role + accessible name, label), with the app's own texts.
 */
import { demo, eventually, expect, type Journey, signIn, t, tAr } from './support.ts';

interface PersonSummary {
  id: string;
  kind: string;
  givenName: string;
  familyName: string;
}

/** Asks the API (with the page's own session cookie) what the journey needs to know beforehand. */
export async function apiGet<T>(j: Journey, pathname: string): Promise<T> {
  const res = await j.page.request.get(`${j.baseUrl}/api/v1${pathname}`);
  expect(res.ok(), `GET ${pathname} answered ${res.status()}`);
  return (await res.json()) as T;
}

const languageName = (code: string) => {
  const name = new Intl.DisplayNames(['nl'], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase('nl') + name.slice(1);
};

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
    id: 'b-find-and-add-participant',
    title: 'a matchmaker finds a participant with the search box, adds a new one with the form, then finds them',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.matchmaker);
      await page.getByRole('heading', { level: 1, name: t('home.greeting', { name: 'Heidi' }) }).waitFor();
      const nav = page.getByRole('navigation', { name: t('nav.main') });

      // Someone the matchmaker may see, typed as people do: first name and the start of the family name.
      const { items } = await apiGet<{ items: PersonSummary[] }>(j, '/people?kind=participant&limit=10');
      const known = items.find((p) => p.familyName.length >= 4);
      expect(known, "the demo data should have participants at the matchmaker's place");
      const knownName = `${known.givenName} ${known.familyName}`;

      await nav.getByRole('link', { name: t('nav.people'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t('people.list.title') }).waitFor();
      const search = page.getByRole('searchbox', { name: t('people.list.search') });
      await search.fill(`${known.givenName.toLowerCase()} ${known.familyName.slice(0, 4).toLowerCase()}`);
      const results = page.getByRole('table', { name: t('people.list.caption') });
      await results.getByRole('link', { name: knownName, exact: true }).waitFor();
      await j.check('search-found');

      // A newcomer, added with the form.
      await page
        .getByRole('link', { name: t('people.list.add') })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: t('people.form.newTitle') }).waitFor();
      await page.getByLabel(t('people.field.givenName')).fill('Yasmine');
      await page.getByLabel(t('people.field.familyName')).fill('Vandersmissen');
      await page.getByLabel(t('people.field.email')).fill('yasmine.vandersmissen@example.org');
      await page.getByLabel(t('people.field.phone')).fill('0470 12 34 56');
      await page.getByLabel(t('people.field.city')).fill('Lier');
      // React Aria draws its own box over the real checkbox: tick it from the keyboard, as many do.
      const arabic = page.getByRole('group', { name: t('people.field.languages') }).getByRole('checkbox', { name: languageName('ar'), exact: true });
      await arabic.focus();
      await page.keyboard.press('Space');
      await eventually(() => arabic.isChecked(), 'the Arabic checkbox should be ticked');
      await page.getByLabel(t('people.field.about')).fill('Kookt graag voor grote groepen.');
      await j.check('new-participant-form');
      await page.getByRole('button', { name: t('people.form.save'), exact: true }).click();

      await page.getByRole('heading', { level: 1, name: 'Yasmine Vandersmissen' }).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: t('people.profile.created', { name: 'Yasmine' }) })
        .waitFor();
      expect(/^\/people\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname), `should show the new profile, is on ${page.url()}`);
      await page.getByText('yasmine.vandersmissen@example.org').waitFor();
      await j.check('new-participant-profile');

      // And she can be found like anyone else.
      await nav.getByRole('link', { name: t('nav.people'), exact: true }).click();
      await page.getByRole('searchbox', { name: t('people.list.search') }).fill('vandersm');
      const found = page.getByRole('table', { name: t('people.list.caption') }).getByRole('link', { name: 'Yasmine Vandersmissen', exact: true });
      await found.waitFor();
      await j.check('search-new-participant');
      await found.click();
      await page.getByRole('heading', { level: 1, name: 'Yasmine Vandersmissen' }).waitFor();
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
    id: 'd-participant-own-profile',
    title: 'a participant signs in and sees their own profile',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.participant);
      const nav = page.getByRole('navigation', { name: t('nav.main') });
      await nav.waitFor();
      const me = await apiGet<{ personId: string; givenName: string; familyName: string; kind: string }>(j, '/auth/me');
      expect(me.kind === 'participant', `the demo participant account should be a participant, is ${me.kind}`);
      await page.getByRole('heading', { level: 1, name: t('home.greeting', { name: me.givenName }) }).waitFor();
      // Participants do not search other people.
      expect((await nav.getByRole('link', { name: t('nav.people'), exact: true }).count()) === 0, 'a participant should not see "Mensen"');
      await j.check('home');

      await nav.getByRole('link', { name: t('nav.myProfile'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `${me.givenName} ${me.familyName}` }).waitFor();
      expect(new URL(page.url()).pathname === `/people/${me.personId}`, `should be on their own profile, is on ${page.url()}`);
      await page.getByText(t('people.profile.selfIntro')).waitFor();
      await page.getByRole('link', { name: t('people.profile.editSelf') }).waitFor();
      await j.check('my-profile');
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
  {
    id: 'f-public-event-registration',
    title: 'an outsider signs up for a network event on its public page, without an account',
    async run(j) {
      const { page } = j;
      await j.goto('/events/netwerkmoment-samenwerkt');
      await page.getByRole('heading', { name: t('activities.event.programme') }).waitFor();
      await j.check('event');
      await page.getByLabel(t('activities.event.name')).fill('Lotte Verbruggen');
      await page.getByLabel(t('activities.event.organisation')).fill('Arktos');
      await page.getByLabel(t('activities.event.email')).fill(`lotte.${Date.now()}@example.org`);
      await page.getByRole('button', { name: t('activities.event.submit') }).click();
      await page.getByText(t('activities.event.thanks')).waitFor();
      await j.check('event-registered');
    },
  },
  {
    id: 'g-place-calendar',
    title: "a matchmaker opens the place's activities calendar",
    async run(j) {
      const { page } = j;
      await signIn(j, demo.matchmaker);
      await page.getByRole('heading', { level: 1, name: t('home.greeting', { name: 'Heidi' }) }).waitFor();
      await page.getByRole('navigation', { name: t('nav.main') }).getByRole('link', { name: t('activities.nav'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t('activities.calendar.title') }).waitFor();
      await j.check('calendar');
    },
  },
];
