import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type Person, type PersonInput, personInput } from '../../../shared/people.ts';
import { placesWith } from '../../../shared/permissions.ts';
import { ApiError, api } from '../../api/client.ts';
import { useCan, useMe } from '../../api/session.ts';
import { check, type FieldProblems, focusFirstProblem, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, CheckboxGroup, ErrorAlert, Loading, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { languages as uiLanguages } from '../../i18n.ts';
import { NotFoundPage } from '../home/NotFoundPage.tsx';
import { languageOptions } from './languages.ts';
import { fullName, personKey, usePerson } from './person.ts';
import { usePlaces } from './places.ts';

const NONE = 'none';

interface Values {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  birthDate: string;
  placeId: string;
  languages: string[];
  preferredLanguage: string;
  city: string;
  about: string;
}

const empty: Values = {
  givenName: '',
  familyName: '',
  email: '',
  phone: '',
  birthDate: '',
  placeId: NONE,
  languages: [],
  preferredLanguage: NONE,
  city: '',
  about: '',
};

function fromPerson(p: Person): Values {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    email: p.email ?? '',
    phone: p.phone ?? '',
    birthDate: p.birthDate ?? '',
    placeId: p.placeId ?? NONE,
    languages: p.languages,
    preferredLanguage: p.preferredLanguage ?? NONE,
    city: p.city ?? '',
    about: p.about ?? '',
  };
}

/** What the form holds, as the API takes it: empty means "not known" (null). */
function toInput(v: Values): Omit<PersonInput, 'kind'> {
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    givenName: v.givenName,
    familyName: v.familyName,
    email: orNull(v.email),
    phone: orNull(v.phone),
    birthDate: orNull(v.birthDate),
    placeId: v.placeId === NONE ? null : v.placeId,
    languages: v.languages,
    preferredLanguage: v.preferredLanguage === NONE ? null : (v.preferredLanguage as PersonInput['preferredLanguage']),
    city: orNull(v.city),
    about: orNull(v.about),
  };
}

/** Only what changed, so that a participant editing their own profile never touches their place. */
function changes(before: Values, after: Values) {
  const a = toInput(before) as Record<string, unknown>;
  const b = toInput(after) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(b).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(a[k])));
}

/** /people/new and /people/:id/edit */
export function PersonFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const may = useCan();
  const person = usePerson(mode === 'edit' ? id : undefined);
  const forbidden = (title: string) => (
    <>
      <PageHeader title={title} />
      <ErrorAlert error={new ApiError(403, { code: 'forbidden' })} />
    </>
  );
  if (mode === 'new') return may('people.write') ? <PersonForm /> : forbidden(t('people.form.newTitle'));
  if (person.isPending) return <Loading />;
  if (person.error instanceof ApiError && person.error.status === 404) return <NotFoundPage />;
  if (person.error)
    return (
      <>
        <PageHeader title={t('common.errorTitle')} />
        <ErrorAlert error={person.error} />
      </>
    );
  if (!person.data.can.edit) return forbidden(fullName(person.data));
  return <PersonForm key={person.data.id} existing={person.data} title={t('people.form.editTitle', { name: fullName(person.data) })} />;
}

