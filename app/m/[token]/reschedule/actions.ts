'use server';

import { redirect } from 'next/navigation';
import type { ActionResult } from '@/lib/action';
import { rescheduleBooking } from '@/lib/bookings/commands';
import type { SlotOption } from '@/lib/bookings/dto';
import { isWellFormedLinkToken } from '@/lib/bookings/link-tokens';
import { rescheduleSchema } from '@/lib/bookings/schemas';

export type RescheduleFailure = Extract<ActionResult<never>, { ok: false }> & { alternatives?: SlotOption[]; why?: string };

/**
 * Moves the booking behind a private link. The token is the capability: the data layer resolves
 * it and checks the change rules. Success redirects back to the link page.
 */
export async function rescheduleBookingAction(token: string, values: unknown): Promise<RescheduleFailure> {
  if (typeof token !== 'string' || !isWellFormedLinkToken(token)) {
    return { ok: false, code: 'not_found', formError: "This link isn't active any more." };
  }
  const parsed = rescheduleSchema.safeParse(values);
  if (!parsed.success) {
    return { ok: false, code: 'invalid', formError: parsed.error.issues[0]?.message ?? 'Please choose a new time.' };
  }
  let result: Awaited<ReturnType<typeof rescheduleBooking>>;
  try {
    result = await rescheduleBooking({ actor: { kind: 'link', token }, input: parsed.data });
  } catch (err) {
    console.error('[haven] rescheduleBookingAction failed', err instanceof Error ? err.name : typeof err);
    return {
      ok: false,
      code: 'server_error',
      formError: 'Something went wrong on our side and your consultation was not moved. Please try again, or call the practice.',
    };
  }
  if (!result.ok) {
    return result.reason === 'slot_taken'
      ? { ok: false, code: 'slot_taken', formError: result.message, alternatives: result.alternatives, why: result.why }
      : { ok: false, code: result.reason, formError: result.message };
  }
  redirect(`/m/${token}?rescheduled=1`);
}
