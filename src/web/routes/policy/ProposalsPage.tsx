import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ProposalStatus, proposalStatuses } from '../../../shared/policy.ts';
import { type FieldProblems, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, CheckboxGroup, ErrorAlert, Loading, Notice, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { type Proposal, useBarrierOptions, useBarriers, useCreateProposal, useProposals, useUpdateProposal } from './api.ts';
import { PolicyTabs } from './BarriersPage.tsx';

export function ProposalsPage() {
  const { t } = useTranslation();
  const proposals = useProposals();
  const options = useBarrierOptions();
  return (
    <div className="policy-page">
      <PageHeader title={t('policy.proposals.title')} />
      <PolicyTabs />
      <p className="lead">{t('policy.proposals.lead')}</p>
      {options.data?.can.manage && <NewProposal />}
      <section aria-labelledby="all-proposals" className="policy-section">
        <h2 id="all-proposals">{t('policy.proposals.listTitle')}</h2>
        {proposals.isPending && <Loading />}
        <ErrorAlert error={proposals.error} />
        {proposals.data && !proposals.data.items.length && <p className="muted">{t('policy.proposals.none')}</p>}
        <ul className="policy-list">
          {proposals.data?.items.map((p) => (
            <li key={p.id}>
              <ProposalCard p={p} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ProposalCard({ p }: { p: Proposal }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <article className="card policy-card">
      <div className="policy-card-head">
        <span className="badge">{t(`policy.proposalStatus.${p.status}`)}</span>
        <span className="muted">{t('policy.card.actor', { actor: p.actorName })}</span>
      </div>
      <h3 className="policy-card-title" dir="auto">
        {p.title}
      </h3>
      <p dir="auto">{p.change}</p>
      {p.rationale && (
        <p className="muted" dir="auto">
          {p.rationale}
        </p>
      )}
      {p.answer && (
        <p className="policy-outcome">
          <strong>{t('policy.proposals.answer')}</strong>{' '}
          {p.answeredOn && `(${new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(p.answeredOn))}) `}
          {p.answer}
        </p>
      )}
      {p.barriers.length > 0 && (
        <>
          <h4>{t('policy.proposals.barriers', { n: p.barriers.length })}</h4>
          <ul>
            {p.barriers.map((b) => (
              <li key={b.id}>
                <Link to={`/policy/barriers/${b.id}`} dir="auto">
                  {b.text}
                </Link>{' '}
                <span className="muted">{t('policy.card.support', { n: b.supportCount })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.can.edit &&
        (editing ? (
          <AnswerForm p={p} onDone={() => setEditing(false)} />
        ) : (
          <div>
            <Button variant="secondary" onPress={() => setEditing(true)}>
              {t('policy.proposals.setStatus')}
            </Button>
          </div>
        ))}
    </article>
  );
}

function AnswerForm({ p, onDone }: { p: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateProposal();
  const [status, setStatus] = useState<string>(p.status);
  const [answer, setAnswer] = useState(p.answer ?? '');
  const [answeredOn, setAnsweredOn] = useState(p.answeredOn ?? '');
  return (
    <form
      className="policy-form"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(
          { id: p.id, status: status as ProposalStatus, answer: answer.trim() || null, ...(answeredOn ? { answeredOn } : {}) },
          { onSuccess: onDone },
        );
      }}
    >
      <Select
        label={t('policy.proposals.status')}
        options={proposalStatuses.map((s) => ({ id: s, label: t(`policy.proposalStatus.${s}`) }))}
        value={status}
        onChange={setStatus}
      />
      <TextField label={t('policy.proposals.answer')} description={t('policy.proposals.answerHelp')} multiline value={answer} onChange={setAnswer} />
      <TextField label={t('policy.proposals.answeredOn')} type="date" value={answeredOn} onChange={setAnsweredOn} />
      <ErrorAlert error={update.error} />
      <div className="policy-actions">
        <Button type="submit" isPending={update.isPending}>
          {t('policy.proposals.save')}
        </Button>
        <Button variant="quiet" onPress={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function NewProposal() {
  const { t } = useTranslation();
  const options = useBarrierOptions();
  const barriers = useBarriers({ limit: 200 });
  const create = useCreateProposal();
  const [title, setTitle] = useState('');
  const [change, setChange] = useState('');
  const [rationale, setRationale] = useState('');
  const [partner, setPartner] = useState('none');
  const [actorText, setActorText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [done, setDone] = useState(false);
  const candidates = (barriers.data?.items ?? []).filter((b) => !['implemented', 'rejected', 'merged'].includes(b.status));
  return (
    <section aria-labelledby="new-proposal" className="policy-section card">
      <h2 id="new-proposal">{t('policy.proposals.newTitle')}</h2>
      <form
        className="policy-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          const found: FieldProblems = {};
          if (!title.trim()) found.title = { kind: 'required' };
          if (!change.trim()) found.change = { kind: 'required' };
          if (partner === 'none' && !actorText.trim()) found.actorText = { kind: 'code', code: 'actor_required' };
          setProblems(found);
          if (Object.keys(found).length) return;
          create.mutate(
            {
              title,
              change,
              rationale: rationale.trim() || null,
              actorPartnerId: partner === 'none' ? null : partner,
              actorText: actorText.trim() || null,
              barrierIds: chosen,
            },
            {
              onSuccess: () => {
                setTitle('');
                setChange('');
                setRationale('');
                setChosen([]);
                setDone(true);
              },
              onError: (err) => setProblems(serverProblems(err, { actor_required: 'actorText' })),
            },
          );
        }}
      >
        <TextField
          label={t('policy.proposals.titleField')}
          isRequired
          value={title}
          onChange={setTitle}
          errorMessage={messageFor(t, 'title', problems.title)}
        />
        <TextField
          label={t('policy.proposals.change')}
          isRequired
          multiline
          value={change}
          onChange={setChange}
          errorMessage={messageFor(t, 'change', problems.change)}
        />
        <TextField label={t('policy.proposals.rationale')} multiline value={rationale} onChange={setRationale} />
        <Select
          label={t('policy.proposals.partner')}
          options={[{ id: 'none', label: t('policy.raise.noPartner') }, ...(options.data?.partners ?? []).map((p) => ({ id: p.id, label: p.name }))]}
          value={partner}
          onChange={setPartner}
        />
        <TextField
          label={t('policy.proposals.actorText')}
          description={t('policy.proposals.actorHelp')}
          value={actorText}
          onChange={setActorText}
          errorMessage={messageFor(t, 'actorText', problems.actorText)}
        />
        {candidates.length > 0 && (
          <CheckboxGroup
            label={t('policy.proposals.pickBarriers')}
            value={chosen}
            onChange={setChosen}
            options={candidates.map((b) => ({ id: b.id, label: `${b.text} (${t('policy.card.support', { n: b.supportCount })})` }))}
          />
        )}
        {done && <Notice>{t('policy.proposals.created')}</Notice>}
        <ErrorAlert error={Object.keys(problems).length ? null : create.error} />
        <div>
          <Button type="submit" isPending={create.isPending}>
            {t('policy.proposals.create')}
          </Button>
        </div>
      </form>
    </section>
  );
}
