import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Partner,
  type PartnerContact,
  type PartnerContactInput,
  type PartnerInput,
  type PartnerKind,
  partnerContactInput,
  partnerInput,
  partnerKinds,
} from '../../../shared/organisation.ts';
import { ApiError, api } from '../../api/client.ts';
import { check, type FieldProblems, focusFirstProblem, serverProblems } from '../../components/forms.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, ErrorAlert, Notice, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { adminKeys, BackLink, ConfirmDelete, isolate, orNull, SavedNotice } from './common.tsx';
import { adminMessage } from './forms.ts';

interface Values {
  name: string;
  kind: PartnerKind;
  website: string;
  email: string;
  phone: string;
  description: string;
}

const fromPartner = (p: Partner): Values => ({
  name: p.name,
  kind: ((partnerKinds as readonly string[]).includes(p.kind) ? p.kind : 'other') as PartnerKind,
  website: p.website ?? '',
  email: p.email ?? '',
  phone: p.phone ?? '',
  description: p.description ?? '',
});

const toInput = (v: Values): PartnerInput => ({
  name: v.name,
  kind: v.kind,
  website: orNull(v.website),
  email: orNull(v.email),
  phone: orNull(v.phone),
  description: orNull(v.description),
});

const partnerKey = (id: string | undefined) => [...adminKeys.partners, id];

/** /admin/partners/new and /admin/partners/:id (with its contact persons) */
export function PartnerFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const partner = useQuery({ queryKey: partnerKey(id), enabled: mode === 'edit', queryFn: () => api<Partner>(`/partners/${id}`) });
  if (mode === 'new') return <PartnerForm />;
  return (
    <RecordGate query={partner} title={t('admin.partners.title')}>
      {(data) => (
        <>
          <PartnerForm key={data.updatedAt} existing={data} />
          <Contacts partner={data} />
          <DeletePartner partner={data} />
        </>
      )}
    </RecordGate>
  );
}

