import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { goalStatuses, lifeDomains, stepOwners, stepStatuses } from '../../../shared/pathways.ts';
import { api } from '../../api/client.ts';
import { Button, Loading, Select, TextField } from '../../components/ui.tsx';
import { formatDate, type Goal, useOrgOptions, usePathwayMutation, usePlan } from './api.ts';
import { PathwaysError } from './components.tsx';
import type { PathwayTabProps } from './tabs.ts';

type Step = Goal['steps'][number];

/** The plan for the team: goals per life domain with steps (owner, date, status), in order. */
export function PlanTab({ pathway: p }: PathwayTabProps) {
  const { t } = useTranslation();
  const plan = usePlan(p.id);
  const canWrite = p.allowed.includes('plan.write') && p.status !== 'ended';
  const change = usePathwayMutation((x: { path: string; method: 'PATCH' | 'PUT' | 'POST'; body: unknown }) =>
    api(`/pathways/${p.id}${x.path}`, { method: x.method, body: x.body }),
  );
  const goals = plan.data?.items ?? [];
  const move = <T extends { id: string }>(list: T[], i: number, by: -1 | 1) => {
    const ids = list.map((x) => x.id);
    [ids[i], ids[i + by]] = [ids[i + by], ids[i]];
    return ids;
  };

  return (
    <div className="stack plan">
      <p className="lead">{t('pathways.plan.lead')}</p>
      {!canWrite && p.status !== 'ended' && <p className="muted">{t('pathways.plan.readOnly')}</p>}
      {plan.isPending && <Loading />}
      <PathwaysError error={plan.error ?? change.error} />
      {plan.data && !goals.length && <p className="empty-state">{t('pathways.plan.none')}</p>}
      <ol className="goal-list">
        {goals.map((g, i) => (
          <li key={g.id} className="card goal-card">
            <div className="goal-head">
              <span className="badge domain-badge">{t(`pathways.domain.${g.lifeDomain}`)}</span>
              <h3 className="goal-text" dir="auto">
                {g.text}
              </h3>
            </div>
            {canWrite && (
              <div className="row goal-tools">
                <Select
                  label={t('pathways.plan.goalStatus')}
                  value={g.status}
                  onChange={(status) => change.mutate({ path: `/goals/${g.id}`, method: 'PATCH', body: { status } })}
                  options={goalStatuses.map((s) => ({ id: s, label: t(`pathways.goalStatus.${s}`) }))}
                />
                <div className="order-buttons">
                  <Button
                    variant="quiet"
                    isDisabled={i === 0}
                    aria-label={t('pathways.plan.moveUpNamed', { text: g.text })}
                    onPress={() => change.mutate({ path: '/goals/order', method: 'PUT', body: { ids: move(goals, i, -1) } })}
                  >
                    ↑ {t('pathways.plan.moveUp')}
                  </Button>
                  <Button
                    variant="quiet"
                    isDisabled={i === goals.length - 1}
                    aria-label={t('pathways.plan.moveDownNamed', { text: g.text })}
                    onPress={() => change.mutate({ path: '/goals/order', method: 'PUT', body: { ids: move(goals, i, 1) } })}
                  >
                    ↓ {t('pathways.plan.moveDown')}
                  </Button>
                </div>
              </div>
            )}
            {!canWrite && <p className="muted">{t(`pathways.goalStatus.${g.status}`)}</p>}
            <h4 className="visually-hidden">{t('pathways.plan.steps')}</h4>
            {!g.steps.length && <p className="muted">{t('pathways.plan.noSteps')}</p>}
            <ol className="step-list">
              {g.steps.map((s, j) => (
                <StepRow
                  key={s.id}
                  step={s}
                  canWrite={canWrite}
                  first={j === 0}
                  last={j === g.steps.length - 1}
                  onStatus={(status) => change.mutate({ path: `/steps/${s.id}`, method: 'PATCH', body: { status } })}
                  onMove={(by) => change.mutate({ path: `/goals/${g.id}/steps/order`, method: 'PUT', body: { ids: move(g.steps, j, by) } })}
                />
              ))}
            </ol>
            {canWrite && <AddStep pathwayId={p.id} goalId={g.id} />}
          </li>
        ))}
      </ol>
      {canWrite && <AddGoal pathwayId={p.id} />}
    </div>
  );
}