function PersonForm({ existing, title }: { existing?: Person; title?: string }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const isSelf = !!existing && existing.id === me?.personId;

  // Places where this user may put people; 'all' for organisation-wide roles.
  const writable = me ? placesWith(me.roles, 'people.write') : [];
  const places = usePlaces(writable === 'all' || writable.length > 0);
  const placeOptions = (places.data ?? []).filter((p) => writable === 'all' || writable.includes(p.id) || p.id === existing?.placeId);
  const onlyPlace = writable !== 'all' && writable.length === 1 ? writable[0] : null;

  const initial = existing ? fromPerson(existing) : { ...empty, placeId: onlyPlace ?? NONE };
  const [values, setValues] = useState<Values>(initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [fromServer, setFromServer] = useState<FieldProblems>({});
  const [tried, setTried] = useState(false);

  const save = useMutation({
    mutationFn: (v: Values) =>
      existing
        ? api<Person>(`/people/${existing.id}`, { method: 'PATCH', body: changes(initial, v) })
        : api<Person>('/people', { method: 'POST', body: { kind: 'participant', ...toInput(v) } }),
    onSuccess: (saved) => {
      qc.setQueryData(personKey(saved.id), saved);
      void qc.invalidateQueries({ queryKey: ['people', 'search'] });
      if (isSelf) void qc.invalidateQueries({ queryKey: ['me'] });
      navigate(`/people/${saved.id}`, { state: { notice: existing ? 'saved' : 'created' } });
    },
    onError: (error) => {
      // What was typed stays; the server's objections land next to the fields.
      const found = serverProblems(error, { email_taken: 'email', unknown_place: 'placeId' });
      setFromServer(found);
      if (Object.keys(found).length > 0) focusFirstProblem(formRef.current);
    },
  });

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (key in fromServer) setFromServer(({ [key]: _, ...rest }) => rest);
    if (tried) setProblems(check(personInput, toInput(next)));
  };
  const shown: FieldProblems = { ...fromServer, ...problems };
  const err = (field: keyof Values) => messageFor(t, field, shown[field]);
  const fieldError = Object.keys(shown).length > 0;
  const otherError = save.error && !(save.error instanceof ApiError && (save.error.code === 'validation_failed' || Object.keys(fromServer).length > 0));

  const preferredOptions = [{ id: NONE, label: t('people.form.notChosen') }, ...uiLanguages.map((l) => ({ id: l.code, label: l.name }))];
  const canChoosePlace = !isSelf && placeOptions.length > 0;

  const heading = title ?? t('people.form.newTitle');
  return (
    <div className="form-page">
      <PageHeader title={isSelf ? t('people.form.selfTitle') : heading} />
      <p className="lead">{isSelf ? t('people.form.selfIntro') : t('people.form.intro')}</p>
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack person-form"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const found = check(personInput, toInput(values));
          setProblems(found);
          if (Object.keys(found).length > 0) {
            focusFirstProblem(formRef.current);
            return;
          }
          save.mutate(values);
        }}
      >
        {fieldError && (
          <div role="alert" className="alert alert-error">
            {t('errors.validation_failed')}
          </div>
        )}
        {otherError && <ErrorAlert error={save.error} />}

        <div className="row">
          <TextField
            label={t('people.field.givenName')}
            name="givenName"
            autoComplete={isSelf ? 'given-name' : 'off'}
            isRequired
            value={values.givenName}
            onChange={(v) => set('givenName', v)}
            errorMessage={err('givenName')}
          />
          <TextField
            label={t('people.field.familyName')}
            name="familyName"
            autoComplete={isSelf ? 'family-name' : 'off'}
            isRequired
            value={values.familyName}
            onChange={(v) => set('familyName', v)}
            errorMessage={err('familyName')}
          />
        </div>
        <div className="row">
          <TextField
            label={t('people.field.email')}
            name="email"
            type="email"
            inputDir="ltr"
            autoComplete={isSelf ? 'email' : 'off'}
            value={values.email}
            onChange={(v) => set('email', v)}
            errorMessage={err('email')}
          />
          <TextField
            label={t('people.field.phone')}
            name="phone"
            type="tel"
            inputDir="ltr"
            autoComplete={isSelf ? 'tel' : 'off'}
            value={values.phone}
            onChange={(v) => set('phone', v)}
            errorMessage={err('phone')}
          />
        </div>
        <div className="row">
          <TextField
            label={t('people.field.birthDate')}
            name="birthDate"
            type="date"
            value={values.birthDate}
            onChange={(v) => set('birthDate', v)}
            errorMessage={err('birthDate')}
          />
          <TextField
            label={t('people.field.city')}
            name="city"
            autoComplete={isSelf ? 'address-level2' : 'off'}
            value={values.city}
            onChange={(v) => set('city', v)}
            errorMessage={err('city')}
          />
        </div>
        <div className="row">
          {canChoosePlace ? (
            <Select
              label={t('people.field.place')}
              name="placeId"
              options={[{ id: NONE, label: t('people.form.noPlace') }, ...placeOptions.map((p) => ({ id: p.id, label: p.name }))]}
              value={values.placeId}
              onChange={(v) => set('placeId', v)}
              errorMessage={err('placeId')}
            />
          ) : (
            existing?.placeName && (
              <p className="field readonly-field">
                <span className="field-label">{t('people.field.place')}</span>
                <span>{existing.placeName}</span>
              </p>
            )
          )}
          <Select
            label={t('people.field.preferredLanguage')}
            name="preferredLanguage"
            options={preferredOptions}
            value={values.preferredLanguage}
            onChange={(v) => set('preferredLanguage', v)}
            errorMessage={err('preferredLanguage')}
          />
        </div>
        <CheckboxGroup
          label={t('people.field.languages')}
          description={isSelf ? t('people.form.languagesHelpSelf') : t('people.form.languagesHelp')}
          name="languages"
          options={languageOptions(i18n.language, existing?.languages)}
          value={values.languages}
          onChange={(v) => set('languages', v)}
          errorMessage={err('languages')}
        />
        <TextField
          label={t('people.field.about')}
          description={isSelf ? t('people.form.aboutHelpSelf') : t('people.form.aboutHelp')}
          name="about"
          multiline
          inputDir="auto"
          value={values.about}
          onChange={(v) => set('about', v)}
          errorMessage={err('about')}
        />
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {t('people.form.save')}
          </Button>
          <Link to={existing ? `/people/${existing.id}` : '/people'} className="button button-quiet">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}
