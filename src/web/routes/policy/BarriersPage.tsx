import { useState } from 'react';
import { Checkbox } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Button, DialogModal, ErrorAlert, Loading, Notice, PageHeader, SearchField, Select } from '../../components/ui.tsx';
import { type BarrierSummary, useBarrierOptions, useBarriers, useMerge, useStories } from './api.ts';
import { BarrierCard, SupportButton, useDomainOptions, useStatusOptions } from './components.tsx';
import { RaiseBarrierForm } from './RaiseBarrierForm.tsx';
import { StoryCard } from './StoriesPage.tsx';

/** /policy: the list for staff who hear barriers; the plain "what blocks you?" page for everyone else. */
export function PolicyPage() {
  const options = useBarrierOptions();
  if (options.isPending) return <Loading />;
  if (options.error) return <ErrorAlert error={options.error} />;
  return options.data.can.read ? <StaffBarriers /> : <MyBarriers />;
}

export function PolicyTabs() {
  const { t } = useTranslation();
  const options = useBarrierOptions();
  const can = options.data?.can;
  if (!can?.read) return null;
  return (
    <nav aria-label={t('policy.tabs.label')} className="policy-tabs">
      <Link to="/policy">{t('policy.tabs.barriers')}</Link>
      <Link to="/policy/new">{t('policy.tabs.raise')}</Link>
      <Link to="/policy/proposals">{t('policy.tabs.proposals')}</Link>
      {can.steering && <Link to="/policy/meetings">{t('policy.tabs.meetings')}</Link>}
      <Link to="/policy/stories">{t('policy.tabs.stories')}</Link>
    </nav>
  );
}

function StaffBarriers() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const options = useBarrierOptions();
  const domain = params.get('domain') ?? 'all';
  const status = params.get('status') ?? 'all';
  const placeId = params.get('place') ?? 'all';
  const [q, setQ] = useState(params.get('q') ?? '');
  const list = useBarriers({
    domain: domain === 'all' ? undefined : domain,
    status: status === 'all' ? undefined : status,
    placeId: placeId === 'all' ? undefined : placeId,
    q: q.trim() || undefined,
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all' || !value) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const domains = useDomainOptions(t('policy.filter.allDomains'));
  const statuses = useStatusOptions(t('policy.filter.allStatuses'));
  const places = [{ id: 'all', label: t('policy.filter.allPlaces') }, ...(options.data?.places ?? []).map((p) => ({ id: p.id, label: p.name }))];
  const manage = !!options.data?.can.manage;
  const [selected, setSelected] = useState<string[]>([]);
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState(false);
  const items = list.data?.items ?? [];

  return (
    <div className="policy-page">
      <PageHeader title={t('policy.list.title')} />
      <PolicyTabs />
      <p className="lead">{t('policy.list.lead')}</p>
      <div className="row policy-filters">
        <Select label={t('policy.filter.domain')} options={domains} value={domain} onChange={(v) => set('domain', v)} />
        <Select label={t('policy.filter.status')} options={statuses} value={status} onChange={(v) => set('status', v)} />
        <Select label={t('policy.filter.place')} options={places} value={placeId} onChange={(v) => set('place', v)} />
        <SearchField label={t('policy.filter.search')} value={q} onChange={setQ} />
      </div>
      {merged && <Notice>{t('policy.merge.done')}</Notice>}
      {manage && (
        <div className="policy-actions">
          <Button variant="secondary" isDisabled={selected.length < 2} onPress={() => setMerging(true)}>
            {t('policy.merge.button', { n: selected.length })}
          </Button>
          <span className="muted">{t('policy.merge.help')}</span>
        </div>
      )}
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <p role="status" className="muted">
          {t('policy.list.count', { n: list.data.total })}
        </p>
      )}
      <ul className="policy-list">
        {items.map((b) => (
          <li key={b.id}>
            <BarrierCard b={b}>
              {manage && (
                <Checkbox
                  className="checkbox"
                  isSelected={selected.includes(b.id)}
                  onChange={(on) => setSelected((s) => (on ? [...s, b.id] : s.filter((x) => x !== b.id)))}
                >
                  <span className="checkbox-box" aria-hidden="true">
                    <svg viewBox="0 0 18 18" aria-hidden="true">
                      <polyline points="3.5 9.5 7.5 13 14.5 5" />
                    </svg>
                  </span>
                  <span>{t('policy.merge.select')}</span>
                </Checkbox>
              )}
            </BarrierCard>
          </li>
        ))}
      </ul>
      <MergeDialog
        isOpen={merging}
        onOpenChange={setMerging}
        barriers={items.filter((b) => selected.includes(b.id))}
        onMerged={() => {
          setSelected([]);
          setMerging(false);
          setMerged(true);
        }}
      />
    </div>
  );
}

