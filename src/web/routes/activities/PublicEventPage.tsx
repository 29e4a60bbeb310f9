import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { publicRegistrationInput } from '../../../shared/activities.ts';
import { ApiError, api } from '../../api/client.ts';
import { check, type FieldProblems, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, ErrorAlert, Loading, Notice, PageHeader, TextField } from '../../components/ui.tsx';
import { NotFoundPage } from '../home/NotFoundPage.tsx';
import { dayAndTime, type PublicEvent } from './api.ts';
import './activities.css';

/** /events/:slug: a network event's public page with its programme and a sign-up form for outsiders. */
export function PublicEventPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const event = useQuery({ queryKey: ['public-event', slug], queryFn: () => api<PublicEvent>(`/public/events/${encodeURIComponent(slug)}`) });
  const [values, setValues] = useState({ name: '', organisation: '', email: '', website: '' });
  const [problems, setProblems] = useState<FieldProblems>({});
  const send = useMutation({
    mutationFn: (body: typeof values) =>
      api<{ status: 'registered' | 'waitlisted'; alreadyRegistered: boolean }>(`/public/events/${encodeURIComponent(slug)}/registrations`, {
        method: 'POST',
        body: { ...body, organisation: body.organisation || null, locale: i18n.language },
      }),
    onError: (e) => setProblems(serverProblems(e)),
  });

  if (event.isPending) return <Loading />;
  if (event.error instanceof ApiError && event.error.status === 404) return <NotFoundPage />;
  if (event.error)
    return (
      <>
        <PageHeader title={t('common.errorTitle')} />
        <ErrorAlert error={event.error} />
      </>
    );
  const e = event.data;
  const field = (name: keyof typeof values) => ({
    value: values[name],
    onChange: (v: string) => setValues((s) => ({ ...s, [name]: v })),
    errorMessage: messageFor(t, name, problems[name]),
  });
  const result = send.data;

  return (
    <div className="activities public-event">
      <p className="muted">{e.organisationName}</p>
      <PageHeader title={e.title} />
      {e.status === 'cancelled' && <p className="alert alert-error">{t('activities.event.cancelled')}</p>}
      <dl className="details">
        <div className="detail">
          <dt>{t('activities.when')}</dt>
          <dd>{dayAndTime(e, i18n.language)}</dd>
        </div>
        <div className="detail">
          <dt>{t('activities.where')}</dt>
          <dd>{e.address ?? e.placeName}</dd>
        </div>
      </dl>
      {e.description && (
        <p className="about-text" dir="auto">
          {e.description}
        </p>
      )}
      {e.programme.length > 0 && (
        <section aria-labelledby="programme-heading">
          <h2 id="programme-heading">{t('activities.event.programme')}</h2>
          <ol className="programme">
            {e.programme.map((p) => (
              <li key={`${p.start}-${p.title}`}>
                <span className="programme-time">
                  <bdi dir="ltr">{p.end ? `${p.start}–${p.end}` : p.start}</bdi>
                </span>
                <div>
                  <strong dir="auto">{p.title}</strong>
                  {p.details && <p dir="auto">{p.details}</p>}
                  {p.speakers.length > 0 && (
                    <ul className="speakers">
                      {p.speakers.map((s) => (
                        <li key={s}>
                          <bdi>{s}</bdi>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="register-heading" className="card">
        <h2 id="register-heading">{t('activities.event.register')}</h2>
        {result ? (
          <Notice>
            {result.alreadyRegistered
              ? t('activities.event.already')
              : result.status === 'waitlisted'
                ? t('activities.event.waitlisted')
                : t('activities.event.thanks')}
          </Notice>
        ) : !e.open ? (
          <p className="muted">{t('activities.event.closed')}</p>
        ) : (
          <form
            className="stack"
            noValidate
            onSubmit={(ev) => {
              ev.preventDefault();
              const found = check(publicRegistrationInput, { ...values, organisation: values.organisation || null });
              setProblems(found);
              if (Object.keys(found).length === 0) send.mutate(values);
            }}
          >
            {e.full && <p className="muted">{t('activities.event.fullNote')}</p>}
            <TextField label={t('activities.event.name')} isRequired autoComplete="name" {...field('name')} />
            <TextField label={t('activities.event.organisation')} autoComplete="organization" {...field('organisation')} />
            <TextField label={t('activities.event.email')} isRequired type="email" autoComplete="email" inputDir="ltr" {...field('email')} />
            {/* A honeypot: hidden from people and screen readers, filled in by bots. */}
            <div className="hp" aria-hidden="true">
              <label>
                Website
                <input
                  name="website"
                  tabIndex={-1}
                  autoComplete="off"
                  value={values.website}
                  onChange={(ev) => setValues((s) => ({ ...s, website: ev.target.value }))}
                />
              </label>
            </div>
            <div>
              <Button type="submit" isPending={send.isPending}>
                {t('activities.event.submit')}
              </Button>
            </div>
            {send.error instanceof ApiError && send.error.code !== 'validation_failed' && <ErrorAlert error={send.error} />}
          </form>
        )}
      </section>
    </div>
  );
}
