import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { getDb, type Executor } from '../../db/client';
import { bookingLinks, bookings, messages, practices } from '../../db/schema';
import { can, canForClinician, type StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { isUuid, notFound } from '../errors';
import { enqueueMessages } from './booking-messages';
import type { MessageKind, MessageRecipient, MessageState } from './kinds';
import { maskEmail } from './mask';

/**
 * What became of the messages about one booking, for its staff page — and sending one again.
 * Delivery state is contact logistics, not clinical: the front desk and every clinician of the
 * practice may see it ('booking.read_contact') and resend ('booking.resend_message'). Rows are
 * allow-listed columns of `messages` (ids and facts; the table holds no content) and addresses are
 * masked; nothing here renders a message.
 */

export type DeliveryMessage = {
  id: string;
  kind: MessageKind;
  recipient: MessageRecipient;
  /** The address it went (or goes) to, masked ("s•••@example.com"); null when there is none. */
  maskedAddress: string | null;
  state: MessageState;
  skipReason: string | null;
  attempts: number;
  /** The mail server's last answer (it carries no content of ours). */
  lastError: string | null;
  /** Reminders: not before this instant (ISO). */
  sendAfter: string | null;
  sentAt: string | null;
  createdAt: string;
  /** Whether "Send again" is offered, and if not, why (null: not a state that is resent). */
  resend: { allowed: true } | { allowed: false; why: string | null };
};

export type BookingDelivery = { bookingId: string; messages: DeliveryMessage[]; canResend: boolean };

export type ResendResult =
  | { ok: true; messageId: string; recipient: MessageRecipient; maskedAddress: string }
  | { ok: false; reason: 'not_resendable'; message: string };

type BookingFacts = {
  status: string;
  startsAt: Date;
  okToEmail: boolean;
  clientEmail: string;
  partnerEmail: string | null;
  practiceEmail: string;
};

/** A client message still matches the booking only while the booking is in the state it reports. */
const STATUS_FOR_KIND: Partial<Record<MessageKind, readonly string[]>> = {
  booking_confirmed: ['confirmed'],
  request_approved: ['confirmed'],
  booking_rescheduled: ['confirmed', 'requested'],
  reminder: ['confirmed'],
  request_received: ['requested'],
  booking_cancelled: ['cancelled'],
  request_declined: ['cancelled'],
  link_issued: ['requested', 'confirmed', 'cancelled', 'completed', 'no_show'],
};

/**
 * Why a message may not be sent again (null: it may). Only a sent or failed one; never the
 * practice's own notices (the booking page shows the same); never to a client who asked not to be
 * emailed; and only while the message still says what is true of the booking.
 */
function resendRefusal(m: { kind: MessageKind; recipient: MessageRecipient; state: MessageState }, b: BookingFacts, now: Date): string | null {
  if (m.state !== 'sent' && m.state !== 'failed') return null;
  if (m.recipient === 'practice') return 'The practice’s own notices are not sent again.';
  if (m.recipient === 'primary' && !b.okToEmail) return 'The client asked not to be emailed.';
  if (m.recipient === 'partner' && !b.partnerEmail) return 'There is no email address for the partner.';
  const statuses = STATUS_FOR_KIND[m.kind];
  if (!statuses || !statuses.includes(b.status)) return 'The booking has changed since: this message no longer says what is true.';
  if (m.kind === 'reminder' && b.startsAt.getTime() <= now.getTime()) return 'The consultation has begun: a reminder is not sent again.';
  return null;
}

function addressOf(recipient: MessageRecipient, b: BookingFacts): string | null {
  if (recipient === 'practice') return b.practiceEmail || null;
  return recipient === 'partner' ? b.partnerEmail : b.clientEmail;
}

/** Loads the booking (actor's practice, permission for its clinician) or throws NOT_FOUND. */
async function bookingOf(db: Executor, actor: StaffActor, bookingId: string, permission: 'booking.read_contact' | 'booking.resend_message', forUpdate = false) {
  const query = db
    .select({
      id: bookings.id,
      clinicianId: bookings.clinicianId,
      status: bookings.status,
      startsAt: bookings.startsAt,
      okToEmail: bookings.okToEmail,
      clientEmail: bookings.clientEmail,
      partnerEmail: bookings.partnerEmail,
      calendarSequence: bookings.calendarSequence,
      practiceEmail: practices.email,
    })
    .from(bookings)
    .innerJoin(practices, eq(practices.id, bookings.practiceId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.practiceId, actor.practiceId)))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: bookings }) : query);
  if (!row || !canForClinician(actor, permission, row.clinicianId)) throw notFound();
  return row;
}

function assertStaff(actor: StaffActor | null | undefined, permission: 'booking.read_contact' | 'booking.resend_message'): asserts actor is StaffActor {
  if (!actor || actor.kind !== 'staff' || !isUuid(actor.practiceId) || !can(actor, permission)) throw notFound();
}

