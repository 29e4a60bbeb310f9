import { describe, expect, it } from 'vitest';
import { expand, localToUtc, MAX_HORIZON_DAYS, type ScheduleError, seriesDates, utcToLocal } from './recurrence.ts';

const iso = (d: Date) => d.toISOString();
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as ScheduleError).code;
  }
  return 'no error';
};

describe('recurrence', () => {
  it('keeps a weekly Tuesday 13:30-15:30 at 13:30 local time across the change to summer time', () => {
    const occ = expand({ startDate: '2026-03-17', startTime: '13:30', endTime: '15:30', recurrence: { interval: 1, weekdays: [2], count: 3 } });
    expect(occ.map((o) => iso(o.startsAt))).toEqual(['2026-03-17T12:30:00.000Z', '2026-03-24T12:30:00.000Z', '2026-03-31T11:30:00.000Z']);
    expect(occ.map((o) => iso(o.endsAt))).toEqual(['2026-03-17T14:30:00.000Z', '2026-03-24T14:30:00.000Z', '2026-03-31T13:30:00.000Z']);
    expect(occ.every((o) => utcToLocal(o.startsAt).time === '13:30')).toBe(true);
  });

  it('handles the last Sunday of March and of October themselves', () => {
    const march = expand({ startDate: '2026-03-22', startTime: '10:00', endTime: '12:00', recurrence: { interval: 1, weekdays: [7], count: 2 } });
    expect(march.map((o) => iso(o.startsAt))).toEqual(['2026-03-22T09:00:00.000Z', '2026-03-29T08:00:00.000Z']);
    const october = expand({ startDate: '2026-10-18', startTime: '10:00', endTime: '12:00', recurrence: { interval: 1, weekdays: [7], count: 2 } });
    expect(october.map((o) => iso(o.startsAt))).toEqual(['2026-10-18T08:00:00.000Z', '2026-10-25T09:00:00.000Z']);
    // 02:30 on 29 March 2026 does not exist: it is 03:30 summer time. On 25 October it happens twice: the first.
    expect(iso(localToUtc('2026-03-29', '02:30'))).toBe('2026-03-29T01:30:00.000Z');
    expect(utcToLocal(localToUtc('2026-03-29', '02:30')).time).toBe('03:30');
    expect(iso(localToUtc('2026-10-25', '02:30'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(localToUtc('2026-10-25', '03:30'))).toBe('2026-10-25T02:30:00.000Z');
    // A session that runs over the change lasts one hour more (or less) in real time.
    const [night] = expand({ startDate: '2026-10-25', startTime: '01:00', endTime: '04:00' });
    expect(night.endsAt.getTime() - night.startsAt.getTime()).toBe(4 * 3_600_000);
  });

  it('repeats every n weeks on several weekdays, until a date, leaving out exceptions', () => {
    const dates = seriesDates({
      startDate: '2026-09-01',
      startTime: '09:00',
      endTime: '11:00',
      recurrence: { interval: 2, weekdays: [2, 4], until: '2026-09-30', exceptions: ['2026-09-15'] },
    });
    expect(dates).toEqual(['2026-09-01', '2026-09-03', '2026-09-17', '2026-09-29']);
  });

  it('counts exceptions towards the number of times (they are left-out dates of the series)', () => {
    const dates = seriesDates({
      startDate: '2026-01-06',
      startTime: '13:30',
      endTime: '15:30',
      recurrence: { interval: 1, weekdays: [], count: 3, exceptions: ['2026-01-13'] },
    });
    expect(dates).toEqual(['2026-01-06', '2026-01-20']);
  });

  it('applies changes to one occurrence: another time, another day, or cancelled', () => {
    const occ = expand({ startDate: '2026-05-05', startTime: '13:30', endTime: '15:30', recurrence: { interval: 1, weekdays: [2], count: 3 } }, [
      { seriesDate: '2026-05-12', startTime: '14:00', endTime: '16:00' },
      { seriesDate: '2026-05-19', date: '2026-05-21', cancelled: true },
    ]);
    expect(occ.map((o) => [o.seriesDate, utcToLocal(o.startsAt).date, utcToLocal(o.startsAt).time, o.cancelled, o.changed])).toEqual([
      ['2026-05-05', '2026-05-05', '13:30', false, false],
      ['2026-05-12', '2026-05-12', '14:00', false, true],
      ['2026-05-19', '2026-05-21', '13:30', true, true],
    ]);
  });

  it('a one-off activity is one occurrence', () => {
    expect(expand({ startDate: '2026-05-04', startTime: '13:30', endTime: '17:00' }).map((o) => iso(o.startsAt))).toEqual(['2026-05-04T11:30:00.000Z']);
  });

  it('refuses bad schedules with a clear code', () => {
    const base = { startDate: '2026-03-03', startTime: '13:30', endTime: '15:30' };
    expect(codeOf(() => seriesDates({ ...base, endTime: '13:00' }))).toBe('end_before_start');
    expect(codeOf(() => seriesDates({ ...base, endTime: '13:30' }))).toBe('end_before_start');
    expect(codeOf(() => seriesDates({ ...base, recurrence: { interval: 1, weekdays: [2] } }))).toBe('recurrence_without_end');
    expect(codeOf(() => seriesDates({ ...base, recurrence: { interval: 1, weekdays: [2], until: '2030-01-01' } }))).toBe('recurrence_too_long');
    expect(codeOf(() => seriesDates({ ...base, recurrence: { interval: 1, weekdays: [2], count: 10_000 } }))).toBe('recurrence_too_long');
    expect(codeOf(() => seriesDates({ ...base, recurrence: { interval: 1, weekdays: [2], until: '2026-01-01' } }))).toBe('until_before_start');
    expect(codeOf(() => seriesDates({ ...base, recurrence: { interval: 0, weekdays: [2], count: 2 } }))).toBe('invalid_interval');
    expect(codeOf(() => seriesDates({ ...base, recurrence: { interval: 1, weekdays: [8], count: 2 } }))).toBe('invalid_weekday');
    expect(codeOf(() => seriesDates({ ...base, startDate: '2026-02-30' }))).toBe('invalid_date');
    expect(codeOf(() => seriesDates({ ...base, startTime: '25:00' }))).toBe('invalid_time');
    expect(codeOf(() => expand(base, [{ seriesDate: '2026-03-03', endTime: '12:00' }]))).toBe('end_before_start');
  });

  it('allows a series up to the horizon', () => {
    const dates = seriesDates({
      startDate: '2026-01-06',
      startTime: '13:30',
      endTime: '15:30',
      recurrence: { interval: 1, weekdays: [2], until: '2027-12-31' },
    });
    expect(dates.length).toBe(104);
    expect(MAX_HORIZON_DAYS).toBeGreaterThanOrEqual(730);
  });
});
