import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { Button, ErrorAlert, Loading, PageHeader, SearchField } from '../../components/ui.tsx';
import { NotFoundPage } from '../home/NotFoundPage.tsx';
import { type AttendanceRow, dayAndTime, useOccurrence } from './api.ts';
import './activities.css';

interface Mark {
  id: string;
  personId: string;
  present: boolean;
  markedAt: string;
}

/**
 * Ticks wait in this phone's storage until the server has them: a tick made without a connection
 * is sent when the connection comes back (or the page is opened again). Each tick has its own id,
 * so sending one twice changes nothing.
 */
const storageKey = (occurrenceId: string) => `schakel.attendance.${occurrenceId}`;
const loadQueue = (id: string): Mark[] => {
  try {
    return JSON.parse(localStorage.getItem(storageKey(id)) ?? '[]') as Mark[];
  } catch {
    return [];
  }
};
const saveQueue = (id: string, q: Mark[]) => localStorage.setItem(storageKey(id), JSON.stringify(q));

/** Names of walk-ins ticked on this phone, so they show while their tick waits for a connection. */
type Names = Record<string, { givenName: string; familyName: string }>;
const namesKey = (occurrenceId: string) => `schakel.attendance.${occurrenceId}.walk-ins`;
const loadNames = (id: string): Names => {
  try {
    return JSON.parse(localStorage.getItem(namesKey(id)) ?? '{}') as Names;
  } catch {
    return {};
  }
};

/**
 * Someone came without signing up: find them by name among the place's participants and tick them as here.
 * The tick joins the same queue as the others, so it survives a lost connection.
 */
function WalkIn({ occurrenceId, known, onPick }: { occurrenceId: string; known: Set<string>; onPick: (p: { id: string; givenName: string; familyName: string }) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['activities', 'walk-ins', occurrenceId, q],
    queryFn: () => api<{ items: { id: string; givenName: string; familyName: string }[] }>(`/occurrences/${occurrenceId}/walk-ins`, { query: { q } }),
    enabled: q.trim().length >= 2,
  });
  const items = (found.data?.items ?? []).filter((p) => !known.has(p.id));
  return (
    <section aria-labelledby="walk-in-heading" className="walk-in">
      <h2 id="walk-in-heading">{t('activities.attendance.walkInTitle')}</h2>
      <SearchField label={t('activities.attendance.walkInSearch')} description={t('activities.attendance.walkInHint')} value={q} onChange={setQ} />
      {found.error && q.trim().length >= 2 ? <p className="muted">{t('activities.attendance.walkInOffline')}</p> : null}
      {found.data && q.trim().length >= 2 && (
        <ul className="someone-list">
          {items.map((p) => (
            <li key={p.id}>
              <span dir="auto">
                {p.givenName} {p.familyName}
              </span>
              <Button
                variant="secondary"
                onPress={() => {
                  onPick(p);
                  setQ('');
                }}
              >
                {t('activities.attendance.walkInAdd', { name: p.givenName })}
              </Button>
            </li>
          ))}
          {items.length === 0 && <li className="muted">{t('activities.organiser.noneFound')}</li>}
        </ul>
      )}
    </section>
  );
}

