'use server';

import type { ActionResult } from '@/lib/action';
import type { Told } from '@/lib/messaging/kinds';
import { saveClinicalNotes } from '@/lib/staff/clinical-notes';
import type { ConsultationOutcome } from '@/lib/staff/dto';
import { approveRequest, declineRequest } from '@/lib/staff/requests';
import { bookingRefSchema, clinicalNotesSchema, declineRequestSchema } from '@/lib/staff/schemas';
import { refusal, runStaffAction } from '../_lib/staff-action';

export async function approveRequestAction(input: { bookingId: string }): Promise<ActionResult<{ status: 'confirmed'; told: Told }>> {
  return runStaffAction(
    bookingRefSchema,
    input,
    async (actor, { bookingId }) => {
      const result = await approveRequest({ actor, bookingId });
      return result.ok ? { ok: true, data: { status: result.status, told: result.told } } : refusal(result);
    },
    { invalidInput: 'not_found' },
  );
}

export async function declineRequestAction(input: { bookingId: string; message: string }): Promise<ActionResult<{ status: 'cancelled'; told: Told }>> {
  return runStaffAction(declineRequestSchema, input, async (actor, { bookingId, message }) => {
    const result = await declineRequest({ actor, bookingId, message });
    return result.ok ? { ok: true, data: { status: result.status, told: result.told } } : refusal(result);
  });
}

export async function saveClinicalNotesAction(input: {
  bookingId: string;
  notes: string;
  outcome?: ConsultationOutcome | null;
  version: number;
}): Promise<ActionResult<{ updatedAt: string; outcome: ConsultationOutcome | null; version: number }>> {
  // A stale save's refusal carries the saved record (SavedClinicalRecord) as `data`.
  return runStaffAction(clinicalNotesSchema, input, async (actor, data) => {
    const result = await saveClinicalNotes({ actor, ...data });
    return result.ok ? { ok: true, data: { updatedAt: result.updatedAt, outcome: result.outcome, version: result.version } } : refusal(result);
  });
}
