import { formatLocalDate as formatCalendarDate, formatShortDate, formatTimeWithZoneName } from '@/components/booking/format';
import type { BookingStatus } from '@/lib/staff/dto';
import type { Modality } from '@/lib/scheduling/types';

/** Practice-local calendar date of an instant, as YYYY-MM-DD (the grouping key). */
export function localDateKey(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** "Monday, November 30" (en-US), "Monday 30 November" (en-GB): a practice-local date. */
export function formatDayHeading(dateKey: string, locale: string): string {
  return formatCalendarDate(dateKey, { weekday: 'long', month: 'long', day: 'numeric' }, locale);
}

/** "Tue, Dec 1, 9:00 AM EST" (en-US), "Tue 1 Dec, 14:00 GMT-5" (en-GB). */
export function formatDateTime(instant: string, timeZone: string, locale: string): string {
  const ms = Date.parse(instant);
  return `${formatShortDate(ms, timeZone, locale)}, ${formatTimeWithZoneName(ms, timeZone, locale)}`;
}

export const STATUS_LABELS: Record<BookingStatus, string> = {
  requested: 'Requested',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
};

export const MODALITY_NAMES: Record<Modality, string> = { in_person: 'In person', video: 'Video', phone: 'Phone' };

/**
 * A practice-local 'YYYY-MM-DD' as "Tue, Dec 1, 2026": short, and unambiguous across a year end.
 * The availability editor's labels (dates beside typed 24-hour "10:00–13:00" hours) keep en-US.
 */
export function formatLocalDate(dateKey: string, locale = 'en-US'): string {
  return formatCalendarDate(dateKey, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }, locale);
}