function StepRow({
  step: s,
  canWrite,
  first,
  last,
  onStatus,
  onMove,
}: {
  step: Step;
  canWrite: boolean;
  first: boolean;
  last: boolean;
  onStatus: (status: string) => void;
  onMove: (by: -1 | 1) => void;
}) {
  const { t, i18n } = useTranslation();
  const who = s.owner === 'partner' ? (s.ownerPartnerName ?? t('pathways.owner.partner')) : (s.ownerName ?? t(`pathways.owner.${s.owner}`));
  return (
    <li className={`step-row step-${s.status}`}>
      <div className="step-main">
        <span className="step-text" dir="auto">
          {s.text}
        </span>
        <span className="muted">
          {who}
          {s.dueOn && <> · {t('pathways.plan.due', { date: formatDate(s.dueOn, i18n.language) })}</>}
        </span>
      </div>
      {canWrite ? (
        <div className="step-tools">
          <Select
            label={t('pathways.plan.status')}
            value={s.status}
            onChange={onStatus}
            options={stepStatuses.map((x) => ({ id: x, label: t(`pathways.stepStatus.${x}`) }))}
          />
          <div className="order-buttons">
            <Button variant="quiet" isDisabled={first} aria-label={t('pathways.plan.moveUpNamed', { text: s.text })} onPress={() => onMove(-1)}>
              ↑
            </Button>
            <Button variant="quiet" isDisabled={last} aria-label={t('pathways.plan.moveDownNamed', { text: s.text })} onPress={() => onMove(1)}>
              ↓
            </Button>
          </div>
        </div>
      ) : (
        <span className={`badge step-status-${s.status}`}>{t(`pathways.stepStatus.${s.status}`)}</span>
      )}
    </li>
  );
}

function AddStep({ pathwayId, goalId }: { pathwayId: string; goalId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [owner, setOwner] = useState<string>('participant');
  const [partnerId, setPartnerId] = useState('none');
  const [dueOn, setDueOn] = useState('');
  const [missing, setMissing] = useState(false);
  const { partners } = useOrgOptions();
  const add = usePathwayMutation(() =>
    api(`/pathways/${pathwayId}/goals/${goalId}/steps`, {
      method: 'POST',
      body: { text: text.trim(), owner, ownerPartnerId: owner === 'partner' && partnerId !== 'none' ? partnerId : null, dueOn: dueOn || null },
    }),
  );
  if (!open) {
    return (
      <Button variant="secondary" onPress={() => setOpen(true)}>
        + {t('pathways.plan.addStep')}
      </Button>
    );
  }
  return (
    <form
      className="stack add-form"
      onSubmit={(e) => {
        e.preventDefault();
        setMissing(!text.trim());
        if (!text.trim()) return;
        add.mutate(undefined, {
          onSuccess: () => {
            setText('');
            setDueOn('');
            setOpen(false);
          },
        });
      }}
    >
      <TextField
        label={t('pathways.plan.stepText')}
        value={text}
        onChange={setText}
        isRequired
        autoFocus
        maxLength={1000}
        errorMessage={missing ? t('common.validation.required') : undefined}
      />
      <div className="form-grid">
        <Select
          label={t('pathways.plan.owner')}
          value={owner}
          onChange={setOwner}
          options={stepOwners.map((o) => ({ id: o, label: t(`pathways.owner.${o}`) }))}
        />
        {owner === 'partner' && (
          <Select
            label={t('pathways.plan.partner')}
            value={partnerId}
            onChange={setPartnerId}
            options={[{ id: 'none', label: t('pathways.plan.noPartner') }, ...(partners.data?.items ?? []).map((x) => ({ id: x.id, label: x.name }))]}
          />
        )}
        <TextField label={t('pathways.plan.dueOn')} type="date" inputDir="ltr" value={dueOn} onChange={setDueOn} />
      </div>
      <PathwaysError error={add.error} />
      <div className="form-actions">
        <Button type="submit" isPending={add.isPending}>
          {t('pathways.plan.save')}
        </Button>
        <Button variant="quiet" onPress={() => setOpen(false)}>
          {t('pathways.plan.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function AddGoal({ pathwayId, simple }: { pathwayId: string; simple?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [domain, setDomain] = useState<string>('work');
  const [missing, setMissing] = useState(false);
  const add = usePathwayMutation(() => api(`/pathways/${pathwayId}/goals`, { method: 'POST', body: { lifeDomain: domain, text: text.trim() } }));
  const k = simple ? 'pathways.my' : 'pathways.plan';
  if (!open) {
    return (
      <div>
        <Button variant="secondary" onPress={() => setOpen(true)}>
          + {t(`${k}.addGoal`)}
        </Button>
      </div>
    );
  }
  return (
    <form
      className="card stack add-form"
      onSubmit={(e) => {
        e.preventDefault();
        setMissing(!text.trim());
        if (!text.trim()) return;
        add.mutate(undefined, {
          onSuccess: () => {
            setText('');
            setOpen(false);
          },
        });
      }}
    >
      <Select label={t(`${k}.domain`)} value={domain} onChange={setDomain} options={lifeDomains.map((d) => ({ id: d, label: t(`pathways.domain.${d}`) }))} />
      <TextField
        label={t(`${k}.goalText`)}
        value={text}
        onChange={setText}
        isRequired
        autoFocus
        multiline
        maxLength={1000}
        errorMessage={missing ? t('common.validation.required') : undefined}
      />
      <PathwaysError error={add.error} />
      <div className="form-actions">
        <Button type="submit" isPending={add.isPending}>
          {t(`${k}.save`)}
        </Button>
        <Button variant="quiet" onPress={() => setOpen(false)}>
          {t(`${k}.cancel`)}
        </Button>
      </div>
    </form>
  );
}
