import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { can, type Permission, type StaffActor } from '@/lib/auth/actor';
import { getStaffSession, requireStaffActor, type StaffSessionState } from '@/lib/auth/session';
import { STAFF_PATH_HEADER, safeCallbackPath, signInHref, twoStepHref } from '@/lib/auth/staff-paths';

export type ActiveStaffSession = Extract<StaffSessionState, { status: 'active' }>;

/** The staff path being opened (set by proxy.ts), to come back to after signing in again. */
async function requestedPath(): Promise<string | null> {
  return safeCallbackPath((await headers()).get(STAFF_PATH_HEADER));
}

/**
 * The staff layout's gate, and the first half of every staff page's: an active session, or a
 * redirect — to sign-in with the return address (and why: idle, 12 hours, signed out elsewhere),
 * or to the two-step set-up page. The database check runs once per request (React `cache`).
 */
export async function requireActiveStaffSession(): Promise<ActiveStaffSession> {
  const state = await getStaffSession();
  switch (state.status) {
    case 'active':
      return state;
    case 'enrolment_required':
      redirect(twoStepHref(await requestedPath()));
    case 'expired':
      redirect(signInHref({ callbackUrl: await requestedPath(), reason: state.reason }));
    case 'signed_out':
      redirect(signInHref({ callbackUrl: await requestedPath() }));
  }
}

/**
 * Every staff page starts with this (a layout alone does not protect a page: they render in
 * parallel, and client navigations re-render only the page). The data-layer guard decides who is
 * signed in; a role without the permission gets "not found", like anything else they can't see.
 */
export async function requireStaffPage(permission: Permission): Promise<{ actor: StaffActor; displayName: string }> {
  const session = await requireActiveStaffSession();
  const actor = await requireStaffActor();
  if (!can(actor, permission)) notFound();
  return { actor, displayName: session.displayName };
}
