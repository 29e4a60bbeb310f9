import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { barrierInput, type LifeDomain } from '../../../shared/policy.ts';
import { check, type FieldProblems, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, CheckboxGroup, ErrorAlert, Notice, Select, TextField } from '../../components/ui.tsx';
import { type BarrierDetail, useBarrierOptions, useRaiseBarrier } from './api.ts';
import { useDomainOptions } from './components.tsx';

/**
 * "What blocks you?": in plain words for a participant on a phone; staff may also say it came from a
 * group session, and at which place.
 */
export function RaiseBarrierForm({ onRaised }: { onRaised?: (b: BarrierDetail) => void }) {
  const { t } = useTranslation();
  const options = useBarrierOptions();
  const raise = useRaiseBarrier();
  const domains = useDomainOptions();
  const [text, setText] = useState('');
  const [domain, setDomain] = useState<LifeDomain | null>(null);
  const [actorText, setActorText] = useState('');
  const [actorPartnerId, setActorPartnerId] = useState('none');
  const [people, setPeople] = useState('1');
  const [group, setGroup] = useState<string[]>([]);
  const [activityId, setActivityId] = useState('none');
  const [placeId, setPlaceId] = useState('mine');
  const [problems, setProblems] = useState<FieldProblems>({});
  const [done, setDone] = useState(false);
  const staff = !!options.data?.can.groupSession;
  const fromGroup = group.includes('group');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setDone(false);
    const body = {
      text,
      domain: domain ?? undefined,
      actorText: actorText.trim() || null,
      actorPartnerId: actorPartnerId === 'none' ? null : actorPartnerId,
      peopleAffected: Number(people) || 0,
      source: fromGroup ? ('group-session' as const) : ('self' as const),
      activityId: fromGroup && activityId !== 'none' ? activityId : null,
      placeId: placeId === 'mine' ? undefined : placeId,
    };
    const found = check(barrierInput, body);
    setProblems(found);
    if (Object.keys(found).length) return;
    raise.mutate(body as Parameters<typeof raise.mutate>[0], {
      onSuccess: (b) => {
        setText('');
        setActorText('');
        setActorPartnerId('none');
        setPeople('1');
        setDomain(null);
        setDone(true);
        onRaised?.(b);
      },
      onError: (err) => setProblems(serverProblems(err, { unknown_partner: 'actorPartnerId' })),
    });
  };

  return (
    <form className="policy-form" onSubmit={submit} noValidate>
      {done && <Notice>{t('policy.raise.done')}</Notice>}
      <TextField
        label={t('policy.raise.text')}
        description={t('policy.raise.textHelp')}
        multiline
        isRequired
        value={text}
        onChange={setText}
        errorMessage={messageFor(t, 'text', problems.text)}
      />
      <Select
        label={t('policy.raise.domain')}
        options={domains}
        value={domain}
        onChange={(v) => setDomain(v as LifeDomain)}
        isRequired
        errorMessage={messageFor(t, 'domain', problems.domain)}
      />
      <TextField
        label={t('policy.raise.actor')}
        description={t('policy.raise.actorHelp')}
        value={actorText}
        onChange={setActorText}
        errorMessage={messageFor(t, 'actorText', problems.actorText)}
      />
      {!!options.data?.partners.length && (
        <Select
          label={t('policy.raise.partner')}
          options={[{ id: 'none', label: t('policy.raise.noPartner') }, ...options.data.partners.map((p) => ({ id: p.id, label: p.name }))]}
          value={actorPartnerId}
          onChange={setActorPartnerId}
          errorMessage={messageFor(t, 'actorPartnerId', problems.actorPartnerId)}
        />
      )}
      <TextField
        label={t('policy.raise.people')}
        description={t('policy.raise.peopleHelp')}
        type="number"
        inputMode="numeric"
        value={people}
        onChange={setPeople}
        errorMessage={messageFor(t, 'peopleAffected', problems.peopleAffected)}
      />
      {staff && (
        <>
          <CheckboxGroup label={t('policy.raise.groupLabel')} value={group} onChange={setGroup} options={[{ id: 'group', label: t('policy.raise.group') }]} />
          {fromGroup && !!options.data?.activities.length && (
            <Select
              label={t('policy.raise.activity')}
              options={[{ id: 'none', label: t('policy.raise.noActivity') }, ...options.data.activities.map((a) => ({ id: a.id, label: a.title }))]}
              value={activityId}
              onChange={setActivityId}
            />
          )}
          <Select
            label={t('policy.raise.place')}
            options={[{ id: 'mine', label: t('policy.raise.placeDefault') }, ...(options.data?.places ?? []).map((p) => ({ id: p.id, label: p.name }))]}
            value={placeId}
            onChange={setPlaceId}
          />
        </>
      )}
      <ErrorAlert error={Object.keys(problems).length ? null : raise.error} />
      <div>
        <Button type="submit" isPending={raise.isPending}>
          {t('policy.raise.submit')}
        </Button>
      </div>
    </form>
  );
}