/** /activities/occurrences/:id/attendance: the facilitator ticks who came, on a phone at the door. */
export function AttendancePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const occ = useOccurrence(id);
  const list = useQuery({
    queryKey: ['activities', 'attendance', id],
    queryFn: () => api<{ items: AttendanceRow[] }>(`/occurrences/${id}/attendance`),
    enabled: !!id,
  });
  const [queue, setQueue] = useState<Mark[]>(() => loadQueue(id));
  const [names, setNames] = useState<Names>(() => loadNames(id));
  const [said, setSaid] = useState('');
  const [error, setError] = useState<unknown>(null);
  const sending = useRef(false);

  const flush = useCallback(async () => {
    const pending = loadQueue(id);
    if (sending.current || pending.length === 0) return;
    sending.current = true;
    try {
      const res = await api<{ items: AttendanceRow[] }>(`/occurrences/${id}/attendance`, { method: 'POST', body: { marks: pending } });
      // Only what was sent leaves the queue; ticks made meanwhile stay.
      const sent = new Set(pending.map((m) => m.id));
      const rest = loadQueue(id).filter((m) => !sent.has(m.id));
      saveQueue(id, rest);
      setQueue(rest);
      setError(null);
      qc.setQueryData(['activities', 'attendance', id], { items: res.items });
    } catch (e) {
      // Offline or a server hiccup: keep the ticks and try again later. A refusal is shown.
      if (e instanceof ApiError && e.status > 0 && e.status < 500) setError(e);
    } finally {
      sending.current = false;
    }
  }, [id, qc]);

  useEffect(() => {
    void flush();
    const again = () => void flush();
    window.addEventListener('online', again);
    const timer = setInterval(again, 15_000);
    return () => {
      window.removeEventListener('online', again);
      clearInterval(timer);
    };
  }, [flush]);

  const tick = (personId: string, present: boolean) => {
    const mark: Mark = { id: crypto.randomUUID(), personId, present, markedAt: new Date().toISOString() };
    const next = [...loadQueue(id), mark];
    saveQueue(id, next);
    setQueue(next);
    void flush();
  };

  if (occ.isPending || list.isPending) return <Loading />;
  if (occ.error instanceof ApiError && occ.error.status === 404) return <NotFoundPage />;
  if (occ.error || list.error)
    return (
      <>
        <PageHeader title={t('common.errorTitle')} />
        <ErrorAlert error={occ.error ?? list.error} />
      </>
    );

  // What the phone knows: the server's state, with ticks still waiting on top (the latest wins).
  const local = new Map<string, Mark>();
  for (const m of [...queue].sort((a, b) => a.markedAt.localeCompare(b.markedAt))) local.set(m.personId, m);
  const o = occ.data;
  const fromServer = new Set(list.data.items.map((r) => r.personId));
  // Walk-ins ticked here whose tick the server has not answered yet.
  const waitingWalkIns = Object.entries(names)
    .filter(([pid]) => !fromServer.has(pid) && local.has(pid))
    .map(([pid, n]) => ({ personId: pid, ...n, registrationId: '', status: 'registered' as const, present: null, markedAt: null, walkIn: true }));
  const rows = [...list.data.items, ...waitingWalkIns].map((r) => ({
    ...r,
    here: local.has(r.personId) ? (local.get(r.personId) as Mark).present : r.present,
  }));
  const pickWalkIn = (p: { id: string; givenName: string; familyName: string }) => {
    const next = { ...names, [p.id]: { givenName: p.givenName, familyName: p.familyName } };
    localStorage.setItem(namesKey(id), JSON.stringify(next));
    setNames(next);
    tick(p.id, true);
    setSaid(t('activities.attendance.walkInDone', { name: `${p.givenName} ${p.familyName}` }));
  };
  const count = rows.filter((r) => r.here).length;

  return (
    <div className="activities attendance">
      <p>
        <Link to={`/activities/occurrences/${id}`}>{t('activities.attendance.back')}</Link>
      </p>
      <PageHeader title={t('activities.attendance.title', { title: `\u2068${o.title}\u2069` })} />
      <p className="lead">{dayAndTime(o, i18n.language)}</p>
      <p role="status" className={`sync-state${queue.length ? ' waiting' : ''}`}>
        {queue.length ? t('activities.attendance.waiting', { count: queue.length }) : t('activities.attendance.saved')}
      </p>
      <ErrorAlert error={error} />
      <p>{t('activities.attendance.counted', { count, total: rows.length })}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('activities.attendance.nobody')}</p>
      ) : (
        <ul className="tick-list">
          {rows.map((r) => (
            <li key={r.personId} className={r.here ? 'is-here' : r.here === false ? 'is-away' : ''}>
              <span className="tick-name" dir="auto">
                {r.givenName} {r.familyName}
                {r.status === 'waitlisted' && <span className="muted small"> · {t('activities.registrationStatus.waitlisted')}</span>}
                {'walkIn' in r && <span className="muted small"> · {t('activities.attendance.walkIn')}</span>}
              </span>
              <span className="tick-buttons">
                <Button
                  variant={r.here ? 'primary' : 'secondary'}
                  aria-pressed={r.here === true}
                  onPress={() => tick(r.personId, true)}
                  aria-label={t('activities.attendance.hereFor', { name: r.givenName })}
                >
                  {t('activities.attendance.here')}
                </Button>
                <Button
                  variant={r.here === false ? 'danger' : 'secondary'}
                  aria-pressed={r.here === false}
                  onPress={() => tick(r.personId, false)}
                  aria-label={t('activities.attendance.awayFor', { name: r.givenName })}
                >
                  {t('activities.attendance.away')}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="visually-hidden">
        {said}
      </p>
      <WalkIn occurrenceId={id} known={new Set(rows.map((r) => r.personId))} onPick={pickWalkIn} />
      {queue.length > 0 && (
        <Button variant="secondary" onPress={() => void flush()}>
          {t('activities.attendance.retry')}
        </Button>
      )}
    </div>
  );
}
