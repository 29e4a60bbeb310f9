import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/session.ts';

/** The first screen after signing in, shaped by the person's role. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const roles = [...new Set(me.roles.map((r) => r.role))];
  return (
    <div>
      <h1>{t('home.greeting', { name: me.givenName })}</h1>
      <p className="lead">{roles.map((r) => t(`roles.${r}`)).join(', ')}</p>
      <ul className="cards">
        <li className="card">
          <Link to={`/people/${me.personId}`}>{t('home.myProfile')}</Link>
        </li>
      </ul>
    </div>
  );
}
