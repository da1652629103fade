/**
 * Display helpers shared by server pages and client components of the booking flow: fees,
 * durations, modalities, addresses, zone labels. Dates and times come from lib/i18n/format-date
 * (re-exported here), so emails and pages write a time the same way.
 */
import type { Audience, PracticeAddress, PublicConsultationType } from '@/lib/bookings/dto';
import type { Modality } from '@/lib/scheduling/types';

// The date and time formatters live in lib/ (emails format times too; lib does not import UI).
export {
  formatDateRange,
  formatLocalDate,
  formatLongDate,
  formatMoment,
  formatShortDate,
  formatTime,
  formatTimeRange,
  formatTimeWithZoneName,
  plainSpaces,
} from '@/lib/i18n/format-date';

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
