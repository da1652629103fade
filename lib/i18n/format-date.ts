/**
 * Dates and times as people read them, for pages and emails alike. Pure, no date library: `Intl`
 * through lib/scheduling/zoned-time. Every date and time takes the viewer's locale
 * (lib/i18n/locale.ts picks it: the request's on the server, the browser's in client components,
 * the recipient's in an email), so a 24-hour locale gets a 24-hour clock. Output never contains
 * the narrow or non-breaking spaces that ICU puts before "AM"/"PM" (they differ between Node and
 * browsers and would break both hydration and accessible-name matching).
 */
import { formatInZone } from '../scheduling/zoned-time';
import { dateLocaleFor } from './locale';

export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

function format(ms: number, timeZone: string, opts: Intl.DateTimeFormatOptions, viewerLocale: string): string {
  const { locale, hourCycle } = dateLocaleFor(viewerLocale);
  // A 24-hour clock reads "09:05" (with hour: 'numeric' ICU writes "9:05" once hourCycle is set).
  const clock: Intl.DateTimeFormatOptions = { hourCycle, hour: hourCycle === 'h23' ? '2-digit' : 'numeric' };
  return plainSpaces(formatInZone(ms, timeZone, opts.hour === undefined ? opts : { ...opts, ...clock }, locale));
}

/** "9:00 AM" (en-US), "09:00" (en-GB) */
export function formatTime(ms: number, timeZone: string, locale: string): string {
  return format(ms, timeZone, { hour: 'numeric', minute: '2-digit' }, locale);
}

/** "9:00 AM EST" (en-US), "14:00 CET" (en-GB) */
export function formatTimeWithZoneName(ms: number, timeZone: string, locale: string): string {
  return format(ms, timeZone, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }, locale);
}

/** "Tuesday, December 2, 2026" (en-US), "Tuesday, 2 December 2026" (en-GB) */
export function formatLongDate(ms: number, timeZone: string, locale: string): string {
  return format(ms, timeZone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }, locale);
}

/** "Thu, Nov 26" (en-US), "Thu 26 Nov" (en-GB) */
export function formatShortDate(ms: number, timeZone: string, locale: string): string {
  return format(ms, timeZone, { weekday: 'short', month: 'short', day: 'numeric' }, locale);
}

/** "Nov 30, 2026, 9:05:03 AM" (en-US), "30 Nov 2026, 09:05:03" (en-GB): a moment to the second (the audit log). */
export function formatMoment(ms: number, timeZone: string, locale: string): string {
  return format(ms, timeZone, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' }, locale);
}

/**
 * "9:00 AM – 9:50 AM"; when the end falls on another date than the start in that zone (an
 * 80-minute session from 11:00 PM), the end says its date: "11:00 PM – Wed, Dec 3, 12:20 AM".
 */
export function formatTimeRange(startMs: number, endMs: number, timeZone: string, locale: string): string {
  const start = formatTime(startMs, timeZone, locale);
  const end = formatTime(endMs, timeZone, locale);
  const sameDate = formatInZone(startMs, timeZone, DATE_KEY, 'en-CA') === formatInZone(endMs, timeZone, DATE_KEY, 'en-CA');
  return sameDate ? `${start} – ${end}` : `${start} – ${formatShortDate(endMs, timeZone, locale)}, ${end}`;
}

const DATE_KEY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** A calendar date ('YYYY-MM-DD') with the given parts, independent of any zone. */
export function formatLocalDate(date: string, opts: Intl.DateTimeFormatOptions, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return format(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12), 'UTC', opts, locale);
}

/**
 * Two calendar dates as one range: "Nov 22 – 28, 2026", "Nov 29 – Dec 5, 2026", "Dec 27, 2026 –
 * Jan 2, 2027" (en-US); "22 – 28 Nov 2026" (en-GB).
 */
export function formatDateRange(first: string, last: string, viewerLocale: string): string {
  const noonUtc = (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
  };
  const { locale } = dateLocaleFor(viewerLocale);
  const key = `${locale}\u0000range`;
  let formatter = rangeFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
    rangeFormatters.set(key, formatter);
  }
  return plainSpaces(formatter.formatRange(noonUtc(first), noonUtc(last)));
}
const rangeFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone's name at that instant, spelled out: "Eastern Standard Time" / "Eastern Daylight
 * Time" (America/New_York), "Central European Summer Time" (Europe/Berlin); ICU's "GMT+5:45"
 * where it knows no name. An email says it in full: its reader may be far from the practice.
 */
export function formatZoneName(ms: number, timeZone: string, viewerLocale: string): string {
  const { locale } = dateLocaleFor(viewerLocale);
  const key = `${locale}\u0000${timeZone}`;
  let formatter = zoneNameFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' });
    if (zoneNameFormatters.size < 500) zoneNameFormatters.set(key, formatter);
  }
  const part = formatter.formatToParts(ms).find((p) => p.type === 'timeZoneName');
  return plainSpaces(part?.value ?? timeZone);
}
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();
