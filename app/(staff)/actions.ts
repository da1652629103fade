'use server';

import type { ActionResult } from '@/lib/action';
import { getStaffSession } from '@/lib/auth/session';
import { revokeAllSessions } from '@/lib/auth/sessions';
import { discardDraftSchema, saveDraftSchema } from '@/lib/drafts/schemas';
import { discardStaffDraft, saveStaffDraft } from '@/lib/drafts/staff-drafts';
import { runStaffAction } from './_lib/staff-action';

export type SessionTimes = {
  /** Milliseconds until the session ends without activity (idle), and at the latest (12 hours). */
  idleExpiresInMs: number;
  absoluteExpiresInMs: number;
};

/**
 * "Stay signed in": checking the session in the database is the activity that keeps it alive
 * (touchStaffSession moves last_seen_at). Returns the new time left, as durations, so the
 * browser's clock never has to agree with the server's.
 */
export async function staySignedInAction(): Promise<ActionResult<SessionTimes>> {
  const state = await getStaffSession();
  if (state.status !== 'active') {
    return { ok: false, code: state.status === 'expired' ? state.reason : 'signed_out', formError: 'Your sign-in has already ended.' };
  }
  const now = Date.now();
  return {
    ok: true,
    data: { idleExpiresInMs: state.idleExpiresAt.getTime() - now, absoluteExpiresInMs: state.absoluteExpiresAt.getTime() - now },
  };
}

/**
 * Sign out everywhere: ends every session of the signed-in person (this browser's too). The
 * browser then calls next-auth's signOut() to clear its cookie.
 */
export async function signOutEverywhereAction(): Promise<ActionResult<{ revoked: number }>> {
  const state = await getStaffSession();
  // A half-finished sign-in (two-step set-up pending) may sign out everywhere too.
  if (state.status !== 'active' && state.status !== 'enrolment_required') {
    return { ok: false, code: 'signed_out', formError: 'You are already signed out.' };
  }
  const { revoked } = await revokeAllSessions({ actor: state.actor });
  return { ok: true, data: { revoked } };
}

/**
 * Autosave of a staff form (lib/drafts): what was typed survives a sign-out for inactivity and
 * is offered back after signing in again. Only the person who typed it can read it back.
 */
export async function saveStaffDraftAction(input: { formKey: string; values: Record<string, unknown> }): Promise<ActionResult<{ savedAt: string }>> {
  return runStaffAction(
    saveDraftSchema,
    input,
    async (actor, { formKey, values }) => ({ ok: true, data: await saveStaffDraft({ actor, formKey, values }) }),
    { subject: 'form' },
  );
}

/** Forgets a draft: the form was saved for real, or the person threw the draft away. */
export async function discardStaffDraftAction(input: { formKey: string }): Promise<ActionResult<{ discarded: true }>> {
  return runStaffAction(
    discardDraftSchema,
    input,
    async (actor, { formKey }) => {
      await discardStaffDraft({ actor, formKey });
      return { ok: true, data: { discarded: true } };
    },
    { subject: 'form' },
  );
}
