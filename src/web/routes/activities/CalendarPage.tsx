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

/** /activities: a place's week, as a list (phones) or a week grid, from the one calendar endpoint. */
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
  const [view, setView] = useState<'list' | 'week'>(() => (params.get('view') === 'week' ? 'week' : 'list'));
  const calendar = useCalendar(placeId, monday, addDays(monday, 7));
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const byDay = (day: string) => (calendar.data?.items ?? []).filter((o) => brusselsDate(o.startsAt) === day);
  const today = brusselsDate(new Date());
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
        <fieldset className="view-switch">
          <legend className="visually-hidden">{t('activities.calendar.view')}</legend>
          {(['list', 'week'] as const).map((v) => (
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
        {t('activities.calendar.weekOf', { from: formatDay(monday, i18n.language, 'short'), to: formatDay(addDays(monday, 6), i18n.language, 'short') })}
        {placeName && <span className="muted"> · {placeName}</span>}
      </h2>
      {calendar.isPending && placeId && <Loading />}
      {calendar.error && <ErrorAlert error={calendar.error} />}
      {calendar.data &&
        (view === 'list' ? (
          calendar.data.items.length === 0 ? (
            <p className="muted">{t('activities.calendar.empty')}</p>
          ) : (
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
          )
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
