'use server';

import { getRequestLocale } from '@/app/_lib/request-locale';
import { redirect } from 'next/navigation';
import { fieldErrorsFrom, type ActionResult } from '@/lib/action';
import { bookConsultation } from '@/lib/bookings/commands';
import type { SlotOption } from '@/lib/bookings/dto';
import { makeBookingDetailsSchema } from '@/lib/bookings/schemas';
import { requesterIp } from '../../../../_lib/request';

export type BookConsultationFailure = Extract<ActionResult<never>, { ok: false }> & {
  /** With code 'slot_taken': the nearest free times to offer instead. */
  alternatives?: SlotOption[];
  /** With code 'slot_taken': why ('not_open' = taken or not offered; 'too_soon', 'too_far', 'day_full'…). */
  why?: string;
};

const SERVER_ERROR: BookConsultationFailure = {
  ok: false,
  code: 'server_error',
  formError: "Something went wrong on our side and nothing was booked. Your details are still here: please try again, or call the practice.",
};

/**
 * Books from the public details form. No session: the capability here is simply "anyone may
 * ask"; the data layer re-validates everything, rate-limits by IP and settles races. Success
 * redirects to the new private link, so this only ever returns a failure.
 */
export async function bookConsultationAction(values: unknown, options: { couple: boolean }): Promise<BookConsultationFailure> {
  const schema = makeBookingDetailsSchema({ couple: options?.couple === true });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'invalid',
      formError: 'Please check the highlighted answers.',
      fieldErrors: fieldErrorsFrom(parsed.error.issues),
    };
  }

  let result: Awaited<ReturnType<typeof bookConsultation>>;
  try {
    result = await bookConsultation({ input: parsed.data, requester: { ip: await requesterIp() }, locale: await getRequestLocale() });
  } catch (err) {
    // Never log what the person typed: only that it failed.
    console.error('[haven] bookConsultationAction failed', err instanceof Error ? err.name : typeof err);
    return SERVER_ERROR;
  }

  if (!result.ok) {
    if (result.reason === 'slot_taken') {
      return { ok: false, code: 'slot_taken', formError: result.message, alternatives: result.alternatives, why: result.why };
    }
    return { ok: false, code: result.reason, formError: result.message, fieldErrors: result.fieldErrors };
  }

  // The partner's own link goes to the partner by email (lib/messaging), never to the booker's screen.
  redirect(`/m/${result.primaryToken}?booked=1`);
}
