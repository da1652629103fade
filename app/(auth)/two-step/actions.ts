'use server';

import { fieldErrorsFrom, type ActionResult } from '@/lib/action';
import { confirmTotpEnrolment } from '@/lib/auth/enrolment';
import { twoStepCodeSchema } from '@/lib/auth/schemas';
import { getStaffSession } from '@/lib/auth/session';
import { landingPathFor, safeCallbackPath } from '@/lib/auth/staff-paths';
import { AppError } from '@/lib/errors';

export type ConfirmTwoStepResult = ActionResult<{ recoveryCodes: string[]; href: string }>;

/**
 * Finishes two-step set-up: checks the code against the key shown on the page, stores the key
 * (encrypted) and returns the recovery codes — once — and where to go next. Only for a signed-in
 * person whose session is waiting for this step.
 */
export async function confirmTwoStepAction(input: { secret: unknown; code: unknown; callbackUrl: unknown }): Promise<ConfirmTwoStepResult> {
  const state = await getStaffSession();
  if (state.status !== 'enrolment_required') {
    if (state.status === 'active') {
      return { ok: false, code: 'already_enrolled', formError: 'Two-step sign-in is already set up for this account.' };
    }
    return { ok: false, code: 'signed_out', formError: 'Your sign-in has ended. Please sign in again to set up two-step sign-in.' };
  }

  const parsed = twoStepCodeSchema.safeParse({ code: input?.code });
  if (!parsed.success) return { ok: false, code: 'invalid', fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  if (typeof input.secret !== 'string' || input.secret.length > 64) {
    return { ok: false, code: 'invalid_secret', formError: 'The setup key is not valid. Please reload the page to start again.' };
  }

  try {
    const result = await confirmTotpEnrolment({ actor: state.actor, secret: input.secret, code: parsed.data.code });
    if (!result.ok) return { ok: false, code: result.reason, fieldErrors: { code: result.message } };
    return { ok: true, data: { recoveryCodes: result.recoveryCodes, href: landingPathFor(state.actor.role, safeCallbackPath(input.callbackUrl)) } };
  } catch (err) {
    if (err instanceof AppError && (err.code === 'INVALID' || err.code === 'CONFLICT')) return { ok: false, code: err.code.toLowerCase(), formError: err.message };
    console.error('[haven] confirmTwoStepAction failed', err instanceof Error ? err.name : typeof err);
    return { ok: false, code: 'server_error', formError: 'Something went wrong on our side. Please try again in a moment.' };
  }
}
