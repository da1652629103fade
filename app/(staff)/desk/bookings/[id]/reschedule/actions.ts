'use server';

import type { ActionResult } from '@/lib/action';
import type { Told } from '@/lib/messaging/kinds';
import { rescheduleAsStaff } from '@/lib/staff/reschedule';
import { staffRescheduleSchema, type StaffRescheduleInput } from '@/lib/staff/schemas';
import { refusal, runStaffAction } from '../../../../_lib/staff-action';

export type MovedBooking = { startsAt: string; endsAt: string; told: Told };

/**
 * Moves a booking to a new time for the front desk (or a clinician). The data layer checks the
 * permission, the override and the slot; an overlap is refused as 'slot_taken' with the nearest
 * free times in `data.alternatives`, and nothing changes.
 */
export async function rescheduleBookingAsStaffAction(input: StaffRescheduleInput): Promise<ActionResult<MovedBooking>> {
  return runStaffAction(staffRescheduleSchema, input, async (actor, { bookingId, startsAt, overrideNotice }) => {
    const result = await rescheduleAsStaff({ actor, bookingId, startsAt, overrideNotice });
    if (result.ok) return { ok: true, data: { startsAt: result.startsAt, endsAt: result.endsAt, told: result.told } };
    if (result.reason === 'slot_taken') {
      return { ok: false, code: 'slot_taken', formError: result.message, data: { alternatives: result.alternatives, why: result.why } };
    }
    return refusal(result);
  });
}
