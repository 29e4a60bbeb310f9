import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkComparison, NetworkEntry, NetworkEntryInput, Snapshot } from '../../../shared/care.ts';
import { networkKinds, networkRelations } from '../../../shared/pathways.ts';
import { Button, Loading, Select, TextField } from '../../components/ui.tsx';
import { formatDay, todayIso, useCareError, useNetwork, useNetworkComparison, useNetworkWrite, useSnapshot } from './care-api.ts';
import './care.css';
import type { PathwayTabProps } from './tabs.ts';

type Kind = (typeof networkKinds)[number];
type Relation = (typeof networkRelations)[number];
const circles = [1, 2, 3] as const;

/**
 * The personal network map: the people and organisations around the participant on three
 * circles, as a picture and as a list; earlier snapshots; and how the network changed.
 */
export function NetworkTab({ pathway }: PathwayTabProps) {
  const { t, i18n } = useTranslation();
  const pathwayId = pathway.id;
  const capacity = pathway.capacity;
  const overview = useNetwork(pathwayId);
  const careError = useCareError();
  const [chosen, setChosen] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [starting, setStarting] = useState(false);
  const data = overview.data;
  const shownId = chosen ?? data?.latest?.id ?? null;
  const other = useSnapshot(pathwayId, shownId && shownId !== data?.latest?.id ? shownId : null);
  const shown: Snapshot | null | undefined = shownId === data?.latest?.id ? data?.latest : other.data;
  const centre = capacity === 'participant' ? t('care.network.me') : pathway.participant.givenName || t('care.network.participant');

  return (
    <div className="care-section">
      <div className="care-heading">
        <p className="muted">{t('care.network.lead')}</p>
        {data?.canWrite && !editing && !starting && (
          <div className="form-actions">
            {data.latest && (
              <Button
                variant="secondary"
                onPress={() => {
                  setChosen(null);
                  setEditing(true);
                }}
              >
                {t('care.network.edit')}
              </Button>
            )}
            <Button onPress={() => setStarting(true)}>{t('care.network.newSnapshot')}</Button>
          </div>
        )}
      </div>
      {overview.isPending && <Loading />}
      {overview.error && (
        <p role="alert" className="alert alert-error">
          {careError(overview.error)}
        </p>
      )}
      {starting && (
        <NewSnapshotForm
          pathwayId={pathwayId}
          hasLatest={!!data?.latest}
          onDone={(created) => {
            setStarting(false);
            setChosen(null);
            setEditing(created);
          }}
        />
      )}
      {data && !data.snapshots.length && !starting && <p className="empty-state">{t('care.network.none')}</p>}
      {data && data.snapshots.length > 1 && !editing && (
        <div className="snapshot-picker">
          <Select
            label={t('care.network.snapshot')}
            options={data.snapshots.map((s, i) => ({
              id: s.id,
              label: `${formatDay(s.takenOn, i18n.language)}${i === 0 ? ` (${t('care.network.latest')})` : ''}`,
            }))}
            value={shownId}
            onChange={(id) => {
              setChosen(id);
              setEditing(false);
            }}
          />
        </div>
      )}
      {editing && data?.latest ? (
        <EntriesEditor pathwayId={pathwayId} snapshot={data.latest} onDone={() => setEditing(false)} />
      ) : (
        shown && (
          <>
            <h3>{t('care.network.takenOn', { date: formatDay(shown.takenOn, i18n.language, 'long') })}</h3>
            {shown.note && <p dir="auto">{shown.note}</p>}
            <NetworkMap entries={shown.entries} centre={centre} />
            <NetworkList entries={shown.entries} />
          </>
        )
      )}
      {data && data.snapshots.length > 1 && <Changes pathwayId={pathwayId} snapshots={data.snapshots} />}
    </div>
  );
}

