import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, bookings, messages } from '../../db/schema';
import { CLIENT_NOTE, seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { notifyBookingChange } from './booking-messages';
import { findBookingMessages, resendMessage } from './delivery-status';
import { QUEUES } from './queue';

// Tuesday 1 December 2026, 09:00 in New York; the world's bookings start from Thursday 3 December.
const NOW = new Date('2026-12-01T14:00:00Z');
const LATER = new Date('2026-12-01T15:00:00Z');

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

/** A couple's confirmed booking with the messages booking it wrote (client, partner, practice, reminders). */
async function bookedCouple(opts: { okToEmail?: boolean } = {}) {
  const b = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video', clientEmail: `sam-${crypto.randomUUID().slice(0, 6)}@example.com` });
  if (opts.okToEmail === false) await handle.db.update(bookings).set({ okToEmail: false }).where(eq(bookings.id, b.id));
  await handle.db.transaction((tx) => notifyBookingChange(tx, { bookingId: b.id, change: { event: 'booked' }, now: NOW }));
  const rows = await handle.db.select().from(messages).where(eq(messages.bookingId, b.id));
  const of = (kind: string, recipient: string) => rows.find((r) => r.kind === kind && r.recipient === recipient)!;
  return { booking: b, rows, of };
}

async function markSent(id: string, to: string) {
  await handle.db.update(messages).set({ state: 'sent', sentTo: to, sentAt: NOW, attempts: 1 }).where(eq(messages.id, id));
}

async function jobsFor(messageId: string): Promise<number> {
  const r = await handle.db.execute(sql`select count(*)::int as n from pgboss.job where name = ${QUEUES.deliver} and data->>'messageId' = ${messageId}`);
  const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ n: number }>;
  return rows[0]!.n;
}

async function countMessages(bookingId: string) {
  return (await handle.db.select({ id: messages.id }).from(messages).where(eq(messages.bookingId, bookingId))).length;
}

