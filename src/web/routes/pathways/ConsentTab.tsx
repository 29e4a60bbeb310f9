import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consentPurposes } from '../../../shared/pathways.ts';
import { api } from '../../api/client.ts';
import { Button, DialogModal, Loading, Select, TextField } from '../../components/ui.tsx';
import { type Consent, type EntryData, formatDate, useConsents, useEntryData, useOrgOptions, usePathwayMutation } from './api.ts';
import { errorFor, PathwaysError, usePathwaysError } from './components.tsx';
import { EntryFields, type EntryValues, entryPayload, requiredEntry } from './EntryFields.tsx';
import type { PathwayTabProps } from './tabs.ts';

/** Consent per purpose (given, withdrawn, history) and the funder's entry data. */
export function ConsentTab({ pathway: p }: PathwayTabProps) {
  return (
    <div className="stack">
      {p.allowed.includes('consent.read') && (
        <Consents
          pathwayId={p.id}
          canWrite={p.allowed.includes('consent.write')}
          canWithdraw={p.allowed.includes('consent.write') || p.capacity === 'participant'}
        />
      )}
      {p.allowed.includes('entry-data.read') && <Entry pathwayId={p.id} canWrite={p.allowed.includes('entry-data.write') && p.guidanceConsent} />}
    </div>
  );
}

