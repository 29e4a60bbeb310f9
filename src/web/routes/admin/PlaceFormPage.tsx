import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type Place, type PlaceInput, placeInput } from '../../../shared/organisation.ts';
import { ApiError, api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { check, type FieldProblems, focusFirstProblem, serverProblems } from '../../components/forms.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, CheckboxGroup, ErrorAlert, Loading, PageHeader, TextField } from '../../components/ui.tsx';
import { adminKeys, BackLink, ConfirmDelete, isolate, orNull, useAllStaff } from './common.tsx';
import { adminMessage } from './forms.ts';

interface Values {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  phone: string;
  description: string;
  hostPersonIds: string[];
}

const fromPlace = (p: Place): Values => ({
  name: p.name,
  street: p.street ?? '',
  postalCode: p.postalCode ?? '',
  city: p.city,
  country: p.country,
  phone: p.phone ?? '',
  description: p.description ?? '',
  hostPersonIds: p.hosts.map((h) => h.personId),
});

const toInput = (v: Values): PlaceInput => ({
  name: v.name,
  street: orNull(v.street),
  postalCode: orNull(v.postalCode),
  city: v.city,
  country: v.country.trim() || 'BE',
  phone: orNull(v.phone),
  description: orNull(v.description),
  hostPersonIds: v.hostPersonIds,
});

/** /admin/places/new and /admin/places/:id */
export function PlaceFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const place = useQuery({ queryKey: [...adminKeys.places, id], enabled: mode === 'edit', queryFn: () => api<Place>(`/places/${id}`) });
  if (mode === 'new') return <PlaceForm />;
  return (
    <RecordGate query={place} title={t('admin.places.title')}>
      {(data) => <PlaceForm key={data.updatedAt} existing={data} />}
    </RecordGate>
  );
}