function PartnerForm({ existing }: { existing?: Partner }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(() =>
    existing ? fromPartner(existing) : { name: '', kind: 'ngo', website: '', email: '', phone: '', description: '' },
  );
  const [problems, setProblems] = useState<FieldProblems>({});
  const [fromServer, setFromServer] = useState<FieldProblems>({});
  const [tried, setTried] = useState(false);

  const save = useMutation({
    mutationFn: (v: Values) =>
      existing
        ? api<Partner>(`/partners/${existing.id}`, { method: 'PATCH', body: toInput(v) })
        : api<Partner>('/partners', { method: 'POST', body: toInput(v) }),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: adminKeys.partners });
      if (existing) navigate('/admin/partners', { state: { notice: t('admin.common.saved', { name: isolate(saved.name) }) } });
      // A new partner opens at once, so that its contact persons can be added.
      else navigate(`/admin/partners/${saved.id}`, { state: { notice: t('admin.partners.createdAddContacts', { name: isolate(saved.name) }) } });
    },
    onError: (error) => {
      const found = serverProblems(error, { name_taken: 'name' });
      setFromServer(found);
      if (Object.keys(found).length) focusFirstProblem(formRef.current);
    },
  });

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (key in fromServer) setFromServer(({ [key]: _, ...rest }) => rest);
    if (tried) setProblems(check(partnerInput, toInput(next)));
  };
  const shown: FieldProblems = { ...fromServer, ...problems };
  const err = (field: keyof Values) => adminMessage(t, field, shown[field]);
  const otherError = save.error && !(save.error instanceof ApiError && (save.error.code === 'validation_failed' || Object.keys(fromServer).length > 0));
  const title = existing ? existing.name : t('admin.partners.newTitle');

  return (
    <div className="form-page">
      <BackLink to="/admin/partners" label={t('admin.partners.title')} />
      <PageHeader title={title} />
      <SavedNotice />
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack"
        aria-label={t('admin.partners.details')}
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const found = check(partnerInput, toInput(values));
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
        <div className="row">
          <TextField label={t('admin.partners.name')} name="name" isRequired value={values.name} onChange={(v) => set('name', v)} errorMessage={err('name')} />
          <Select
            label={t('admin.partners.kind')}
            name="kind"
            isRequired
            options={partnerKinds.map((k) => ({ id: k, label: t(`admin.partnerKinds.${k}`) }))}
            value={values.kind}
            onChange={(v) => set('kind', v as PartnerKind)}
            errorMessage={err('kind')}
          />
        </div>
        <div className="row">
          <TextField
            label={t('admin.partners.email')}
            name="email"
            type="email"
            inputDir="ltr"
            value={values.email}
            onChange={(v) => set('email', v)}
            errorMessage={err('email')}
          />
          <TextField
            label={t('admin.partners.phone')}
            name="phone"
            type="tel"
            inputDir="ltr"
            value={values.phone}
            onChange={(v) => set('phone', v)}
            errorMessage={err('phone')}
          />
        </div>
        <TextField
          label={t('admin.partners.website')}
          name="website"
          type="url"
          inputDir="ltr"
          placeholder="https://"
          value={values.website}
          onChange={(v) => set('website', v)}
          errorMessage={err('website')}
        />
        <TextField
          label={t('admin.partners.description')}
          name="description"
          multiline
          value={values.description}
          onChange={(v) => set('description', v)}
          errorMessage={err('description')}
        />
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {existing ? t('admin.common.save') : t('admin.partners.create')}
          </Button>
          <Link to="/admin/partners" className="button button-quiet">
            {t('admin.common.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}

/** The partner's contact persons: each can be changed or removed in place; one can be added. */
function Contacts({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="form-page contacts" aria-labelledby="contacts-title">
      <h2 id="contacts-title">{t('admin.partners.contacts')}</h2>
      {notice && <Notice>{notice}</Notice>}
      {partner.contacts.length === 0 && !adding && <p className="muted">{t('admin.partners.noContacts')}</p>}
      <ul className="contact-list">
        {partner.contacts.map((c) =>
          editing === c.id ? (
            <li key={c.id} className="card">
              <ContactForm
                partnerId={partner.id}
                existing={c}
                onDone={(message) => {
                  setEditing(null);
                  setNotice(message);
                }}
              />
            </li>
          ) : (
            <li key={c.id} className="card contact-card">
              <div>
                <h3>{c.name}</h3>
                {c.role && <p className="muted">{c.role}</p>}
                <ul className="plain-list">
                  {c.email && (
                    <li>
                      <a href={`mailto:${c.email}`} dir="ltr">
                        {c.email}
                      </a>
                    </li>
                  )}
                  {c.phone && (
                    <li>
                      <span dir="ltr">{c.phone}</span>
                    </li>
                  )}
                </ul>
              </div>
              <Button
                variant="secondary"
                aria-label={t('admin.partners.editContactOf', { name: isolate(c.name) })}
                onPress={() => {
                  setNotice(null);
                  setEditing(c.id);
                }}
              >
                {t('admin.common.edit')}
              </Button>
            </li>
          ),
        )}
      </ul>
      {adding ? (
        <div className="card">
          <ContactForm
            partnerId={partner.id}
            onDone={(message) => {
              setAdding(false);
              setNotice(message);
            }}
          />
        </div>
      ) : (
        <Button
          variant="secondary"
          onPress={() => {
            setNotice(null);
            setAdding(true);
          }}
        >
          <span aria-hidden="true">+</span> {t('admin.partners.addContact')}
        </Button>
      )}
    </section>
  );
}

const emptyContact = { name: '', role: '', email: '', phone: '' };

function ContactForm({ partnerId, existing, onDone }: { partnerId: string; existing?: PartnerContact; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(() =>
    existing ? { name: existing.name, role: existing.role ?? '', email: existing.email ?? '', phone: existing.phone ?? '' } : emptyContact,
  );
  const [problems, setProblems] = useState<FieldProblems>({});
  const toInput = (v: typeof values): PartnerContactInput => ({ name: v.name, role: orNull(v.role), email: orNull(v.email), phone: orNull(v.phone) });
  const refresh = () => qc.invalidateQueries({ queryKey: adminKeys.partners });

  const save = useMutation({
    mutationFn: (v: typeof values) =>
      existing
        ? api<PartnerContact>(`/partners/${partnerId}/contacts/${existing.id}`, { method: 'PATCH', body: toInput(v) })
        : api<PartnerContact>(`/partners/${partnerId}/contacts`, { method: 'POST', body: toInput(v) }),
    onSuccess: async (saved) => {
      await refresh();
      onDone(t('admin.common.saved', { name: isolate(saved.name) }));
    },
    onError: (error) => setProblems(serverProblems(error)),
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/partners/${partnerId}/contacts/${existing?.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await refresh();
      onDone(t('admin.common.deleted', { name: isolate(existing?.name) }));
    },
  });
  const set = (key: keyof typeof values, value: string) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (Object.keys(problems).length) setProblems(check(partnerContactInput, toInput(next)));
  };
  const err = (field: string) => adminMessage(t, field, problems[field]);
  const legend = existing ? t('admin.partners.editContact', { name: isolate(existing.name) }) : t('admin.partners.newContact');

  return (
    <>
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack"
        aria-label={legend}
        onSubmit={(e) => {
          e.preventDefault();
          const found = check(partnerContactInput, toInput(values));
          setProblems(found);
          if (Object.keys(found).length) {
            focusFirstProblem(formRef.current);
            return;
          }
          save.mutate(values);
        }}
      >
        <h3>{legend}</h3>
        {save.error && !(save.error instanceof ApiError && save.error.code === 'validation_failed') && <ErrorAlert error={save.error} />}
        <div className="row">
          <TextField
            label={t('admin.partners.contactName')}
            isRequired
            autoFocus
            value={values.name}
            onChange={(v) => set('name', v)}
            errorMessage={err('name')}
          />
          <TextField label={t('admin.partners.contactRole')} value={values.role} onChange={(v) => set('role', v)} errorMessage={err('role')} />
        </div>
        <div className="row">
          <TextField
            label={t('admin.partners.email')}
            type="email"
            inputDir="ltr"
            value={values.email}
            onChange={(v) => set('email', v)}
            errorMessage={err('email')}
          />
          <TextField
            label={t('admin.partners.phone')}
            type="tel"
            inputDir="ltr"
            value={values.phone}
            onChange={(v) => set('phone', v)}
            errorMessage={err('phone')}
          />
        </div>
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {existing ? t('admin.common.save') : t('admin.partners.addContact')}
          </Button>
          <Button variant="quiet" onPress={() => onDone(null)}>
            {t('admin.common.cancel')}
          </Button>
        </div>
      </Form>
      {existing && (
        <div className="contact-remove">
          <ErrorAlert error={remove.error} />
          <ConfirmDelete
            label={t('admin.partners.removeContact', { name: isolate(existing.name) })}
            question={t('admin.partners.removeContactQuestion', { name: isolate(existing.name) })}
            onConfirm={() => remove.mutate()}
            isPending={remove.isPending}
          />
        </div>
      )}
    </>
  );
}

function DeletePartner({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => api<void>(`/partners/${partner.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.partners });
      navigate('/admin/partners', { state: { notice: t('admin.common.deleted', { name: isolate(partner.name) }) } });
    },
  });
  return (
    <section className="form-page danger-zone" aria-labelledby="partner-delete">
      <h2 id="partner-delete">{t('admin.common.deleteTitle')}</h2>
      <p className="muted">{t('admin.partners.deleteHelp')}</p>
      <ErrorAlert error={remove.error} />
      <ConfirmDelete
        label={t('admin.partners.delete')}
        question={t('admin.partners.deleteQuestion', { name: isolate(partner.name) })}
        onConfirm={() => remove.mutate()}
        isPending={remove.isPending}
      />
    </section>
  );
}
