import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { bookings, clinicians, consultationTypes } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { notifyBookingChange, type Told } from '../messaging/booking-messages';
import { assertStaffCan, auditActorOf, cancelByPractice, invalidInput, withLockedBooking, notFound } from './access';
import type { PendingRequest, StaffCommandResult } from './dto';
import { summaryColumns, toBookingSummary } from './mappers';
import { declineRequestSchema } from './schemas';

/**
 * The requests queue: request-mode bookings waiting for an answer, on the actor's own calendar
 * ('booking.decide_request' is the clinician's own; the front desk has no queue). Oldest time
 * first. A request holds its slot (the exclusion constraint covers 'requested'), so nobody can
 * book over it while it waits. One query.
 */
export async function findPendingRequests(params: { actor: StaffActor; now?: Date }): Promise<PendingRequest[]> {
  const { actor } = params;
  assertStaffCan(actor, 'booking.decide_request');
  if (!actor.clinicianId) throw notFound();
  const now = params.now ?? new Date();
  const db = await getDb();
  const rows = await db
    .select({ ...summaryColumns, createdAt: bookings.createdAt })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(clinicians, eq(clinicians.id, bookings.clinicianId))
    .where(and(eq(bookings.practiceId, actor.practiceId), eq(bookings.clinicianId, actor.clinicianId), eq(bookings.status, 'requested')))
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
  return rows.map((r) => ({
    ...toBookingSummary(r),
    requestedAt: r.createdAt.toISOString(),
    isPast: r.startsAt.getTime() <= now.getTime(),
  }));
}

const ALREADY_DECIDED = 'This request has already been answered. Reload the page to see its status.';

/** Approves a request: requested → confirmed. The slot was held all along, so it cannot clash. */
export async function approveRequest(params: { actor: StaffActor; bookingId: string; now?: Date }): Promise<StaffCommandResult<{ status: 'confirmed'; told: Told }>> {
  const { actor, bookingId } = params;
  const now = params.now ?? new Date();
  return withLockedBooking({ actor, bookingId, permission: 'booking.decide_request' }, async (tx, booking): Promise<StaffCommandResult<{ status: 'confirmed'; told: Told }>> => {
    if (booking.status !== 'requested') return { ok: false, reason: 'already_decided', message: ALREADY_DECIDED };
    if (booking.startsAt.getTime() <= now.getTime()) {
      return { ok: false, reason: 'too_late', message: 'The requested time has passed. Please decline it with a message instead.' };
    }
    await tx
      .update(bookings)
      .set({ status: 'confirmed', updatedAt: now })
      .where(and(eq(bookings.id, booking.id), eq(bookings.status, 'requested')));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'booking.request_approved',
      subjectType: 'booking',
      subjectId: booking.id,
      at: now,
    });
    const told = await notifyBookingChange(tx, { bookingId: booking.id, change: { event: 'approved' }, now });
    return { ok: true, status: 'confirmed', told };
  });
}

/**
 * Declines a request with a message to the client: requested → cancelled by staff, the message
 * kept as the reason (for the client's link and, later, the notification). The slot frees at
 * once (cancelled bookings are outside the exclusion constraint). The message is not audited.
 */
export async function declineRequest(params: {
  actor: StaffActor;
  bookingId: string;
  message: string;
  now?: Date;
}): Promise<StaffCommandResult<{ status: 'cancelled'; told: Told }>> {
  const { actor, bookingId } = params;
  const now = params.now ?? new Date();
  return withLockedBooking({ actor, bookingId, permission: 'booking.decide_request' }, async (tx, booking): Promise<StaffCommandResult<{ status: 'cancelled'; told: Told }>> => {
    const parsed = declineRequestSchema.safeParse({ bookingId, message: params.message });
    if (!parsed.success) return invalidInput(parsed.error.issues);
    if (booking.status !== 'requested') return { ok: false, reason: 'already_decided', message: ALREADY_DECIDED };
    const told = await cancelByPractice(tx, { actor, booking, reason: parsed.data.message, action: 'booking.request_declined', now });
    return { ok: true, status: 'cancelled', told };
  });
}
