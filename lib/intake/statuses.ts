import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { bookings, consultationTypes, intakes } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { assertStaffCan, isUuid, notFound } from '../staff/access';
import type { IntakeStatus, PublicIntakeStatus } from './types';

/** Where each person's intake of a booking is, in the words the front desk may see. */
export type BookingIntakeStatuses = {
  /** The booker. */
  primary: PublicIntakeStatus;
  /** A couple's partner (their own intake); null for an individual booking. */
  partner: PublicIntakeStatus | null;
};

/** 'reviewed' is the clinician's business: to everyone else it reads as 'sent'. */
export function publicIntakeStatus(status: IntakeStatus | null | undefined): PublicIntakeStatus {
  if (!status) return 'not_started';
  return status === 'reviewed' ? 'sent' : status;
}

/** The most a page may ask for at once (a week's schedule is far fewer). */
export const MAX_STATUS_BOOKINGS = 500;

/**
 * Whether each person of these bookings has started or sent their intake: not started / in
 * progress / sent per holder, nothing more (no answer, score, flag or review). Clinicians and the
 * front desk of the practice ('booking.read_intake_status', practice-wide). A booking whose
 * consultation type asks no questionnaire maps to null. Any id that is not a booking of the actor's
 * practice makes the whole call NOT_FOUND, like a booking page would. Two queries, no decryption.
 */
export async function findIntakeStatuses(params: { actor: StaffActor; bookingIds: readonly string[] }): Promise<Record<string, BookingIntakeStatuses | null>> {
  const { actor } = params;
  assertStaffCan(actor, 'booking.read_intake_status');
  const ids = [...new Set(params.bookingIds)];
  if (ids.length > MAX_STATUS_BOOKINGS || !ids.every(isUuid)) throw notFound();
  if (ids.length === 0) return {};

  const db = await getDb();
  const rows = await db
    .select({ id: bookings.id, audience: consultationTypes.audience, intakeForm: consultationTypes.intakeForm })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .where(and(eq(bookings.practiceId, actor.practiceId), inArray(bookings.id, ids)));
  if (rows.length !== ids.length) throw notFound();
  const states = await db
    .select({ bookingId: intakes.bookingId, holder: intakes.holder, status: intakes.status })
    .from(intakes)
    .where(and(eq(intakes.practiceId, actor.practiceId), inArray(intakes.bookingId, ids)));
  const statusOf = (bookingId: string, holder: 'primary' | 'partner') =>
    publicIntakeStatus(states.find((s) => s.bookingId === bookingId && s.holder === holder)?.status);

  const out: Record<string, BookingIntakeStatuses | null> = {};
  for (const row of rows) {
    out[row.id] = row.intakeForm === null ? null : { primary: statusOf(row.id, 'primary'), partner: row.audience === 'couple' ? statusOf(row.id, 'partner') : null };
  }
  return out;
}
