/**
 * Display helpers shared by server pages and client components of the booking flow. Pure, no
 * date library: `Intl` through lib/scheduling/zoned-time. Every date and time takes the viewer's
 * locale (lib/i18n/locale.ts picks it: the request's on the server, the browser's in client
 * components), so a 24-hour locale gets a 24-hour clock. Output never contains the narrow or
 * non-breaking spaces that ICU puts before "AM"/"PM" (they differ between Node and browsers and
 * would break both hydration and accessible-name matching).
 */
import type { Audience, PracticeAddress, PublicConsultationType } from '@/lib/bookings/dto';
import { dateLocaleFor } from '@/lib/i18n/locale';
import type { Modality } from '@/lib/scheduling/types';
import { formatInZone } from '@/lib/scheduling/zoned-time';

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

export function formatFee(cents: number): string {
  if (cents <= 0) return 'Free';
  const dollars = cents / 100;
  return Number.isInteger(dollars) ? `$${dollars}` : `$${dollars.toFixed(2)}`;
}

export function formatDuration(minutes: number): string {
  return `${minutes} minutes`;
}

export function modalityLabel(modality: Modality): string {
  switch (modality) {
    case 'in_person':
      return 'In person';
    case 'video':
      return 'Video';
    case 'phone':
      return 'Phone';
  }
}

export function audienceLabel(audience: Audience): string {
  return audience === 'couple' ? 'For couples' : 'For one adult';
}

/** One line that says what a consultation is: "50 minutes · Video · For couples". */
export function typeFacts(type: PublicConsultationType): string {
  return [formatDuration(type.durationMinutes), modalityLabel(type.modality), audienceLabel(type.audience)].join(' · ');
}

export function formatAddress(address: PracticeAddress): string[] {
  const cityLine = [address.city, [address.region, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [address.line1, address.line2, cityLine].filter((line) => line.trim() !== '');
}

/** Zones offered in the picker's select, with plain-words names. The detected zone is added. */
export const COMMON_TIME_ZONES: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'America/New_York', label: 'New York (Eastern time)' },
  { id: 'America/Chicago', label: 'Chicago (Central time)' },
  { id: 'America/Denver', label: 'Denver (Mountain time)' },
  { id: 'America/Phoenix', label: 'Phoenix (Arizona)' },
  { id: 'America/Los_Angeles', label: 'Los Angeles (Pacific time)' },
  { id: 'America/Anchorage', label: 'Anchorage (Alaska)' },
  { id: 'Pacific/Honolulu', label: 'Honolulu (Hawaii)' },
  { id: 'America/Halifax', label: 'Halifax (Atlantic time)' },
  { id: 'America/Sao_Paulo', label: 'São Paulo' },
  { id: 'Europe/London', label: 'London' },
  { id: 'Europe/Berlin', label: 'Berlin, Paris, Madrid' },
  { id: 'Europe/Athens', label: 'Athens' },
  { id: 'Asia/Dubai', label: 'Dubai' },
  { id: 'Asia/Kolkata', label: 'India' },
  { id: 'Asia/Singapore', label: 'Singapore' },
  { id: 'Asia/Tokyo', label: 'Tokyo' },
  { id: 'Australia/Sydney', label: 'Sydney' },
  { id: 'Pacific/Auckland', label: 'Auckland' },
  { id: 'Pacific/Kiritimati', label: 'Kiritimati (Line Islands)' },
  { id: 'UTC', label: 'UTC' },
];

/** Old zone names some browsers still report, mapped to today's names. */
const ZONE_ALIASES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'US/Eastern': 'America/New_York',
  'US/Central': 'America/Chicago',
  'US/Mountain': 'America/Denver',
  'US/Pacific': 'America/Los_Angeles',
};

/** Today's name for a zone when the runtime knows it (Chromium reports "Asia/Calcutta"). */
export function canonicalZone(timeZone: string, isKnown: (zone: string) => boolean): string {
  const modern = ZONE_ALIASES[timeZone];
  return modern && isKnown(modern) ? modern : timeZone;
}

/** "New York (Eastern time)" for a common zone, else the zone's city ("Mexico City"). */
export function zoneLabel(timeZone: string): string {
  const known = COMMON_TIME_ZONES.find((z) => z.id === timeZone);
  if (known) return known.label;
  const city = timeZone.split('/').pop() ?? timeZone;
  return city.replace(/_/g, ' ');
}
