import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { referralInStatuses } from '../../../shared/pathways.ts';
import { Button, DialogModal, Loading, Notice, PageHeader, Select, TextField, useOneTimeNotice } from '../../components/ui.tsx';
import { formatDate, type ReferralIn, todayIso, updateReferral, useOrgOptions, usePathwayMutation, useReferrals } from './api.ts';
import { errorFor, PathwaysError, usePathwaysError } from './components.tsx';
import './pathways.css';

/** Referrals in (toeleidingen) at my places, by status, with the next step for each. */
export function ReferralsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const placeId = params.get('place') ?? '';
  const { places } = useOrgOptions();
  const list = useReferrals({ status: status || undefined, placeId: placeId || undefined });
  const notice = useOneTimeNotice<'saved'>();
  const [dialog, setDialog] = useState<{ referral: ReferralIn; kind: 'plan' | 'not-started' } | null>(null);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const who = (r: ReferralIn) => {
    if (r.source === 'self') return t('pathways.referrals.self');
    const names = [r.partnerName, r.partnerContactName ?? r.referrerName].filter(Boolean).join(', ');
    return t('pathways.referrals.by', { who: names || t(`pathways.source.${r.source}`) });
  };

  return (
    <div className="pathways-page">
      <p className="muted back-link">
        <Link to="/pathways">{t('pathways.caseload.title')}</Link>
      </p>
      <PageHeader
        title={t('pathways.referrals.title')}
        actions={
          <Link className="button button-primary" to="/pathways/referrals/new">
            {t('pathways.caseload.newReferral')}
          </Link>
        }
      />
      <p className="lead">{t('pathways.referrals.lead')}</p>
      {notice === 'saved' && <Notice>{t('pathways.referrals.saved')}</Notice>}
      <div className="caseload-filters">
        <Select
          label={t('pathways.referrals.statusFilter')}
          value={status || 'all'}
          onChange={(v) => set('status', v === 'all' ? '' : v)}
          options={[{ id: 'all', label: t('pathways.caseload.all') }, ...referralInStatuses.map((s) => ({ id: s, label: t(`pathways.referralStatus.${s}`) }))]}
        />
        {(places.data?.items.length ?? 0) > 1 && (
          <Select
            label={t('pathways.referrals.place')}
            value={placeId || 'all'}
            onChange={(v) => set('place', v === 'all' ? '' : v)}
            options={[{ id: 'all', label: t('pathways.caseload.all') }, ...(places.data?.items ?? []).map((p) => ({ id: p.id, label: p.name }))]}
          />
        )}
      </div>
      {list.isPending && <Loading />}
      <PathwaysError error={list.error} />
      {list.data && !list.data.items.length && <p className="empty-state">{t('pathways.referrals.none')}</p>}
      <ul className="caseload">
        {list.data?.items.map((r) => (
          <li key={r.id} className="card referral-item">
            <h2 className="caseload-name">
              {r.participant.givenName} {r.participant.familyName}
            </h2>
            <p className="caseload-meta">
              <span className={`badge referral-${r.status}`}>{t(`pathways.referralStatus.${r.status}`)}</span> {who(r)} ·{' '}
              {t('pathways.referrals.on', { date: formatDate(r.referredOn, i18n.language) })}
              {r.placeName && <> · {r.placeName}</>}
            </p>
            {r.reason && (
              <p className="referral-reason" dir="auto">
                {r.reason}
              </p>
            )}
            {r.status === 'intake-planned' && r.intakeOn && <p>{t('pathways.referrals.intakeOn', { date: formatDate(r.intakeOn, i18n.language) })}</p>}
            {r.status === 'not-started' && <p className="muted">{t('pathways.referrals.notStartedBecause', { reason: r.notStartedReason ?? '' })}</p>}
            <div className="form-actions">
              {r.status === 'started' && r.pathwayId ? (
                <Link to={`/pathways/${r.pathwayId}`}>{t('pathways.referrals.openPathway')}</Link>
              ) : (
                <>
                  <Link className="button button-primary" to={`/pathways/intake?referral=${r.id}`}>
                    {t('pathways.referrals.doIntake')}
                  </Link>
                  <Button variant="secondary" onPress={() => setDialog({ referral: r, kind: 'plan' })}>
                    {t('pathways.referrals.planIntake')}
                  </Button>
                  {r.status !== 'not-started' && (
                    <Button variant="quiet" onPress={() => setDialog({ referral: r, kind: 'not-started' })}>
                      {t('pathways.referrals.notStarted')}
                    </Button>
                  )}
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      {dialog && <ReferralStatusDialog key={dialog.referral.id + dialog.kind} {...dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}

function ReferralStatusDialog({ referral, kind, onClose }: { referral: ReferralIn; kind: 'plan' | 'not-started'; onClose: () => void }) {
  const { t } = useTranslation();
  const message = usePathwaysError();
  const [intakeOn, setIntakeOn] = useState(referral.intakeOn ?? todayIso());
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const save = usePathwayMutation(() =>
    updateReferral(referral.id, kind === 'plan' ? { status: 'intake-planned', intakeOn } : { status: 'not-started', notStartedReason: reason.trim() }),
  );
  const name = `${referral.participant.givenName} ${referral.participant.familyName}`;
  return (
    <DialogModal
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={`${t(kind === 'plan' ? 'pathways.referrals.planIntake' : 'pathways.referrals.notStarted')}: ${name}`}
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const empty = kind === 'plan' ? !intakeOn : !reason.trim();
          setMissing(empty);
          if (!empty) save.mutate(undefined, { onSuccess: onClose });
        }}
      >
        {kind === 'plan' ? (
          <TextField
            label={t('pathways.referrals.intakeDate')}
            type="date"
            inputDir="ltr"
            value={intakeOn}
            onChange={setIntakeOn}
            isRequired
            errorMessage={missing ? t('common.validation.required') : errorFor(save.error, 'intakeOn', message)}
          />
        ) : (
          <TextField
            label={t('pathways.referrals.reasonNotStarted')}
            multiline
            value={reason}
            onChange={setReason}
            isRequired
            errorMessage={missing ? t('common.validation.required') : errorFor(save.error, 'notStartedReason', message)}
          />
        )}
        <PathwaysError error={save.error} />
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {t('pathways.referrals.save')}
          </Button>
          <Button variant="quiet" onPress={onClose}>
            {t('pathways.referrals.cancel')}
          </Button>
        </div>
      </form>
    </DialogModal>
  );
}
