import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerReferral } from '../../../shared/referrals.ts';
import { Button, Loading, PageHeader, TextField } from '../../components/ui.tsx';
import { useNetworkError, usePartnerAnswer, usePartnerInbox } from './network-api.ts';
import './network.css';

const formatDate = (iso: string | null, locale: string) =>
  iso
    ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : locale, { dateStyle: 'medium', timeZone: 'Europe/Brussels' }).format(
        new Date(iso),
      )
    : '';

/**
 * The partner worker's inbox: referrals addressed to their service, with only what the participant
 * agreed to share. They accept or decline, report a start and an end, and give feedback.
 */
export function PartnerReferralsPage() {
  const { t } = useTranslation();
  const [show, setShow] = useState<'open' | 'all'>('open');
  const inbox = usePartnerInbox(show);
  const networkError = useNetworkError();
  const items = inbox.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('referrals.inbox.title')} />
      {inbox.data?.partnerName && <p className="lead">{t('referrals.inbox.for', { partner: inbox.data.partnerName })}</p>}
      <p className="muted">{t('referrals.inbox.lead')}</p>
      <fieldset className="form-actions inbox-filter">
        <legend className="visually-hidden">{t('referrals.inbox.showLabel')}</legend>
        <Button variant={show === 'open' ? 'primary' : 'secondary'} aria-pressed={show === 'open'} onPress={() => setShow('open')}>
          {t('referrals.inbox.showOpen')}
        </Button>
        <Button variant={show === 'all' ? 'primary' : 'secondary'} aria-pressed={show === 'all'} onPress={() => setShow('all')}>
          {t('referrals.inbox.showAll')}
        </Button>
      </fieldset>
      {inbox.isPending && <Loading />}
      {inbox.error && (
        <p role="alert" className="alert alert-error">
          {networkError(inbox.error)}
        </p>
      )}
      {inbox.data && !inbox.data.partnerName && <p className="empty-state">{t('referrals.inbox.noPartner')}</p>}
      {inbox.data?.partnerName && !items.length && <p className="empty-state">{t('referrals.inbox.none')}</p>}
      <ul className="referral-list">
        {items.map((r) => (
          <li key={r.id}>
            <InboxCard referral={r} />
          </li>
        ))}
      </ul>
    </>
  );
}

function InboxCard({ referral: r }: { referral: PartnerReferral }) {
  const { t, i18n } = useTranslation();
  const answer = usePartnerAnswer();
  const networkError = useNetworkError();
  const [feedback, setFeedback] = useState(r.partnerFeedback ?? '');
  const changed = feedback.trim() !== (r.partnerFeedback ?? '');
  const error = answer.error && answer.variables?.id === r.id ? answer.error : null;
  const name = `${r.participant.givenName} ${r.participant.familyName}`;
  return (
    <article className="card referral-card" aria-labelledby={`in-${r.id}`}>
      <header className="referral-meta">
        <h2 id={`in-${r.id}`} dir="auto">
          {name} · {r.service}
        </h2>
        <span className={`badge referral-status status-${r.status}`}>{t(`referrals.status.${r.status}`)}</span>
      </header>
      <dl className="referral-details">
        <dt>{t('referrals.inbox.from')}</dt>
        <dd>{r.organisationName}</dd>
        {r.sentAt && (
          <>
            <dt>{t('referrals.fields.sentAt')}</dt>
            <dd>{formatDate(r.sentAt, i18n.language)}</dd>
          </>
        )}
        {r.participant.phone && (
          <>
            <dt>{t('referrals.contact.phone')}</dt>
            <dd dir="ltr" className="ltr-value">
              <a href={`tel:${r.participant.phone.replace(/[^+0-9]/g, '')}`}>{r.participant.phone}</a>
            </dd>
          </>
        )}
        {r.participant.email && (
          <>
            <dt>{t('referrals.contact.email')}</dt>
            <dd dir="ltr" className="ltr-value">
              <a href={`mailto:${r.participant.email}`}>{r.participant.email}</a>
            </dd>
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
      </dl>
      <TextField label={t('referrals.inbox.feedback')} description={t('referrals.inbox.feedbackHint')} multiline value={feedback} onChange={setFeedback} />
      {error && (
        <p role="alert" className="alert alert-error">
          {networkError(error)}
        </p>
      )}
      <div className="form-actions">
        {r.next.map((s) => (
          <Button
            key={s}
            variant={s === 'declined' ? 'secondary' : 'primary'}
            isPending={answer.isPending}
            onPress={() => answer.mutate({ id: r.id, status: s, feedback: changed ? feedback.trim() || null : undefined })}
          >
            {t(`referrals.actions.to.${s}`)}
          </Button>
        ))}
        {changed && (
          <Button variant="secondary" isPending={answer.isPending} onPress={() => answer.mutate({ id: r.id, feedback: feedback.trim() || null })}>
            {t('referrals.inbox.saveFeedback')}
          </Button>
        )}
      </div>
    </article>
  );
}
