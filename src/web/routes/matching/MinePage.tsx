import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayParts, languageLevels, offerKinds, profileVisibilities, weekdays } from '../../../shared/matching.ts';
import { useMe } from '../../api/session.ts';
import { type FieldProblems, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, CheckboxGroup, ErrorAlert, Loading, Notice, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { languageName } from '../people/languages.ts';
import {
  type Item,
  type Profile,
  useCreateDream,
  useCreateItem,
  useDreams,
  useForMe,
  useItems,
  useProfile,
  useSaveProfile,
  useUpdateDream,
  useUpdateItem,
} from './api.ts';
import { DreamSuggestionsPanel, ItemText, MatchCard, SuggestionCard } from './components.tsx';
import './matching.css';

const splitList = (s: string) =>
  s
    .split(/[,\n،]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** "Wat kan ik, wat zoek ik": the participant's strengths, offers and requests, and what is suggested for them. */
export function MinePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <div className="form-page">
      <PageHeader title={t('matching.mine.title')} />
      <p className="lead">{t('matching.mine.lead')}</p>
      <SuggestedForYou />
      <ItemsSection side="offer" personId={me.personId} />
      <ItemsSection side="request" personId={me.personId} />
      <DreamsSection personId={me.personId} />
      <ProfileSection personId={me.personId} />
    </div>
  );
}

