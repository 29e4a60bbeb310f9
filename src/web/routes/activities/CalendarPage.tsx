import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useCan, useMe } from '../../api/session.ts';
import { Button, ErrorAlert, Loading, PageHeader, Select, TextField } from '../../components/ui.tsx';
import { addDays, brusselsDate, formatDay, mondayOf, type OccurrenceSummary, timeRange, useActivityPlaces, useCalendar } from './api.ts';
import './activities.css';

/** A type's name in the UI language when it is one of the defaults; an organisation's own type keeps its name. */
export function useTypeName() {
  const { t } = useTranslation();
  return (o: { typeKey: string | null; typeName: string }) => (o.typeKey ? t(`activities.types.${o.typeKey}`, { defaultValue: o.typeName }) : o.typeName);
}

function Places({ o }: { o: OccurrenceSummary }) {
  const { t } = useTranslation();
  if (o.status === 'cancelled') return <span className="badge badge-cancelled">{t('activities.status.cancelled')}</span>;
  if (o.capacity == null) return null;
  const free = Math.max(0, o.capacity - o.registered);
  return <span className={`badge${free === 0 ? ' badge-full' : ''}`}>{free === 0 ? t('activities.full') : t('activities.placesLeft', { count: free })}</span>;
}

function Item({ o }: { o: OccurrenceSummary }) {
  const { i18n } = useTranslation();
  const typeName = useTypeName();
  return (
    <Link to={`/activities/occurrences/${o.id}`} className={`occ${o.status === 'cancelled' ? ' occ-cancelled' : ''}`}>
      <span className="occ-time">
        <bdi>{timeRange(o, i18n.language)}</bdi>
      </span>
      <span className="occ-title">{o.title}</span>
      <span className="occ-meta">
        <span className="muted">{typeName(o)}</span> <Places o={o} />
      </span>
    </Link>
  );
}

/** Addresses for a calendar app (Google, Outlook, a phone): the place's calendar and your own. */
function FeedLinks({ placeId, placeName }: { placeId: string | null; placeName?: string }) {
  const { t } = useTranslation();
  const place = useMutation({ mutationFn: () => api<{ url: string }>('/activities/feeds', { method: 'POST', body: { placeId } }) });
  const own = useMutation({ mutationFn: () => api<{ url: string }>('/activities/feeds', { method: 'POST', body: {} }) });
  return (
    <section aria-labelledby="feeds-heading" className="feeds">
      <h2 id="feeds-heading">{t('activities.feeds.title')}</h2>
      <p className="muted">{t('activities.feeds.intro')}</p>
      <div className="page-actions">
        {placeId && (
          <Button variant="secondary" onPress={() => place.mutate()} isPending={place.isPending}>
            {t('activities.feeds.place', { place: placeName ?? '' })}
          </Button>
        )}
        <Button variant="secondary" onPress={() => own.mutate()} isPending={own.isPending}>
          {t('activities.feeds.own')}
        </Button>
      </div>
      {place.data && <TextField label={t('activities.feeds.placeUrl', { place: placeName ?? '' })} value={place.data.url} isReadOnly inputDir="ltr" />}
      {own.data && <TextField label={t('activities.feeds.ownUrl')} value={own.data.url} isReadOnly inputDir="ltr" />}
      <ErrorAlert error={place.error ?? own.error} />
    </section>
  );
}

