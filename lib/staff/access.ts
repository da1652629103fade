import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { bookings, consultationTypes, practices } from '../../db/schema';
import { can, canForClinician, type Permission, type StaffActor } from '../auth/actor';
import { fieldErrorsFrom } from '../action';
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

/** A failed safeParse as a refusal with one message per field. */
export function invalidInput(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): StaffRefusal {
  return { ok: false, reason: 'invalid', message: 'Please check the highlighted fields.', fieldErrors: fieldErrorsFrom(issues) };
}

/** The staff member as the audit log records them (never a token, note or reason). */
export function auditActorOf(actor: StaffActor) {
  return { kind: 'staff' as const, id: actor.userId };
}
