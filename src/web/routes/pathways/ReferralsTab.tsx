import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReferralOutStatus } from '../../../shared/pathways.ts';
import { type ReferralOut, referralOutInput, sharedContactFields } from '../../../shared/referrals.ts';
import { ApiError } from '../../api/client.ts';
import { check, type FieldProblems, focusFirstProblem, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, CheckboxGroup, Loading, Select, TextField } from '../../components/ui.tsx';
import { type PathwayFileProps, useNetworkError, usePartners, useReferralsOut, useReferralWrite } from './network-api.ts';
import './network.css';

const formatDate = (iso: string | null, locale: string) =>
  iso
    ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : locale, { dateStyle: 'medium', timeZone: 'Europe/Brussels' }).format(
        new Date(iso),
      )
    : '';

/**
 * Warm referrals out of one pathway: the team proposes one to a partner service, sends it once the
 * participant agreed to share with that partner, and follows the partner's answer and feedback.
 */
export function ReferralsTab({ pathway }: PathwayFileProps) {
  const { t } = useTranslation();
  const referrals = useReferralsOut(pathway.id);
  const mayWrite = pathway.allowed.includes('referral-out.write');
  const [proposing, setProposing] = useState(false);
  const networkError = useNetworkError();
  const items = referrals.data?.items ?? [];

  return (
    <section aria-labelledby="referrals-title" className="network-section">
      <div className="network-heading">
        <h3 id="referrals-title">{t('referrals.tab.title')}</h3>
        {mayWrite && !proposing && pathway.status !== 'ended' && <Button onPress={() => setProposing(true)}>{t('referrals.tab.propose')}</Button>}
      </div>
      <p className="muted">{t(pathway.capacity === 'participant' ? 'referrals.tab.leadParticipant' : 'referrals.tab.lead')}</p>
      {proposing && <ProposeForm pathwayId={pathway.id} onDone={() => setProposing(false)} />}
      {referrals.isPending && <Loading />}
      {referrals.error && (
        <p role="alert" className="alert alert-error">
          {networkError(referrals.error)}
        </p>
      )}
      {referrals.data && !items.length && <p className="empty-state">{t('referrals.tab.none')}</p>}
      <ul className="referral-list">
        {items.map((r) => (
          <li key={r.id}>
            <ReferralCard referral={r} pathwayId={pathway.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReferralCard({ referral: r, pathwayId }: { referral: ReferralOut; pathwayId: string }) {
  const { t, i18n } = useTranslation();
  const { move } = useReferralWrite(pathwayId);
  const networkError = useNetworkError();
  const [recording, setRecording] = useState(false);
  const [feedback, setFeedback] = useState(r.partnerFeedback ?? '');
  const answers = r.next.filter((s) => s !== 'sent' && s !== 'cancelled') as Exclude<ReferralOutStatus, 'proposed'>[];
  const error = move.error && move.variables?.id === r.id ? move.error : null;

  return (
    <article className="card referral-card" aria-labelledby={`ref-${r.id}`}>
      <header className="referral-meta">
        <h4 id={`ref-${r.id}`} dir="auto">
          {r.service} · {r.partnerName}
        </h4>
        <span className={`badge referral-status status-${r.status}`}>{t(`referrals.status.${r.status}`)}</span>
      </header>
      <dl className="referral-details">
        {r.partnerContactName && (
          <>
            <dt>{t('referrals.fields.contact')}</dt>
            <dd dir="auto">{r.partnerContactName}</dd>
          </>
        )}
        {r.handoverNote && (
          <>
            <dt>{t('referrals.fields.handoverNote')}</dt>
            <dd className="pre-line" dir="auto">
              {r.handoverNote}
            </dd>
          </>
        )}
        <dt>{t('referrals.fields.sharedContact')}</dt>
        <dd>{r.sharedContact.length ? r.sharedContact.map((f) => t(`referrals.contact.${f}`)).join(', ') : t('referrals.contact.nameOnly')}</dd>
        {r.sentAt && (
          <>
            <dt>{t('referrals.fields.sentAt')}</dt>
            <dd>{formatDate(r.sentAt, i18n.language)}</dd>
          </>
        )}
        {r.partnerFeedback && (
          <>
            <dt>{t('referrals.fields.feedback')}</dt>
            <dd className="pre-line" dir="auto">
              {r.partnerFeedback}
            </dd>
          </>
        )}
      </dl>
      {!r.consentStanding && r.status !== 'cancelled' && r.status !== 'completed' && r.status !== 'declined' && (
        <p className="alert alert-error" role="note">
          {t('referrals.tab.noConsent', { partner: r.partnerName })}
        </p>
      )}
      {error && (
        <div role="alert" className="alert alert-error">
          {networkError(error)}
          {error instanceof ApiError && error.code === 'consent_required' && (
            <>
              {' '}
              <Link to={`/pathways/${pathwayId}/consent`}>{t('referrals.tab.toConsent')}</Link>
            </>
          )}
        </div>
      )}
      {(r.next.includes('sent') || r.next.includes('cancelled') || answers.length > 0) && (
        <div className="form-actions">
          {r.next.includes('sent') && (
            <Button isPending={move.isPending} onPress={() => move.mutate({ id: r.id, status: 'sent' })}>
              {t('referrals.actions.send')}
            </Button>
          )}
          {answers.length > 0 && !recording && (
            <Button variant="secondary" onPress={() => setRecording(true)}>
              {t('referrals.actions.record')}
            </Button>
          )}
          {r.next.includes('cancelled') && (
            <Button
              variant="danger"
              isPending={move.isPending}
              onPress={() => {
                if (window.confirm(t('referrals.actions.confirmCancel'))) move.mutate({ id: r.id, status: 'cancelled' });
              }}
            >
              {t('referrals.actions.cancel')}
            </Button>
          )}
        </div>
      )}
      {recording && (
        <div className="referral-record">
          <TextField label={t('referrals.fields.feedback')} multiline value={feedback} onChange={setFeedback} description={t('referrals.tab.recordHint')} />
          <div className="form-actions">
            {answers.map((s) => (
              <Button
                key={s}
                variant={s === 'declined' ? 'secondary' : 'primary'}
                isPending={move.isPending}
                onPress={() => move.mutate({ id: r.id, status: s, feedback: feedback.trim() || null }, { onSuccess: () => setRecording(false) })}
              >
                {t(`referrals.actions.to.${s}`)}
              </Button>
            ))}
            <Button variant="quiet" onPress={() => setRecording(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      )}
    </article>
  );
}

function ProposeForm({ pathwayId, onDone }: { pathwayId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const partners = usePartners(true);
  const { propose } = useReferralWrite(pathwayId);
  const networkError = useNetworkError();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({ partnerId: '', partnerContactId: '', service: '', handoverNote: '', sharedContact: [] as string[] });
  const [problems, setProblems] = useState<FieldProblems>({});
  const partner = partners.data?.items.find((p) => p.id === values.partnerId);
  const set = (k: keyof typeof values) => (v: string | string[]) =>
    setValues((x) => ({ ...x, [k]: v, ...(k === 'partnerId' ? { partnerContactId: '' } : {}) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      partnerId: values.partnerId,
      partnerContactId: values.partnerContactId || null,
      service: values.service,
      handoverNote: values.handoverNote.trim() || null,
      sharedContact: values.sharedContact as (typeof sharedContactFields)[number][],
    };
    const found = check(referralOutInput, body);
    setProblems(found);
    if (Object.keys(found).length) return requestAnimationFrame(() => focusFirstProblem(form.current));
    propose.mutate(body, {
      onSuccess: onDone,
      onError: (err) => setProblems(serverProblems(err, { unknown_partner: 'partnerId', unknown_partner_contact: 'partnerContactId' })),
    });
  };

  return (
    <form ref={form} className="card network-form" onSubmit={submit} noValidate aria-labelledby="propose-title">
      <h4 id="propose-title">{t('referrals.tab.propose')}</h4>
      <Select
        label={t('referrals.fields.partner')}
        isRequired
        value={values.partnerId || null}
        onChange={set('partnerId')}
        options={(partners.data?.items ?? []).map((p) => ({ id: p.id, label: p.name }))}
        errorMessage={messageFor(t, 'partnerId', problems.partnerId)}
      />
      {partner && partner.contacts.length > 0 && (
        <Select
          label={t('referrals.fields.contact')}
          value={values.partnerContactId || null}
          onChange={set('partnerContactId')}
          options={partner.contacts.map((c) => ({ id: c.id, label: c.role ? `${c.name} (${c.role})` : c.name }))}
          errorMessage={messageFor(t, 'partnerContactId', problems.partnerContactId)}
        />
      )}
      <TextField
        label={t('referrals.fields.service')}
        description={t('referrals.fields.serviceHint')}
        isRequired
        value={values.service}
        onChange={set('service')}
        errorMessage={messageFor(t, 'service', problems.service)}
      />
      <TextField
        label={t('referrals.fields.handoverNote')}
        description={t('referrals.fields.handoverHint')}
        multiline
        value={values.handoverNote}
        onChange={set('handoverNote')}
        errorMessage={messageFor(t, 'handoverNote', problems.handoverNote)}
      />
      <CheckboxGroup
        label={t('referrals.fields.sharedContact')}
        description={t('referrals.fields.sharedContactHint')}
        value={values.sharedContact}
        onChange={set('sharedContact')}
        options={sharedContactFields.map((f) => ({ id: f, label: t(`referrals.contact.${f}`) }))}
      />
      {propose.error && !Object.keys(problems).length && (
        <p role="alert" className="alert alert-error">
          {networkError(propose.error)}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" isPending={propose.isPending}>
          {t('referrals.tab.save')}
        </Button>
        <Button variant="quiet" onPress={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
