import 'server-only';
import { notifyBookingChange, type Told } from '../messaging/booking-messages';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Executor, type Transaction } from '../../db/client';
import { bookings, consultationTypes, practices } from '../../db/schema';
import { can, canForClinician, type Permission, type StaffActor } from '../auth/actor';
import { fieldErrorsFrom } from '../action';
import { recordAudit } from '../audit/record';
import { ACTIVE_STATUSES } from '../bookings/availability';
import { sealCancelText } from '../bookings/cancel-text-crypto';
import { isUuid, notFound } from '../errors';
import type { StaffRefusal } from './dto';

export { isUuid, notFound };

/** The practice-wide gate every lib/staff function passes first (no query when refused). */
export function assertStaffCan(actor: StaffActor | null | undefined, permission: Permission): asserts actor is StaffActor {
  if (!actor || actor.kind !== 'staff' || !isUuid(actor.practiceId) || !can(actor, permission)) throw notFound();
}

/**
 * One booking of the actor's practice for a command, after the permission check for its
 * clinician (own-clinician permissions need the booking's clinician to be the actor). Throws
 * NOT_FOUND for a malformed id, another practice's booking, a missing one or a refusal alike.
 * `forUpdate` locks the row for the rest of the transaction.
 */
export async function loadBookingForStaff(
  db: Executor,
  params: { actor: StaffActor; bookingId: unknown; permission: Permission; forUpdate?: boolean },
) {
  const { actor, bookingId, permission } = params;
  assertStaffCan(actor, permission);
  if (!isUuid(bookingId)) throw notFound();
  const query = db
    .select({
      id: bookings.id,
      clinicianId: bookings.clinicianId,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      rescheduleCount: bookings.rescheduleCount,
      hasPartner: bookings.partnerEmail,
      typeSlug: consultationTypes.slug,
      practiceSlug: practices.slug,
      clientChangeCutoffHours: practices.clientChangeCutoffHours,
    })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(practices, eq(practices.id, bookings.practiceId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.practiceId, actor.practiceId)))
    .limit(1);
  const [row] = await (params.forUpdate ? query.for('update', { of: bookings }) : query);
  if (!row || !canForClinician(actor, permission, row.clinicianId)) throw notFound();
  const { hasPartner, ...rest } = row;
  return { ...rest, hasPartner: hasPartner !== null };
}

export type StaffBookingRow = Awaited<ReturnType<typeof loadBookingForStaff>>;

/**
 * The shape of every staff command on one booking: a transaction that first loads the booking
 * through the gate (loadBookingForStaff: practice, permission, own-clinician scope) and locks
 * its row, then runs `command` with it.
 */
export async function withLockedBooking<R>(
  params: { actor: StaffActor; bookingId: unknown; permission: Permission },
  command: (tx: Transaction, booking: StaffBookingRow) => Promise<R>,
): Promise<R> {
  const db = await getDb();
  return db.transaction(async (tx) => command(tx, await loadBookingForStaff(tx, { ...params, forUpdate: true })));
}

/**
 * Cancels a requested/confirmed booking on behalf of the practice, inside the caller's
 * transaction (row already locked by loadBookingForStaff): status, who, the reason (encrypted for
 * its purpose: a practice's reason or a decline message), and the audit row (`action`; the reason itself is not audited). A staff cancel and a declined request
 * are this same change.
 */
export async function cancelByPractice(
  tx: Transaction,
  params: { actor: StaffActor; booking: StaffBookingRow; reason: string; action: 'booking.cancelled' | 'booking.request_declined'; now: Date },
): Promise<Told> {
  const { actor, booking, now } = params;
  const declined = params.action === 'booking.request_declined';
  await tx
    .update(bookings)
    .set({
      status: 'cancelled',
      cancelledAt: now,
      cancelledBy: 'staff',
      declined,
      cancelTextCiphertext: sealCancelText(declined ? 'declined' : 'practice', booking.id, params.reason),
      updatedAt: now,
    })
    .where(and(eq(bookings.id, booking.id), inArray(bookings.status, [...ACTIVE_STATUSES])));
  await recordAudit(tx, {
    actor: auditActorOf(actor),
    action: params.action,
    subjectType: 'booking',
    subjectId: booking.id,
    detail: params.action === 'booking.cancelled' ? { by: 'staff', from: booking.status } : undefined,
    at: now,
  });
  return notifyBookingChange(tx, { bookingId: booking.id, change: declined ? { event: 'declined' } : { event: 'cancelled', by: 'staff' }, now });
}

/** A failed safeParse as a refusal with one message per field. */
export function invalidInput(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): StaffRefusal {
  return { ok: false, reason: 'invalid', message: 'Please check the highlighted fields.', fieldErrors: fieldErrorsFrom(issues) };
}

/** The staff member as the audit log records them (never a token, note or reason). */
export function auditActorOf(actor: StaffActor) {
  return { kind: 'staff' as const, id: actor.userId };
}
