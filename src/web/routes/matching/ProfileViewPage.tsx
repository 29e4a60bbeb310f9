import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { dayParts, weekdays } from '../../../shared/matching.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui.tsx';
import { fullName, usePerson } from '../people/person.ts';
import { type Item, useDreams, useItems, useProfile } from './api.ts';
import './matching.css';
import './ProfileView.css';

const languageName = (code: string, locale: string) => {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/**
 * /people/:id/strengths: what a person can, likes and knows, the languages they speak, when they
 * are free and their dreams, as staff see it, with their offers and requests. Shown only to whom
 * the person chose (the API says "not found" to everyone else).
 */
export function ProfileViewPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const person = usePerson(id);
  const profile = useProfile(id);
  const hidden = profile.error instanceof ApiError && profile.error.status === 404;
  const name = person.data ? fullName(person.data) : (profile.data?.givenName ?? '');
  const title = name ? t('matchingProfile.title', { name }) : t('matchingProfile.titlePlain');
  const none = <p className="muted">{t('matchingProfile.none')}</p>;
  const p = profile.data;
  const lang = i18n.language;

  return (
    <div className="profile-view">
      <p className="back-link">
        <Link to={`/people/${id}`}>
          <span aria-hidden="true" className="flip">
            ←
          </span>{' '}
          {name || t('matchingProfile.back')}
        </Link>
      </p>
      <PageHeader title={title} />
      {profile.isPending && <Loading />}
      {hidden && <p className="empty-state">{t('matchingProfile.notShared')}</p>}
      {profile.error && !hidden && <ErrorAlert error={profile.error} />}
      {p && (
        <>
          <p className="muted">
            {t('matchingProfile.visibleTo', { who: t(`matchingProfile.visibility.${p.visibility}`) })}
            {!p.saved && <> {t('matchingProfile.notFilled')}</>}
          </p>
          <div className="strengths-grid">
            <section aria-labelledby="sv-talents" className="card">
              <h2 id="sv-talents">{t('matchingProfile.talents')}</h2>
              {p.talents.length ? <Chips items={p.talents} /> : none}
            </section>
            <section aria-labelledby="sv-likes" className="card">
              <h2 id="sv-likes">{t('matchingProfile.likes')}</h2>
              {p.likes.length ? <Chips items={p.likes} /> : none}
            </section>
            <section aria-labelledby="sv-experience" className="card">
              <h2 id="sv-experience">{t('matchingProfile.experience')}</h2>
              {p.experience ? (
                <p className="prewrap" dir="auto">
                  {p.experience}
                </p>
              ) : (
                none
              )}
            </section>
            <section aria-labelledby="sv-languages" className="card">
              <h2 id="sv-languages">{t('matchingProfile.languages')}</h2>
              {p.languages.length ? (
                <ul className="plain-list">
                  {p.languages.map((l) => (
                    <li key={l.code}>
                      <strong>{languageName(l.code, lang)}</strong>: {t(`matchingProfile.levels.${l.level}`)}
                    </li>
                  ))}
                </ul>
              ) : (
                none
              )}
            </section>
          </div>
          <section aria-labelledby="sv-availability" className="card matching-section">
            <h2 id="sv-availability">{t('matchingProfile.availability')}</h2>
            {p.availability.length ? (
              <table className="availability-table">
                <caption className="visually-hidden">{t('matchingProfile.availability')}</caption>
                <thead>
                  <tr>
                    <td />
                    {dayParts.map((part) => (
                      <th key={part} scope="col">
                        {t(`matching.parts.${part}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {weekdays.map((d) => (
                    <tr key={d}>
                      <th scope="row">{t(`matching.days.${d}`)}</th>
                      {dayParts.map((part) => {
                        const free = p.availability.includes(`${d}-${part}`);
                        return (
                          <td key={part} className={free ? 'free' : undefined}>
                            <span aria-hidden="true">{free ? '✓' : '·'}</span>
                            <span className="visually-hidden">{free ? t('matchingProfile.free') : t('matchingProfile.notFree')}</span>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              none
            )}
          </section>
          <Dreams personId={id} text={p.dreams} />
          <Items personId={id} side="offer" />
          <Items personId={id} side="request" />
        </>
      )}
    </div>
  );
}

function Chips({ items }: { items: string[] }) {
  return (
    <ul className="chips">
      {items.map((x) => (
        <li key={x} className="badge" dir="auto">
          {x}
        </li>
      ))}
    </ul>
  );
}

function Dreams({ personId, text }: { personId: string; text: string | null }) {
  const { t } = useTranslation();
  const dreams = useDreams(personId);
  const list = dreams.data?.items ?? [];
  return (
    <section aria-labelledby="sv-dreams" className="card matching-section">
      <h2 id="sv-dreams">{t('matchingProfile.dreams')}</h2>
      {text && (
        <p className="prewrap" dir="auto">
          {text}
        </p>
      )}
      {dreams.error && !(dreams.error instanceof ApiError && dreams.error.status === 404) && <ErrorAlert error={dreams.error} />}
      {!!list.length && (
        <ul className="plain-list">
          {list.map((d) => (
            <li key={d.id}>
              <span dir="auto">{d.text}</span> <span className="badge">{t(`matchingProfile.dreamStatus.${d.status}`)}</span>{' '}
              {!!d.requestIds.length && <span className="muted">{t('matching.board.dreamSteps', { n: d.requestIds.length })}</span>}
            </li>
          ))}
        </ul>
      )}
      {!text && !list.length && !dreams.isPending && <p className="muted">{t('matchingProfile.none')}</p>}
    </section>
  );
}

function Items({ personId, side }: { personId: string; side: Item['side'] }) {
  const { t, i18n } = useTranslation();
  const items = useItems(side, personId);
  const id = `sv-${side}s`;
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <section aria-labelledby={id} className="card matching-section">
      <h2 id={id}>{t(`matchingProfile.${side}s`)}</h2>
      {items.isPending && <Loading />}
      <ErrorAlert error={items.error} />
      {items.data && !items.data.items.length && <p className="muted">{t('matchingProfile.none')}</p>}
      {!!items.data?.items.length && (
        <ul className="plain-list item-list">
          {items.data.items.map((item) => (
            <li key={item.id}>
              <span className="badge">{t(`matching.kind.${item.kind}`)}</span>{' '}
              <span dir="auto" className="item-text">
                {item.text}
              </span>{' '}
              <span className="muted">
                · {t(`matching.itemStatus.${item.status}`)} · {fmt.format(new Date(item.createdAt))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
