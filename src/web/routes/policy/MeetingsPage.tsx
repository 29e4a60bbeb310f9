import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { answerStatuses } from '../../../shared/policy.ts';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Button, CheckboxGroup, ErrorAlert, Loading, Notice, PageHeader, Select, TextField } from '../../components/ui.tsx';
import {
  type Meeting,
  useBarrierOptions,
  useBarriers,
  useCreateMeeting,
  useDecide,
  useMeeting,
  useMeetingOptions,
  useMeetings,
  useProposals,
  useSetAgenda,
  useUpdateMeeting,
} from './api.ts';
import { PolicyTabs } from './BarriersPage.tsx';

const formatDate = (lang: string, iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

export function MeetingsPage() {
  const { t, i18n } = useTranslation();
  const meetings = useMeetings();
  const options = useBarrierOptions();
  return (
    <div className="policy-page">
      <PageHeader title={t('policy.meetings.title')} />
      <PolicyTabs />
      <p className="lead">{t('policy.meetings.lead')}</p>
      {options.data?.can.manage && <NewMeeting />}
      <section aria-labelledby="meetings" className="policy-section">
        <h2 id="meetings">{t('policy.meetings.listTitle')}</h2>
        {meetings.isPending && <Loading />}
        <ErrorAlert error={meetings.error} />
        {meetings.data && !meetings.data.items.length && <p className="muted">{t('policy.meetings.none')}</p>}
        <ul className="policy-list">
          {meetings.data?.items.map((m) => (
            <li key={m.id} className="card card-link">
              <h3>
                <Link to={`/policy/meetings/${m.id}`}>{formatDate(i18n.language, m.heldOn)}</Link>
              </h3>
              <p className="muted">
                {[m.location, t(`policy.meetings.status.${m.status}`), t('policy.meetings.items', { n: m.itemCount, decided: m.decidedCount })]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function NewMeeting() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const options = useMeetingOptions(true);
  const create = useCreateMeeting();
  const [heldOn, setHeldOn] = useState('');
  const [location, setLocation] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [contacts, setContacts] = useState<string[]>([]);
  const [missingDate, setMissingDate] = useState(false);
  return (
    <section aria-labelledby="new-meeting" className="policy-section card">
      <h2 id="new-meeting">{t('policy.meetings.newTitle')}</h2>
      <form
        className="policy-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setMissingDate(!heldOn);
          if (!heldOn) return;
          create.mutate(
            { heldOn, location: location.trim() || null, memberPersonIds: members, partnerContactIds: contacts },
            { onSuccess: (m) => navigate(`/policy/meetings/${m.id}`) },
          );
        }}
      >
        <TextField
          label={t('policy.meetings.date')}
          type="date"
          isRequired
          value={heldOn}
          onChange={setHeldOn}
          errorMessage={missingDate ? t('common.validation.required') : undefined}
        />
        <TextField label={t('policy.meetings.location')} value={location} onChange={setLocation} />
        <MemberPicker options={options.data} members={members} setMembers={setMembers} contacts={contacts} setContacts={setContacts} />
        <ErrorAlert error={create.error} />
        <div>
          <Button type="submit" isPending={create.isPending}>
            {t('policy.meetings.create')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function MemberPicker({
  options,
  members,
  setMembers,
  contacts,
  setContacts,
}: {
  options: ReturnType<typeof useMeetingOptions>['data'];
  members: string[];
  setMembers: (v: string[]) => void;
  contacts: string[];
  setContacts: (v: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {!!options?.members.length && (
        <CheckboxGroup
          label={t('policy.meetings.members')}
          value={members}
          onChange={setMembers}
          options={options.members.map((m) => ({ id: m.personId, label: m.name }))}
        />
      )}
      {!!options?.contacts.length && (
        <CheckboxGroup
          label={t('policy.meetings.contacts')}
          value={contacts}
          onChange={setContacts}
          options={options.contacts.map((c) => ({ id: c.id, label: `${c.name} (${c.partnerName})` }))}
        />
      )}
    </>
  );
}

export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useMeeting(id);
  return (
    <RecordGate query={query} title={t('policy.meetings.title')}>
      {(m) => <MeetingView m={m} />}
    </RecordGate>
  );
}

function MeetingView({ m }: { m: Meeting }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateMeeting(m.id);
  const locale = i18n.language.slice(0, 2);
  return (
    <div className="policy-page form-page">
      <PageHeader
        title={t('policy.meetings.meetingTitle', { date: formatDate(i18n.language, m.heldOn) })}
        actions={
          <a className="button button-secondary" href={`/api/v1/policy/meetings/${m.id}/minutes.pdf?locale=${locale}`} download>
            {t('policy.meetings.minutes')}
          </a>
        }
      />
      <PolicyTabs />
      <dl className="details">
        <div>
          <dt>{t('policy.meetings.location')}</dt>
          <dd>{m.location ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('policy.meetings.statusLabel')}</dt>
          <dd>{t(`policy.meetings.status.${m.status}`)}</dd>
        </div>
        <div>
          <dt>{t('policy.meetings.present')}</dt>
          <dd>{m.members.map((x) => (x.organisation ? `${x.name} (${x.organisation})` : x.name)).join(', ') || '–'}</dd>
        </div>
      </dl>
      {m.can.edit && m.status === 'planned' && (
        <div className="policy-actions">
          <Button variant="secondary" isPending={update.isPending} onPress={() => update.mutate({ status: 'held' })}>
            {t('policy.meetings.markHeld')}
          </Button>
        </div>
      )}
      {m.can.edit && <MembersEditor m={m} />}
      {m.can.edit && <AgendaBuilder m={m} />}
      <section aria-labelledby="decisions" className="policy-section">
        <h2 id="decisions">{t('policy.meetings.agenda')}</h2>
        {!m.agenda.length && <p className="muted">{t('policy.meetings.emptyAgenda')}</p>}
        <ol className="policy-agenda">
          {m.agenda.map((item) => (
            <li key={item.id} className="card">
              <h3 dir="auto">
                {item.barrierId ? <Link to={`/policy/barriers/${item.barrierId}`}>{item.title}</Link> : <Link to="/policy/proposals">{item.title}</Link>}
              </h3>
              <p className="muted">
                {t(item.barrierId ? 'policy.meetings.kindBarrier' : 'policy.meetings.kindProposal')}
                {item.note && ` · ${item.note}`}
              </p>
              {m.can.edit ? (
                <DecisionForm meetingId={m.id} item={item} />
              ) : (
                item.decidedAt && (
                  <dl>
                    <dt>{t('policy.meetings.decision')}</dt>
                    <dd>{item.decision ?? '–'}</dd>
                    {item.actorAnswer && (
                      <>
                        <dt>{t('policy.meetings.actorAnswer')}</dt>
                        <dd>{item.actorAnswer}</dd>
                      </>
                    )}
                  </dl>
                )
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** Who was present: steering members and partner contacts, ticked off. */
function MembersEditor({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const options = useMeetingOptions(open);
  const update = useUpdateMeeting(m.id);
  const [members, setMembers] = useState<string[]>(m.members.flatMap((x) => (x.personId ? [x.personId] : [])));
  const [contacts, setContacts] = useState<string[]>(m.members.flatMap((x) => (x.partnerContactId ? [x.partnerContactId] : [])));
  if (!open)
    return (
      <div className="policy-actions">
        <Button variant="secondary" onPress={() => setOpen(true)}>
          {t('policy.meetings.editMembers')}
        </Button>
      </div>
    );
  return (
    <section aria-labelledby="members" className="policy-section card">
      <h2 id="members">{t('policy.meetings.present')}</h2>
      <form
        className="policy-form"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ memberPersonIds: members, partnerContactIds: contacts }, { onSuccess: () => setOpen(false) });
        }}
      >
        <MemberPicker options={options.data} members={members} setMembers={setMembers} contacts={contacts} setContacts={setContacts} />
        <ErrorAlert error={update.error} />
        <div className="policy-actions">
          <Button type="submit" isPending={update.isPending}>
            {t('policy.meetings.saveMembers')}
          </Button>
          <Button variant="quiet" onPress={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}

type Draft = { barrierId?: string; proposalId?: string; title: string; note: string | null };

/** Pick barriers and proposals, put them in order, save the agenda. */
function AgendaBuilder({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  const barriers = useBarriers({ limit: 200 });
  const proposals = useProposals();
  const save = useSetAgenda(m.id);
  const initial = (): Draft[] =>
    m.agenda.map((i) => ({ barrierId: i.barrierId ?? undefined, proposalId: i.proposalId ?? undefined, title: i.title, note: i.note }));
  const [items, setItems] = useState<Draft[]>(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the draft when the saved agenda changes
  useEffect(() => setItems(initial()), [m.agenda]);
  const [saved, setSaved] = useState(false);
  const [pickB, setPickB] = useState<string | null>(null);
  const [pickP, setPickP] = useState<string | null>(null);
  const onAgenda = (d: Draft) => items.some((i) => (d.barrierId && i.barrierId === d.barrierId) || (d.proposalId && i.proposalId === d.proposalId));
  const barrierOptions = (barriers.data?.items ?? [])
    .filter((b) => !onAgenda({ barrierId: b.id, title: '', note: null }))
    .map((b) => ({ id: b.id, label: b.text.length > 80 ? `${b.text.slice(0, 78)}…` : b.text }));
  const proposalOptions = (proposals.data?.items ?? [])
    .filter((p) => !onAgenda({ proposalId: p.id, title: '', note: null }))
    .map((p) => ({ id: p.id, label: p.title }));
  const move = (from: number, to: number) =>
    setItems((list) => {
      if (to < 0 || to >= list.length) return list;
      const next = [...list];
      const [x] = next.splice(from, 1);
      next.splice(to, 0, x);
      return next;
    });
  return (
    <section aria-labelledby="agenda-builder" className="policy-section card">
      <h2 id="agenda-builder">{t('policy.meetings.builder')}</h2>
      <ol className="policy-builder">
        {items.map((i, n) => (
          <li key={i.barrierId ?? i.proposalId}>
            <span dir="auto">{i.title}</span>
            <span className="policy-actions">
              <Button variant="quiet" isDisabled={n === 0} onPress={() => move(n, n - 1)} aria-label={t('policy.meetings.up', { title: i.title })}>
                ↑
              </Button>
              <Button
                variant="quiet"
                isDisabled={n === items.length - 1}
                onPress={() => move(n, n + 1)}
                aria-label={t('policy.meetings.down', { title: i.title })}
              >
                ↓
              </Button>
              <Button variant="quiet" onPress={() => setItems((l) => l.filter((_, k) => k !== n))} aria-label={t('policy.meetings.remove', { title: i.title })}>
                ×
              </Button>
            </span>
          </li>
        ))}
      </ol>
      <div className="row">
        <Select label={t('policy.meetings.addBarrier')} options={barrierOptions} value={pickB} onChange={setPickB} />
        <Button
          variant="secondary"
          isDisabled={!pickB}
          onPress={() => {
            const b = barriers.data?.items.find((x) => x.id === pickB);
            if (b) setItems((l) => [...l, { barrierId: b.id, title: b.text, note: null }]);
            setPickB(null);
          }}
        >
          {t('policy.meetings.add')}
        </Button>
      </div>
      <div className="row">
        <Select label={t('policy.meetings.addProposal')} options={proposalOptions} value={pickP} onChange={setPickP} />
        <Button
          variant="secondary"
          isDisabled={!pickP}
          onPress={() => {
            const p = proposals.data?.items.find((x) => x.id === pickP);
            if (p) setItems((l) => [...l, { proposalId: p.id, title: p.title, note: null }]);
            setPickP(null);
          }}
        >
          {t('policy.meetings.add')}
        </Button>
      </div>
      {saved && <Notice>{t('policy.meetings.agendaSaved')}</Notice>}
      <ErrorAlert error={save.error} />
      <div>
        <Button
          isPending={save.isPending}
          onPress={() => {
            setSaved(false);
            save.mutate(
              items.map(({ barrierId, proposalId, note }) => ({ barrierId, proposalId, note })),
              { onSuccess: () => setSaved(true) },
            );
          }}
        >
          {t('policy.meetings.saveAgenda')}
        </Button>
      </div>
    </section>
  );
}

function DecisionForm({ meetingId, item }: { meetingId: string; item: Meeting['agenda'][number] }) {
  const { t } = useTranslation();
  const decide = useDecide(meetingId);
  const [decision, setDecision] = useState(item.decision ?? '');
  const [answer, setAnswer] = useState(item.actorAnswer ?? '');
  const [outcome, setOutcome] = useState(item.outcome ?? 'none');
  const [saved, setSaved] = useState(false);
  const outcomes = [
    { id: 'none', label: t('policy.meetings.noOutcome') },
    ...['presented', ...answerStatuses].map((s) => ({ id: s, label: t(`policy.proposalStatus.${s}`) })),
  ];
  return (
    <form
      className="policy-form"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        decide.mutate(
          {
            itemId: item.id,
            decision: decision.trim() || null,
            actorAnswer: answer.trim() || null,
            outcome: outcome === 'none' ? null : (outcome as 'presented'),
          },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <TextField label={t('policy.meetings.decision')} multiline value={decision} onChange={setDecision} />
      <TextField label={t('policy.meetings.actorAnswer')} multiline value={answer} onChange={setAnswer} />
      <Select label={t('policy.meetings.outcome')} options={outcomes} value={outcome} onChange={setOutcome} />
      <p className="muted">{t('policy.meetings.outcomeHelp')}</p>
      {saved && <Notice>{t('policy.meetings.decisionSaved')}</Notice>}
      <ErrorAlert error={decide.error} />
      <div>
        <Button type="submit" isPending={decide.isPending}>
          {t('policy.meetings.saveDecision')}
        </Button>
      </div>
    </form>
  );
}
