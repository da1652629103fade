/**
 * Expected date and time strings, computed in the test with `Intl` for a given IANA zone (the
 * project's `timezoneId`), in the same shape the app prints: en-US, plain spaces (ICU puts narrow
 * or non-breaking spaces before "AM"/"PM"; the app replaces them).
 */

const plain = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, ' ');

function format(ms: number, timeZone: string, opts: Intl.DateTimeFormatOptions): string {
  return plain(new Intl.DateTimeFormat('en-US', { ...opts, timeZone }).format(ms));
}

/** "9:00 AM" */
export const timeIn = (ms: number, timeZone: string) => format(ms, timeZone, { hour: 'numeric', minute: '2-digit' });

/** "9:00 AM EST" */
export const timeWithZoneIn = (ms: number, timeZone: string) =>
  format(ms, timeZone, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

/** "Wednesday, December 2, 2026" */
export const longDateIn = (ms: number, timeZone: string) =>
  format(ms, timeZone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });

/** "Wed, Dec 2" */
export const shortDateIn = (ms: number, timeZone: string) => format(ms, timeZone, { weekday: 'short', month: 'short', day: 'numeric' });

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

/** How a calendar date is named on a day button and a day heading: "Wednesday, December 2". */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return format(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12), 'UTC', { weekday: 'long', month: 'long', day: 'numeric' });
}

/** An ICS UTC instant: 20261202T170000Z. */
export const icsInstant = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The instant on the same local day as `ms` (in `zone`) that reads `label` ("10:30 AM") there. */
export function instantAt(ms: number, label: string, zone: string): number {
  const day = dateIn(ms, zone);
  for (let t = ms - 86_400_000; t <= ms + 86_400_000; t += 5 * 60_000) {
    if (dateIn(t, zone) === day && timeIn(t, zone) === label) return t;
  }
  throw new Error(`No ${label} on ${day} in ${zone}`);
}