function PlaceForm({ existing }: { existing?: Place }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const may = useCan();
  const formRef = useRef<HTMLFormElement>(null);
  const staff = useAllStaff(may('staff.manage'));
  const [values, setValues] = useState<Values>(() =>
    existing ? fromPlace(existing) : { name: '', street: '', postalCode: '', city: '', country: 'BE', phone: '', description: '', hostPersonIds: [] },
  );
  const [problems, setProblems] = useState<FieldProblems>({});
  const [fromServer, setFromServer] = useState<FieldProblems>({});
  const [tried, setTried] = useState(false);

  const save = useMutation({
    mutationFn: (v: Values) =>
      existing ? api<Place>(`/places/${existing.id}`, { method: 'PATCH', body: toInput(v) }) : api<Place>('/places', { method: 'POST', body: toInput(v) }),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: adminKeys.places });
      navigate('/admin/places', { state: { notice: t('admin.common.saved', { name: isolate(saved.name) }) } });
    },
    onError: (error) => {
      const found = serverProblems(error, { name_taken: 'name', unknown_person: 'hostPersonIds' });
      setFromServer(found);
      if (Object.keys(found).length) focusFirstProblem(formRef.current);
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/places/${existing?.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.places });
      navigate('/admin/places', { state: { notice: t('admin.common.deleted', { name: isolate(existing?.name) }) } });
    },
  });

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (key in fromServer) setFromServer(({ [key]: _, ...rest }) => rest);
    if (tried) setProblems(check(placeInput, toInput(next)));
  };
  const shown: FieldProblems = { ...fromServer, ...problems };
  const err = (field: keyof Values) => adminMessage(t, field, shown[field]);
  const otherError = save.error && !(save.error instanceof ApiError && (save.error.code === 'validation_failed' || Object.keys(fromServer).length > 0));

  // Hosts are chosen among staff; someone already a host stays listed even when not staff.
  const hostOptions = [
    ...(staff.data?.items ?? []).filter((s) => s.status !== 'disabled').map((s) => ({ id: s.personId, label: `${s.givenName} ${s.familyName}` })),
    ...(existing?.hosts ?? []).map((h) => ({ id: h.personId, label: `${h.givenName} ${h.familyName}` })),
  ].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
  const inUse = existing ? existing.peopleCount + existing.staffRoleCount > 0 : false;
  const title = existing ? t('admin.places.editTitle', { name: isolate(existing.name) }) : t('admin.places.newTitle');

  return (
    <div className="form-page">
      <BackLink to="/admin/places" label={t('admin.places.title')} />
      <PageHeader title={title} />
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const found = check(placeInput, toInput(values));
          setProblems(found);
          if (Object.keys(found).length) {
            focusFirstProblem(formRef.current);
            return;
          }
          save.mutate(values);
        }}
      >
        {Object.keys(shown).length > 0 && (
          <div role="alert" className="alert alert-error">
            {t('errors.validation_failed')}
          </div>
        )}
        {otherError && <ErrorAlert error={save.error} />}
        <TextField label={t('admin.places.name')} name="name" isRequired value={values.name} onChange={(v) => set('name', v)} errorMessage={err('name')} />
        <TextField
          label={t('admin.places.street')}
          name="street"
          autoComplete="off"
          value={values.street}
          onChange={(v) => set('street', v)}
          errorMessage={err('street')}
        />
        <div className="row row-top">
          <TextField
            label={t('admin.places.postalCode')}
            name="postalCode"
            inputDir="ltr"
            value={values.postalCode}
            onChange={(v) => set('postalCode', v)}
            errorMessage={err('postalCode')}
          />
          <TextField label={t('admin.places.city')} name="city" isRequired value={values.city} onChange={(v) => set('city', v)} errorMessage={err('city')} />
          <TextField
            label={t('admin.places.country')}
            description={t('admin.places.countryHelp')}
            name="country"
            inputDir="ltr"
            autoCapitalize="characters"
            value={values.country}
            onChange={(v) => set('country', v)}
            errorMessage={err('country')}
          />
        </div>
        <TextField
          label={t('admin.places.phone')}
          name="phone"
          type="tel"
          inputDir="ltr"
          value={values.phone}
          onChange={(v) => set('phone', v)}
          errorMessage={err('phone')}
        />
        <TextField
          label={t('admin.places.description')}
          name="description"
          multiline
          value={values.description}
          onChange={(v) => set('description', v)}
          errorMessage={err('description')}
        />
        {hostOptions.length > 0 ? (
          <CheckboxGroup
            label={t('admin.places.hosts')}
            description={t('admin.places.hostsHelp')}
            name="hostPersonIds"
            options={hostOptions}
            value={values.hostPersonIds}
            onChange={(v) => set('hostPersonIds', v)}
            errorMessage={err('hostPersonIds')}
          />
        ) : (
          staff.isPending && may('staff.manage') && <Loading />
        )}
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {existing ? t('admin.common.save') : t('admin.places.create')}
          </Button>
          <Link to="/admin/places" className="button button-quiet">
            {t('admin.common.cancel')}
          </Link>
        </div>
      </Form>

      {existing && (
        <section className="danger-zone" aria-labelledby="place-delete">
          <h2 id="place-delete">{t('admin.common.deleteTitle')}</h2>
          {inUse ? (
            <p>{t('errors.place_in_use', { people: existing.peopleCount, staffRoles: existing.staffRoleCount })}</p>
          ) : (
            <>
              {remove.error instanceof ApiError && remove.error.code === 'place_in_use' ? (
                <p role="alert" className="alert alert-error">
                  {t('admin.places.inUseNow')}
                </p>
              ) : (
                <ErrorAlert error={remove.error} />
              )}
              <ConfirmDelete
                label={t('admin.places.delete')}
                question={t('admin.places.deleteQuestion', { name: isolate(existing.name) })}
                onConfirm={() => remove.mutate()}
                isPending={remove.isPending}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
