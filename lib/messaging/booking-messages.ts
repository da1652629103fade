import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { bookingLinks, bookings, consultationTypes, messages, practices, type NewMessage } from '../../db/schema';
import { env } from '../env';
import { deliveryRetryOptions, enqueueMany, QUEUES } from './enqueue';
import type { ChangedBy, MessageKind, Told } from './kinds';

export type { Told } from './kinds';

/**
 * What happened to a booking, as the messages about it need to know. Every command that changes
 * a booking calls `notifyBookingChange` inside its own transaction, after the change: the message
 * rows and their delivery jobs commit with the change or not at all.
 */
export type BookingChange =
  | { event: 'booked' }
  | { event: 'approved' }
  | { event: 'declined' }
  | { event: 'rescheduled'; by: ChangedBy }
  | { event: 'cancelled'; by: ChangedBy }
  | { event: 'link_issued'; holder: 'primary' | 'partner' };


/** The reminder to finish an intake that is not sent yet goes out this long before the start. */
export const INTAKE_REMINDER_HOURS_BEFORE = 48;

/** Changes a calendar follows: each raises the booking's SEQUENCE (RFC 5546) once. */
const CALENDAR_EVENTS: ReadonlySet<BookingChange['event']> = new Set(['booked', 'approved', 'rescheduled', 'cancelled', 'declined']);

