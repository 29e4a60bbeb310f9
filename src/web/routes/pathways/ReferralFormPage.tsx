import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { referralSources } from '../../../shared/pathways.ts';
import type { PersonSummary } from '../../../shared/people.ts';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { focusFirstProblem } from '../../components/forms.ts';
import { Button, Loading, PageHeader, SearchField, Select, TextField } from '../../components/ui.tsx';
import { createReferral, todayIso, useOrgOptions, usePathwayMutation } from './api.ts';
import { ChoiceGroup, errorFor, PathwaysError, usePathwaysError } from './components.tsx';
import './pathways.css';

/** Participants by name, for choosing who a referral or intake is about. */
export function useParticipantSearch(q: string) {
  return useQuery({
    queryKey: ['people', 'search', 'participant', q],
    queryFn: () => api<{ items: PersonSummary[] }>('/people', { query: { q, kind: 'participant', limit: 8 } }),
    enabled: q.trim().length >= 2,
  });
}

/** Choose a known participant: type a name, pick from the list. */
export function ParticipantPicker({
  value,
  onChange,
  errorMessage,
}: {
  value: PersonSummary | null;
  onChange: (p: PersonSummary | null) => void;
  errorMessage?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useParticipantSearch(q);
  if (value) {
    return (
      <div className="picked">
        <p>{t('pathways.referralForm.chosen', { name: `${value.givenName} ${value.familyName}` })}</p>
        <Button variant="quiet" className="link-button" onPress={() => onChange(null)}>
          {t('pathways.referralForm.change')}
        </Button>
      </div>
    );
  }
  return (
    <div className="picker">
      <SearchField label={t('pathways.referralForm.findPerson')} value={q} onChange={setQ} />
      {errorMessage && (
        <p className="field-error" role="alert">
          {errorMessage}
        </p>
      )}
      {found.isFetching && <Loading />}
      {found.data && !found.data.items.length && <p className="muted">{t('pathways.referralForm.noPeople')}</p>}
      {!!found.data?.items.length && (
        <ul className="pick-list">
          {found.data.items.map((p) => (
            <li key={p.id}>
              <Button variant="secondary" onPress={() => onChange(p)}>
                {p.givenName} {p.familyName}
                {p.placeName && <span className="muted"> · {p.placeName}</span>}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A new referral in: who, from whom, when, where and why. Someone new gets a participant record. */
export function ReferralFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const may = useCan();
  const message = usePathwaysError();
  const form = useRef<HTMLFormElement>(null);
  const { places, partners } = useOrgOptions();
  const myPlaces = (places.data?.items ?? []).filter((p) => may('pathways.manage', p.id));
  const [mode, setMode] = useState<'existing' | 'new'>('new');
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [v, setV] = useState({
    givenName: '',
    familyName: '',
    email: '',
    phone: '',
    source: 'partner' as (typeof referralSources)[number],
    partnerId: '',
    partnerContactId: '',
    referrerName: '',
    referredOn: todayIso(),
    placeId: '',
    reason: '',
  });
  const [tried, setTried] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const placeId = v.placeId || (myPlaces.length === 1 ? myPlaces[0].id : '');
  const partner = partners.data?.items.find((p) => p.id === v.partnerId);
  const save = usePathwayMutation(() =>
    createReferral({
      ...(mode === 'existing' && person
        ? { participantId: person.id }
        : { newParticipant: { givenName: v.givenName.trim(), familyName: v.familyName.trim(), email: v.email.trim() || null, phone: v.phone.trim() || null } }),
      placeId,
      source: v.source,
      partnerId: v.source === 'self' ? null : v.partnerId || null,
      partnerContactId: v.source === 'partner' && v.partnerContactId ? v.partnerContactId : null,
      referrerName: v.source === 'self' ? null : v.referrerName.trim() || null,
      referredOn: v.referredOn,
      reason: v.reason.trim() || null,
    }),
  );
  const m: Record<string, boolean> = {
    person: mode === 'existing' && !person,
    givenName: mode === 'new' && !v.givenName.trim(),
    familyName: mode === 'new' && !v.familyName.trim(),
    partnerId: v.source === 'partner' && !v.partnerId,
    referredOn: !v.referredOn,
    placeId: !placeId,
  };
  const missing: Record<string, boolean> = tried ? m : {};
  const req = (k: string) => (missing[k] ? t('common.validation.required') : undefined);

  return (
    <div className="form-page pathways-page">
      <p className="muted back-link">
        <Link to="/pathways/referrals">{t('pathways.referrals.title')}</Link>
      </p>
      <PageHeader title={t('pathways.referralForm.title')} />
      <p className="lead">{t('pathways.referralForm.lead')}</p>
      <form
        ref={form}
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (Object.values(m).some(Boolean)) return focusFirstProblem(form.current);
          save.mutate(undefined, { onSuccess: () => navigate('/pathways/referrals', { state: { notice: 'saved' } }) });
        }}
      >
        <section aria-labelledby="referral-who" className="form-section">
          <h2 id="referral-who">{t('pathways.referralForm.who')}</h2>
          <ChoiceGroup
            label={t('pathways.referralForm.known')}
            value={mode}
            onChange={(m) => setMode(m as 'existing' | 'new')}
            options={[
              { id: 'new', label: t('pathways.referralForm.new') },
              { id: 'existing', label: t('pathways.referralForm.existing') },
            ]}
          />
          {mode === 'existing' ? (
            <ParticipantPicker value={person} onChange={setPerson} errorMessage={req('person')} />
          ) : (
            <div className="form-grid">
              <TextField
                label={t('pathways.referralForm.givenName')}
                value={v.givenName}
                onChange={set('givenName')}
                isRequired
                errorMessage={req('givenName')}
              />
              <TextField
                label={t('pathways.referralForm.familyName')}
                value={v.familyName}
                onChange={set('familyName')}
                isRequired
                errorMessage={req('familyName')}
              />
              <TextField
                label={t('pathways.referralForm.email')}
                type="email"
                inputDir="ltr"
                value={v.email}
                onChange={set('email')}
                errorMessage={errorFor(save.error, 'email', message)}
              />
              <TextField
                label={t('pathways.referralForm.phone')}
                type="tel"
                inputDir="ltr"
                value={v.phone}
                onChange={set('phone')}
                errorMessage={errorFor(save.error, 'phone', message)}
              />
            </div>
          )}
        </section>

        <section aria-labelledby="referral-from" className="form-section">
          <h2 id="referral-from">{t('pathways.referralForm.from')}</h2>
          <ChoiceGroup
            label={t('pathways.referralForm.source')}
            value={v.source}
            onChange={set('source')}
            options={referralSources.map((s) => ({ id: s, label: t(`pathways.source.${s}`) }))}
          />
          {v.source !== 'self' && (
            <div className="form-grid">
              <Select
                label={t('pathways.referralForm.partner')}
                value={v.partnerId || null}
                onChange={(id) => setV((s) => ({ ...s, partnerId: id, partnerContactId: '' }))}
                options={(partners.data?.items ?? []).map((p) => ({ id: p.id, label: p.name }))}
                isRequired={v.source === 'partner'}
                errorMessage={req('partnerId') ?? errorFor(save.error, 'partnerId', message)}
              />
              {v.source === 'partner' && !!partner?.contacts.length && (
                <Select
                  label={t('pathways.referralForm.contact')}
                  value={v.partnerContactId || 'none'}
                  onChange={(id) => set('partnerContactId')(id === 'none' ? '' : id)}
                  options={[{ id: 'none', label: t('pathways.referralForm.noContact') }, ...partner.contacts.map((c) => ({ id: c.id, label: c.name }))]}
                />
              )}
              <TextField label={t('pathways.referralForm.referrerName')} value={v.referrerName} onChange={set('referrerName')} />
            </div>
          )}
          <div className="form-grid">
            <TextField
              label={t('pathways.referralForm.referredOn')}
              type="date"
              inputDir="ltr"
              value={v.referredOn}
              onChange={set('referredOn')}
              isRequired
              errorMessage={req('referredOn') ?? errorFor(save.error, 'referredOn', message)}
            />
            <Select
              label={t('pathways.referralForm.place')}
              value={placeId || null}
              onChange={set('placeId')}
              options={myPlaces.map((p) => ({ id: p.id, label: p.name }))}
              isRequired
              errorMessage={req('placeId')}
            />
          </div>
          <TextField label={t('pathways.referralForm.reason')} multiline value={v.reason} onChange={set('reason')} maxLength={2000} />
        </section>
        <PathwaysError error={save.error} />
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {t('pathways.referralForm.save')}
          </Button>
        </div>
      </form>
    </div>
  );
}