/** The first day (YYYY-MM-DD) of the month `n` months after the month of `first`. */
const addMonths = (first: string, n: number) => {
  const d = new Date(`${first.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};
const MONTH_CELL_ITEMS = 4;

/** Days with their activities, one section per day that has any (the list view, and the month on a phone). */
function DayList({ days, byDay, today }: { days: string[]; byDay: (d: string) => OccurrenceSummary[]; today: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="day-list">
      {days
        .filter((d) => byDay(d).length > 0)
        .map((d) => (
          <section key={d} aria-labelledby={`day-${d}`} className="day">
            <h3 id={`day-${d}`}>
              {formatDay(d, i18n.language)}
              {d === today && <span className="badge">{t('activities.calendar.today')}</span>}
            </h3>
            <ul className="occ-list">
              {byDay(d).map((o) => (
                <li key={o.id}>
                  <Item o={o} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}

/** A month as a grid of weeks (Monday first); each day links to its activities, a full day to its week. */
function MonthGrid({ first, byDay, today }: { first: string; byDay: (d: string) => OccurrenceSummary[]; today: string }) {
  const { t, i18n } = useTranslation();
  const month = first.slice(0, 7);
  const start = mondayOf(first);
  const end = mondayOf(addDays(addMonths(first, 1), 6));
  const cells = Array.from({ length: (Date.parse(end) - Date.parse(start)) / 86_400_000 }, (_, i) => addDays(start, i));
  const weekday = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone: 'Europe/Brussels' });
  const dayNumber = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', timeZone: 'UTC' });
  return (
    <div className="month-grid">
      {cells.slice(0, 7).map((d) => (
        <div key={`h-${d}`} className="month-weekday" aria-hidden="true">
          {weekday.format(new Date(`${d}T12:00:00Z`))}
        </div>
      ))}
      {cells.map((d) => {
        if (d.slice(0, 7) !== month) return <div key={d} className="month-day is-outside" aria-hidden="true" />;
        const items = byDay(d);
        return (
          <section key={d} aria-labelledby={`m-${d}`} className={`month-day${d === today ? ' is-today' : ''}`}>
            <h3 id={`m-${d}`}>
              <span aria-hidden="true">{dayNumber.format(new Date(`${d}T12:00:00Z`))}</span>
              <span className="visually-hidden">{formatDay(d, i18n.language)}</span>
              {d === today && <span className="badge">{t('activities.calendar.today')}</span>}
            </h3>
            {items.length > 0 && (
              <ul className="month-items">
                {items.slice(0, MONTH_CELL_ITEMS).map((o) => (
                  <li key={o.id}>
                    <Link to={`/activities/occurrences/${o.id}`} className={o.status === 'cancelled' ? 'occ-cancelled' : undefined}>
                      <bdi className="month-time">{time.format(new Date(o.startsAt))}</bdi> <bdi>{o.title}</bdi>
                      {o.status === 'cancelled' && <span className="visually-hidden"> ({t('activities.status.cancelled')})</span>}
                    </Link>
                  </li>
                ))}
                {items.length > MONTH_CELL_ITEMS && (
                  <li>
                    <Link to={`/activities?${new URLSearchParams({ view: 'week', week: mondayOf(d) })}`} className="month-more">
                      {t('activities.calendar.more', { count: items.length - MONTH_CELL_ITEMS })}
                    </Link>
                  </li>
                )}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** /activities: a place's week (list or grid) or month (grid; a list by day on a phone), from the one calendar endpoint. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const may = useCan();
  const [params, setParams] = useSearchParams();
  const places = useActivityPlaces();
  const ownPlace = me?.roles.find((r) => r.placeId)?.placeId ?? null;
  const placeId = params.get('place') ?? (places.data?.items.find((p) => p.id === ownPlace)?.id || places.data?.items[0]?.id) ?? null;
  const week = params.get('week');
  const monday = mondayOf(week && /^\d{4}-\d{2}-\d{2}$/.test(week) && !Number.isNaN(Date.parse(week)) ? week : brusselsDate(new Date()));
  const today = brusselsDate(new Date());
  const monthParam = params.get('month');
  const firstOfMonth = monthParam && /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? `${monthParam}-01` : `${today.slice(0, 7)}-01`;
  const fromView = params.get('view');
  const [view, setView] = useState<'list' | 'week' | 'month'>(() => (fromView === 'week' || fromView === 'month' ? fromView : 'list'));
  const calendar = useCalendar(placeId, view === 'month' ? firstOfMonth : monday, view === 'month' ? addMonths(firstOfMonth, 1) : addDays(monday, 7));
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const days =
    view === 'month'
      ? Array.from({ length: (Date.parse(addMonths(firstOfMonth, 1)) - Date.parse(firstOfMonth)) / 86_400_000 }, (_, i) => addDays(firstOfMonth, i))
      : Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const grouped = new Map<string, OccurrenceSummary[]>();
  for (const o of calendar.data?.items ?? []) {
    const d = brusselsDate(o.startsAt);
    grouped.set(d, [...(grouped.get(d) ?? []), o]);
  }
  const byDay = (day: string) => grouped.get(day) ?? [];
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${firstOfMonth}T12:00:00Z`));
  const placeName = places.data?.items.find((p) => p.id === placeId)?.name;

  return (
    <div className="activities">
      <PageHeader
        title={t('activities.calendar.title')}
        actions={
          may('activities.manage') && (
            <Link to="/activities/new" className="button button-primary">
              {t('activities.new.title')}
            </Link>
          )
        }
      />
      {places.error && <ErrorAlert error={places.error} />}
      <div className="calendar-controls">
        {(places.data?.items.length ?? 0) > 1 && (
          <Select
            label={t('activities.calendar.place')}
            options={(places.data?.items ?? []).map((p) => ({ id: p.id, label: p.name }))}
            value={placeId}
            onChange={(v) => set('place', v)}
          />
        )}
        {view === 'month' ? (
          <fieldset className="week-nav">
            <legend className="visually-hidden">{t('activities.calendar.monthNav')}</legend>
            <Button variant="secondary" onPress={() => set('month', addMonths(firstOfMonth, -1).slice(0, 7))}>
              <span aria-hidden="true" className="flip">
                ←
              </span>{' '}
              {t('activities.calendar.previousMonth')}
            </Button>
            <Button variant="quiet" onPress={() => set('month', today.slice(0, 7))}>
              {t('activities.calendar.thisMonth')}
            </Button>
            <Button variant="secondary" onPress={() => set('month', addMonths(firstOfMonth, 1).slice(0, 7))}>
              {t('activities.calendar.nextMonth')}{' '}
              <span aria-hidden="true" className="flip">
                →
              </span>
            </Button>
          </fieldset>
        ) : (
          <fieldset className="week-nav">
            <legend className="visually-hidden">{t('activities.calendar.weekNav')}</legend>
            <Button variant="secondary" onPress={() => set('week', addDays(monday, -7))}>
              <span aria-hidden="true" className="flip">
                ←
              </span>{' '}
              {t('activities.calendar.previousWeek')}
            </Button>
            <Button variant="quiet" onPress={() => set('week', mondayOf(today))}>
              {t('activities.calendar.thisWeek')}
            </Button>
            <Button variant="secondary" onPress={() => set('week', addDays(monday, 7))}>
              {t('activities.calendar.nextWeek')}{' '}
              <span aria-hidden="true" className="flip">
                →
              </span>
            </Button>
          </fieldset>
        )}
        <fieldset className="view-switch">
          <legend className="visually-hidden">{t('activities.calendar.view')}</legend>
          {(['list', 'week', 'month'] as const).map((v) => (
            <Button
              key={v}
              variant={view === v ? 'primary' : 'secondary'}
              aria-pressed={view === v}
              onPress={() => {
                setView(v);
                set('view', v);
              }}
            >
              {t(`activities.calendar.${v}View`)}
            </Button>
          ))}
        </fieldset>
      </div>
      <h2 className="week-heading" aria-live="polite">
        {view === 'month'
          ? monthName
          : t('activities.calendar.weekOf', { from: formatDay(monday, i18n.language, 'short'), to: formatDay(addDays(monday, 6), i18n.language, 'short') })}
        {placeName && <span className="muted"> · {placeName}</span>}
      </h2>
      {calendar.isPending && placeId && <Loading />}
      {calendar.error && <ErrorAlert error={calendar.error} />}
      {calendar.data &&
        (view === 'list' ? (
          calendar.data.items.length === 0 ? (
            <p className="muted">{t('activities.calendar.empty')}</p>
          ) : (
            <DayList days={days} byDay={byDay} today={today} />
          )
        ) : view === 'month' ? (
          <>
            {calendar.data.items.length === 0 && <p className="muted">{t('activities.calendar.monthEmpty')}</p>}
            <div className="month-wide">
              <MonthGrid first={firstOfMonth} byDay={byDay} today={today} />
            </div>
            <div className="month-narrow">
              <DayList days={days} byDay={byDay} today={today} />
            </div>
          </>
        ) : (
          <div className="week-grid">
            {days.map((d) => (
              <section key={d} aria-labelledby={`col-${d}`} className={`week-day${d === today ? ' is-today' : ''}`}>
                <h3 id={`col-${d}`}>{formatDay(d, i18n.language, 'short')}</h3>
                {byDay(d).length === 0 ? (
                  <p className="muted small">{t('activities.calendar.nothing')}</p>
                ) : (
                  <ul className="occ-list">
                    {byDay(d).map((o) => (
                      <li key={o.id}>
                        <Item o={o} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
        ))}
      <FeedLinks placeId={placeId} placeName={placeName} />
    </div>
  );
}
