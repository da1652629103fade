import { test } from '@playwright/test';

/**
 * Expected date and time strings, computed in the test with `Intl` for a given IANA zone (the
 * project's `timezoneId`) and the project's `locale` (en-US: "9:00 AM", en-GB: "09:00"), in the
 * same shape the app prints: plain spaces (ICU puts narrow or non-breaking spaces before
 * "AM"/"PM"; the app replaces them). Call them inside a test: they read the running project.
 */

const plain = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, ' ');

/** The running project's locale (Playwright's `locale` option), en-US outside a test. */
export function projectLocale(): string {
  try {
    return test.info().project.use.locale ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

function uses24HourClock(locale: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24';
}

function format(ms: number, timeZone: string, opts: Intl.DateTimeFormatOptions): string {
  const locale = projectLocale();
  const clock: Intl.DateTimeFormatOptions =
    opts.hour === undefined ? {} : uses24HourClock(locale) ? { hour: '2-digit', hourCycle: 'h23' } : { hour: 'numeric', hourCycle: 'h12' };
  return plain(new Intl.DateTimeFormat(locale, { ...opts, ...clock, timeZone }).format(ms));
}

/** "9:00 AM" (en-US), "09:00" (en-GB) */
export const timeIn = (ms: number, timeZone: string) => format(ms, timeZone, { hour: 'numeric', minute: '2-digit' });

/** "9:00 AM EST" (en-US), "15:00 CET" (en-GB) */
export const timeWithZoneIn = (ms: number, timeZone: string) =>
  format(ms, timeZone, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

/** "Wednesday, December 2, 2026" (en-US), "Wednesday, 2 December 2026" (en-GB) */
export const longDateIn = (ms: number, timeZone: string) =>
  format(ms, timeZone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });

/** "Wed, Dec 2" (en-US), "Wed 2 Dec" (en-GB) */
export const shortDateIn = (ms: number, timeZone: string) => format(ms, timeZone, { weekday: 'short', month: 'short', day: 'numeric' });

/** A wall-clock time written the en-US way in a spec ("10:00 AM"), as the project's locale prints it. */
export function clock(label: string): string {
  const m = /^(\d{1,2}):(\d{2}) ([AP]M)$/.exec(label);
  if (!m) throw new Error(`Not a "10:00 AM" time: ${label}`);
  const hour = (Number(m[1]) % 12) + (m[3] === 'PM' ? 12 : 0);
  return timeIn(Date.UTC(2026, 0, 1, hour, Number(m[2])), 'UTC');
}

/** The calendar date ('YYYY-MM-DD') of an instant in a zone. */
export function dateIn(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** How a calendar date is named on a day button and a day heading: "Wednesday, December 2" (en-GB: "Wednesday 2 December"). */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return format(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12), 'UTC', { weekday: 'long', month: 'long', day: 'numeric' });
}

/** An ICS UTC instant: 20261202T170000Z. */
export const icsInstant = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The instant on the same local day as `ms` (in `zone`) that reads `label` (as timeIn prints it) there. */
export function instantAt(ms: number, label: string, zone: string): number {
  const day = dateIn(ms, zone);
  for (let t = ms - 86_400_000; t <= ms + 86_400_000; t += 5 * 60_000) {
    if (dateIn(t, zone) === day && timeIn(t, zone) === label) return t;
  }
  throw new Error(`No ${label} on ${day} in ${zone}`);
}
