import { describe, expect, it } from 'vitest';
import { formatDateRange, formatLocalDate, formatMoment, formatLongDate, formatShortDate, formatTime, formatTimeRange, formatTimeWithZoneName } from './format';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
// Wednesday 2 December 2026, 14:00 in New York (EST, UTC−5) = 20:00 in Berlin.
const WED_2PM_NY = Date.parse('2026-12-02T19:00:00Z');

describe('times and dates in the viewer locale', () => {
  it('en-US: 12-hour clock, month before day', () => {
    expect(formatTime(WED_2PM_NY, NY, 'en-US')).toBe('2:00 PM');
    expect(formatTimeWithZoneName(WED_2PM_NY, NY, 'en-US')).toBe('2:00 PM EST');
    expect(formatLongDate(WED_2PM_NY, NY, 'en-US')).toBe('Wednesday, December 2, 2026');
    expect(formatShortDate(WED_2PM_NY, NY, 'en-US')).toBe('Wed, Dec 2');
  });

  it('en-GB: 24-hour clock, day before month', () => {
    expect(formatTime(WED_2PM_NY, NY, 'en-GB')).toBe('14:00');
    expect(formatTime(WED_2PM_NY, BERLIN, 'en-GB')).toBe('20:00');
    expect(formatTime(Date.parse('2026-12-02T08:05:00Z'), BERLIN, 'en-GB')).toBe('09:05');
    expect(formatLongDate(WED_2PM_NY, NY, 'en-GB')).toBe('Wednesday, 2 December 2026');
    expect(formatShortDate(WED_2PM_NY, NY, 'en-GB')).toBe('Wed 2 Dec');
    expect(formatLocalDate('2026-12-01', { weekday: 'long', month: 'long', day: 'numeric' }, 'en-GB')).toBe('Tuesday 1 December');
  });

  it('de-DE: a 24-hour clock and English words (the page is English)', () => {
    expect(formatTime(WED_2PM_NY, NY, 'de-DE')).toBe('14:00');
    expect(formatLongDate(WED_2PM_NY, NY, 'de-DE')).toBe('Wednesday, 2 December 2026');
  });

  it('fr-FR and ja-JP: 24-hour; en-AU: 12-hour', () => {
    expect(formatTime(WED_2PM_NY, NY, 'fr-FR')).toBe('14:00');
    expect(formatTime(WED_2PM_NY, NY, 'ja-JP')).toBe('14:00');
    expect(formatTime(WED_2PM_NY, NY, 'en-AU')).toBe('2:00 pm');
  });

  it('an unusable locale falls back to en-US', () => {
    expect(formatTime(WED_2PM_NY, NY, 'not a locale')).toBe('2:00 PM');
  });
});

describe('formatDateRange', () => {
  it('names a week once, across months and years, in the locale', () => {
    expect(formatDateRange('2026-11-22', '2026-11-28', 'en-US')).toBe('Nov 22 – 28, 2026');
    expect(formatDateRange('2026-11-29', '2026-12-05', 'en-US')).toBe('Nov 29 – Dec 5, 2026');
    expect(formatDateRange('2026-12-27', '2027-01-02', 'en-US')).toBe('Dec 27, 2026 – Jan 2, 2027');
    expect(formatDateRange('2026-11-22', '2026-11-28', 'en-GB')).toBe('22 – 28 Nov 2026');
  });
});

describe('formatTimeRange', () => {
  it('a session within one day reads start – end', () => {
    expect(formatTimeRange(WED_2PM_NY, WED_2PM_NY + 50 * 60_000, NY, 'en-US')).toBe('2:00 PM – 2:50 PM');
    expect(formatTimeRange(WED_2PM_NY, WED_2PM_NY + 50 * 60_000, NY, 'en-GB')).toBe('14:00 – 14:50');
  });

  it('an 80-minute session from 11:00 PM in New York shows the date of its end', () => {
    const start = Date.parse('2026-12-03T04:00:00Z'); // Wed 2 Dec, 23:00 in New York
    const end = start + 80 * 60_000;
    expect(formatTimeRange(start, end, NY, 'en-US')).toBe('11:00 PM – Thu, Dec 3, 12:20 AM');
    expect(formatTimeRange(start, end, NY, 'en-GB')).toBe('23:00 – Thu 3 Dec, 00:20');
    // The same session seen from Berlin (05:00–06:20 on Thursday) is on one date there.
    expect(formatTimeRange(start, end, BERLIN, 'en-GB')).toBe('05:00 – 06:20');
  });

  it('a session ending exactly at midnight ends on the next date', () => {
    const start = Date.parse('2026-12-03T04:10:00Z'); // 23:10 in New York
    expect(formatTimeRange(start, start + 50 * 60_000, NY, 'en-US')).toBe('11:10 PM – Thu, Dec 3, 12:00 AM');
  });
});

describe('formatMoment', () => {
  it('a moment to the second on the locale clock', () => {
    const at = Date.parse('2026-11-30T14:05:03Z');
    expect(formatMoment(at, NY, 'en-US')).toBe('Nov 30, 2026, 9:05:03 AM');
    expect(formatMoment(at, NY, 'en-GB')).toBe('30 Nov 2026, 09:05:03');
  });
});