describe(`delivery state and resend on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('lists every message of a booking, masked, with its state, for the front desk and every clinician of the practice', async () => {
    const { booking, of } = await bookedCouple();
    const client = of('booking_confirmed', 'primary');
    await markSent(client.id, 'SAM@example.com'.toLowerCase());
    await handle.db
      .update(messages)
      .set({ state: 'retrying', attempts: 2, lastError: '421 4.7.0 Try again later' })
      .where(eq(messages.id, of('booking_confirmed', 'partner').id));

    for (const who of ['front desk', 'own clinician', 'other clinician'] as const) {
      const view = await findBookingMessages({ actor: world.actors[who], bookingId: booking.id, now: NOW });
      expect(view.canResend).toBe(true);
      const byKey = new Map(view.messages.map((m) => [`${m.kind}:${m.recipient}`, m]));
      expect(byKey.get('booking_confirmed:primary')).toMatchObject({ state: 'sent', maskedAddress: 's•••@example.com', resend: { allowed: true } });
      expect(byKey.get('booking_confirmed:partner')).toMatchObject({ state: 'retrying', attempts: 2, lastError: '421 4.7.0 Try again later', maskedAddress: 'p•••@example.com', resend: { allowed: false } });
      // The practice's own notice: to its address, masked too; never offered again.
      expect(byKey.get('practice_new_booking:practice')).toMatchObject({ state: 'queued', maskedAddress: expect.stringMatching(/^.•••@/), resend: { allowed: false } });
      // Reminders 24 h before, for each of them, waiting.
      expect(byKey.get('reminder:primary')).toMatchObject({ state: 'queued', sendAfter: new Date(booking.startsAt.getTime() - 24 * 3_600_000).toISOString() });
      // Facts only: no address in full, no note, no token.
      const json = JSON.stringify(view);
      expect(json).not.toContain('sam@example.com');
      expect(json).not.toContain(CLIENT_NOTE);
      expect(json).not.toContain(booking.primaryToken);
    }
  });

  it('refuses another practice, and a role without the permission, as not found', async () => {
    const { booking, of } = await bookedCouple();
    await markSent(of('booking_confirmed', 'primary').id, 'x@example.com');
    await expect(findBookingMessages({ actor: world.actors['other practice'], bookingId: booking.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findBookingMessages({ actor: world.actors['front desk'], bookingId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const before = await countMessages(booking.id);
    await expect(resendMessage({ actor: world.actors['other practice'], messageId: of('booking_confirmed', 'primary').id, now: NOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await countMessages(booking.id)).toBe(before);
  });

  it('sends a sent message again: a new row with the live link and its job, audited without content; a second click is refused', async () => {
    const { booking, of } = await bookedCouple();
    const original = of('booking_confirmed', 'partner');
    await handle.db.update(messages).set({ state: 'failed', attempts: 10, lastError: '550 5.1.1 mailbox unavailable' }).where(eq(messages.id, original.id));

    const result = await resendMessage({ actor: world.actors['front desk'], messageId: original.id, now: LATER });
    expect(result).toMatchObject({ ok: true, recipient: 'partner', maskedAddress: 'p•••@example.com' });
    if (!result.ok) return;
    const [copy] = await handle.db.select().from(messages).where(eq(messages.id, result.messageId));
    expect(copy).toMatchObject({ kind: 'booking_confirmed', recipient: 'partner', state: 'queued', linkId: original.linkId, changedBy: 'staff', sendAfter: null });
    expect(await jobsFor(result.messageId)).toBe(1);
    // The original keeps its history.
    expect((await handle.db.select({ state: messages.state }).from(messages).where(eq(messages.id, original.id)))[0]!.state).toBe('failed');

    const [audit] = await handle.db
      .select({ detail: auditEvents.detail, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'message.resent'), eq(auditEvents.subjectId, booking.id)));
    expect(audit).toMatchObject({ actorId: world.actors['front desk'].userId, detail: { kind: 'booking_confirmed', recipient: 'partner', messageId: result.messageId, resentFrom: original.id } });
    expect(JSON.stringify(audit)).not.toContain('@');

    // The list now shows both; a second click while the copy waits is refused and writes nothing.
    const view = await findBookingMessages({ actor: world.actors['own clinician'], bookingId: booking.id, now: NOW });
    expect(view.messages.filter((m) => m.kind === 'booking_confirmed' && m.recipient === 'partner').map((m) => m.state)).toEqual(['failed', 'queued']);
    const before = await countMessages(booking.id);
    expect(await resendMessage({ actor: world.actors['own clinician'], messageId: original.id, now: LATER })).toMatchObject({ ok: false, reason: 'not_resendable', message: 'A copy of this message is already on its way.' });
    expect(await countMessages(booking.id)).toBe(before);
  });

  it('refuses what must not be sent again, writing nothing', async () => {
    const { booking, of } = await bookedCouple();
    // Still waiting: not a resend.
    const waiting = of('booking_confirmed', 'primary');
    expect(await resendMessage({ actor: world.actors['front desk'], messageId: waiting.id, now: NOW })).toMatchObject({ ok: false, reason: 'not_resendable' });
    // The practice's own notice.
    const notice = of('practice_new_booking', 'practice');
    await handle.db.update(messages).set({ state: 'sent' }).where(eq(messages.id, notice.id));
    expect(await resendMessage({ actor: world.actors['front desk'], messageId: notice.id, now: NOW })).toMatchObject({ ok: false, message: 'The practice’s own notices are not sent again.' });
    // A confirmation once the booking is cancelled no longer says what is true.
    await markSent(waiting.id, 'sam@example.com');
    await handle.db.update(bookings).set({ status: 'cancelled', cancelledAt: NOW, cancelledBy: 'staff' }).where(eq(bookings.id, booking.id));
    expect(await resendMessage({ actor: world.actors['front desk'], messageId: waiting.id, now: NOW })).toMatchObject({ ok: false, message: expect.stringContaining('changed since') });
    expect((await findBookingMessages({ actor: world.actors['front desk'], bookingId: booking.id, now: NOW })).messages.find((m) => m.id === waiting.id)?.resend).toEqual({
      allowed: false,
      why: 'The booking has changed since: this message no longer says what is true.',
    });

    // A client who asked not to be emailed: their message was skipped, and an old sent one is not resent either.
    const quiet = await bookedCouple({ okToEmail: false });
    const skipped = quiet.of('booking_confirmed', 'primary');
    expect(skipped).toMatchObject({ state: 'skipped', skipReason: 'no_email_consent' });
    await markSent(skipped.id, 'sam@example.com');
    expect(await resendMessage({ actor: world.actors['front desk'], messageId: skipped.id, now: NOW })).toMatchObject({ ok: false, message: 'The client asked not to be emailed.' });
    const audits = await handle.db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.action, 'message.resent'), eq(auditEvents.subjectId, quiet.booking.id)));
    expect(audits).toHaveLength(0);
  });
});
