import 'server-only';
import { getServerSession } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { cache } from 'react';
import { AppError } from '../errors';
import type { StaffActor } from './actor';
import { authOptions } from './options';
import { touchStaffSession, type SessionExpiry } from './sessions';

export type StaffSessionState =
  | { status: 'signed_out' }
  | { status: 'expired'; reason: SessionExpiry }
  /** Signed in with a password, but two-step sign-in must be set up before anything else. */
  | { status: 'enrolment_required'; actor: StaffActor; displayName: string }
  | { status: 'active'; actor: StaffActor; displayName: string; idleExpiresAt: Date; absoluteExpiresAt: Date };

/**
 * getServerSession with a server-side session callback: the server needs the session id, which
 * the browser-facing callback in options.ts deliberately leaves out.
 */
function serverSessionOptions() {
  return {
    ...authOptions, // (spreading reads the secret and cookie getters now, at request time)
    callbacks: {
      ...authOptions.callbacks,
      session: ({ token }: { token: JWT }) => ({ userId: token.sub, sessionId: token.sessionId }),
    },
  };
}

/**
 * The request's staff session, checked against the database once per request (React `cache`):
 * idle and absolute timeouts, revocation, and whether two-step sign-in still has to be set up.
 * Pages use the state to choose a redirect (expired → sign-in with a return URL;
 * enrolment_required → the enrolment page).
 */
export const getStaffSession = cache(async (): Promise<StaffSessionState> => {
  const session = await getServerSession(serverSessionOptions());
  if (!session?.sessionId || !session.userId) return { status: 'signed_out' };
  const touched = await touchStaffSession({ sessionId: session.sessionId });
  if (touched.status === 'expired') return { status: 'expired', reason: touched.reason };
  // The token and the session row must agree on who this is.
  if (touched.actor.userId !== session.userId) return { status: 'signed_out' };
  if (touched.needsTotpEnrolment) return { status: 'enrolment_required', actor: touched.actor, displayName: touched.displayName };
  return {
    status: 'active',
    actor: touched.actor,
    displayName: touched.displayName,
    idleExpiresAt: touched.idleExpiresAt,
    absoluteExpiresAt: touched.absoluteExpiresAt,
  };
});

/** The signed-in staff member, or null (signed out, expired, or two-step sign-in not set up). */
export const getStaffActor = cache(async (): Promise<StaffActor | null> => {
  const state = await getStaffSession();
  return state.status === 'active' ? state.actor : null;
});

/** For data-layer entry points: no valid staff session reads as "not found" (STYLE.md). */
export async function requireStaffActor(): Promise<StaffActor> {
  const actor = await getStaffActor();
  if (!actor) throw new AppError('NOT_FOUND', 'Not found.');
  return actor;
}
