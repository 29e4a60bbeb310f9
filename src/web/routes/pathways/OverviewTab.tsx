import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { formatDate, usePlan } from './api.ts';
import type { PathwayTabProps } from './tabs.ts';

/** The file at a glance: who leads, how far the plan is, what comes next, the follow-up. */
export function OverviewTab({ pathway: p }: PathwayTabProps) {
  const { t, i18n } = useTranslation();
  const plan = usePlan(p.id);
  const open = (plan.data?.items ?? [])
    .flatMap((g) => g.steps.filter((s) => s.status === 'todo' || s.status === 'doing').map((s) => ({ ...s, goal: g })))
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'))
    .slice(0, 5);
  return (
    <div className="stack">
      <dl className="details">
        <div>
          <dt className="field-label">{t('pathways.overview.lead')}</dt>
          <dd>{p.leadCompanion ? `${p.leadCompanion.givenName} ${p.leadCompanion.familyName}` : t('pathways.overview.noLead')}</dd>
        </div>
        <div>
          <dt className="field-label">{t('pathways.overview.steps')}</dt>
          <dd>{t('pathways.overview.stepsCount', { done: p.stepsDone, open: p.stepsOpen })}</dd>
        </div>
        {p.exitOutcome && (
          <div>
            <dt className="field-label">{t('pathways.overview.outcome')}</dt>
            <dd>{t(`pathways.outcome.${p.exitOutcome}`)}</dd>
          </div>
        )}
        {p.followUp && (
          <div>
            <dt className="field-label">{t('pathways.overview.followUp')}</dt>
            <dd>
              {p.followUp.doneOn
                ? t('pathways.overview.followUpDone', { date: formatDate(p.followUp.doneOn, i18n.language) })
                : t('pathways.overview.followUpDue', { date: formatDate(p.followUp.dueOn, i18n.language) })}
            </dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="next-steps">
        <h3 id="next-steps">{t('pathways.overview.nextSteps')}</h3>
        {plan.isPending && <Loading />}
        <ErrorAlert error={plan.error} />
        {plan.data && !open.length && <p className="muted">{t('pathways.overview.noOpenSteps')}</p>}
        {!!open.length && (
          <ul className="step-list">
            {open.map((s) => (
              <li key={s.id} className="card step-card">
                <span dir="auto">{s.text}</span>
                <span className="muted">
                  {t(`pathways.domain.${s.goal.lifeDomain}`)} · {t(`pathways.owner.${s.owner}`)}
                  {s.dueOn && <> · {formatDate(s.dueOn, i18n.language)}</>}
                </span>
              </li>
            ))}
          </ul>
        )}
        {p.allowed.includes('plan.read') && (
          <p>
            <Link to={`/pathways/${p.id}/plan`}>{t('pathways.overview.toPlan')}</Link>
          </p>
        )}
      </section>
    </div>
  );
}