function MergeDialog({
  isOpen,
  onOpenChange,
  barriers,
  onMerged,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  barriers: BarrierSummary[];
  onMerged: () => void;
}) {
  const { t } = useTranslation();
  const merge = useMerge();
  const [survivor, setSurvivor] = useState<string | null>(null);
  const keep = survivor && barriers.some((b) => b.id === survivor) ? survivor : (barriers[0]?.id ?? null);
  return (
    <DialogModal isOpen={isOpen} onOpenChange={onOpenChange} title={t('policy.merge.title')}>
      <p>{t('policy.merge.explain')}</p>
      <Select
        label={t('policy.merge.keep')}
        options={barriers.map((b) => ({ id: b.id, label: b.text.length > 90 ? `${b.text.slice(0, 88)}…` : b.text }))}
        value={keep}
        onChange={setSurvivor}
      />
      <ul className="policy-merge-list">
        {barriers.map((b) => (
          <li key={b.id} dir="auto">
            {b.id === keep ? <strong>{b.text}</strong> : b.text}
          </li>
        ))}
      </ul>
      <ErrorAlert error={merge.error} />
      <div className="policy-actions">
        <Button
          isPending={merge.isPending}
          onPress={() => keep && merge.mutate({ survivorId: keep, mergeIds: barriers.map((b) => b.id).filter((id) => id !== keep) }, { onSuccess: onMerged })}
        >
          {t('policy.merge.confirm')}
        </Button>
        <Button variant="quiet" onPress={() => onOpenChange(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </DialogModal>
  );
}

/** The participant's page: say what blocks you, see what you said and what others of your place said. */
function MyBarriers() {
  const { t } = useTranslation();
  const mine = useBarriers({ mine: 'true' });
  const all = useBarriers({});
  const others = (all.data?.items ?? []).filter((b) => !b.raisedByMe && !b.supportedByMe);
  const stories = useStories();
  return (
    <div className="policy-page form-page">
      <PageHeader title={t('policy.mine.title')} />
      <p className="lead">{t('policy.mine.lead')}</p>
      <section aria-labelledby="raise" className="policy-section">
        <h2 id="raise">{t('policy.mine.raiseTitle')}</h2>
        <RaiseBarrierForm />
      </section>
      <section aria-labelledby="yours" className="policy-section">
        <h2 id="yours">{t('policy.mine.yoursTitle')}</h2>
        {mine.isPending && <Loading />}
        <ErrorAlert error={mine.error} />
        {mine.data && !mine.data.items.length && <p className="muted">{t('policy.mine.noneYet')}</p>}
        <ul className="policy-list">
          {mine.data?.items.map((b) => (
            <li key={b.id}>
              <BarrierCard b={b}>
                <p className="policy-plain">{t(`policy.plain.${b.status}`)}</p>
                <SupportButton b={b} />
              </BarrierCard>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="others" className="policy-section">
        <h2 id="others">{t('policy.mine.othersTitle')}</h2>
        <p className="muted">{t('policy.mine.othersLead')}</p>
        <ErrorAlert error={all.error} />
        {all.data && !others.length && <p className="muted">{t('policy.mine.noOthers')}</p>}
        <ul className="policy-list">
          {others.map((b) => (
            <li key={b.id}>
              <BarrierCard b={b}>
                <SupportButton b={b} />
              </BarrierCard>
            </li>
          ))}
        </ul>
      </section>
      {!!stories.data?.items.length && (
        <section aria-labelledby="my-stories" className="policy-section">
          <h2 id="my-stories">{t('policy.mine.storiesTitle')}</h2>
          <p className="muted">{t('policy.mine.storiesLead')}</p>
          <ul className="policy-list">
            {stories.data.items.map((s) => (
              <li key={s.id}>
                <StoryCard s={s} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function RaiseBarrierPage() {
  const { t } = useTranslation();
  return (
    <div className="policy-page form-page">
      <PageHeader title={t('policy.raise.title')} />
      <PolicyTabs />
      <RaiseBarrierForm />
    </div>
  );
}