const SIZE = 420;
const C = SIZE / 2;
/** Outer edge of each circle and where its nodes sit. */
const RING = { 1: { edge: 78, at: 52 }, 2: { edge: 140, at: 110 }, 3: { edge: 202, at: 172 } } as const;
/** A label in at most two lines of about 16 characters, broken at spaces; longer ones end in "…". */
function lines(s: string, width = 16): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/)) {
    if (!line) line = word;
    else if (`${line} ${word}`.length <= width) line = `${line} ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  const two = out.slice(0, 2).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  if (out.length > 2) two[1] = `${two[1].slice(0, width - 1)}…`;
  return two;
}
const short = (s: string) => (s.length > 12 ? `${s.slice(0, 11)}…` : s);

/** The picture: participant in the middle, inner, middle and outer circle; circles for people, squares for organisations. */
export function NetworkMap({ entries, centre }: { entries: NetworkEntry[]; centre: string }) {
  const { t, i18n } = useTranslation();
  const rtl = i18n.dir(i18n.language) === 'rtl';
  const titleId = useId();
  const people = entries.filter((e) => e.kind === 'person').length;
  const placed = circles.flatMap((ring) => {
    const onRing = entries.filter((e) => e.closeness === ring);
    return onRing.map((e, i) => {
      // evenly around the circle, each ring turned a little so labels of neighbouring rings do not stack
      const angle = -Math.PI / 2 + (i * 2 * Math.PI) / onRing.length + (ring - 1) * 0.35;
      const dx = Math.cos(angle) * RING[ring].at;
      return { e, x: C + (rtl ? -dx : dx), y: C + Math.sin(angle) * RING[ring].at };
    });
  });
  return (
    <figure className="network-figure">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-labelledby={titleId} className="network-map">
        <title id={titleId}>{t('care.network.mapTitle', { people, organisations: entries.length - people })}</title>
        {[...circles].reverse().map((ring) => (
          <circle key={ring} cx={C} cy={C} r={RING[ring].edge} className={`ring ring-${ring}`} />
        ))}
        <circle cx={C} cy={C} r="30" className="centre" />
        <text x={C} y={C + 5} textAnchor="middle" className="centre-label">
          {short(centre)}
        </text>
        {placed.map(({ e, x, y }) => (
          <g key={e.id} className={`node node-${e.kind} rel-${e.relation}`}>
            {e.kind === 'person' ? <circle cx={x} cy={y} r="9" /> : <rect x={x - 9} y={y - 9} width="18" height="18" rx="3" />}
            <text x={x} y={y + 23} textAnchor="middle" className="node-label">
              {lines(e.name).map((l, i) => (
                <tspan key={l} x={x} dy={i ? 14 : 0}>
                  {l}
                </tspan>
              ))}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className="node node-person">
            <circle cx="9" cy="9" r="7" />
          </svg>
          {t('care.network.kinds.person')}
        </span>
        <span>
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className="node node-organisation">
            <rect x="2" y="2" width="14" height="14" rx="3" />
          </svg>
          {t('care.network.kinds.organisation')}
        </span>
      </figcaption>
    </figure>
  );
}

/** The list alternative to the picture, circle by circle. */
function NetworkList({ entries }: { entries: NetworkEntry[] }) {
  const { t } = useTranslation();
  return (
    <div className="network-list">
      {circles.map((ring) => {
        const on = entries.filter((e) => e.closeness === ring);
        return (
          <section key={ring} aria-labelledby={`ring-${ring}`}>
            <h4 id={`ring-${ring}`}>
              {t(`care.network.circles.${ring}`)} ({on.length})
            </h4>
            {on.length ? (
              <ul>
                {on.map((e) => (
                  <li key={e.id}>
                    <strong dir="auto">{e.name}</strong> · {t(`care.network.kinds.${e.kind}`)}
                    {e.relation !== e.kind && <>, {t(`care.network.relations.${e.relation}`)}</>}
                    {e.support && (
                      <span className="muted" dir="auto">
                        {' '}
                        · {e.support}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('care.network.emptyCircle')}</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** "How it changed": pick two snapshots; added, removed, closer, further. */
function Changes({ pathwayId, snapshots }: { pathwayId: string; snapshots: { id: string; takenOn: string }[] }) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(snapshots[snapshots.length - 1].id);
  const [to, setTo] = useState(snapshots[0].id);
  const cmp = useNetworkComparison(pathwayId, from, to);
  const options = snapshots.map((s) => ({ id: s.id, label: formatDay(s.takenOn, i18n.language) }));
  return (
    <section aria-labelledby="changes-title" className="card network-changes">
      <h3 id="changes-title">{t('care.network.changes')}</h3>
      <div className="care-row">
        <Select label={t('care.network.from')} options={options} value={from} onChange={setFrom} />
        <Select label={t('care.network.to')} options={options} value={to} onChange={setTo} />
      </div>
      {from === to && <p className="muted">{t('care.network.sameSnapshot')}</p>}
      {cmp.data && <ChangeLists c={cmp.data} />}
    </section>
  );
}

function ChangeLists({ c }: { c: NetworkComparison }) {
  const { t } = useTranslation();
  const circle = (n: number) => t(`care.network.circles.${n}`);
  const groups = [
    { key: 'added', items: c.added.map((e) => `${e.name} (${circle(e.closeness)})`) },
    { key: 'removed', items: c.removed.map((e) => e.name) },
    { key: 'closer', items: c.closer.map((m) => `${m.entry.name}: ${circle(m.from)} → ${circle(m.to)}`) },
    { key: 'further', items: c.further.map((m) => `${m.entry.name}: ${circle(m.from)} → ${circle(m.to)}`) },
  ];
  if (groups.every((g) => !g.items.length)) return <p>{t('care.network.noChange')}</p>;
  return (
    <div className="change-lists">
      {groups
        .filter((g) => g.items.length)
        .map((g) => (
          <div key={g.key} className={`change-${g.key}`}>
            <h4>{t(`care.network.change.${g.key}`, { n: g.items.length })}</h4>
            <ul>
              {g.items.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}

function NewSnapshotForm({ pathwayId, hasLatest, onDone }: { pathwayId: string; hasLatest: boolean; onDone: (created: boolean) => void }) {
  const { t } = useTranslation();
  const { create } = useNetworkWrite(pathwayId);
  const careError = useCareError();
  const [takenOn, setTakenOn] = useState(todayIso());
  const [note, setNote] = useState('');
  return (
    <form
      className="card care-form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ takenOn, note: note.trim() || null }, { onSuccess: () => onDone(true) });
      }}
    >
      <h3>{t('care.network.newSnapshot')}</h3>
      <p className="muted">{t(hasLatest ? 'care.network.copyHint' : 'care.network.firstHint')}</p>
      <TextField label={t('care.network.date')} type="date" value={takenOn} onChange={setTakenOn} isRequired />
      <TextField label={t('care.network.note')} value={note} onChange={setNote} />
      {create.error && (
        <p role="alert" className="alert alert-error">
          {careError(create.error)}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" isPending={create.isPending}>
          {t('care.network.start')}
        </Button>
        <Button variant="secondary" onPress={() => onDone(false)}>
          {t('care.cancel')}
        </Button>
      </div>
    </form>
  );
}

type Row = NetworkEntryInput & { rowKey: string };
let rowCounter = 0;
const newRow = (e?: Partial<NetworkEntryInput>): Row => ({
  rowKey: `r${++rowCounter}`,
  kind: e?.kind ?? 'person',
  name: e?.name ?? '',
  relation: e?.relation ?? 'family',
  closeness: e?.closeness ?? 2,
  partnerId: e?.partnerId ?? null,
  support: e?.support ?? '',
});

/** Edits the latest snapshot's people and organisations, one small card each (works on a phone). */
function EntriesEditor({ pathwayId, snapshot, onDone }: { pathwayId: string; snapshot: Snapshot; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { update } = useNetworkWrite(pathwayId);
  const careError = useCareError();
  const [rows, setRows] = useState<Row[]>(() => snapshot.entries.map((e) => newRow(e)));
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: string, change: Partial<NetworkEntryInput>) => setRows((rs) => rs.map((r) => (r.rowKey === key ? { ...r, ...change } : r)));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const filled = rows.filter((r) => r.name.trim());
    if (filled.length !== rows.length) return setProblem(t('care.network.nameRequired'));
    setProblem(null);
    update.mutate(
      { id: snapshot.id, entries: filled.map(({ rowKey: _, ...r }) => ({ ...r, name: r.name.trim(), support: r.support?.trim() || null })) },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="care-form" onSubmit={submit} aria-labelledby="entries-title">
      <h3 id="entries-title">{t('care.network.editTitle', { date: formatDay(snapshot.takenOn, i18n.language) })}</h3>
      <ol className="entry-editor">
        {rows.map((r, i) => (
          <li key={r.rowKey} className="card entry-row">
            <fieldset>
              <legend className="visually-hidden">{t('care.network.entryN', { n: i + 1 })}</legend>
              <TextField label={t('care.network.name')} value={r.name} onChange={(v) => set(r.rowKey, { name: v })} isRequired />
              <div className="care-row">
                <Select
                  label={t('care.network.kind')}
                  options={networkKinds.map((k) => ({ id: k, label: t(`care.network.kinds.${k}`) }))}
                  value={r.kind}
                  onChange={(v) => set(r.rowKey, { kind: v as Kind, relation: v === 'organisation' ? 'organisation' : r.relation })}
                />
                <Select
                  label={t('care.network.relation')}
                  options={networkRelations.map((k) => ({ id: k, label: t(`care.network.relations.${k}`) }))}
                  value={r.relation}
                  onChange={(v) => set(r.rowKey, { relation: v as Relation })}
                />
                <Select
                  label={t('care.network.closeness')}
                  options={circles.map((c) => ({ id: String(c), label: t(`care.network.circles.${c}`) }))}
                  value={String(r.closeness)}
                  onChange={(v) => set(r.rowKey, { closeness: Number(v) })}
                />
              </div>
              <TextField label={t('care.network.support')} value={r.support ?? ''} onChange={(v) => set(r.rowKey, { support: v })} />
              <Button variant="quiet" onPress={() => setRows((rs) => rs.filter((x) => x.rowKey !== r.rowKey))}>
                {t('care.network.remove', { name: r.name || t('care.network.entryN', { n: i + 1 }) })}
              </Button>
            </fieldset>
          </li>
        ))}
      </ol>
      <Button variant="secondary" onPress={() => setRows((rs) => [...rs, newRow()])}>
        {t('care.network.add')}
      </Button>
      {(problem || update.error) && (
        <p role="alert" className="alert alert-error">
          {problem ?? careError(update.error)}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" isPending={update.isPending}>
          {t('care.save')}
        </Button>
        <Button variant="secondary" onPress={onDone}>
          {t('care.cancel')}
        </Button>
      </div>
    </form>
  );
}
