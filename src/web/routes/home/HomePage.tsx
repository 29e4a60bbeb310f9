import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Permission } from '../../../shared/permissions.ts';
import { type Me, useCan, useMe } from '../../api/session.ts';
import { ErrorAlert, Notice, PageHeader, useOneTimeNotice } from '../../components/ui.tsx';
import { SuggestedForYou } from '../matching/MinePage.tsx';
import { DownloadMyData, NetworkHomeCards } from '../pathways/NetworkHome.tsx';
import { usePerson } from '../people/person.ts';
import { usePlaces } from '../people/places.ts';

/** The first screen after signing in, shaped by the person's role. */
export function HomePage() {
  const { data: me } = useMe();
  const { t } = useTranslation();
  const notice = useOneTimeNotice<'welcome'>();
  if (!me) return null;
  return (
    <>
      {notice === 'welcome' && <Notice>{t('home.accountReady')}</Notice>}
      {me.kind === 'participant' ? <ParticipantHome me={me} /> : <StaffHome me={me} />}
    </>
  );
}

const actions: { to: string; key: string; permission?: Permission }[] = [
  { to: '/people', key: 'findPeople', permission: 'people.read' },
  { to: '/people/new', key: 'addParticipant', permission: 'people.write' },
  { to: '/admin', key: 'admin', permission: 'organisation.manage' },
];

function StaffHome({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const may = useCan();
  const places = usePlaces();
  const placeName = (id: string) => places.data?.find((p) => p.id === id)?.name;
  const orgWide = me.roles.some((r) => r.placeId === null);
  const myPlaceIds = [...new Set(me.roles.map((r) => r.placeId).filter((id): id is string => id !== null))];
  const myPlaces = orgWide
    ? (places.data ?? [])
    : myPlaceIds.map((id) => ({ id, name: placeName(id) })).filter((p): p is { id: string; name: string } => !!p.name);
  const roleText = (role: string, placeId: string | null) => {
    const name = placeId ? placeName(placeId) : undefined;
    return name ? t('home.roleAt', { role: t(`roles.${role}`), place: name }) : t(`roles.${role}`);
  };
  const roleLines = [...new Set(me.roles.map((r) => roleText(r.role, r.placeId)))];
  const list = (items: string[]) => {
    try {
      return new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items);
    } catch {
      return items.join(', ');
    }
  };

  return (
    <div className="home">
      <PageHeader title={t('home.greeting', { name: me.givenName })} />
      <p className="lead">{t('home.youAre', { roles: list(roleLines) })}</p>
      <ul className="cards action-cards">
        {actions
          .filter((a) => !a.permission || may(a.permission))
          .map((a) => (
            <li key={a.key} className="card card-link">
              <h2>
                <Link to={a.to}>{t(`home.actions.${a.key}.title`)}</Link>
              </h2>
              <p>{t(`home.actions.${a.key}.text`)}</p>
            </li>
          ))}
        {may('pathways.manage') && (
          <li className="card card-link">
            <h2>
              <Link to="/pathways">{t('pathways.home.title')}</Link>
            </h2>
            <p>{t('pathways.home.body')}</p>
          </li>
        )}
        <NetworkHomeCards />
        {(may('reports.read') || may('pathways.manage')) && (
          <li className="card card-link">
            <h2>
              <Link to="/reports/dashboard">{t('dashboard.home.title')}</Link>
            </h2>
            <p>{t(may('reports.read') ? 'dashboard.home.text' : 'dashboard.home.textCaseload')}</p>
          </li>
        )}
        {may('research.export') && (
          <li className="card card-link">
            <h2>
              <Link to="/research">{t('dashboard.research.title')}</Link>
            </h2>
            <p>{t('dashboard.research.homeText')}</p>
          </li>
        )}
        {may('policy.read') && (
          <li className="card card-link">
            <h2>
              <Link to="/policy">{t('policy.home.staffTitle')}</Link>
            </h2>
            <p>{t('policy.home.staffText')}</p>
          </li>
        )}
        <li className="card card-link">
          <h2>
            <Link to={`/people/${me.personId}`}>{t('home.myProfile')}</Link>
          </h2>
          <p>{t('home.actions.profile.text')}</p>
        </li>
      </ul>

      <section aria-labelledby="my-places">
        <h2 id="my-places">{t('home.places.title')}</h2>
        <ErrorAlert error={places.error} />
        {orgWide && <p>{t('home.places.all', { organisation: me.organisation.name })}</p>}
        {myPlaces.length > 0 ? (
          <ul className="place-list">
            {myPlaces.map((p) => (
              <li key={p.id}>{p.name}</li>
            ))}
          </ul>
        ) : (
          !orgWide && !places.isPending && <p className="muted">{t('home.places.none')}</p>
        )}
      </section>
    </div>
  );
}

function ParticipantHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const self = usePerson(me.personId);
  const place = self.data?.placeName;
  return (
    <div className="home participant-home">
      <PageHeader title={t('home.greeting', { name: me.givenName })} />
      <p className="lead">{t('home.participant.lead', { organisation: me.organisation.name })}</p>
      <ul className="cards action-cards">
        <li className="card card-link">
          <h2>
            <Link to={`/people/${me.personId}`}>{t('home.myProfile')}</Link>
          </h2>
          <p>{t('home.participant.profileText')}</p>
        </li>
        <li className="card card-link">
          <h2>
            <Link to="/matching/mine">{t('matching.home.title')}</Link>
          </h2>
          <p>{t('matching.home.text')}</p>
        </li>
        <li className="card card-link">
          <h2>
            <Link to="/my-pathway">{t('pathways.my.title')}</Link>
          </h2>
          <p>{t('pathways.my.homeCard')}</p>
        </li>
        <li className="card card-link">
          <h2>
            <Link to="/policy">{t('policy.home.participantTitle')}</Link>
          </h2>
          <p>{t('policy.home.participantText')}</p>
        </li>
      </ul>
      <SuggestedForYou />
      <DownloadMyData />

      <section aria-labelledby="what-is">
        <h2 id="what-is">{t('home.participant.whatTitle')}</h2>
        <p>{t('home.participant.what1')}</p>
        <p>{t('home.participant.what2')}</p>
      </section>
      <section aria-labelledby="who-helps">
        <h2 id="who-helps">{t('home.participant.helpTitle')}</h2>
        <p>{place ? t('home.participant.helpAt', { place }) : t('home.participant.help')}</p>
      </section>
      <ErrorAlert error={self.error} />
    </div>
  );
}
