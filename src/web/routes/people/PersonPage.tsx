import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { ErrorAlert, Loading, Notice, PageHeader, useOneTimeNotice } from '../../components/ui.tsx';
import { languages as uiLanguages } from '../../i18n.ts';
import { NotFoundPage } from '../home/NotFoundPage.tsx';
import { ageOn, formatDate } from './format.ts';
import { InviteButton } from './InvitationDialog.tsx';
import { languageList } from './languages.ts';
import { fullName, usePerson } from './person.ts';

/** /people/:id: a profile, readable by the staff of its place and by the person themselves ("My profile"). */
export function PersonPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const notice = useOneTimeNotice<'saved' | 'created'>();
  const person = usePerson(id);

  if (person.isPending) return <Loading />;
  if (person.error instanceof ApiError && person.error.status === 404) return <NotFoundPage />;
  if (person.error)
    return (
      <>
        <PageHeader title={t('common.errorTitle')} />
        <ErrorAlert error={person.error} />
      </>
    );

  const p = person.data;
  const isSelf = p.id === me?.personId;
  const lang = i18n.language;
  const none = <span className="muted">{t('people.none')}</span>;
  const preferred = uiLanguages.find((l) => l.code === p.preferredLanguage);

  const rows: { label: string; value: ReactNode }[] = [
    { label: t('people.field.place'), value: p.placeName ?? none },
    { label: t('people.field.email'), value: p.email ? <bdi dir="ltr">{p.email}</bdi> : none },
    { label: t('people.field.phone'), value: p.phone ? <bdi dir="ltr">{p.phone}</bdi> : none },
    {
      label: t('people.field.birthDate'),
      value: p.birthDate ? (
        <>
          {formatDate(p.birthDate, lang)} <span className="muted">({t('people.profile.age', { age: ageOn(p.birthDate) })})</span>
        </>
      ) : (
        none
      ),
    },
    { label: t('people.field.city'), value: p.city ?? none },
    { label: t('people.field.languages'), value: p.languages.length > 0 ? languageList(p.languages, lang) : none },
    {
      label: t('people.field.preferredLanguage'),
      value: preferred ? (
        <span lang={preferred.code} dir={preferred.dir}>
          {preferred.name}
        </span>
      ) : (
        none
      ),
    },
  ];
  if (!isSelf && p.kind === 'participant')
    rows.push({ label: t('people.profile.account'), value: p.hasAccount ? t('people.profile.hasAccount') : t('people.profile.noAccount') });

  return (
    <div className="profile">
      {notice && <Notice>{notice === 'created' ? t('people.profile.created', { name: p.givenName }) : t('people.profile.saved')}</Notice>}
      <PageHeader
        title={fullName(p)}
        actions={
          <>
            {p.can.edit && (
              <Link to={`/people/${p.id}/edit`} className="button button-primary">
                {isSelf ? t('people.profile.editSelf') : t('people.profile.edit')}
              </Link>
            )}
            {p.can.invite && <InviteButton person={p} />}
          </>
        }
      />
      {isSelf && <p className="lead">{t('people.profile.selfIntro')}</p>}
      {p.kind === 'staff' && <p className="badge">{t('people.kind.staff')}</p>}

      <dl className="details">
        {rows.map(({ label, value }) => (
          <div key={label} className="detail">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="about-heading" className="about">
        <h2 id="about-heading">{isSelf ? t('people.profile.aboutSelf') : t('people.field.about')}</h2>
        {p.about ? (
          <p className="about-text" dir="auto">
            {p.about}
          </p>
        ) : (
          <p className="muted">{isSelf ? t('people.profile.aboutEmptySelf') : t('people.profile.aboutEmpty')}</p>
        )}
      </section>

      {!isSelf && p.kind === 'participant' && (
        <p>
          <Link to={`/people/${p.id}/strengths`}>{t('matchingProfile.link')}</Link>
        </p>
      )}

      {!isSelf && (
        <p>
          <Link to="/people">{t('people.profile.back')}</Link>
        </p>
      )}
    </div>
  );
}