/** Proposals to answer and suggestions for one's own requests and offers; also on the home page. */
export function SuggestedForYou() {
  const { t } = useTranslation();
  const forMe = useForMe();
  const withSuggestions = forMe.data?.suggestions.filter((s) => s.suggestions.length) ?? [];
  return (
    <section aria-labelledby="for-you" className="matching-section">
      <h2 id="for-you">{t('matching.forYou.title')}</h2>
      {forMe.isPending && <Loading />}
      <ErrorAlert error={forMe.error} />
      {forMe.data && !forMe.data.waiting.length && !withSuggestions.length && <p className="muted">{t('matching.forYou.none')}</p>}
      {!!forMe.data?.waiting.length && (
        <>
          <h3>{t('matching.forYou.waiting', { n: forMe.data.waiting.length })}</h3>
          <ul className="matching-list">
            {forMe.data.waiting.map((m) => (
              <li key={m.id}>
                <MatchCard m={m} headingLevel={4} />
              </li>
            ))}
          </ul>
        </>
      )}
      {withSuggestions.map(({ item, suggestions }) => (
        <div key={item.id} className="card matching-item" style={{ marginBlockStart: '1rem' }}>
          <h3>{t(item.side === 'request' ? 'matching.forYou.forRequest' : 'matching.forYou.forOffer')}</h3>
          <ItemText item={item} />
          <ul className="matching-list">
            {suggestions.map((s) => (
              <li key={s.item.id}>
                <SuggestionCard s={s} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function ItemsSection({ side, personId }: { side: 'offer' | 'request'; personId: string }) {
  const { t } = useTranslation();
  const items = useItems(side, personId);
  const create = useCreateItem(side);
  const update = useUpdateItem();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<Item['kind']>('skill');
  const [dreamId, setDreamId] = useState('none');
  const dreams = useDreams(personId);
  const openDreams = side === 'request' ? (dreams.data?.items.filter((d) => d.status === 'open') ?? []) : [];
  const [problems, setProblems] = useState<FieldProblems>({});
  const [added, setAdded] = useState(false);
  const id = `${side}s`;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setAdded(false);
    if (!text.trim()) return setProblems({ text: { kind: 'required' } });
    if (text.length > 2000) return setProblems({ text: { kind: 'tooLong', max: 2000 } });
    setProblems({});
    create.mutate(
      { text, kind, ...(dreamId !== 'none' ? { dreamId } : {}) },
      {
        onSuccess: () => {
          setText('');
          setAdded(true);
        },
        onError: (err) => setProblems(serverProblems(err)),
      },
    );
  };
  return (
    <section aria-labelledby={id} className="matching-section">
      <h2 id={id}>{t(`matching.mine.${side}s.title`)}</h2>
      <p className="muted">{t(`matching.mine.${side}s.hint`)}</p>
      {items.isPending && <Loading />}
      <ErrorAlert error={items.error ?? update.error} />
      {items.data && !items.data.items.length && <p className="muted">{t(`matching.mine.${side}s.none`)}</p>}
      <ul className="matching-list">
        {items.data?.items.map((item) => (
          <li key={item.id} className="card matching-item">
            <div className="matching-item-head">
              <span className="badge">{t(`matching.kind.${item.kind}`)}</span>
              <span className={item.status === 'open' ? 'badge' : 'badge badge-wait'}>{t(`matching.itemStatus.${item.status}`)}</span>
            </div>
            <ItemText item={item} />
            {item.can.edit && (
              <div className="matching-actions">
                {item.status === 'open' ? (
                  <Button variant="secondary" onPress={() => update.mutate({ item, status: 'paused' })}>
                    {t('matching.actions.pause')}
                  </Button>
                ) : (
                  <Button variant="secondary" onPress={() => update.mutate({ item, status: 'open' })}>
                    {t('matching.actions.reopen')}
                  </Button>
                )}
                {item.status !== 'closed' && (
                  <Button variant="quiet" onPress={() => update.mutate({ item, status: 'closed' })}>
                    {t('matching.actions.done')}
                  </Button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      <form className="new-item card" onSubmit={submit} noValidate>
        <h3>{t(`matching.mine.${side}s.add`)}</h3>
        {added && <Notice>{t('matching.mine.added')}</Notice>}
        <TextField
          label={t(`matching.mine.${side}s.text`)}
          description={t(`matching.mine.${side}s.example`)}
          multiline
          value={text}
          onChange={setText}
          isRequired
          errorMessage={messageFor(t, 'text', problems.text)}
        />
        <Select
          label={t('matching.mine.kind')}
          options={offerKinds.map((k) => ({ id: k, label: t(`matching.kind.${k}`) }))}
          value={kind}
          onChange={(k) => setKind(k as Item['kind'])}
        />
        {openDreams.length > 0 && (
          <Select
            label={t('matching.dreams.stepOf')}
            options={[{ id: 'none', label: t('matching.dreams.noDream') }, ...openDreams.map((d) => ({ id: d.id, label: d.text }))]}
            value={dreamId}
            onChange={setDreamId}
          />
        )}
        <ErrorAlert error={create.error && !Object.keys(problems).length ? create.error : null} />
        <div className="form-actions">
          <Button type="submit" isPending={create.isPending}>
            {t(`matching.mine.${side}s.submit`)}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** Small and big dreams, each realised step by step through requests. */
function DreamsSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const dreams = useDreams(personId);
  const create = useCreateDream();
  const update = useUpdateDream();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setProblems({ text: { kind: 'required' } });
    setProblems({});
    create.mutate({ text }, { onSuccess: () => setText(''), onError: (err) => setProblems(serverProblems(err)) });
  };
  return (
    <section aria-labelledby="dreams" className="matching-section">
      <h2 id="dreams">{t('matching.dreams.title')}</h2>
      <p className="muted">{t('matching.dreams.hint')}</p>
      {dreams.isPending && <Loading />}
      <ErrorAlert error={dreams.error ?? update.error} />
      <ul className="matching-list">
        {dreams.data?.items.map((d) => (
          <li key={d.id} className="card matching-item">
            <div className="matching-item-head">
              <p className="item-text" dir="auto">
                {d.text}
              </p>
              <span className={d.status === 'open' ? 'badge' : 'badge badge-wait'}>{t(`matching.dreams.status.${d.status}`)}</span>
            </div>
            <p className="muted">{t('matching.board.dreamSteps', { n: d.requestIds.length })}</p>
            {d.status === 'open' && (
              <div className="matching-actions">
                <Button variant="secondary" onPress={() => update.mutate({ id: d.id, status: 'realised' })}>
                  {t('matching.dreams.realised')}
                </Button>
              </div>
            )}
            {d.status === 'open' && <DreamSuggestionsPanel dreamId={d.id} />}
          </li>
        ))}
      </ul>
      <form className="new-item card" onSubmit={submit} noValidate>
        <TextField label={t('matching.dreams.add')} value={text} onChange={setText} isRequired errorMessage={messageFor(t, 'text', problems.text)} />
        <ErrorAlert error={create.error && !Object.keys(problems).length ? create.error : null} />
        <div className="form-actions">
          <Button type="submit" isPending={create.isPending}>
            {t('matching.dreams.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

type Draft = {
  talents: string;
  likes: string;
  experience: string;
  dreams: string;
  availability: string[];
  languages: Profile['languages'];
  visibility: Profile['visibility'];
};

function ProfileSection({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const profile = useProfile(personId);
  const save = useSaveProfile(personId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (profile.data && !draft) {
      const p = profile.data;
      setDraft({
        talents: p.talents.join(', '),
        likes: p.likes.join(', '),
        experience: p.experience ?? '',
        dreams: p.dreams ?? '',
        availability: p.availability,
        languages: p.languages,
        visibility: p.visibility,
      });
    }
  }, [profile.data, draft]);
  const problems = serverProblems(save.error);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setSaved(false);
    save.mutate(
      {
        talents: splitList(draft.talents),
        likes: splitList(draft.likes),
        experience: draft.experience.trim() || null,
        dreams: draft.dreams.trim() || null,
        availability: draft.availability as never,
        languages: draft.languages,
        visibility: draft.visibility,
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const slotOptions = weekdays.flatMap((d) =>
    dayParts.map((p) => ({ id: `${d}-${p}`, label: t('matching.slot', { day: t(`matching.days.${d}`), part: t(`matching.parts.${p}`) }) })),
  );
  return (
    <section aria-labelledby="strengths" className="matching-section">
      <h2 id="strengths">{t('matching.profile.title')}</h2>
      <p className="muted">{t('matching.profile.hint')}</p>
      {profile.isPending && <Loading />}
      <ErrorAlert error={profile.error} />
      {draft && (
        <form className="stack" onSubmit={submit} noValidate>
          <TextField
            label={t('matching.profile.talents')}
            description={t('matching.profile.listHint')}
            value={draft.talents}
            onChange={(v) => set({ talents: v })}
            errorMessage={messageFor(t, 'talents', problems.talents)}
          />
          <TextField
            label={t('matching.profile.likes')}
            description={t('matching.profile.listHint')}
            value={draft.likes}
            onChange={(v) => set({ likes: v })}
            errorMessage={messageFor(t, 'likes', problems.likes)}
          />
          <TextField
            label={t('matching.profile.experience')}
            multiline
            value={draft.experience}
            onChange={(v) => set({ experience: v })}
            errorMessage={messageFor(t, 'experience', problems.experience)}
          />
          <TextField
            label={t('matching.profile.dreams')}
            multiline
            value={draft.dreams}
            onChange={(v) => set({ dreams: v })}
            errorMessage={messageFor(t, 'dreams', problems.dreams)}
          />
          {draft.languages.length > 0 && (
            <fieldset className="fieldset">
              <legend>{t('matching.profile.languages')}</legend>
              <div className="level-rows">
                {draft.languages.map((l, i) => (
                  <Select
                    key={l.code}
                    label={languageName(l.code, i18n.language)}
                    options={languageLevels.map((lv) => ({ id: lv, label: t(`matching.levels.${lv}`) }))}
                    value={l.level}
                    onChange={(lv) => set({ languages: draft.languages.map((x, j) => (j === i ? { ...x, level: lv as typeof l.level } : x)) })}
                  />
                ))}
              </div>
            </fieldset>
          )}
          <CheckboxGroup
            label={t('matching.profile.availability')}
            options={slotOptions}
            value={draft.availability}
            onChange={(v) => set({ availability: v })}
          />
          <Select
            label={t('matching.profile.visibility')}
            options={profileVisibilities.map((v) => ({ id: v, label: t(`matching.visibility.${v}`) }))}
            value={draft.visibility}
            onChange={(v) => set({ visibility: v as Draft['visibility'] })}
          />
          {saved && <Notice>{t('matching.profile.saved')}</Notice>}
          <ErrorAlert error={save.error && !Object.keys(problems).length ? save.error : null} />
          <div className="form-actions">
            <Button type="submit" isPending={save.isPending}>
              {t('matching.profile.save')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
