'use server';

import { redirect } from 'next/navigation';
import type { ActionResult } from '@/lib/action';
import { cancelBooking } from '@/lib/bookings/commands';
import { isWellFormedLinkToken } from '@/lib/bookings/link-tokens';
import { cancelSchema } from '@/lib/bookings/schemas';

export type CancelFormState = Extract<ActionResult<never>, { ok: false }> | null;

/**
 * Cancels the booking behind a private link (the token is the capability; the data layer checks
 * it and the cutoff). For `useActionState`: success redirects, failure returns a message.
 */
export async function cancelBookingAction(token: string, _previous: CancelFormState, formData: FormData): Promise<CancelFormState> {
  if (typeof token !== 'string' || !isWellFormedLinkToken(token)) {
    return { ok: false, code: 'not_found', formError: "This link isn't active any more." };
  }
  const reason = formData instanceof FormData ? formData.get('reason') : null;
  const parsed = cancelSchema.safeParse({ reason: typeof reason === 'string' && reason.trim() ? reason : undefined });
  if (!parsed.success) {
    return { ok: false, code: 'invalid', fieldErrors: { reason: parsed.error.issues[0]?.message ?? 'Please shorten the reason.' } };
  }
  let result: Awaited<ReturnType<typeof cancelBooking>>;
  try {
    result = await cancelBooking({ actor: { kind: 'link', token }, input: parsed.data });
  } catch (err) {
    console.error('[haven] cancelBookingAction failed', err instanceof Error ? err.name : typeof err);
    return {
      ok: false,
      code: 'server_error',
      formError: 'Something went wrong on our side and your consultation was not cancelled. Please try again, or call the practice.',
    };
  }
  if (!result.ok) {
    return result.reason === 'invalid'
      ? { ok: false, code: 'invalid', fieldErrors: { reason: result.message } }
      : { ok: false, code: result.reason, formError: result.message };
  }
  redirect(`/m/${token}?cancelled=1`);
}
