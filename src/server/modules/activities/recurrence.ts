/**
 * Schedules of activities: one-off or weekly (every n weeks on given weekdays), with local start
 * and end times in Europe/Brussels, expanded to UTC instants. Pure: no database, no clock.
 *
 * Europe/Brussels follows the EU rule (since 1996): summer time (UTC+2) from the last Sunday of
 * March 01:00 UTC to the last Sunday of October 01:00 UTC, else UTC+1. A weekly session at 13:30
 * stays at 13:30 local time across both changes. A local time that does not exist (02:30 on the
 * last Sunday of March) moves forward by the hour that was skipped; one that occurs twice (02:30
 * on the last Sunday of October) is the first of the two (summer time).
 *
 * A recurrence must end: by `until` (a date) or by `count`. One without an end is refused with
 * `recurrence_without_end`; the horizon is capped at MAX_HORIZON_DAYS after the first date and at
 * MAX_OCCURRENCES occurrences (`recurrence_too_long`), so that all occurrences can be materialised.
 */

export const TIME_ZONE = 'Europe/Brussels';
export const MAX_HORIZON_DAYS = 731;
export const MAX_OCCURRENCES = 400;

export interface Recurrence {
  /** every `interval` weeks (1 = weekly) */
  interval: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday; empty = the weekday of the start date */
  weekdays: number[];
  until?: string | null;
  count?: number | null;
  /** dates (YYYY-MM-DD) left out of the series */
  exceptions?: string[];
}

export interface Schedule {
  /** the first (or only) date, YYYY-MM-DD, local */
  startDate: string;
  /** HH:MM, local */
  startTime: string;
  endTime: string;
  recurrence?: Recurrence | null;
}

/** A change to one occurrence, keyed by the date the series gave it. */
export interface OccurrenceChange {
  seriesDate: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  cancelled?: boolean;
}

export interface Occurrence {
  /** the date the series gives this occurrence: its stable key, even when moved */
  seriesDate: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  changed: boolean;
}

export class ScheduleError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const DAY = 86_400_000;
const dateRe = /^(\d{4})-(\d{2})-(\d{2})$/;
const timeRe = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseDate(d: string): number {
  const m = dateRe.exec(d);
  if (!m) throw new ScheduleError('invalid_date', `Not a date: ${d}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDate(t) !== d) throw new ScheduleError('invalid_date', `Not a date: ${d}`);
  return t;
}
const formatDate = (t: number) => new Date(t).toISOString().slice(0, 10);
function parseTime(s: string): number {
  const m = timeRe.exec(s);
  if (!m) throw new ScheduleError('invalid_time', `Not a time (HH:MM): ${s}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}
/** ISO weekday of a UTC-midnight date: 1 Monday … 7 Sunday. */
const isoWeekday = (t: number) => ((new Date(t).getUTCDay() + 6) % 7) + 1;

/** The last Sunday of a month at 01:00 UTC. */
function lastSundayAt1Utc(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  const back = new Date(last).getUTCDay();
  return last - back * DAY + 3_600_000;
}

/** Whether Brussels is on summer time (UTC+2) at this instant. */
export function isSummerTime(instant: Date | number): boolean {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const year = new Date(t).getUTCFullYear();
  return t >= lastSundayAt1Utc(year, 2) && t < lastSundayAt1Utc(year, 9);
}

/** Brussels' offset from UTC in minutes at this instant (60 or 120). */
export const offsetMinutes = (instant: Date | number) => (isSummerTime(instant) ? 120 : 60);

/** The UTC instant of a local date and time in Brussels. */
export function localToUtc(date: string, time: string): Date {
  const naive = parseDate(date) + parseTime(time);
  const summer = naive - 2 * 3_600_000;
  if (isSummerTime(summer)) return new Date(summer);
  const winter = naive - 3_600_000;
  if (!isSummerTime(winter)) return new Date(winter);
  // In the skipped hour: the wall clock jumped from 02:00 to 03:00, so 02:30 means 03:30.
  return new Date(winter);
}

/** The local date (YYYY-MM-DD) and time (HH:MM) in Brussels of an instant. */
export function utcToLocal(instant: Date): { date: string; time: string } {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant) * 60_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** Checks a schedule and returns the dates of the series (before changes), in order. */
export function seriesDates(schedule: Schedule): string[] {
  const start = parseDate(schedule.startDate);
  const startTime = parseTime(schedule.startTime);
  const endTime = parseTime(schedule.endTime);
  if (endTime <= startTime) throw new ScheduleError('end_before_start', 'The end time must be after the start time.');
  const r = schedule.recurrence;
  if (!r) return [schedule.startDate];
  if (!Number.isInteger(r.interval) || r.interval < 1 || r.interval > 52) throw new ScheduleError('invalid_interval', 'Repeat every 1 to 52 weeks.');
  if (r.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw new ScheduleError('invalid_weekday', 'Weekdays are 1 (Monday) to 7 (Sunday).');
  if (!r.until && !r.count) throw new ScheduleError('recurrence_without_end', 'A repeating activity needs an end date or a number of times.');
  if (r.count != null && (!Number.isInteger(r.count) || r.count < 1)) throw new ScheduleError('invalid_count', 'The number of times must be at least 1.');
  if (r.count != null && r.count > MAX_OCCURRENCES) throw new ScheduleError('recurrence_too_long', `At most ${MAX_OCCURRENCES} occurrences.`);
  const horizon = start + MAX_HORIZON_DAYS * DAY;
  let until = horizon;
  if (r.until) {
    until = parseDate(r.until);
    if (until < start) throw new ScheduleError('until_before_start', 'The end date is before the first date.');
    if (until > horizon) throw new ScheduleError('recurrence_too_long', `A series may last at most ${MAX_HORIZON_DAYS} days; make a new one after that.`);
  }
  const weekdays = new Set(r.weekdays.length ? r.weekdays : [isoWeekday(start)]);
  const exceptions = new Set(r.exceptions ?? []);
  // Weeks count from the Monday of the start date's week.
  const weekStart = start - (isoWeekday(start) - 1) * DAY;
  const out: string[] = [];
  let generated = 0;
  for (let t = start; t <= until; t += DAY) {
    const week = Math.floor((t - weekStart) / (7 * DAY));
    if (week % r.interval !== 0 || !weekdays.has(isoWeekday(t))) continue;
    generated++;
    const d = formatDate(t);
    if (!exceptions.has(d)) out.push(d);
    if (r.count != null && generated >= r.count) break;
  }
  if (r.until && out.length > MAX_OCCURRENCES) throw new ScheduleError('recurrence_too_long', `At most ${MAX_OCCURRENCES} occurrences.`);
  return out;
}

/** Expands a schedule with its per-occurrence changes to UTC instants, in order of start. */
export function expand(schedule: Schedule, changes: OccurrenceChange[] = []): Occurrence[] {
  const byDate = new Map(changes.map((c) => [c.seriesDate, c]));
  return seriesDates(schedule)
    .map((seriesDate) => {
      const c = byDate.get(seriesDate);
      const date = c?.date ?? seriesDate;
      const startTime = c?.startTime ?? schedule.startTime;
      const endTime = c?.endTime ?? schedule.endTime;
      const startsAt = localToUtc(date, startTime);
      const endsAt = localToUtc(date, endTime);
      if (endsAt <= startsAt) throw new ScheduleError('end_before_start', `The end time must be after the start time (${seriesDate}).`);
      return { seriesDate, startsAt, endsAt, cancelled: c?.cancelled ?? false, changed: !!c };
    })
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
