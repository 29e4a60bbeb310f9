import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { Button, ErrorAlert, Loading, Notice, PageHeader, SearchField, TextField } from '../../components/ui.tsx';
import { NotFoundPage } from '../home/NotFoundPage.tsx';
import { dayAndTime, type OccurrenceDetail, useActivityMutation, useOccurrence, useRegistrations } from './api.ts';
import { useTypeName } from './CalendarPage.tsx';
import './activities.css';

const faces = ['😞', '🙁', '😐', '🙂', '😄'];

function SignUp({ o }: { o: OccurrenceDetail }) {
  const { t } = useTranslation();
  const register = useActivityMutation(() => api(`/occurrences/${o.id}/registrations`, { method: 'POST', body: {} }));
  const cancel = useActivityMutation((id: string) => api(`/registrations/${id}/cancel`, { method: 'POST' }));
  const mine = o.myRegistration && o.myRegistration.status !== 'cancelled' ? o.myRegistration : null;
  const started = new Date(o.startsAt) <= new Date();
  return (
    <section aria-labelledby="signup-heading" className="card signup">
      <h2 id="signup-heading">{t('activities.signup.title')}</h2>
      {mine?.status === 'registered' && <p className="signup-state ok">{t('activities.signup.registered')}</p>}
      {mine?.status === 'waitlisted' && <p className="signup-state">{t('activities.signup.waitlisted')}</p>}
      {mine?.status === 'attended' && <p className="signup-state ok">{t('activities.signup.attended')}</p>}
      {!mine && o.can.register && <p>{t('activities.signup.invite')}</p>}
      {!mine && !o.can.register && (
        <p className="muted">{o.status === 'cancelled' ? t('activities.signup.cancelledActivity') : t('activities.signup.closed')}</p>
      )}
      <div className="page-actions">
        {!mine && o.can.register && (
          <Button onPress={() => register.mutate(undefined)} isPending={register.isPending}>
            {t('activities.signup.button')}
          </Button>
        )}
        {mine && (mine.status === 'registered' || mine.status === 'waitlisted') && !started && (
          <Button variant="secondary" onPress={() => cancel.mutate(mine.id)} isPending={cancel.isPending}>
            {t('activities.signup.cancel')}
          </Button>
        )}
      </div>
      <ErrorAlert error={register.error ?? cancel.error} />
    </section>
  );
}

function Feedback({ o }: { o: OccurrenceDetail }) {
  const { t } = useTranslation();
  const [score, setScore] = useState<string | null>(o.myFeedback ? String(o.myFeedback.score) : null);
  const [word, setWord] = useState(o.myFeedback?.word ?? '');
  const send = useActivityMutation(() => api(`/occurrences/${o.id}/feedback`, { method: 'PUT', body: { score: Number(score), word: word || null } }));
  return (
    <section aria-labelledby="feedback-heading" className="card">
      <h2 id="feedback-heading">{t('activities.feedback.title')}</h2>
      {send.isSuccess && <Notice>{t('activities.feedback.thanks')}</Notice>}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (score) send.mutate(undefined);
        }}
      >
        <RadioGroup className="faces" value={score} onChange={setScore} orientation="horizontal">
          <Label className="group-label">{t('activities.feedback.question')}</Label>
          <div className="face-row">
            {faces.map((f, i) => (
              <Radio key={f} value={String(i + 1)} className="face" aria-label={t(`activities.feedback.score${i + 1}`)}>
                <span aria-hidden="true">{f}</span>
              </Radio>
            ))}
          </div>
        </RadioGroup>
        <TextField label={t('activities.feedback.word')} description={t('activities.feedback.wordHint')} value={word} onChange={setWord} maxLength={60} />
        <div>
          <Button type="submit" isDisabled={!score} isPending={send.isPending}>
            {t('activities.feedback.send')}
          </Button>
        </div>
        <ErrorAlert error={send.error} />
      </form>
    </section>
  );
}

/** Staff sign someone up: find them by name, then one press. */
function SignUpSomeone({ o }: { o: OccurrenceDetail }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['people', 'search', 'activity', q],
    queryFn: () => api<{ items: { id: string; givenName: string; familyName: string; placeName: string | null }[] }>('/people', { query: { q, limit: 8 } }),
    enabled: q.trim().length >= 2,
  });
  const register = useActivityMutation((personId: string) =>
    api<{ status: string }>(`/occurrences/${o.id}/registrations`, { method: 'POST', body: { personId } }),
  );
  return (
    <section aria-labelledby="someone-heading" className="someone">
      <h3 id="someone-heading">{t('activities.organiser.signUpSomeone')}</h3>
      <SearchField label={t('activities.organiser.findPerson')} value={q} onChange={setQ} />
      {register.isSuccess && <Notice>{t('activities.organiser.signedUp')}</Notice>}
      <ErrorAlert error={register.error ?? found.error} />
      {found.data && q.trim().length >= 2 && (
        <ul className="someone-list">
          {found.data.items.map((p) => (
            <li key={p.id}>
              <span dir="auto">
                {p.givenName} {p.familyName}
              </span>
              {p.placeName && <span className="muted small"> · {p.placeName}</span>}
              <Button variant="secondary" onPress={() => register.mutate(p.id)} isPending={register.isPending && register.variables === p.id}>
                {t('activities.organiser.signUpPerson', { name: p.givenName })}
              </Button>
            </li>
          ))}
          {found.data.items.length === 0 && <li className="muted">{t('activities.organiser.noneFound')}</li>}
        </ul>
      )}
    </section>
  );
}

