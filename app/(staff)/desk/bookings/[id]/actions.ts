'use server';

import type { ActionResult } from '@/lib/action';
import { fieldErrorsFrom } from '@/lib/action';
import { getStaffActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import type { StaffRefusal } from '@/lib/staff/dto';
import { bookingStatusSchema, reissueLinkSchema, staffCancelSchema } from '@/lib/staff/schemas';
import { cancelAsStaff, reissueClientLink, setBookingStatus } from '@/lib/staff/staff-commands';

const SIGNED_OUT: ActionResult<never> = { ok: false, code: 'signed_out', formError: 'Your sign-in has ended. Please sign in again.' };
const NOT_FOUND: ActionResult<never> = { ok: false, code: 'not_found', formError: 'This booking could not be found.' };
const FAILED: ActionResult<never> = { ok: false, formError: 'Something went wrong on our side. Nothing was changed. Please try again.' };

/** A refusal from lib/staff becomes an ActionResult; its messages are written for people. */
function refusal(result: StaffRefusal): ActionResult<never> {
  return { ok: false, code: result.reason, formError: result.message, fieldErrors: result.fieldErrors };
}

/** Runs a lib/staff command; NOT_FOUND (absent or not allowed) and anything unexpected stay generic. */
async function guarded<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return NOT_FOUND;
    console.error('desk action failed', error instanceof Error ? error.name : 'unknown');
    return FAILED;
  }
}

export async function cancelBookingAsStaffAction(input: { bookingId: string; reason: string }): Promise<ActionResult<{ status: 'cancelled' }>> {
  const actor = await getStaffActor();
  if (!actor) return SIGNED_OUT;
  const parsed = staffCancelSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  return guarded(async () => {
    const result = await cancelAsStaff({ actor, bookingId: parsed.data.bookingId, reason: parsed.data.reason });
    return result.ok ? { ok: true, data: { status: result.status } } : refusal(result);
  });
}

export async function setBookingStatusAction(input: {
  bookingId: string;
  status: 'completed' | 'no_show';
}): Promise<ActionResult<{ status: 'completed' | 'no_show' }>> {
  const actor = await getStaffActor();
  if (!actor) return SIGNED_OUT;
  const parsed = bookingStatusSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  return guarded(async () => {
    const result = await setBookingStatus({ actor, bookingId: parsed.data.bookingId, status: parsed.data.status });
    return result.ok ? { ok: true, data: { status: result.status } } : refusal(result);
  });
}

export async function reissueClientLinkAction(input: {
  bookingId: string;
  holder: 'primary' | 'partner';
}): Promise<ActionResult<{ holder: 'primary' | 'partner'; path: string }>> {
  const actor = await getStaffActor();
  if (!actor) return SIGNED_OUT;
  const parsed = reissueLinkSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  return guarded(async () => {
    const result = await reissueClientLink({ actor, bookingId: parsed.data.bookingId, holder: parsed.data.holder });
    // The path holds the new token: shown once to the person who asked for it, never stored here.
    return result.ok ? { ok: true, data: { holder: result.holder, path: result.path } } : refusal(result);
  });
}
