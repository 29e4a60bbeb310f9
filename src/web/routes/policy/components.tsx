import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { barrierStatuses, lifeDomains } from '../../../shared/policy.ts';
import { Button, ErrorAlert, type Option, TextField } from '../../components/ui.tsx';
import { type BarrierSummary, useSupport } from './api.ts';

export function useDomainOptions(withAll?: string): Option[] {
  const { t } = useTranslation();
  const options = lifeDomains.map((d) => ({ id: d, label: t(`policy.domain.${d}`) }));
  return withAll ? [{ id: 'all', label: withAll }, ...options] : options;
}

export function useStatusOptions(withAll?: string): Option[] {
  const { t } = useTranslation();
  const options = barrierStatuses.map((s) => ({ id: s, label: t(`policy.status.${s}`) }));
  return withAll ? [{ id: 'all', label: withAll }, ...options] : options;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge policy-status policy-status-${status}`}>{t(`policy.status.${status}`)}</span>;
}

/** "This blocks me too" (or take it back); the one who raised it is counted already. */
export function SupportButton({ b }: { b: Pick<BarrierSummary, 'id' | 'raisedByMe' | 'supportedByMe' | 'mergedIntoId'> }) {
  const { t } = useTranslation();
  const support = useSupport();
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  if (b.raisedByMe || b.mergedIntoId) return null;
  if (b.supportedByMe)
    return (
      <div className="policy-actions">
        <span className="badge">{t('policy.support.yours')}</span>
        <Button variant="quiet" isPending={support.isPending} onPress={() => support.mutate({ id: b.id, support: false })}>
          {t('policy.support.undo')}
        </Button>
        <ErrorAlert error={support.error} />
      </div>
    );
  return (
    <div className="policy-support">
      {open && <TextField label={t('policy.support.note')} value={note} onChange={setNote} maxLength={1000} />}
      <div className="policy-actions">
        <Button
          variant="secondary"
          isPending={support.isPending}
          onPress={() => support.mutate({ id: b.id, support: true, note }, { onSuccess: () => setOpen(false) })}
        >
          {t('policy.support.button')}
        </Button>
        {!open && (
          <Button variant="quiet" onPress={() => setOpen(true)}>
            {t('policy.support.addNote')}
          </Button>
        )}
      </div>
      <ErrorAlert error={support.error} />
    </div>
  );
}

export function BarrierCard({ b, headingLevel = 3, children }: { b: BarrierSummary; headingLevel?: 2 | 3 | 4; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const H = `h${headingLevel}` as 'h3';
  return (
    <article className="card policy-card" lang={b.lang ?? undefined}>
      <div className="policy-card-head">
        <span className="badge">{t(`policy.domain.${b.domain}`)}</span>
        <StatusBadge status={b.status} />
      </div>
      <H className="policy-card-title">
        <Link to={`/policy/barriers/${b.id}`} dir="auto">
          {b.text}
        </Link>
      </H>
      <p className="muted policy-meta">
        {[
          b.placeName,
          b.actorName && t('policy.card.actor', { actor: b.actorName }),
          t('policy.card.support', { n: b.supportCount }),
          b.mergedCount > 0 && t('policy.card.merged', { n: b.mergedCount }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {b.outcomeNote && <p className="policy-outcome">{b.outcomeNote}</p>}
      {children}
    </article>
  );
}
