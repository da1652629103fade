import 'server-only';
import { notFound } from 'next/navigation';
import type { StaffActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { getBookingForStaff } from '@/lib/staff/booking-detail';
import type { StaffBookingDetail } from '@/lib/staff/dto';

/** One booking's contact view for a desk page; absent or not this person's to see → the not-found page. */
export async function loadBookingOrNotFound(actor: StaffActor, bookingId: string): Promise<StaffBookingDetail> {
  try {
    return await getBookingForStaff({ actor, bookingId });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

/** Open (requested or confirmed) and not started yet: the bookings the desk may move to a new time. */
export function isMovable(booking: Pick<StaffBookingDetail, 'status' | 'startsAt'>, now: number): boolean {
  return (booking.status === 'requested' || booking.status === 'confirmed') && Date.parse(booking.startsAt) > now;
}
