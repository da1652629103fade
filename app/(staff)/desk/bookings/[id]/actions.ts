'use server';

import type { ActionResult } from '@/lib/action';
import type { Told } from '@/lib/messaging/kinds';
import { reissueLinkSchema, staffCancelSchema } from '@/lib/staff/schemas';
import { cancelAsStaff, reissueClientLink } from '@/lib/staff/staff-commands';
import { publicUrl } from '@/lib/public-url';
import { refusal, runStaffAction } from '../../../_lib/staff-action';

export async function cancelBookingAsStaffAction(input: { bookingId: string; reason: string }): Promise<ActionResult<{ status: 'cancelled'; told: Told }>> {
  return runStaffAction(staffCancelSchema, input, async (actor, { bookingId, reason }) => {
    const result = await cancelAsStaff({ actor, bookingId, reason });
    return result.ok ? { ok: true, data: { status: result.status, told: result.told } } : refusal(result);
  });
}

export async function reissueClientLinkAction(input: {
  bookingId: string;
  holder: 'primary' | 'partner';
}): Promise<ActionResult<{ holder: 'primary' | 'partner'; url: string; told: Told }>> {
  return runStaffAction(reissueLinkSchema, input, async (actor, { bookingId, holder }) => {
    const result = await reissueClientLink({ actor, bookingId, holder });
    // The link holds the new token: shown once to the person who asked for it, never stored here.
    // Absolute on the configured public origin (APP_URL), like every link a client is given.
    return result.ok ? { ok: true, data: { holder: result.holder, url: publicUrl(result.path), told: result.told } } : refusal(result);
  });
}
