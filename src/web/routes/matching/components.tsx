import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, DialogModal, ErrorAlert, Loading, Select, TextField } from '../../components/ui.tsx';
import { type Item, type Match, type Suggestion, useDreamSuggestions, useStep } from './api.ts';
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

/**
 * What may help a dream come true: people who offer what it needs, activities coming up and
 * partner services, each with its reasons. Asked of the server only once the reader opens it.
 */
export function DreamSuggestionsPanel({ dreamId, headingLevel = 3 }: { dreamId: string; headingLevel?: 3 | 4 }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const q = useDreamSuggestions(dreamId, open);
  const H = `h${headingLevel}` as 'h3' | 'h4';
  const panelId = `dream-help-${dreamId}`;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  const data = q.data;
  const empty = data && !data.people.length && !data.activities.length && !data.partners.length;
  return (
    <div className="dream-help">
      <Button variant="secondary" onPress={() => setOpen(!open)} aria-expanded={open} aria-controls={panelId}>
        {open ? t('matching.dreamHelp.hide') : t('matching.dreamHelp.show')}
      </Button>
      {open && (
        <div id={panelId} className="dream-help-panel">
          {q.isPending && <Loading />}
          <ErrorAlert error={q.error} />
          {empty && <p className="muted">{t('matching.dreamHelp.none')}</p>}
          {data && data.people.length > 0 && (
            <section>
              <H>{t('matching.dreamHelp.people')}</H>
              <ul className="matching-list">
                {data.people.map((p) => (
                  <li key={p.personId}>{p.offers[0] && <SuggestionCard s={p.offers[0]} />}</li>
                ))}
              </ul>
            </section>
          )}
          {data && data.activities.length > 0 && (
            <section>
              <H>{t('matching.dreamHelp.activities')}</H>
              <ul className="matching-list">
                {data.activities.map((a) => (
                  <li key={a.occurrenceId} className="suggestion">
                    <p>
                      <Link to={`/activities/occurrences/${a.occurrenceId}`}>
                        <strong dir="auto">{a.title}</strong>
                      </Link>
                      {a.typeName && <span className="muted"> · {a.typeName}</span>}
                    </p>
                    <p className="muted">{when(a.startsAt)}</p>
                    <Reasons reasons={a.reasons} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          {data && data.partners.length > 0 && (
            <section>
              <H>{t('matching.dreamHelp.partners')}</H>
              <ul className="matching-list">
                {data.partners.map((p) => (
                  <li key={p.partnerId} className="suggestion">
                    <p>
                      <strong dir="auto">{p.name}</strong>
                    </p>
                    {p.description && (
                      <p className="item-text" dir="auto">
                        {p.description}
                      </p>
                    )}
                    <Reasons
                      reasons={[...p.reasons, ...p.offers.flatMap((o) => o.reasons)].filter((r, i, all) => all.findIndex((x) => x.text === r.text) === i)}
                    />
                    {p.offers.map((o) => (
                      <ItemText key={o.item.id} item={o.item} />
                    ))}
                    {(p.email || p.phone || p.website) && (
                      <p className="muted">
                        {[p.email, p.phone, p.website].filter(Boolean).map((x) => (
                          <span key={x} dir="ltr" className="contact-bit">
                            {x}
                          </span>
                        ))}
                      </p>
                    )}
                    {p.contacts.length > 0 && (
                      <p className="muted">
                        {t('matching.dreamHelp.contacts')}: {p.contacts.map((c) => [c.name, c.role].filter(Boolean).join(', ')).join(' · ')}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
