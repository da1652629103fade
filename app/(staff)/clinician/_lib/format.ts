import type { BookingStatus } from '@/lib/staff/dto';
import type { Modality } from '@/lib/scheduling/types';

/** Practice-local calendar date of an instant, as YYYY-MM-DD (the grouping key). */
export function localDateKey(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export function formatDayHeading(dateKey: string): string {
  // Noon UTC of that calendar date names the same weekday in every zone.
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(
    new Date(`${dateKey}T12:00:00Z`),
  );
}

export function formatTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
}

export function formatDateTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

export const STATUS_LABELS: Record<BookingStatus, string> = {
  requested: 'Requested',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
};

export const MODALITY_NAMES: Record<Modality, string> = { in_person: 'In person', video: 'Video', phone: 'Phone' };

/** A practice-local 'YYYY-MM-DD' as "Tue, Dec 1, 2026": short, and unambiguous across a year end. */
export function formatLocalDate(dateKey: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(
    new Date(`${dateKey}T12:00:00Z`),
  );
}