export async function notifyBookingChange(tx: Transaction, params: { bookingId: string; change: BookingChange; now: Date }): Promise<Told> {
  const { bookingId, change, now } = params;
  const bumped = CALENDAR_EVENTS.has(change.event);
  const [booking] = await tx
    .update(bookings)
    .set({ calendarSequence: bumped ? sql`${bookings.calendarSequence} + 1` : sql`${bookings.calendarSequence}` })
    .from(consultationTypes)
    .innerJoin(practices, eq(practices.id, consultationTypes.practiceId))
    .where(and(eq(bookings.id, bookingId), eq(consultationTypes.id, bookings.consultationTypeId), eq(practices.id, bookings.practiceId)))
    .returning({
      practiceEmail: practices.email,
      reminderHoursBefore: practices.reminderHoursBefore,
      id: bookings.id,
      practiceId: bookings.practiceId,
      status: bookings.status,
      startsAt: bookings.startsAt,
      okToEmail: bookings.okToEmail,
      partnerEmail: bookings.partnerEmail,
      calendarSequence: bookings.calendarSequence,
      intakeForm: consultationTypes.intakeForm,
    });
  if (!booking) throw new Error('notifyBookingChange: no such booking');
  const practice = { email: booking.practiceEmail, reminderHoursBefore: booking.reminderHoursBefore };
  const links = await tx
    .select({ id: bookingLinks.id, holder: bookingLinks.holder })
    .from(bookingLinks)
    .where(and(eq(bookingLinks.bookingId, bookingId), isNull(bookingLinks.revokedAt)))
    .orderBy(desc(bookingLinks.createdAt));
  const linkOf = (holder: 'primary' | 'partner') => links.find((l) => l.holder === holder)?.id ?? null;
  const holders: Array<'primary' | 'partner'> = booking.partnerEmail ? ['primary', 'partner'] : ['primary'];
  // A booking is made by its booker; approvals, declines and new links only by staff.
  const changedBy = 'by' in change ? change.by : change.event === 'booked' ? 'primary' : 'staff';

  const rows: NewMessage[] = [];
  const toClients = (kind: MessageKind, only?: 'primary' | 'partner') => {
    for (const holder of only ? [only] : holders) {
      const refused = holder === 'primary' && !booking.okToEmail;
      rows.push({
        practiceId: booking.practiceId,
        bookingId,
        kind,
        recipient: holder,
        linkId: linkOf(holder),
        changedBy,
        state: refused ? 'skipped' : 'queued',
        skipReason: refused ? 'no_email_consent' : null,
        calendarSequence: booking.calendarSequence,
        createdAt: now,
        updatedAt: now,
      });
    }
  };
  const toPractice = (kind: MessageKind) => {
    const none = !practice.email;
    rows.push({
      practiceId: booking.practiceId,
      bookingId,
      kind,
      recipient: 'practice',
      changedBy,
      state: none ? 'skipped' : 'queued',
      skipReason: none ? 'no_practice_address' : null,
      createdAt: now,
      updatedAt: now,
    });
  };

  switch (change.event) {
    case 'booked':
      if (booking.status === 'requested') {
        toClients('request_received');
        toPractice('practice_new_request');
      } else {
        toClients('booking_confirmed');
        toPractice('practice_new_booking');
      }
      break;
    case 'approved':
      toClients('request_approved');
      break;
    case 'declined':
      toClients('request_declined');
      break;
    case 'rescheduled':
      toClients('booking_rescheduled');
      break;
    case 'cancelled':
      toClients('booking_cancelled');
      if (change.by === 'primary' || change.by === 'partner') toPractice('practice_client_cancelled');
      break;
    case 'link_issued':
      toClients('link_issued', change.holder);
      break;
  }

  // Reminders follow the booking: any still waiting are dropped, and a confirmed booking gets
  // one per person for its (new) start. A request gets none until it is approved. So do the
  // reminders to finish the intake (48 hours before, when the type asks for one; skipped at
  // delivery for a person whose intake is sent by then).
  if (change.event !== 'link_issued') {
    if (change.event !== 'booked') {
      // (A booking just made has none yet.)
      await tx
        .update(messages)
        .set({ state: 'skipped', skipReason: 'superseded', updatedAt: now })
        .where(and(eq(messages.bookingId, bookingId), inArray(messages.kind, ['reminder', 'intake_reminder']), inArray(messages.state, ['queued', 'retrying'])));
    }
    const intakeAt = new Date(booking.startsAt.getTime() - INTAKE_REMINDER_HOURS_BEFORE * 3_600_000);
    if (booking.status === 'confirmed' && booking.intakeForm && intakeAt.getTime() > now.getTime()) {
      for (const holder of holders) {
        if (holder === 'primary' && !booking.okToEmail) continue;
        rows.push({
          practiceId: booking.practiceId,
          bookingId,
          kind: 'intake_reminder',
          recipient: holder,
          linkId: linkOf(holder),
          changedBy: 'system',
          state: 'queued',
          sendAfter: intakeAt,
          dedupeKey: `intake-reminder:${bookingId}:${booking.startsAt.toISOString()}:${holder}`,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    const hours = practice.reminderHoursBefore;
    const at = new Date(booking.startsAt.getTime() - hours * 3_600_000);
    if (booking.status === 'confirmed' && hours > 0 && at.getTime() > now.getTime()) {
      for (const holder of holders) {
        const refused = holder === 'primary' && !booking.okToEmail;
        if (refused) continue;
        rows.push({
          practiceId: booking.practiceId,
          bookingId,
          kind: 'reminder',
          recipient: holder,
          linkId: linkOf(holder),
          changedBy: 'system',
          state: 'queued',
          sendAfter: at,
          dedupeKey: `reminder:${bookingId}:${booking.startsAt.toISOString()}:${holder}`,
          calendarSequence: booking.calendarSequence,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
  }

  await enqueueMessages(tx, rows);
  return rows
    .filter((r) => r.kind !== 'reminder' && r.kind !== 'intake_reminder')
    .map((r) => ({ recipient: r.recipient, state: r.state === 'skipped' ? ('skipped' as const) : ('queued' as const), skipReason: r.skipReason ?? null }));
}

/**
 * Writes message rows and a delivery job for each one that is to be sent, in the caller's
 * transaction. A row whose dedupe key exists already (the same reminder written twice) is left out.
 */
export async function enqueueMessages(tx: Transaction, rows: NewMessage[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(messages)
    .values(rows)
    .onConflictDoNothing({ target: messages.dedupeKey })
    .returning({ id: messages.id, state: messages.state, sendAfter: messages.sendAfter });
  const retry = deliveryRetryOptions(env().HAVEN_DELIVERY_RETRY_SECONDS ?? 30);
  await enqueueMany(
    tx,
    QUEUES.deliver,
    inserted.filter((row) => row.state === 'queued').map((row) => ({ data: { messageId: row.id }, ...retry, ...(row.sendAfter ? { startAfter: row.sendAfter } : {}) })),
  );
  return inserted.map((r) => r.id);
}
