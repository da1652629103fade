import { describe, expect, it } from 'vitest';
import { localDateOf } from '../scheduling/zoned-time';
import { parseScheduleDate, relativeDayName, scheduleFetchRange, scheduleHref, scheduleWindow, SCHEDULE_DAYS } from './schedule-window';

describe('parseScheduleDate', () => {
  it('reads no date as today', () => {
    expect(parseScheduleDate(undefined)).toEqual({ ok: true, date: null });
    expect(parseScheduleDate('')).toEqual({ ok: true, date: null });
    expect(parseScheduleDate(['', '2026-01-01'])).toEqual({ ok: true, date: null });
  });

  it('reads an existing YYYY-MM-DD, past or future', () => {
    expect(parseScheduleDate('2026-11-29')).toEqual({ ok: true, date: '2026-11-29' });
    expect(parseScheduleDate(' 2031-02-28 ')).toEqual({ ok: true, date: '2031-02-28' });
    expect(parseScheduleDate('2028-02-29')).toEqual({ ok: true, date: '2028-02-29' });
  });

  it('refuses what is not a date with a message, never a throw', () => {
    for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '2026-1-5', '29/11/2026', '2026-11-29T00:00', '<script>']) {
      const result = parseScheduleDate(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/YYYY-MM-DD/);
    }
  });

  it('refuses years outside 2000–2199 saying which years work', () => {
    expect(parseScheduleDate('1999-12-31')).toEqual({ ok: false, message: 'Please choose a date from 2000 to 2199.' });
    expect(parseScheduleDate('9999-12-31')).toEqual({ ok: false, message: 'Please choose a date from 2000 to 2199.' });
  });
});

describe('scheduleWindow', () => {
  it('is today and the 7 days after it without a date, moving a week either way', () => {
    const window = scheduleWindow(null, '2026-11-30');
    expect(window.days).toHaveLength(SCHEDULE_DAYS);
    expect(window.first).toBe('2026-11-30');
    expect(window.last).toBe('2026-12-07');
    expect(window.previous).toBe('2026-11-23');
    expect(window.next).toBe('2026-12-07');
    expect(window.includesToday).toBe(true);
  });

  it('starts at the date asked for, across a month and year end', () => {
    const window = scheduleWindow('2026-12-29', '2026-11-30');
    expect(window.days).toEqual(['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-01-05']);
    expect(window.includesToday).toBe(false);
  });

  it('names yesterday, today and tomorrow', () => {
    expect(relativeDayName('2026-11-29', '2026-11-30')).toBe('Yesterday');
    expect(relativeDayName('2026-11-30', '2026-11-30')).toBe('Today');
    expect(relativeDayName('2026-12-01', '2026-11-30')).toBe('Tomorrow');
    expect(relativeDayName('2026-11-28', '2026-11-30')).toBeNull();
  });

  it('links today as the bare path', () => {
    expect(scheduleHref('/desk', '2026-11-30', '2026-11-30')).toBe('/desk');
    expect(scheduleHref('/desk', '2026-11-23', '2026-11-30')).toBe('/desk?date=2026-11-23');
  });
});

describe('scheduleFetchRange', () => {
  const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Etc/GMT+12', 'Australia/Lord_Howe', 'America/New_York', 'Asia/Kolkata', 'UTC'];
  // Fixed instants: late and early in the UTC day, around a DST change.
  const instants = [Date.UTC(2026, 10, 30, 23, 59), Date.UTC(2026, 10, 30, 0, 1), Date.UTC(2026, 2, 8, 7, 0), Date.UTC(2026, 3, 5, 15, 0)];

  it('covers every local day of the window in any zone, with or without a date', () => {
    for (const timeZone of zones) {
      for (const now of instants) {
        for (const date of [null, '2026-11-29', '2027-01-01']) {
          const range = scheduleFetchRange(date, now);
          const window = scheduleWindow(date, localDateOf(now, timeZone));
          // The first local midnight and the end of the last local day fall inside [from, to).
          const first = Date.parse(`${window.first}T00:00:00Z`) - 14 * 3_600_000;
          const end = Date.parse(`${window.last}T00:00:00Z`) + 86_400_000 + 12 * 3_600_000;
          expect(range.from.getTime(), `${timeZone} ${now} ${date}`).toBeLessThanOrEqual(first);
          expect(range.to.getTime(), `${timeZone} ${now} ${date}`).toBeGreaterThanOrEqual(end);
          // Within findSchedule's 62-day limit.
          expect(range.to.getTime() - range.from.getTime()).toBeLessThanOrEqual(62 * 86_400_000);
        }
      }
    }
  });
});