function Organiser({ o }: { o: OccurrenceDetail }) {
  const { t } = useTranslation();
  const regs = useRegistrations(o.id, true);
  const may = useCan();
  const [notes, setNotes] = useState(o.notes ?? '');
  const save = useActivityMutation(() => api(`/occurrences/${o.id}`, { method: 'PATCH', body: { notes: notes || null } }));
  const statusLabel = (s: string) => t(`activities.registrationStatus.${s}`);
  return (
    <>
      <section aria-labelledby="regs-heading">
        <div className="page-header">
          <h2 id="regs-heading">{t('activities.organiser.registrations')}</h2>
          <div className="page-actions">
            <Link className="button button-primary" to={`/activities/occurrences/${o.id}/attendance`}>
              {t('activities.organiser.attendance')}
            </Link>
            <Link className="button button-secondary" to={`/activities/${o.activityId}/edit`}>
              {t('activities.organiser.edit')}
            </Link>
            <a className="button button-secondary" href={`/api/v1/occurrences/${o.id}/registrations.csv`} download>
              {t('activities.organiser.export')}
            </a>
          </div>
        </div>
        {regs.isPending && <Loading />}
        <ErrorAlert error={regs.error} />
        {regs.data &&
          (regs.data.items.length === 0 ? (
            <p className="muted">{t('activities.organiser.none')}</p>
          ) : (
            <table className="data responsive">
              <thead>
                <tr>
                  <th scope="col">{t('activities.organiser.name')}</th>
                  <th scope="col">{t('activities.organiser.organisation')}</th>
                  <th scope="col">{t('activities.organiser.status')}</th>
                </tr>
              </thead>
              <tbody>
                {regs.data.items.map((r) => (
                  <tr key={r.id}>
                    <td data-label={t('activities.organiser.name')} dir="auto">
                      {r.personId && may('people.read', o.placeId) ? <Link to={`/people/${r.personId}`}>{r.name}</Link> : r.name}
                    </td>
                    <td data-label={t('activities.organiser.organisation')}>{r.organisation ?? '—'}</td>
                    <td data-label={t('activities.organiser.status')}>{statusLabel(r.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        {may('people.read', o.placeId) && o.status === 'scheduled' && new Date(o.endsAt) > new Date() && <SignUpSomeone o={o} />}
      </section>
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">{t('activities.organiser.notes')}</h2>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(undefined);
          }}
        >
          <TextField label={t('activities.organiser.notesLabel')} multiline value={notes} onChange={setNotes} />
          <div>
            <Button type="submit" variant="secondary" isPending={save.isPending}>
              {t('activities.organiser.saveNotes')}
            </Button>
          </div>
          {save.isSuccess && <Notice>{t('activities.organiser.notesSaved')}</Notice>}
          <ErrorAlert error={save.error} />
        </form>
      </section>
    </>
  );
}

/** /activities/occurrences/:id: one activity on one day, with sign-up, feedback afterwards, and the organiser's tools. */
export function OccurrencePage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const occ = useOccurrence(id);
  const typeName = useTypeName();
  if (occ.isPending) return <Loading />;
  if (occ.error instanceof ApiError && (occ.error.status === 404 || occ.error.status === 400)) return <NotFoundPage />;
  if (occ.error)
    return (
      <>
        <PageHeader title={t('common.errorTitle')} />
        <ErrorAlert error={occ.error} />
      </>
    );
  const o = occ.data;
  const started = new Date(o.startsAt) <= new Date();
  const tookPart = o.myRegistration && ['registered', 'attended'].includes(o.myRegistration.status);
  const free = o.capacity == null ? null : Math.max(0, o.capacity - o.registered);
  return (
    <div className="activities occurrence">
      <p>
        <Link to={`/activities?place=${o.placeId}`}>{t('activities.backToCalendar')}</Link>
      </p>
      <PageHeader title={o.title} />
      <p>
        <span className="badge">{typeName(o)}</span>{' '}
        {o.status === 'cancelled' && <span className="badge badge-cancelled">{t('activities.status.cancelled')}</span>}
      </p>
      <dl className="details">
        <div className="detail">
          <dt>{t('activities.when')}</dt>
          <dd>{dayAndTime(o, i18n.language)}</dd>
        </div>
        <div className="detail">
          <dt>{t('activities.where')}</dt>
          <dd>{o.address ? `${o.address} (${o.placeName})` : o.placeName}</dd>
        </div>
        {o.facilitators.length > 0 && (
          <div className="detail">
            <dt>{t('activities.facilitators')}</dt>
            <dd>{o.facilitators.map((f) => `${f.givenName} ${f.familyName}`).join(', ')}</dd>
          </div>
        )}
        <div className="detail">
          <dt>{t('activities.places')}</dt>
          <dd>
            {free == null
              ? t('activities.noLimit')
              : free === 0
                ? t('activities.fullWithWaitlist', { count: o.waitlisted })
                : t('activities.placesLeftOf', { count: free, capacity: o.capacity ?? 0 })}
          </dd>
        </div>
      </dl>
      {o.description && (
        <p className="about-text" dir="auto">
          {o.description}
        </p>
      )}
      <SignUp o={o} />
      {started && tookPart && o.status !== 'cancelled' && <Feedback o={o} />}
      {o.can.manage && <Organiser o={o} />}
    </div>
  );
}
