import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { attendanceRow, occurrenceDetail, occurrenceSummary, publicEvent, registration } from '../../../shared/activities.ts';
import { ApiError, api } from '../../api/client.ts';
import type { FieldProblems } from '../../components/forms.ts';

export type OccurrenceSummary = z.infer<typeof occurrenceSummary>;
export type OccurrenceDetail = z.infer<typeof occurrenceDetail>;
export type Registration = z.infer<typeof registration>;
export type AttendanceRow = z.infer<typeof attendanceRow>;
export type PublicEvent = z.infer<typeof publicEvent>;

export const TIME_ZONE = 'Europe/Brussels';

/** The Brussels calendar date (YYYY-MM-DD) of an instant. */
export function brusselsDate(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The Monday of the week of `date`. */
export function mondayOf(date: string) {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return addDays(date, 1 - day);
}
export function formatDay(date: string, language: string, style: 'full' | 'short' = 'full') {
  const d = new Date(`${date}T12:00:00Z`);
  return style === 'full'
    ? new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(d)
    : new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}
export function formatTime(iso: string, language: string) {
  return new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso));
}
/** "13:30–15:30" in the UI language (Arabic puts its own marks and order). */
export const timeRange = (o: { startsAt: string; endsAt: string }, language: string) =>
  new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: TIME_ZONE }).formatRange(new Date(o.startsAt), new Date(o.endsAt));
/** "dinsdag 24 november 2026 13:30–15:30": the day and the hours in one phrase of the UI language. */
export const dayAndTime = (o: { startsAt: string; endsAt: string }, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE }).formatRange(new Date(o.startsAt), new Date(o.endsAt));

export function useActivityPlaces() {
  return useQuery({
    queryKey: ['activities', 'places'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/activities/places'),
    staleTime: 5 * 60_000,
  });
}

export function useCalendar(placeId: string | null, from: string, to: string) {
  return useQuery({
    queryKey: ['activities', 'calendar', placeId, from, to],
    queryFn: () => api<{ items: OccurrenceSummary[] }>('/activities/calendar', { query: { placeId: placeId ?? '', from, to } }),
    enabled: !!placeId,
  });
}

export const occurrenceKey = (id: string) => ['activities', 'occurrence', id] as const;

export function useOccurrence(id: string | undefined) {
  return useQuery({ queryKey: occurrenceKey(id ?? ''), queryFn: () => api<OccurrenceDetail>(`/occurrences/${id}`), enabled: !!id });
}

export function useRegistrations(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['activities', 'registrations', id],
    queryFn: () => api<{ items: Registration[] }>(`/occurrences/${id}/registrations`),
    enabled,
  });
}

/** After a change to an occurrence: its page, lists and calendars read again. */
export function useActivityMutation<T, V>(fn: (v: V) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ['activities'] }) });
}

/** Field problems of a programme from the API (`body.programme.1.start` → `programme.1.start`), with its code when it gave one. */
export function programmeServerProblems(error: unknown): FieldProblems {
  if (!(error instanceof ApiError)) return {};
  const out: FieldProblems = {};
  for (const f of error.fields) {
    const m = /^body\.(programme\.\d+\.\w+)/.exec(f.field);
    if (!m || m[1] in out) continue;
    out[m[1]] = ['programme_outside_activity', 'end_before_start'].includes(f.message) ? { kind: 'code', code: f.message } : { kind: 'invalid' };
  }
  return out;
}
