import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { bookingLinks, bookings } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { ACTIVE_STATUSES } from '../bookings/availability';
import { newLinkToken } from '../bookings/link-tokens';
import { sealLinkToken } from '../bookings/link-token-seal';
import { notifyBookingChange, type Told } from '../messaging/booking-messages';
import { auditActorOf, cancelByPractice, invalidInput, withLockedBooking } from './access';
import type { LinkHolder, ReissuedLink, StaffCommandResult } from './dto';
import { bookingStatusSchema, reissueLinkSchema, staffCancelSchema, type FinalStatus } from './schemas';

/**
 * Cancels a requested or confirmed booking as staff, with a reason (kept on the booking; not in
 * the audit log). No cutoff applies to staff. The time frees at once; the client's links keep
 * showing the booking, read-only, as cancelled.
 */
export async function cancelAsStaff(params: {
  actor: StaffActor;
  bookingId: string;
  reason: string;
  now?: Date;
}): Promise<StaffCommandResult<{ status: 'cancelled'; told: Told }>> {
  const { actor, bookingId } = params;
  const now = params.now ?? new Date();
  return withLockedBooking({ actor, bookingId, permission: 'booking.cancel' }, async (tx, booking): Promise<StaffCommandResult<{ status: 'cancelled'; told: Told }>> => {
    const parsed = staffCancelSchema.safeParse({ bookingId, reason: params.reason });
    if (!parsed.success) return invalidInput(parsed.error.issues);
    if (booking.status !== 'requested' && booking.status !== 'confirmed') {
      return { ok: false, reason: 'closed', message: 'This consultation is already cancelled or over.' };
    }
    const told = await cancelByPractice(tx, { actor, booking, reason: parsed.data.reason, action: 'booking.cancelled', now });
    return { ok: true, status: 'cancelled', told };
  });
}

/**
 * Marks a consultation completed or a no-show, once its start time has passed. A confirmed
 * booking can be marked, and a mark can be corrected (completed ↔ no-show); a request that was
 * never approved, or a cancelled booking, cannot. Marking the same status again changes nothing.
 */
export async function setBookingStatus(params: {
  actor: StaffActor;
  bookingId: string;
  status: FinalStatus;
  now?: Date;
}): Promise<StaffCommandResult<{ status: FinalStatus }>> {
  const { actor, bookingId } = params;
  const now = params.now ?? new Date();
  return withLockedBooking({ actor, bookingId, permission: 'booking.set_status' }, async (tx, booking): Promise<StaffCommandResult<{ status: FinalStatus }>> => {
    const parsed = bookingStatusSchema.safeParse({ bookingId, status: params.status });
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const status = parsed.data.status;
    if (booking.status === 'cancelled') {
      return { ok: false, reason: 'closed', message: 'This consultation was cancelled, so it cannot be marked completed or no-show.' };
    }
    if (booking.status === 'requested') {
      return { ok: false, reason: 'closed', message: 'This request was never approved. Decline it instead of marking it.' };
    }
    if (booking.startsAt.getTime() > now.getTime()) {
      return {
        ok: false,
        reason: 'too_early',
        message: 'A consultation can be marked completed or no-show only once its start time has passed.',
      };
    }
    if (booking.status === status) return { ok: true, status };
    await tx.update(bookings).set({ status, updatedAt: now }).where(eq(bookings.id, booking.id));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'booking.status_set',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { from: booking.status, to: status },
      at: now,
    });
    return { ok: true, status };
  });
}

/**
 * Issues a new private link for one holder of a booking (the client, or the partner of a
 * couple): every live link of that holder is revoked and the new token is returned ONCE, to be
 * read out or sent. Only its hash is stored; the audit row records the holder and how many links
 * were revoked, never a token.
 */
export async function reissueClientLink(params: {
  actor: StaffActor;
  bookingId: string;
  holder: LinkHolder;
  now?: Date;
}): Promise<StaffCommandResult<ReissuedLink>> {
  const { actor, bookingId } = params;
  const now = params.now ?? new Date();
  return withLockedBooking({ actor, bookingId, permission: 'booking.reissue_link' }, async (tx, booking): Promise<StaffCommandResult<ReissuedLink>> => {
    const parsed = reissueLinkSchema.safeParse({ bookingId, holder: params.holder });
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const holder = parsed.data.holder;
    if (holder === 'partner' && !booking.hasPartner) {
      return { ok: false, reason: 'no_partner', message: 'This booking has no partner to send a link to.' };
    }
    const revoked = await tx
      .update(bookingLinks)
      .set({ revokedAt: now })
      .where(and(eq(bookingLinks.bookingId, booking.id), eq(bookingLinks.holder, holder), isNull(bookingLinks.revokedAt)))
      .returning({ id: bookingLinks.id, timeZone: bookingLinks.timeZone, locale: bookingLinks.locale });
    const token = newLinkToken();
    // The holder's own zone and locale carry over to their new link (their pages and messages keep their clock).
    const timeZone = revoked.find((l) => l.timeZone)?.timeZone ?? null;
    const locale = revoked.find((l) => l.locale)?.locale ?? null;
    await tx.insert(bookingLinks).values({ bookingId: booking.id, holder, timeZone, locale, ...sealLinkToken(token), createdAt: now });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'booking.link_reissued',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { holder, revokedLinks: revoked.length },
      at: now,
    });
    const told = await notifyBookingChange(tx, { bookingId: booking.id, change: { event: 'link_issued', holder }, now });
    return { ok: true, holder, token, path: `/m/${token}`, told };
  });
}