/** Every message about a booking, oldest first, with its state in facts (the page words them). */
export async function findBookingMessages(params: { actor: StaffActor; bookingId: string; now?: Date }): Promise<BookingDelivery> {
  const { actor, bookingId } = params;
  assertStaff(actor, 'booking.read_contact');
  if (!isUuid(bookingId)) throw notFound();
  const now = params.now ?? new Date();
  const db = await getDb();
  const booking = await bookingOf(db, actor, bookingId, 'booking.read_contact');
  const rows = await db
    .select({
      id: messages.id,
      kind: messages.kind,
      recipient: messages.recipient,
      state: messages.state,
      skipReason: messages.skipReason,
      attempts: messages.attempts,
      lastError: messages.lastError,
      sentTo: messages.sentTo,
      sendAfter: messages.sendAfter,
      sentAt: messages.sentAt,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(and(eq(messages.bookingId, bookingId), eq(messages.practiceId, actor.practiceId)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const canResend = canForClinician(actor, 'booking.resend_message', booking.clinicianId);
  return {
    bookingId,
    canResend,
    messages: rows.map((r) => {
      const address = r.sentTo ?? addressOf(r.recipient, booking);
      const why = resendRefusal(r, booking, now);
      const resendable = (r.state === 'sent' || r.state === 'failed') && why === null && canResend;
      return {
        id: r.id,
        kind: r.kind,
        recipient: r.recipient,
        maskedAddress: address ? maskEmail(address) : null,
        state: r.state,
        skipReason: r.skipReason,
        attempts: r.attempts,
        lastError: r.lastError,
        sendAfter: r.sendAfter?.toISOString() ?? null,
        sentAt: r.sentAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        resend: resendable ? { allowed: true as const } : { allowed: false as const, why: canResend ? why : null },
      };
    }),
  };
}

/**
 * Sends a message about a booking again: a NEW message row of the same kind to the same person,
 * carrying that person's live private link, and its delivery job — in one transaction with the
 * audit row ('message.resent': kind and recipient, no content). The original row keeps its history.
 * Refused (nothing written) for a message that is not sent or failed, the practice's own notices,
 * a client who asked not to be emailed, a message the booking has moved past, or when a copy of it
 * is already on its way.
 */
export async function resendMessage(params: { actor: StaffActor; messageId: string; now?: Date }): Promise<ResendResult> {
  const { actor, messageId } = params;
  assertStaff(actor, 'booking.resend_message');
  if (!isUuid(messageId)) throw notFound();
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx): Promise<ResendResult> => {
    const [original] = await tx
      .select({ id: messages.id, bookingId: messages.bookingId, kind: messages.kind, recipient: messages.recipient, state: messages.state })
      .from(messages)
      .where(and(eq(messages.id, messageId), eq(messages.practiceId, actor.practiceId)))
      .limit(1);
    if (!original || !original.bookingId) throw notFound();
    const booking = await bookingOf(tx, actor, original.bookingId, 'booking.resend_message', true);
    const refuse = (message: string): ResendResult => ({ ok: false, reason: 'not_resendable', message });
    if (original.state !== 'sent' && original.state !== 'failed') return refuse('Only a message that was sent, or that failed, can be sent again.');
    const why = resendRefusal(original, booking, now);
    if (why) return refuse(why);
    const recipient = original.recipient as 'primary' | 'partner';
    const address = addressOf(recipient, booking);
    if (!address) return refuse('There is no email address to send it to.');

    // A copy already waiting or being sent (a second click, a colleague): not another one.
    const [onItsWay] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.bookingId, booking.id),
          eq(messages.kind, original.kind),
          eq(messages.recipient, recipient),
          inArray(messages.state, ['queued', 'sending', 'retrying']),
          isNull(messages.sendAfter),
          gt(messages.createdAt, new Date(now.getTime() - 10 * 60_000)),
        ),
      )
      .limit(1);
    if (onItsWay) return refuse('A copy of this message is already on its way.');

    const [link] = await tx
      .select({ id: bookingLinks.id })
      .from(bookingLinks)
      .where(and(eq(bookingLinks.bookingId, booking.id), eq(bookingLinks.holder, recipient), isNull(bookingLinks.revokedAt)))
      .orderBy(desc(bookingLinks.createdAt))
      .limit(1);
    if (!link) return refuse('This person has no live private link: issue a new one instead.');

    const [id] = await enqueueMessages(tx, [
      {
        practiceId: actor.practiceId,
        bookingId: booking.id,
        kind: original.kind,
        recipient,
        linkId: link.id,
        changedBy: 'staff',
        state: 'queued',
        calendarSequence: booking.calendarSequence,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (!id) throw new Error('resendMessage: the message row was not written.');
    await recordAudit(tx, {
      actor: { kind: 'staff', id: actor.userId },
      action: 'message.resent',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { kind: original.kind, recipient, messageId: id, resentFrom: original.id },
      at: now,
    });
    return { ok: true, messageId: id, recipient, maskedAddress: maskEmail(address) };
  });
}
