'use server';

import type { ActionResult } from '@/lib/action';
import { bookingStatusSchema } from '@/lib/staff/schemas';
import { setBookingStatus } from '@/lib/staff/staff-commands';
import { refusal, runStaffAction } from './staff-action';

/**
 * Marks a consultation completed or a no-show (front desk and clinicians alike: the permission
 * 'booking.set_status' is practice-wide). One action for both workspaces, used by
 * BookingStatusControl.
 */
export async function setBookingStatusAction(input: {
  bookingId: string;
  status: 'completed' | 'no_show';
}): Promise<ActionResult<{ status: 'completed' | 'no_show' }>> {
  return runStaffAction(bookingStatusSchema, input, async (actor, { bookingId, status }) => {
    const result = await setBookingStatus({ actor, bookingId, status });
    return result.ok ? { ok: true, data: { status: result.status } } : refusal(result);
  });
}
