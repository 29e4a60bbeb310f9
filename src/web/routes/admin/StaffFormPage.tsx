import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type StaffInput, type StaffMember, type StaffPatch, staffInput, staffPatch } from '../../../shared/organisation.ts';
import { type Role, staffRoles } from '../../../shared/permissions.ts';
import { ApiError, api } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { check, type FieldProblems, focusFirstProblem, serverProblems } from '../../components/forms.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, ErrorAlert, Notice, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { languages } from '../../i18n.ts';
import { adminKeys, BackLink, formatDateTime, isolate, orNull, usePartnerList, usePlaceList } from './common.tsx';
import { adminMessage } from './forms.ts';
import { StaffStatus } from './StaffPage.tsx';

const WHOLE = 'organisation';

interface RoleRow {
  key: number;
  role: Role;
  place: string;
}
interface Values {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  locale: string;
  roles: RoleRow[];
  /** the partner this colleague works for; '' for none */
  partner: string;
}

let nextKey = 1;
/** The "works for no partner" choice of the partner field. */
const NONE = 'none';
const toRoles = (rows: RoleRow[]) => rows.map((r) => ({ role: r.role, placeId: r.place === WHOLE ? null : r.place }));

/** /admin/staff/new and /admin/staff/:accountId */
export function StaffFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { accountId } = useParams();
  const { t } = useTranslation();
  const member = useQuery({ queryKey: [...adminKeys.staff, accountId], enabled: mode === 'edit', queryFn: () => api<StaffMember>(`/staff/${accountId}`) });
  if (mode === 'new') return <StaffForm />;
  return (
    <RecordGate query={member} title={t('admin.staff.title')}>
      {(data) => (
        <>
          <StaffForm key={JSON.stringify(data.roles) + data.givenName} existing={data} />
          <AccountAccess member={data} />
        </>
      )}
    </RecordGate>
  );
}

