'use server';

import { fieldErrorsFrom, type ActionResult } from '@/lib/action';
import { getStaffActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { saveClinicalNotes } from '@/lib/staff/clinical-notes';
import type { ConsultationOutcome, StaffRefusal } from '@/lib/staff/dto';
import { approveRequest, declineRequest } from '@/lib/staff/requests';
import { bookingRefSchema, clinicalNotesSchema, declineRequestSchema } from '@/lib/staff/schemas';

const SIGNED_OUT: ActionResult<never> = { ok: false, code: 'signed_out', formError: 'Your sign-in has ended. Please sign in again.' };
const NOT_FOUND: ActionResult<never> = { ok: false, code: 'not_found', formError: 'This booking could not be found.' };
const FAILED: ActionResult<never> = { ok: false, code: 'failed', formError: 'Something went wrong. Please try again.' };

function refusal(result: StaffRefusal): ActionResult<never> {
  return { ok: false, code: result.reason, formError: result.message, fieldErrors: result.fieldErrors };
}

/** Runs a data-layer call: "not found" (absent or not theirs) and anything unexpected become plain messages. */
async function guarded<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return NOT_FOUND;
    console.error('clinician action failed', err instanceof Error ? err.name : 'unknown');
    return FAILED;
  }
}

export async function approveRequestAction(input: { bookingId: string }): Promise<ActionResult<{ status: 'confirmed' }>> {
  const actor = await getStaffActor();
  if (!actor) return SIGNED_OUT;
  const parsed = bookingRefSchema.safeParse(input);
  if (!parsed.success) return NOT_FOUND;
  return guarded(async () => {
    const result = await approveRequest({ actor, bookingId: parsed.data.bookingId });
    if (!result.ok) return refusal(result);
    return { ok: true, data: { status: result.status } };
  });
}

export async function declineRequestAction(input: { bookingId: string; message: string }): Promise<ActionResult<{ status: 'cancelled' }>> {
  const actor = await getStaffActor();
  if (!actor) return SIGNED_OUT;
  const parsed = declineRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'invalid', fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  return guarded(async () => {
    const result = await declineRequest({ actor, bookingId: parsed.data.bookingId, message: parsed.data.message });
    if (!result.ok) return refusal(result);
    return { ok: true, data: { status: result.status } };
  });
}

export async function saveClinicalNotesAction(input: {
  bookingId: string;
  notes: string;
  outcome?: ConsultationOutcome | null;
}): Promise<ActionResult<{ updatedAt: string; outcome: ConsultationOutcome | null }>> {
  const actor = await getStaffActor();
  if (!actor) return SIGNED_OUT;
  const parsed = clinicalNotesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'invalid', fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  return guarded(async () => {
    const result = await saveClinicalNotes({ actor, ...parsed.data });
    if (!result.ok) return refusal(result);
    return { ok: true, data: { updatedAt: result.updatedAt, outcome: result.outcome } };
  });
}
