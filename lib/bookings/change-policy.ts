import type { BookingStatus } from './dto';

/**
 * Whether a client may still reschedule or cancel online: the booking is open (requested or
 * confirmed) and its start is more than the practice's cutoff away. One rule for the page and
 * the commands.
 */
export function changeCutoffOf(startsAt: Date, cutoffHours: number): Date {
  return new Date(startsAt.getTime() - cutoffHours * 3_600_000);
}

export type ChangeRefusal = 'closed' | 'too_late';

export function clientChangeRefusal(
  booking: { status: BookingStatus; startsAt: Date },
  cutoffHours: number,
  now: Date,
): ChangeRefusal | null {
  if (booking.status !== 'requested' && booking.status !== 'confirmed') return 'closed';
  if (now.getTime() >= changeCutoffOf(booking.startsAt, cutoffHours).getTime()) return 'too_late';
  return null;
}