function StaffForm({ existing }: { existing?: StaffMember }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const places = usePlaceList();
  const partners = usePartnerList();
  const isSelf = existing?.accountId === me?.accountId;
  const [values, setValues] = useState<Values>(() => ({
    givenName: existing?.givenName ?? '',
    familyName: existing?.familyName ?? '',
    email: existing?.email ?? '',
    phone: existing?.phone ?? '',
    locale: existing?.locale ?? i18n.language,
    roles: existing
      ? existing.roles.map((r) => ({ key: nextKey++, role: r.role as Role, place: r.placeId ?? WHOLE }))
      : [{ key: nextKey++, role: 'matchmaker', place: WHOLE }],
    partner: existing?.partnerId ?? '',
  }));
  const [problems, setProblems] = useState<FieldProblems>({});
  const [fromServer, setFromServer] = useState<FieldProblems>({});
  const [tried, setTried] = useState(false);

  const toCreate = (v: Values): StaffInput => ({
    givenName: v.givenName,
    familyName: v.familyName,
    email: v.email.trim(),
    phone: orNull(v.phone),
    locale: v.locale as StaffInput['locale'],
    roles: toRoles(v.roles),
    partnerId: v.partner || null,
  });
  const toPatch = (v: Values): StaffPatch => ({
    givenName: v.givenName,
    familyName: v.familyName,
    phone: orNull(v.phone),
    roles: toRoles(v.roles),
    partnerId: v.partner || null,
  });
  const validate = (v: Values) => (existing ? check(staffPatch, toPatch(v)) : check(staffInput, toCreate(v)));

  const save = useMutation({
    mutationFn: (v: Values) =>
      existing
        ? api<StaffMember>(`/staff/${existing.accountId}`, { method: 'PATCH', body: toPatch(v) })
        : api<StaffMember & { passwordLinkSent: boolean }>('/staff', { method: 'POST', body: toCreate(v) }),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: adminKeys.staff });
      if (isSelf) void qc.invalidateQueries({ queryKey: ['me'] });
      const name = isolate(`${saved.givenName} ${saved.familyName}`);
      const notice = existing
        ? t('admin.common.saved', { name })
        : 'passwordLinkSent' in saved && saved.passwordLinkSent
          ? t('admin.staff.createdMailed', { name, email: isolate(saved.email) })
          : t('admin.staff.createdNotMailed', { name });
      navigate('/admin/staff', { state: { notice } });
    },
    onError: (error) => {
      const found = serverProblems(error, { email_taken: 'email', login_taken: 'email', unknown_place: 'roles' });
      setFromServer(found);
      if (Object.keys(found).length) focusFirstProblem(formRef.current);
    },
  });

  const update = (next: Values, field: string) => {
    setValues(next);
    if (field in fromServer) setFromServer(({ [field]: _, ...rest }) => rest);
    if (tried) setProblems(validate(next));
  };
  const set = <K extends keyof Values>(key: K, value: Values[K]) => update({ ...values, [key]: value }, key);
  const setRole = (key: number, patch: Partial<RoleRow>) =>
    update({ ...values, roles: values.roles.map((r) => (r.key === key ? { ...r, ...patch } : r)) }, 'roles');

  const shown: FieldProblems = { ...fromServer, ...problems };
  const err = (field: keyof Values) => adminMessage(t, field, shown[field]);
  const otherError = save.error && !(save.error instanceof ApiError && (save.error.code === 'validation_failed' || Object.keys(fromServer).length > 0));
  const roleOptions = staffRoles.map((r) => ({ id: r, label: t(`roles.${r}`) }));
  const placeOptions = [{ id: WHOLE, label: t('admin.staff.wholeOrganisation') }, ...(places.data?.items ?? []).map((p) => ({ id: p.id, label: p.name }))];
  const title = existing ? `${existing.givenName} ${existing.familyName}` : t('admin.staff.newTitle');

  return (
    <div className="form-page">
      <BackLink to="/admin/staff" label={t('admin.staff.title')} />
      <PageHeader title={title} actions={existing && <StaffStatus member={existing} />} />
      {!existing && <p className="lead">{t('admin.staff.newIntro')}</p>}
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack"
        aria-label={t('admin.staff.details')}
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const found = validate(values);
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
          <TextField
            label={t('admin.staff.givenName')}
            name="givenName"
            autoComplete="off"
            isRequired
            value={values.givenName}
            onChange={(v) => set('givenName', v)}
            errorMessage={err('givenName')}
          />
          <TextField
            label={t('admin.staff.familyName')}
            name="familyName"
            autoComplete="off"
            isRequired
            value={values.familyName}
            onChange={(v) => set('familyName', v)}
            errorMessage={err('familyName')}
          />
        </div>
        <div className="row">
          {existing ? (
            <p className="field readonly-field">
              <span className="field-label">{t('admin.staff.email')}</span>
              <span dir="ltr">{existing.email}</span>
            </p>
          ) : (
            <TextField
              label={t('admin.staff.email')}
              description={t('admin.staff.emailHelp')}
              name="email"
              type="email"
              inputDir="ltr"
              autoComplete="off"
              isRequired
              value={values.email}
              onChange={(v) => set('email', v)}
              errorMessage={err('email')}
            />
          )}
          <TextField
            label={t('admin.staff.phone')}
            name="phone"
            type="tel"
            inputDir="ltr"
            autoComplete="off"
            value={values.phone}
            onChange={(v) => set('phone', v)}
            errorMessage={err('phone')}
          />
        </div>
        {!existing && (
          <Select
            label={t('admin.staff.locale')}
            name="locale"
            options={languages.map((l) => ({ id: l.code, label: l.name }))}
            value={values.locale}
            onChange={(v) => set('locale', v)}
          />
        )}
        <Select
          label={t('referrals.staffForm.partner')}
          name="partner"
          options={[{ id: NONE, label: t('referrals.staffForm.noPartner') }, ...(partners.data?.items ?? []).map((p) => ({ id: p.id, label: p.name }))]}
          value={values.partner || NONE}
          onChange={(v) => set('partner', v === NONE ? '' : v)}
        />

        <fieldset className="fieldset" aria-describedby={err('roles') ? 'roles-error' : undefined}>
          <legend>{t('admin.staff.roles')}</legend>
          <p className="muted">{isSelf ? t('admin.staff.selfRolesHelp') : t('admin.staff.rolesHelp')}</p>
          <ol className="line-rows">
            {values.roles.map((r, i) => (
              <li key={r.key}>
                <div className="line-row role-row" role="group" aria-label={t('admin.staff.roleN', { n: i + 1 })}>
                  <Select label={t('admin.staff.role')} options={roleOptions} value={r.role} onChange={(v) => setRole(r.key, { role: v as Role })} />
                  <Select label={t('admin.staff.place')} options={placeOptions} value={r.place} onChange={(v) => setRole(r.key, { place: v })} />
                  <Button
                    variant="quiet"
                    className="line-remove"
                    aria-label={t('admin.staff.removeRole', { n: i + 1 })}
                    onPress={() => update({ ...values, roles: values.roles.filter((x) => x.key !== r.key) }, 'roles')}
                  >
                    {t('admin.common.remove')}
                  </Button>
                </div>
              </li>
            ))}
          </ol>
          {err('roles') && (
            <p id="roles-error" className="field-error">
              {err('roles')}
            </p>
          )}
          <Button
            variant="secondary"
            onPress={() => update({ ...values, roles: [...values.roles, { key: nextKey++, role: 'companion', place: WHOLE }] }, 'roles')}
          >
            <span aria-hidden="true">+</span> {t('admin.staff.addRole')}
          </Button>
        </fieldset>

        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {existing ? t('admin.common.save') : t('admin.staff.create')}
          </Button>
          <Link to="/admin/staff" className="button button-quiet">
            {t('admin.common.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}

/** Whether the colleague can sign in: disable or enable, and the password link again. */
function AccountAccess({ member }: { member: StaffMember }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const isSelf = member.accountId === me?.accountId;
  const name = isolate(`${member.givenName} ${member.familyName}`);
  const setStatus = useMutation({
    mutationFn: (status: 'active' | 'disabled') => api<StaffMember>(`/staff/${member.accountId}`, { method: 'PATCH', body: { status } }),
    onSuccess: (saved) => {
      setNotice(saved.status === 'disabled' ? t('admin.staff.disabledNotice', { name }) : t('admin.staff.enabledNotice', { name }));
      void qc.invalidateQueries({ queryKey: adminKeys.staff });
    },
  });
  const resend = useMutation({
    mutationFn: () => api<void>(`/staff/${member.accountId}/password-link`, { method: 'POST' }),
    onSuccess: () => setNotice(t('admin.staff.linkSent', { email: isolate(member.email) })),
  });
  return (
    <section className="form-page danger-zone" aria-labelledby="access-title">
      <h2 id="access-title">{t('admin.staff.access')}</h2>
      {notice && <Notice>{notice}</Notice>}
      <ErrorAlert error={setStatus.error ?? resend.error} />
      <p className="muted">
        {member.lastLoginAt ? t('admin.staff.lastLoginAt', { when: formatDateTime(member.lastLoginAt, i18n.language) }) : t('admin.staff.neverSignedIn')}
      </p>
      <div className="form-actions">
        {!member.passwordSet && member.status !== 'disabled' && (
          <Button variant="secondary" isPending={resend.isPending} onPress={() => resend.mutate()}>
            {t('admin.staff.resendLink')}
          </Button>
        )}
        {isSelf ? (
          <p className="muted">{t('admin.staff.selfDisableHelp')}</p>
        ) : member.status === 'disabled' ? (
          <Button variant="secondary" isPending={setStatus.isPending} onPress={() => setStatus.mutate('active')}>
            {t('admin.staff.enable')}
          </Button>
        ) : (
          <Button variant="danger" isPending={setStatus.isPending} onPress={() => setStatus.mutate('disabled')}>
            {t('admin.staff.disable')}
          </Button>
        )}
      </div>
      {!isSelf && member.status !== 'disabled' && <p className="muted">{t('admin.staff.disableHelp')}</p>}
    </section>
  );
}
