import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Button, Loading, PageHeader, TextField } from '../../components/ui.tsx';
import { formatDate, type Goal, useMyPathway, usePathwayMutation } from './api.ts';
import { PathwaysError } from './components.tsx';
import { MyCareLinks } from './MyCareLinks.tsx';
import { AddGoal } from './PlanTab.tsx';
import './pathways.css';

/** The participant's own plan in simple words, on a phone: tick a step done, add a step or a goal. */
export function MyPathwayPage() {
  const { t } = useTranslation();
  const mine = useMyPathway();
  const p = mine.data?.pathway;
  const goals = mine.data?.plan ?? [];
  const steps = goals.flatMap((g) => g.steps).filter((s) => s.status !== 'dropped');
  const canWrite = !!p && p.allowed.includes('plan.write') && p.status !== 'ended';
  return (
    <div className="my-pathway">
      <PageHeader title={t('pathways.my.title')} />
      {mine.isPending && <Loading />}
      <PathwaysError error={mine.error} />
      {mine.data && !p && <p className="empty-state">{t('pathways.my.none')}</p>}
      {p && (
        <>
          <p className="lead">{t('pathways.my.lead')}</p>
          {p.leadCompanion && <p>{t('pathways.my.companion', { name: `${p.leadCompanion.givenName} ${p.leadCompanion.familyName}` })}</p>}
          {p.status === 'ended' && <p className="alert alert-success">{t('pathways.my.ended')}</p>}
          {!!steps.length && (
            <div className="progress-line">
              <p>{t('pathways.my.stepsDone', { done: steps.filter((s) => s.status === 'done').length, total: steps.length })}</p>
              <progress max={steps.length} value={steps.filter((s) => s.status === 'done').length} aria-hidden="true" />
            </div>
          )}
          <section aria-labelledby="my-goals" className="stack">
            <h2 id="my-goals">{t('pathways.my.goals')}</h2>
            {!goals.length && <p className="muted">{t('pathways.my.noGoals')}</p>}
            <ul className="goal-list">
              {goals
                .filter((g) => g.status !== 'dropped')
                .map((g) => (
                  <MyGoal key={g.id} pathwayId={p.id} goal={g} canWrite={canWrite} />
                ))}
            </ul>
            {canWrite && <AddGoal pathwayId={p.id} simple />}
          </section>
          <MyCareLinks pathway={p} />
        </>
      )}
    </div>
  );
}

function MyGoal({ pathwayId, goal: g, canWrite }: { pathwayId: string; goal: Goal; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const tick = usePathwayMutation((x: { id: string; status: string }) =>
    api(`/pathways/${pathwayId}/steps/${x.id}`, { method: 'PATCH', body: { status: x.status } }),
  );
  return (
    <li className={`card goal-card my-goal${g.status === 'achieved' ? ' goal-achieved' : ''}`}>
      <span className="badge domain-badge">{t(`pathways.domain.${g.lifeDomain}`)}</span>
      <h3 className="goal-text" dir="auto">
        {g.text}
      </h3>
      <PathwaysError error={tick.error} />
      <ul className="my-steps">
        {g.steps
          .filter((s) => s.status !== 'dropped')
          .map((s) => {
            const done = s.status === 'done';
            return (
              <li key={s.id} className={`my-step${done ? ' is-done' : ''}`}>
                <div className="my-step-text">
                  <span dir="auto">{s.text}</span>
                  <span className="muted">
                    {t(`pathways.my.who.${s.owner}`)}
                    {s.dueOn && <> · {t('pathways.plan.due', { date: formatDate(s.dueOn, i18n.language) })}</>}
                  </span>
                </div>
                {canWrite ? (
                  <Button
                    variant={done ? 'quiet' : 'secondary'}
                    className="tick"
                    aria-pressed={done}
                    aria-label={t('pathways.my.markDoneNamed', { text: s.text })}
                    isPending={tick.isPending && tick.variables?.id === s.id}
                    onPress={() => tick.mutate({ id: s.id, status: done ? 'todo' : 'done' })}
                  >
                    <span aria-hidden="true">{done ? '✓' : '○'}</span> {done ? t('pathways.my.done') : t('pathways.my.markDone')}
                  </Button>
                ) : (
                  done && <span className="badge">{t('pathways.my.done')}</span>
                )}
              </li>
            );
          })}
      </ul>
      {canWrite && <MyAddStep pathwayId={pathwayId} goalId={g.id} />}
    </li>
  );
}

function MyAddStep({ pathwayId, goalId }: { pathwayId: string; goalId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [missing, setMissing] = useState(false);
  const add = usePathwayMutation(() =>
    api(`/pathways/${pathwayId}/goals/${goalId}/steps`, { method: 'POST', body: { text: text.trim(), owner: 'participant', dueOn: dueOn || null } }),
  );
  if (!open) {
    return (
      <Button variant="quiet" onPress={() => setOpen(true)}>
        + {t('pathways.my.addStep')}
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
        label={t('pathways.my.stepText')}
        value={text}
        onChange={setText}
        isRequired
        autoFocus
        maxLength={1000}
        errorMessage={missing ? t('common.validation.required') : undefined}
      />
      <TextField label={t('pathways.my.dueOn')} type="date" inputDir="ltr" value={dueOn} onChange={setDueOn} />
      <PathwaysError error={add.error} />
      <div className="form-actions">
        <Button type="submit" isPending={add.isPending}>
          {t('pathways.my.save')}
        </Button>
        <Button variant="quiet" onPress={() => setOpen(false)}>
          {t('pathways.my.cancel')}
        </Button>
      </div>
    </form>
  );
}
