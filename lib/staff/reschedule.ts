import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Executor } from '../../db/client';
import { bookings } from '../../db/schema';
import { canForClinician, type StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import {
  ACTIVE_STATUSES,
  blockedRangeOf,
  bookableUntil,
  slotSearchRange,
  loadAvailability,
  nearestSlots,
  openSlotsOf,
  type AvailabilityContext,
  type SlotPolicy,
  type SlotRefusal,
  dayAround,
  recheckInTransaction,
  whyNotOpen,
} from '../bookings/availability';
import { changeCutoffOf, clientChangeRefusal } from '../bookings/change-policy';
import { unavailableMessage } from '../bookings/refusals';
import { EXCLUSION_VIOLATION, sqlStateOf } from '../errors';
import { auditActorOf, invalidInput, loadBookingForStaff, notFound, type StaffBookingRow } from './access';
import type { SlotTakenRefusal, StaffCommandResult, StaffRefusal, StaffRescheduleResult, StaffRescheduleSlots } from './dto';
import { staffRescheduleSchema } from './schemas';
import { notifyBookingChange } from '../messaging/booking-messages';

const DAY_MS = 86_400_000;
/** How far either side of a refused time we look for alternatives. */
const ALTERNATIVES_WINDOW_MS = 14 * DAY_MS;

/**
 * Loads the booking for a staff reschedule and applies the rules that do not depend on the new
 * time: the booking must be open, and without `overrideNotice` the client-facing cutoff holds for
 * staff too. `overrideNotice` needs 'booking.reschedule_override' (refused as not found).
 */
async function loadForReschedule(
  db: Executor,
  actor: StaffActor,
  bookingId: string,
  overrideNotice: boolean,
  now: Date,
): Promise<{ booking: StaffBookingRow; refusal: StaffRefusal | null }> {
  const booking = await loadBookingForStaff(db, { actor, bookingId, permission: 'booking.reschedule' });
  if (overrideNotice && !canForClinician(actor, 'booking.reschedule_override', booking.clinicianId)) throw notFound();
  const refusal = clientChangeRefusal(booking, booking.clientChangeCutoffHours, now);
  if (refusal === 'closed') {
    return { booking, refusal: { ok: false, reason: 'closed', message: 'This consultation is cancelled or already over, so it cannot be moved.' } };
  }
  if (refusal === 'too_late' && !overrideNotice) {
    return {
      booking,
      refusal: {
        ok: false,
        reason: 'too_late',
        message: `It's less than ${booking.clientChangeCutoffHours} hours before this consultation. Choose "override notice" to move it anyway.`,
      },
    };
  }
  return { booking, refusal: null };
}

function availabilityFor(db: Executor, booking: StaffBookingRow, from: Date, to: Date): Promise<AvailabilityContext | null> {
  return loadAvailability(db, {
    typeSlug: booking.typeSlug,
    practiceSlug: booking.practiceSlug,
    from,
    to,
    clinicianId: booking.clinicianId,
    excludeBookingId: booking.id,
    includeInactiveType: true,
  });
}

/**
 * The slot picker's times for moving a booking: same type, same clinician, its own time not
 * counted as busy. With `overrideNotice` the type's minimum notice is 0 (never in the past) and
 * the client cutoff does not apply; hours, buffers, caps and the horizon still do.
 */
export async function findRescheduleSlots(params: {
  actor: StaffActor;
  bookingId: string;
  overrideNotice: boolean;
  now?: Date;
}): Promise<StaffCommandResult<StaffRescheduleSlots>> {
  const { actor, bookingId, overrideNotice } = params;
  const now = params.now ?? new Date();
  const db = await getDb();
  const { booking, refusal } = await loadForReschedule(db, actor, bookingId, overrideNotice === true, now);
  if (refusal) return refusal;
  const range = slotSearchRange(now);
  const ctx = await availabilityFor(db, booking, range.from, range.to);
  if (!ctx) throw notFound();
  const policy: SlotPolicy = { ignoreMinNotice: overrideNotice === true };
  return {
    ok: true,
    bookingId: booking.id,
    timeZone: ctx.practice.timeZone,
    type: {
      title: ctx.type.title,
      modality: ctx.type.modality,
      durationMinutes: ctx.type.durationMinutes,
      audience: ctx.type.audience,
      bookingMode: ctx.type.bookingMode,
    },
    overrideNotice: overrideNotice === true,
    rangeStart: now.toISOString(),
    rangeEnd: bookableUntil(ctx, now).toISOString(),
    noticeEndsAt: new Date(now.getTime() + ctx.type.minNoticeMinutes * 60_000).toISOString(),
    clientCutoffAt: changeCutoffOf(booking.startsAt, booking.clientChangeCutoffHours).toISOString(),
    slots: openSlotsOf(ctx, now, policy),
  };
}

/**
 * Moves a booking to a new time as staff, through the same slot engine as clients (same type
 * and clinician). `overrideNotice` ('booking.reschedule_override') ignores the minimum notice and
 * the client-facing cutoff, never other bookings: a time that overlaps one, whether the engine
 * sees it or the exclusion constraint catches a race (23P01), is refused as 'slot_taken' with
 * the nearest free times. Audited ('booking.rescheduled', from/to, whether notice was overridden).
 */
export async function rescheduleAsStaff(params: {
  actor: StaffActor;
  bookingId: string;
  startsAt: string;
  overrideNotice: boolean;
  now?: Date;
}): Promise<StaffRescheduleResult> {
  const { actor, bookingId } = params;
  const now = params.now ?? new Date();
  const db = await getDb();
  const overrideNotice = params.overrideNotice === true;
  const { booking, refusal } = await loadForReschedule(db, actor, bookingId, overrideNotice, now);
  const parsed = staffRescheduleSchema.safeParse({ bookingId, startsAt: params.startsAt, overrideNotice: params.overrideNotice });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  if (refusal) return refusal;

  const start = new Date(parsed.data.startsAt);
  const policy: SlotPolicy = { ignoreMinNotice: overrideNotice };
  const window = { from: new Date(start.getTime() - ALTERNATIVES_WINDOW_MS), to: new Date(start.getTime() + ALTERNATIVES_WINDOW_MS) };
  const ctx = await availabilityFor(db, booking, window.from, window.to);
  if (!ctx) throw notFound();
  const why = whyNotOpen(ctx, booking.clinicianId, start, now, policy);
  if (why) return slotUnavailable(db, booking, ctx, start, now, policy, why, 'checked');

  const { endsAt, blocked } = blockedRangeOf(ctx.type, start);
  try {
    const moved = await db.transaction(async (tx) => {
      const recheck = {
        typeSlug: booking.typeSlug,
        practiceSlug: booking.practiceSlug,
        clinicianId: booking.clinicianId,
        excludeBookingId: booking.id,
        includeInactiveType: true,
        timeZone: ctx.practice.timeZone,
        movingFrom: booking.startsAt,
        ...dayAround(start),
      };
      const stillWhy = await recheckInTransaction(tx, recheck, start, now, policy);
      if (stillWhy) return stillWhy;
      const rows = await tx
        .update(bookings)
        .set({ startsAt: start, endsAt, blocked, rescheduleCount: booking.rescheduleCount + 1, updatedAt: now })
        .where(
          and(
            eq(bookings.id, booking.id),
            eq(bookings.practiceId, actor.practiceId),
            inArray(bookings.status, [...ACTIVE_STATUSES]),
            eq(bookings.startsAt, booking.startsAt),
          ),
        )
        .returning({ id: bookings.id });
      if (rows.length === 0) return false;
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: 'booking.rescheduled',
        subjectType: 'booking',
        subjectId: booking.id,
        detail: { by: 'staff', from: booking.startsAt.toISOString(), to: start.toISOString(), overrideNotice },
        at: now,
      });
      return notifyBookingChange(tx, { bookingId: booking.id, change: { event: 'rescheduled', by: 'staff' }, now });
    });
    // Taken, the day filled, or closed between our check and the write.
    if (typeof moved === 'string') return slotUnavailable(db, booking, ctx, start, now, policy, moved, 'raced');
    if (!moved) return { ok: false, reason: 'closed', message: 'This consultation changed while you were choosing. Please reload the page.' };
    return { ok: true, startsAt: start.toISOString(), endsAt: endsAt.toISOString(), told: moved };
  } catch (err) {
    if (sqlStateOf(err) !== EXCLUSION_VIOLATION) throw err;
    // Someone took the time between our check and the write.
    return slotUnavailable(db, booking, ctx, start, now, policy, 'not_open', 'raced');
  }
}

/**
 * A refused time, said as what happened (lib/bookings/refusals), with the nearest free times from
 * a fresh read of busy time; beyond the horizon the nearest are the latest bookable ones.
 */
async function slotUnavailable(
  db: Executor,
  booking: StaffBookingRow,
  ctx: AvailabilityContext,
  start: Date,
  now: Date,
  policy: SlotPolicy,
  why: SlotRefusal,
  when: 'checked' | 'raced',
): Promise<SlotTakenRefusal> {
  const target = why === 'too_far' ? new Date(now.getTime() + ctx.type.horizonDays * DAY_MS - 1) : start;
  const fresh = await availabilityFor(db, booking, new Date(target.getTime() - ALTERNATIVES_WINDOW_MS), new Date(target.getTime() + ALTERNATIVES_WINDOW_MS));
  const limits = policy.ignoreMinNotice ? { ...ctx.type, minNoticeMinutes: 0 } : ctx.type;
  return { ok: false, reason: 'slot_taken', why, message: unavailableMessage(why, limits, when), alternatives: fresh ? nearestSlots(fresh, target, now, 6, policy) : [] };
}