function Consents({ pathwayId, canWrite, canWithdraw }: { pathwayId: string; canWrite: boolean; canWithdraw: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useConsents(pathwayId);
  const [confirm, setConfirm] = useState<Consent | null>(null);
  const withdraw = usePathwayMutation((id: string) => api(`/pathways/${pathwayId}/consents/${id}/withdraw`, { method: 'POST' }));
  const label = (c: Consent) => (c.partnerName ? `${t(`pathways.purpose.${c.purpose}`)}: ${c.partnerName}` : t(`pathways.purpose.${c.purpose}`));
  const standing = list.data?.items.filter((c) => c.standing) ?? [];
  const earlier = list.data?.items.filter((c) => !c.standing) ?? [];
  return (
    <section aria-labelledby="consents" className="stack">
      <h3 id="consents">{t('pathways.consent.title')}</h3>
      {list.isPending && <Loading />}
      <PathwaysError error={list.error ?? withdraw.error} />
      {list.data && !list.data.items.length && <p className="muted">{t('pathways.consent.none')}</p>}
      <ul className="team-list">
        {standing.map((c) => (
          <li key={c.id} className="card team-member">
            <div>
              <strong>{label(c)}</strong> <span className="badge status-active">{t('pathways.consent.standing')}</span>
              <p className="muted">
                {t('pathways.consent.given', { date: formatDate(c.givenAt.slice(0, 10), i18n.language) })}
                {c.scope && <> · {c.scope}</>}
              </p>
            </div>
            {canWithdraw && (
              <Button variant="secondary" aria-label={t('pathways.consent.withdrawNamed', { purpose: label(c) })} onPress={() => setConfirm(c)}>
                {t('pathways.consent.withdraw')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {!!earlier.length && (
        <>
          <h4>{t('pathways.consent.history')}</h4>
          <ul className="links">
            {earlier.map((c) => (
              <li key={c.id}>
                {label(c)}: {t('pathways.consent.given', { date: formatDate(c.givenAt.slice(0, 10), i18n.language) })},{' '}
                {t('pathways.consent.withdrawn', { date: formatDate(c.withdrawnAt?.slice(0, 10), i18n.language) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {canWrite && <GiveConsent pathwayId={pathwayId} />}
      {confirm && (
        <DialogModal isOpen onOpenChange={(o) => !o && setConfirm(null)} title={t('pathways.consent.withdrawNamed', { purpose: label(confirm) })}>
          <p>{t('pathways.consent.confirmWithdraw')}</p>
          <div className="form-actions">
            <Button variant="danger" isPending={withdraw.isPending} onPress={() => withdraw.mutate(confirm.id, { onSettled: () => setConfirm(null) })}>
              {t('pathways.consent.withdraw')}
            </Button>
            <Button variant="quiet" onPress={() => setConfirm(null)}>
              {t('pathways.entry.cancel')}
            </Button>
          </div>
        </DialogModal>
      )}
    </section>
  );
}

function GiveConsent({ pathwayId }: { pathwayId: string }) {
  const { t } = useTranslation();
  const { partners } = useOrgOptions();
  const [purpose, setPurpose] = useState<string>('research');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [scope, setScope] = useState('');
  const [missing, setMissing] = useState(false);
  const give = usePathwayMutation(() =>
    api(`/pathways/${pathwayId}/consents`, {
      method: 'POST',
      body: { purpose, partnerId: purpose === 'share-with-partner' ? partnerId : null, scope: scope.trim() || null },
    }),
  );
  return (
    <form
      className="card stack"
      aria-labelledby="give-consent"
      onSubmit={(e) => {
        e.preventDefault();
        const empty = purpose === 'share-with-partner' && !partnerId;
        setMissing(empty);
        if (!empty) give.mutate(undefined, { onSuccess: () => setScope('') });
      }}
    >
      <h4 id="give-consent">{t('pathways.consent.give')}</h4>
      <div className="form-grid">
        <Select
          label={t('pathways.consent.purpose')}
          value={purpose}
          onChange={setPurpose}
          options={consentPurposes.map((x) => ({ id: x, label: t(`pathways.purpose.${x}`) }))}
        />
        {purpose === 'share-with-partner' && (
          <Select
            label={t('pathways.consent.partner')}
            value={partnerId}
            onChange={setPartnerId}
            options={(partners.data?.items ?? []).map((x) => ({ id: x.id, label: x.name }))}
            isRequired
            errorMessage={missing ? t('common.validation.required') : undefined}
          />
        )}
      </div>
      <p className="muted">{t(`pathways.purposeHelp.${purpose}`)}</p>
      <TextField label={t('pathways.consent.scope')} value={scope} onChange={setScope} maxLength={1000} />
      <PathwaysError error={give.error} />
      <div>
        <Button type="submit" isPending={give.isPending}>
          {t('pathways.consent.give')}
        </Button>
      </div>
    </form>
  );
}

const toValues = (d: EntryData): EntryValues => ({
  gender: d.gender ?? '',
  isced: d.isced === null ? '' : String(d.isced),
  employmentAtEntry: d.employmentAtEntry ?? '',
  unemployedSince: d.unemployedSince ?? '',
  disability: d.specialCategories?.disability ?? '',
  minority: d.specialCategories?.minority ?? '',
  foreignBackground: d.specialCategories?.foreignBackground ?? '',
  thirdCountryNational: d.thirdCountryNational ?? '',
  homeless: d.homeless ?? '',
  rural: d.rural ?? '',
});

function Entry({ pathwayId, canWrite }: { pathwayId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const data = useEntryData(pathwayId);
  const [editing, setEditing] = useState(false);
  const answer = (v: string | null) => (v ? t(`pathways.answer.${v}`) : t('pathways.entry.notAsked'));
  const d = data.data;
  const rows: [string, string][] = d
    ? [
        [t('pathways.intake.birthDate'), formatDate(d.birthDate, i18n.language) || t('pathways.entry.notAsked')],
        [t('pathways.intake.gender'), d.gender ? t(`pathways.gender.${d.gender}`) : t('pathways.entry.notAsked')],
        [t('pathways.intake.isced'), d.isced === null ? t('pathways.entry.notAsked') : t(`pathways.isced.${d.isced}`)],
        [
          t('pathways.intake.employment'),
          d.employmentAtEntry
            ? t(`pathways.employment.${d.employmentAtEntry}`) +
              (d.unemployedSince ? ` · ${t('pathways.intake.unemployedSince')} ${formatDate(d.unemployedSince, i18n.language)}` : '')
            : t('pathways.entry.notAsked'),
        ],
        [t('pathways.intake.thirdCountryNational'), answer(d.thirdCountryNational)],
        [t('pathways.intake.homeless'), answer(d.homeless)],
        [t('pathways.intake.rural'), answer(d.rural)],
        ...(d.specialCategories
          ? ([
              [t('pathways.intake.disability'), answer(d.specialCategories.disability)],
              [t('pathways.intake.minority'), answer(d.specialCategories.minority)],
              [t('pathways.intake.foreignBackground'), answer(d.specialCategories.foreignBackground)],
            ] as [string, string][])
          : []),
      ]
    : [];
  return (
    <section aria-labelledby="entry-data" className="stack">
      <h3 id="entry-data">{t('pathways.entry.title')}</h3>
      {data.isPending && <Loading />}
      <PathwaysError error={data.error} />
      {d && !d.collectionAttemptedAt && <p className="muted">{t('pathways.entry.notRecorded')}</p>}
      {d?.collectionAttemptedAt && (
        <>
          <p className="muted">{t('pathways.entry.askedOn', { date: formatDate(d.collectionAttemptedAt.slice(0, 10), i18n.language) })}</p>
          <dl className="details">
            {rows.map(([k, v]) => (
              <div key={k}>
                <dt className="field-label">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          {!d.specialCategories && <p className="muted">{t('pathways.entry.hidden')}</p>}
        </>
      )}
      {d && canWrite && d.specialCategories !== null && (
        <div>
          <Button variant="secondary" onPress={() => setEditing(true)}>
            {t('pathways.entry.edit')}
          </Button>
        </div>
      )}
      {d && editing && <EditEntry pathwayId={pathwayId} initial={toValues(d)} onClose={() => setEditing(false)} />}
    </section>
  );
}

function EditEntry({ pathwayId, initial, onClose }: { pathwayId: string; initial: EntryValues; onClose: () => void }) {
  const { t } = useTranslation();
  const message = usePathwaysError();
  const [v, setV] = useState(initial);
  const [tried, setTried] = useState(false);
  const save = usePathwayMutation(() => api(`/pathways/${pathwayId}/entry-data`, { method: 'PUT', body: entryPayload(v) }));
  const m: Record<string, boolean> = { unemployedSince: v.employmentAtEntry === 'unemployed' && !v.unemployedSince };
  for (const k of requiredEntry) m[k] = !v[k];
  const missing: Record<string, boolean> = tried ? m : {};
  const errors = Object.fromEntries(
    [...requiredEntry, 'unemployedSince'].map((k) => [k, missing[k] ? t('common.validation.required') : errorFor(save.error, k, message)]),
  );
  return (
    <DialogModal isOpen onOpenChange={(o) => !o && onClose()} title={t('pathways.entry.edit')}>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!Object.values(m).some(Boolean)) save.mutate(undefined, { onSuccess: onClose });
        }}
      >
        <EntryFields value={v} onChange={setV} errors={errors} />
        <PathwaysError error={save.error} />
        <div className="form-actions">
          <Button type="submit" isPending={save.isPending}>
            {t('pathways.entry.save')}
          </Button>
          <Button variant="quiet" onPress={onClose}>
            {t('pathways.entry.cancel')}
          </Button>
        </div>
      </form>
    </DialogModal>
  );
}
