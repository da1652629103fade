'use server';

import type { ActionResult } from '@/lib/action';
import { getStaffSession } from '@/lib/auth/session';
import { landingPathFor, safeCallbackPath, twoStepHref } from '@/lib/auth/staff-paths';

/**
 * Called by the sign-in form right after next-auth accepted the credentials: where to go now.
 * Authenticates like every action (the new session cookie must be valid in the database): the
 * two-step set-up page when it is still needed, else the return address when it is safe and
 * meant for the person's role, else their home.
 */
export async function resolveSignInDestinationAction(callbackUrl: unknown): Promise<ActionResult<{ href: string }>> {
  const returnTo = safeCallbackPath(callbackUrl);
  const state = await getStaffSession();
  if (state.status === 'enrolment_required') return { ok: true, data: { href: twoStepHref(returnTo) } };
  if (state.status === 'active') return { ok: true, data: { href: landingPathFor(state.actor.role, returnTo) } };
  return { ok: false, code: 'signed_out', formError: "Sign-in didn't complete. Please try again." };
}
