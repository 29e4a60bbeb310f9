import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LifeDomain, type StoryScope, storyAttributions, storyScopes } from '../../../shared/policy.ts';
import { Button, ErrorAlert, Loading, Notice, PageHeader, SearchField, Select, TextField } from '../../components/ui.tsx';
import { type Story, useBarrierOptions, useCreateStory, useParticipantSearch, useStories, useWithdrawStory } from './api.ts';
import { PolicyTabs } from './BarriersPage.tsx';
import { useDomainOptions } from './components.tsx';

/** Stories and quotes kept with consent; withdrawing consent hides one everywhere at once. */
export function StoriesPage() {
  const { t } = useTranslation();
  const stories = useStories();
  const options = useBarrierOptions();
  return (
    <div className="policy-page form-page">
      <PageHeader title={t('policy.stories.title')} />
      <PolicyTabs />
      <p className="lead">{t('policy.stories.lead')}</p>
      {options.data?.can.manage && <NewStory />}
      <section aria-labelledby="stories" className="policy-section">
        <h2 id="stories">{t('policy.stories.listTitle')}</h2>
        {stories.isPending && <Loading />}
        <ErrorAlert error={stories.error} />
        {stories.data && !stories.data.items.length && <p className="muted">{t('policy.stories.none')}</p>}
        <ul className="policy-list">
          {stories.data?.items.map((s) => (
            <li key={s.id}>
              <StoryCard s={s} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function StoryCard({ s }: { s: Story }) {
  const { t, i18n } = useTranslation();
  const withdraw = useWithdrawStory();
  const [asking, setAsking] = useState(false);
  return (
    <article className="card policy-card">
      <div className="policy-card-head">
        <span className="badge">{t(`policy.stories.scope.${s.consentScope}`)}</span>
        {s.domain && <span className="badge">{t(`policy.domain.${s.domain}`)}</span>}
        {s.withdrawnAt && <span className="badge policy-status-rejected">{t('policy.stories.withdrawn')}</span>}
      </div>
      <blockquote className="policy-quote" dir="auto" lang={s.lang ?? undefined}>
        “{s.text}”
      </blockquote>
      <p className="muted">
        {[
          s.signedAs ? `– ${s.signedAs}` : t('policy.stories.anonymous'),
          s.personName && t('policy.stories.givenBy', { name: s.personName }),
          t('policy.stories.consentOn', {
            date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${s.consentOn}T00:00:00Z`)),
          }),
          s.placeName,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {s.can.withdraw &&
        (asking ? (
          <div className="policy-actions">
            <span>{t('policy.stories.withdrawAsk')}</span>
            <Button variant="danger" isPending={withdraw.isPending} onPress={() => withdraw.mutate(s.id, { onSuccess: () => setAsking(false) })}>
              {t('policy.stories.withdrawConfirm')}
            </Button>
            <Button variant="quiet" onPress={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        ) : (
          <div>
            <Button variant="secondary" onPress={() => setAsking(true)}>
              {t('policy.stories.withdraw')}
            </Button>
          </div>
        ))}
      <ErrorAlert error={withdraw.error} />
    </article>
  );
}

function NewStory() {
  const { t } = useTranslation();
  const create = useCreateStory();
  const domains = useDomainOptions();
  const [q, setQ] = useState('');
  const found = useParticipantSearch(q);
  const [personId, setPersonId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [consentOn, setConsentOn] = useState(new Date().toISOString().slice(0, 10));
  const [scope, setScope] = useState<StoryScope>('internal');
  const [attribution, setAttribution] = useState<string>('anonymous');
  const [attributionText, setAttributionText] = useState('');
  const [domain, setDomain] = useState('none');
  const [done, setDone] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  return (
    <section aria-labelledby="new-story" className="policy-section card">
      <h2 id="new-story">{t('policy.stories.newTitle')}</h2>
      <form
        className="policy-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          const miss = [!personId && 'person', !text.trim() && 'text', attribution === 'custom' && !attributionText.trim() && 'attributionText'].filter(
            (x): x is string => !!x,
          );
          setMissing(miss);
          if (miss.length || !personId) return;
          create.mutate(
            {
              personId,
              text,
              consentOn,
              consentScope: scope,
              attribution: attribution as (typeof storyAttributions)[number],
              attributionText: attribution === 'custom' ? attributionText : null,
              domain: domain === 'none' ? null : (domain as LifeDomain),
            },
            {
              onSuccess: () => {
                setText('');
                setDone(true);
              },
            },
          );
        }}
      >
        <SearchField label={t('policy.stories.findPerson')} value={q} onChange={setQ} />
        <Select
          label={t('policy.stories.person')}
          options={(found.data?.items ?? []).map((p) => ({ id: p.id, label: [`${p.givenName} ${p.familyName}`, p.placeName].filter(Boolean).join(' · ') }))}
          value={personId}
          onChange={setPersonId}
          isRequired
          errorMessage={missing.includes('person') ? t('common.validation.required') : undefined}
        />
        <TextField
          label={t('policy.stories.text')}
          multiline
          isRequired
          value={text}
          onChange={setText}
          errorMessage={missing.includes('text') ? t('common.validation.required') : undefined}
        />
        <TextField label={t('policy.stories.consentDate')} type="date" isRequired value={consentOn} onChange={setConsentOn} />
        <Select
          label={t('policy.stories.scopeLabel')}
          options={storyScopes.map((s) => ({ id: s, label: t(`policy.stories.scope.${s}`) }))}
          value={scope}
          onChange={(v) => setScope(v as StoryScope)}
        />
        <Select
          label={t('policy.stories.attributionLabel')}
          options={storyAttributions.map((a) => ({ id: a, label: t(`policy.stories.attribution.${a}`) }))}
          value={attribution}
          onChange={setAttribution}
        />
        {attribution === 'custom' && (
          <TextField
            label={t('policy.stories.attributionText')}
            description={t('policy.stories.attributionHelp')}
            value={attributionText}
            onChange={setAttributionText}
            errorMessage={missing.includes('attributionText') ? t('common.validation.required') : undefined}
          />
        )}
        <Select
          label={t('policy.stories.domain')}
          options={[{ id: 'none', label: t('policy.stories.noDomain') }, ...domains]}
          value={domain}
          onChange={setDomain}
        />
        {done && <Notice>{t('policy.stories.saved')}</Notice>}
        <ErrorAlert error={create.error} />
        <div>
          <Button type="submit" isPending={create.isPending}>
            {t('policy.stories.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
