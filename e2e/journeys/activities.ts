/**
 * Activities: a participant signs up and cancels; an organiser writes a network event's programme.
 * On the demo data, in Dutch.
 */
import { apiGet, type JourneySpec } from '../journeys.ts';
import { demo, eventually, expect, signIn, t } from '../support.ts';

interface Occ {
  id: string;
  title: string;
  startsAt: string;
  status: string;
}

const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const journeys: JourneySpec[] = [
  {
    id: 'activities-participant-signs-up',
    title: 'a participant signs up for an activity from its page, sees it confirmed, then cancels',
    async run(j) {
      const { page } = j;
      await signIn(j, demo.participant);
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      // Something coming up at the participant's place that is open for sign-up.
      const { items: places } = await apiGet<{ items: { id: string }[] }>(j, '/activities/places');
      expect(places.length > 0, 'the participant should see a place calendar');
      const now = Date.now();
      const { items } = await apiGet<{ items: Occ[] }>(j, `/activities/calendar?placeId=${places[0].id}&from=${isoDay(now)}&to=${isoDay(now + 28 * day)}`);
      let chosen: Occ | undefined;
      for (const o of items.filter((x) => x.status === 'scheduled' && Date.parse(x.startsAt) > now + 3_600_000)) {
        const detail = await apiGet<{ can: { register: boolean } }>(j, `/occurrences/${o.id}`);
        if (detail.can.register) {
          chosen = o;
          break;
        }
      }
      expect(chosen, 'the demo data should have an activity open for sign-up in the coming four weeks');

      await j.goto(`/activities/occurrences/${chosen.id}`);
      await page.getByRole('heading', { level: 1, name: chosen.title }).waitFor();
      await page.getByRole('button', { name: t('activities.signup.button') }).click();
      await page.getByText(t('activities.signup.registered')).waitFor();
      await j.check('signed-up');

      await page.getByRole('button', { name: t('activities.signup.cancel') }).click();
      await page.getByText(t('activities.signup.invite')).waitFor();
      await page.getByRole('button', { name: t('activities.signup.button') }).waitFor();
      await j.check('cancelled');
    },
  },
  {
    id: 'activities-organiser-programme',
    title: "an organiser adds a part to a network event's programme in the form, by keyboard, and sees it on the public page",
    async run(j) {
      const { page } = j;
      await signIn(j, demo.matchmaker);
      await page.getByRole('heading', { level: 1, name: t('home.greeting', { name: 'Heidi' }) }).waitFor();
      await j.goto('/activities/new');
      await page.getByRole('heading', { level: 1, name: t('activities.new.title') }).waitFor();

      await page.getByLabel(t('activities.new.name')).fill('Lerend netwerk werkgevers');
      await page.getByRole('button', { name: t('activities.new.type') }).click();
      await page.getByRole('option', { name: t('activities.types.network-event') }).click();
      await page.getByRole('button', { name: t('activities.new.place') }).click();
      await page.getByRole('option', { name: 'Stuyfplek Lier' }).click();
      await page.getByLabel(t('activities.new.date')).fill(isoDay(Date.now() + 30 * day));
      await page.getByLabel(t('activities.new.start')).fill('13:30');
      await page.getByLabel(t('activities.new.end')).fill('16:00');
      const publicBox = page.getByRole('checkbox', { name: t('activities.new.public') });
      await publicBox.focus();
      await page.keyboard.press('Space');
      await eventually(() => publicBox.isChecked(), 'the public page checkbox should be ticked');

      // The programme: a part added by keyboard, one too late (refused at the field), then fixed.
      const programme = page.getByRole('region', { name: t('activities.programme.title') });
      await programme.getByRole('button', { name: t('activities.programme.add') }).focus();
      await page.keyboard.press('Enter');
      const first = programme.getByRole('group', { name: t('activities.programme.part', { n: 1 }) });
      await first.getByLabel(t('activities.programme.partTitle')).fill('Onthaal met koffie');
      await first.getByLabel(t('activities.programme.end')).fill('14:00');
      await programme.getByRole('button', { name: t('activities.programme.add') }).press('Enter');
      const second = programme.getByRole('group', { name: t('activities.programme.part', { n: 2 }) });
      await second.getByLabel(t('activities.programme.start')).fill('15:30');
      await second.getByLabel(t('activities.programme.end')).fill('17:00');
      await second.getByLabel(t('activities.programme.partTitle')).fill('Getuigenissen');
      await second.getByLabel(t('activities.programme.speakers')).fill('Veerle Vanstechelman, Isabelle Thielemans');
      await page.getByRole('button', { name: t('activities.new.save') }).click();
      await second.getByText(t('errors.programme_outside_activity')).waitFor();
      await j.check('programme-error');
      await second.getByLabel(t('activities.programme.end')).fill('16:00');
      // Put the testimonies first, by keyboard.
      await programme.getByRole('button', { name: t('activities.programme.moveUpLabel', { n: 2 }) }).press('Enter');
      await programme
        .getByRole('group', { name: t('activities.programme.part', { n: 1 }) })
        .getByText('Getuigenissen')
        .waitFor();
      await j.check('programme-filled');
      await page.getByRole('button', { name: t('activities.new.save') }).click();

      // The activity page, then the form to change it shows the programme in its new order.
      await page.getByRole('heading', { level: 1, name: 'Lerend netwerk werkgevers' }).waitFor();
      await page.getByRole('link', { name: t('activities.organiser.edit') }).click();
      await page.getByRole('heading', { level: 1, name: t('activities.edit.titleOf', { title: '\u2068Lerend netwerk werkgevers\u2069' }) }).waitFor();
      const saved = page.getByRole('region', { name: t('activities.programme.title') });
      await eventually(
        async () =>
          (await saved
            .getByRole('group', { name: t('activities.programme.part', { n: 1 }) })
            .getByLabel(t('activities.programme.partTitle'))
            .inputValue()) === 'Getuigenissen',
        'the first part should be the testimonies',
      );
      await j.check('edit-form');

      // The public page shows it to outsiders.
      const url = new URL(page.url());
      const activityId = url.pathname.split('/')[2];
      const a = await apiGet<{ publicSlug: string }>(j, `/activities/${activityId}`);
      await j.goto(`/events/${a.publicSlug}`);
      await page.getByRole('heading', { name: t('activities.event.programme') }).waitFor();
      await page.getByText('Veerle Vanstechelman').first().waitFor();
      await page.getByText('Getuigenissen').first().waitFor();
    },
  },
];
