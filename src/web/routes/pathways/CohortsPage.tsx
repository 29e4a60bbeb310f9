import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type CohortDetail, cohortInput } from '../../../shared/referrals.ts';
import { check, type FieldProblems, focusFirstProblem, messageFor, serverProblems } from '../../components/forms.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, Loading, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { useCohort, useCohortChoices, useCohorts, useCohortWrite, useNetworkError, usePlacePathways, useSeriesAt } from './network-api.ts';
import './network.css';

/** A date as people read it in their language ("25 sep 2025"); stored dates are ISO days. */
const day = (iso: string | null, locale: string) =>
  iso
    ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      )
    : '…';
const period = (from: string | null, to: string | null, locale: string) => (from || to ? `${day(from, locale)} – ${day(to, locale)}` : '');

/** /cohorts: the groups at my places; /cohorts/:id one group with its members and their attendance. */
export function CohortsPage() {
  const { id } = useParams();
  return id ? <CohortView id={id} /> : <CohortList />;
}

function CohortList() {
  const { t, i18n } = useTranslation();
  const cohorts = useCohorts();
  const [creating, setCreating] = useState(false);
  const networkError = useNetworkError();
  return (
    <>
      <PageHeader title={t('referrals.cohorts.title')} actions={!creating && <Button onPress={() => setCreating(true)}>{t('referrals.cohorts.new')}</Button>} />
      <p className="muted">{t('referrals.cohorts.lead')}</p>
      {creating && <CohortForm onDone={() => setCreating(false)} />}
      {cohorts.isPending && <Loading />}
      {cohorts.error && (
        <p role="alert" className="alert alert-error">
          {networkError(cohorts.error)}
        </p>
      )}
      {cohorts.data && !cohorts.data.items.length && <p className="empty-state">{t('referrals.cohorts.none')}</p>}
      <ul className="cards cohort-cards">
        {cohorts.data?.items.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/cohorts/${c.id}`}>{c.name}</Link>
            </h2>
            <p className="muted">
              {/* Each part isolated: names and dates keep their own direction in an Arabic line. */}
              {[c.placeName, c.programmeName, period(c.startsOn, c.endsOn, i18n.language)].filter(Boolean).map((part, i) => (
                <span key={part}>
                  {i > 0 && ' · '}
                  <bdi>{part}</bdi>
                </span>
              ))}
            </p>
            <p>
              {t('referrals.cohorts.memberCount', { n: c.members })}
              {c.activityTitle && (
                <>
                  {' · '}
                  {t('referrals.cohorts.series', { title: '' })}
                  <bdi>{c.activityTitle}</bdi>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function CohortForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const choices = useCohortChoices(true);
  const { create } = useCohortWrite();
  const networkError = useNetworkError();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({ name: '', placeId: '', programmeId: '', activityId: '', startsOn: '', endsOn: '', description: '' });
  const [problems, setProblems] = useState<FieldProblems>({});
  const series = useSeriesAt(values.placeId || null);
  const set = (k: keyof typeof values) => (v: string) => setValues((x) => ({ ...x, [k]: v, ...(k === 'placeId' ? { activityId: '' } : {}) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: values.name,
      placeId: values.placeId || null,
      programmeId: values.programmeId || null,
      activityId: values.activityId || null,
      startsOn: values.startsOn || null,
      endsOn: values.endsOn || null,
      description: values.description.trim() || null,
    };
    const found = check(cohortInput, body);
    setProblems(found);
    if (Object.keys(found).length) return requestAnimationFrame(() => focusFirstProblem(form.current));
    create.mutate(body, {
      onSuccess: (c) => {
        onDone();
        navigate(`/cohorts/${c.id}`);
      },
      onError: (err) => setProblems(serverProblems(err, { place_not_allowed: 'placeId', unknown_activity: 'activityId', ends_before_start: 'endsOn' })),
    });
  };

  return (
    <form ref={form} className="card network-form" onSubmit={submit} noValidate aria-labelledby="cohort-new-title">
      <h2 id="cohort-new-title">{t('referrals.cohorts.new')}</h2>
      <TextField
        label={t('referrals.cohorts.name')}
        isRequired
        value={values.name}
        onChange={set('name')}
        errorMessage={messageFor(t, 'name', problems.name)}
      />
      <Select
        label={t('referrals.cohorts.place')}
        value={values.placeId || null}
        onChange={set('placeId')}
        options={(choices.data?.places ?? []).map((p) => ({ id: p.id, label: p.name }))}
        errorMessage={messageFor(t, 'placeId', problems.placeId)}
      />
      <Select
        label={t('referrals.cohorts.programme')}
        value={values.programmeId || null}
        onChange={set('programmeId')}
        options={(choices.data?.programmes ?? []).map((p) => ({ id: p.id, label: p.name }))}
      />
      {values.placeId && (
        <Select
          label={t('referrals.cohorts.sessionSeries')}
          value={values.activityId || null}
          onChange={set('activityId')}
          options={(series.data ?? []).map((s) => ({ id: s.id, label: s.title }))}
          errorMessage={messageFor(t, 'activityId', problems.activityId)}
        />
      )}
      <div className="row">
        <TextField
          label={t('referrals.cohorts.startsOn')}
          type="date"
          value={values.startsOn}
          onChange={set('startsOn')}
          errorMessage={messageFor(t, 'startsOn', problems.startsOn)}
        />
        <TextField
          label={t('referrals.cohorts.endsOn')}
          type="date"
          value={values.endsOn}
          onChange={set('endsOn')}
          errorMessage={messageFor(t, 'endsOn', problems.endsOn)}
        />
      </div>
      <TextField label={t('referrals.cohorts.description')} multiline value={values.description} onChange={set('description')} />
      {create.error && !Object.keys(problems).length && (
        <p role="alert" className="alert alert-error">
          {networkError(create.error)}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" isPending={create.isPending}>
          {t('referrals.cohorts.create')}
        </Button>
        <Button variant="quiet" onPress={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function CohortView({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useCohort(id);
  return (
    <RecordGate query={query} title={t('referrals.cohorts.title')}>
      {(c) => <CohortDetailView cohort={c} />}
    </RecordGate>
  );
}

function CohortDetailView({ cohort: c }: { cohort: CohortDetail }) {
  const { t, i18n } = useTranslation();
  const { add, remove } = useCohortWrite();
  const networkError = useNetworkError();
  const [adding, setAdding] = useState(false);
  const [pick, setPick] = useState('');
  const candidates = usePlacePathways(c.placeId, adding);
  const current = c.memberList.filter((m) => !m.leftOn);
  const former = c.memberList.filter((m) => m.leftOn);
  const inCohort = new Set(current.map((m) => m.pathwayId));
  const error = add.error ?? remove.error;

  return (
    <>
      <PageHeader title={c.name} />
      <p>
        <Link to="/cohorts">{t('referrals.cohorts.back')}</Link>
      </p>
      <dl className="referral-details">
        {c.placeName && (
          <>
            <dt>{t('referrals.cohorts.place')}</dt>
            <dd>{c.placeName}</dd>
          </>
        )}
        {c.programmeName && (
          <>
            <dt>{t('referrals.cohorts.programme')}</dt>
            <dd>{c.programmeName}</dd>
          </>
        )}
        {(c.startsOn || c.endsOn) && (
          <>
            <dt>{t('referrals.cohorts.period')}</dt>
            <dd>{period(c.startsOn, c.endsOn, i18n.language)}</dd>
          </>
        )}
        <dt>{t('referrals.cohorts.sessionSeries')}</dt>
        <dd dir="auto">{c.activityTitle ?? t('referrals.cohorts.noSeries')}</dd>
      </dl>
      {c.description && (
        <p className="pre-line" dir="auto">
          {c.description}
        </p>
      )}

      <section aria-labelledby="members-title">
        <div className="network-heading">
          <h2 id="members-title">{t('referrals.cohorts.members', { n: current.length })}</h2>
          {!adding && <Button onPress={() => setAdding(true)}>{t('referrals.cohorts.addMember')}</Button>}
        </div>
        {c.attendanceNote && <p className="muted">{t(`referrals.cohorts.attendanceNote.${c.attendanceNote}`)}</p>}
        {adding && (
          <div className="card network-form">
            {candidates.isPending && <Loading />}
            <Select
              label={t('referrals.cohorts.pickPathway')}
              value={pick || null}
              onChange={setPick}
              options={(candidates.data?.items ?? [])
                .filter((p) => !inCohort.has(p.id))
                .map((p) => ({ id: p.id, label: `${p.participant.givenName} ${p.participant.familyName}` }))}
            />
            <div className="form-actions">
              <Button
                isPending={add.isPending}
                onPress={() =>
                  pick &&
                  add.mutate(
                    { id: c.id, pathwayId: pick },
                    {
                      onSuccess: () => {
                        setPick('');
                        setAdding(false);
                      },
                    },
                  )
                }
              >
                {t('referrals.cohorts.add')}
              </Button>
              <Button variant="quiet" onPress={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          </div>
        )}
        {error && (
          <p role="alert" className="alert alert-error">
            {networkError(error)}
          </p>
        )}
        {!current.length && <p className="empty-state">{t('referrals.cohorts.noMembers')}</p>}
        {current.length > 0 && (
          <table className="people-table cohort-table">
            <thead>
              <tr>
                <th scope="col">{t('referrals.cohorts.member')}</th>
                <th scope="col">{t('referrals.cohorts.joinedOn')}</th>
                <th scope="col">{t('referrals.cohorts.attended')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('referrals.cohorts.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {current.map((m) => (
                <tr key={m.pathwayId}>
                  <th scope="row">
                    {m.canOpen ? <Link to={`/pathways/${m.pathwayId}`}>{`${m.givenName} ${m.familyName}`}</Link> : `${m.givenName} ${m.familyName}`}
                  </th>
                  <td>{day(m.joinedOn, i18n.language)}</td>
                  <td>{m.attended ?? '—'}</td>
                  <td>
                    {m.canOpen && (
                      <Button
                        variant="quiet"
                        isPending={remove.isPending}
                        aria-label={t('referrals.cohorts.removeNamed', { name: m.givenName })}
                        onPress={() => {
                          if (window.confirm(t('referrals.cohorts.confirmRemove', { name: m.givenName }))) remove.mutate({ id: c.id, pathwayId: m.pathwayId });
                        }}
                      >
                        {t('referrals.cohorts.remove')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {former.length > 0 && (
          <>
            <h3>{t('referrals.cohorts.former')}</h3>
            <ul>
              {former.map((m) => (
                <li key={m.pathwayId}>
                  {m.givenName} {m.familyName} ({period(m.joinedOn, m.leftOn, i18n.language)})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
