import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, DialogModal, ErrorAlert, Select, TextField } from '../../components/ui.tsx';
import { type Item, type Match, type Suggestion, useStep } from './api.ts';
import './matching.css';

/** The language of a text as a dir/lang pair, so Arabic offers read right to left inside a Dutch page. */
export function ItemText({ item }: { item: Item }) {
  return (
    <p className="item-text" lang={item.lang ?? undefined} dir="auto">
      {item.text}
    </p>
  );
}

export function Reasons({ reasons }: { reasons: { kind: string; text: string }[] }) {
  const { t } = useTranslation();
  if (!reasons.length) return null;
  return (
    <>
      <p className="visually-hidden">{t('matching.why')}</p>
      <ul className="reasons">
        {reasons.map((r) => (
          <li key={`${r.kind}-${r.text}`} dir="auto">
            {r.text}
          </li>
        ))}
      </ul>
    </>
  );
}

export function SuggestionCard({ s, action }: { s: Suggestion; action?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(s.score);
  return (
    <div className="suggestion">
      <p>
        <strong>{s.item.ownerName ?? t('matching.someone')}</strong> · <span className="badge">{t(`matching.kind.${s.item.kind}`)}</span>{' '}
        <span className="muted">{t('matching.score', { score: pct })}</span>
      </p>
      <ItemText item={s.item} />
      <Reasons reasons={s.reasons} />
      {action}
    </div>
  );
}

/** A match with the steps the reader may take now: answer, follow up, close, withdraw. */
export function MatchCard({ m, headingLevel = 3 }: { m: Match; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const step = useStep();
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const [dialog, setDialog] = useState<null | { action: 'decline'; side: 'requester' | 'offerer' } | { action: 'follow-up' }>(null);
  const [note, setNote] = useState('');
  const [met, setMet] = useState<'yes' | 'no'>('yes');
  const run = (s: Parameters<typeof step.mutate>[0]['step']) => step.mutate({ id: m.id, step: s }, { onSuccess: () => setDialog(null) });
  const open = (d: NonNullable<typeof dialog>) => {
    setNote('');
    setMet('yes');
    step.reset();
    setDialog(d);
  };
  const lastFollowUp = [...m.events].reverse().find((e) => e.kind === 'follow-up');
  return (
    <div className="card matching-item">
      <div className="matching-item-head">
        <H>{t('matching.matchTitle', { request: m.request.ownerName ?? t('matching.someone'), offer: m.offer.ownerName ?? t('matching.someone') })}</H>
        <span className="badge">{t(`matching.status.${m.status}`)}</span>
      </div>
      <p className="field-label">{t('matching.asks')}</p>
      <ItemText item={m.request} />
      <p className="field-label">{t('matching.offers')}</p>
      <ItemText item={m.offer} />
      <Reasons reasons={m.reasons} />
      {lastFollowUp && (
        <p className="muted" dir="auto">
          {t(lastFollowUp.met ? 'matching.followUp.didMeet' : 'matching.followUp.didNotMeet')}
          {lastFollowUp.note ? ` ${lastFollowUp.note}` : ''}
        </p>
      )}
      {!dialog && <ErrorAlert error={step.error} />}
      <div className="matching-actions">
        {m.can.answerAs.map((side) => (
          <span key={side} className="matching-actions">
            {m.can.answerAs.length > 1 && <span className="muted">{t(`matching.answerFor.${side}`)}</span>}
            <Button isPending={step.isPending} onPress={() => run({ action: 'accept', side })}>
              {t('matching.actions.accept')}
            </Button>
            <Button variant="secondary" isPending={step.isPending} onPress={() => open({ action: 'decline', side })}>
              {t('matching.actions.decline')}
            </Button>
          </span>
        ))}
        {m.can.followUp && (
          <Button variant="secondary" isPending={step.isPending} onPress={() => open({ action: 'follow-up' })}>
            {t('matching.actions.followUp')}
          </Button>
        )}
        {m.can.close && (
          <Button variant="secondary" isPending={step.isPending} onPress={() => run({ action: 'close' })}>
            {t('matching.actions.close')}
          </Button>
        )}
        {m.can.withdraw && (
          <Button variant="quiet" isPending={step.isPending} onPress={() => run({ action: 'withdraw' })}>
            {t('matching.actions.withdraw')}
          </Button>
        )}
      </div>
      <DialogModal
        isOpen={!!dialog}
        onOpenChange={(o) => !o && setDialog(null)}
        title={dialog?.action === 'follow-up' ? t('matching.followUp.title') : t('matching.decline.title')}
      >
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (!dialog) return;
            const text = note.trim() || undefined;
            if (dialog.action === 'decline') run({ action: 'decline', side: dialog.side, note: text });
            else run({ action: 'follow-up', met: met === 'yes', note: text });
          }}
        >
          {dialog?.action === 'follow-up' && (
            <Select
              label={t('matching.followUp.met')}
              options={[
                { id: 'yes', label: t('matching.followUp.yes') },
                { id: 'no', label: t('matching.followUp.no') },
              ]}
              value={met}
              onChange={(v) => setMet(v as 'yes' | 'no')}
            />
          )}
          <TextField
            label={dialog?.action === 'follow-up' ? t('matching.followUp.outcome') : t('matching.decline.why')}
            description={dialog?.action === 'decline' ? t('matching.decline.hint') : undefined}
            multiline
            value={note}
            onChange={setNote}
          />
          <ErrorAlert error={step.error} />
          <div className="form-actions">
            <Button type="submit" isPending={step.isPending}>
              {dialog?.action === 'follow-up' ? t('matching.followUp.save') : t('matching.decline.confirm')}
            </Button>
            <Button variant="secondary" onPress={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </DialogModal>
    </div>
  );
}
