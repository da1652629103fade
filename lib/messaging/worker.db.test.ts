import { and, eq, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { devMailbox, messages } from '../../db/schema';
import { bookingInput, type TestPractice, withTestPractice } from '../../tests/support/practice-fixture';
import ICAL from 'ical.js';
import { bookConsultation, cancelBooking } from '../bookings/commands';
import { startWorker } from './worker';
import { waitFor } from '../../tests/support/db-helpers';

/*
 * The worker end to end on each driver, through the development mailbox (no SMTP_URL in tests):
 * a couple's booking owes three messages (each partner, the practice); the worker sends each once.
 */

// Tuesday 1 December 2026, 09:00 in New York.
const NOW = new Date('2026-12-01T14:00:00Z');

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});


/** The invitations delivered for a booking, parsed with a real iCalendar parser. */
async function mailboxFor(bookingId: string) {
  const rows = await handle.db
    .select({ calendar: devMailbox.calendar })
    .from(devMailbox)
    .innerJoin(messages, eq(messages.id, devMailbox.messageId))
    .where(eq(messages.bookingId, bookingId));
  return rows
    .filter((r) => r.calendar)
    .map((r) => {
      const vcalendar = new ICAL.Component(ICAL.parse(r.calendar!));
      const vevent = vcalendar.getFirstSubcomponent('vevent')!;
      return {
        method: vcalendar.getFirstPropertyValue('method'),
        uid: vevent.getFirstPropertyValue('uid'),
        sequence: vevent.getFirstPropertyValue('sequence'),
        status: vevent.getFirstPropertyValue('status'),
      };
    });
}

describe(`the queue's worker on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('delivers every message a booking owes, once each', async () => {
    const booked = await bookConsultation({
      input: bookingInput({ typeSlug: 'couple-video', startsAt: '2026-12-03T15:00:00.000Z', clinicianId: fx.clinician.id, partnerName: 'Sam Partner', partnerEmail: 'sam@example.com' }),
      requester: { ip: '192.0.2.50' },
      practiceSlug: fx.practice.slug,
      locale: 'en-GB',
      now: NOW,
    });
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;
    const owed = await handle.db.select().from(messages).where(eq(messages.bookingId, booked.bookingId));
    expect(owed.map((m) => `${m.kind}→${m.recipient}`).sort()).toEqual([
      'booking_confirmed→partner',
      'booking_confirmed→primary',
      'practice_new_booking→practice',
      'reminder→partner',
      'reminder→primary',
    ]);
    // Reminders wait for 24 hours before the start (a fixed instant; the queue holds them until then).
    for (const r of owed.filter((m) => m.kind === 'reminder')) expect(r.sendAfter?.toISOString()).toBe('2026-12-02T15:00:00.000Z');

    const worker = await startWorker(handle, { pollingIntervalSeconds: 0.5 });
    try {
      const rows = await waitFor(
        () =>
          handle.db
            .select({ state: messages.state, sentTo: messages.sentTo })
            .from(messages)
            .where(and(eq(messages.bookingId, booked.bookingId), ne(messages.kind, 'reminder'))),
        (r) => r.filter((m) => m.state === 'sent').length === 3,
      );
      expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
      const ours = await handle.db
        .select({ to: devMailbox.toAddress, subject: devMailbox.subject, text: devMailbox.textBody })
        .from(devMailbox)
        .innerJoin(messages, eq(messages.id, devMailbox.messageId))
        .where(eq(messages.bookingId, booked.bookingId));
      expect(ours).toHaveLength(3);
      const partnerMail = ours.find((m) => m.to === 'sam@example.com')!;
      expect(partnerMail.text).toMatch(/\/m\/[A-Za-z0-9_-]{43}/);
      expect(partnerMail.text).not.toContain(booked.primaryToken);
      // In the booker's locale (a 24-hour clock) and zone (Berlin: 15:00 UTC is 16:00 there).
      expect(partnerMail.text).toContain('16:00');
      expect(partnerMail.text).not.toMatch(/\bPM\b/);

      // Each partner's confirmation carries an invitation (REQUEST, the booking's UID, SEQUENCE 1);
      // the practice's notice carries none.
      const invitations = await mailboxFor(booked.bookingId);
      expect(invitations.map((i) => i.method).sort()).toEqual(['REQUEST', 'REQUEST']);
      for (const i of invitations) expect(i).toMatchObject({ uid: `${booked.bookingId}@haven`, sequence: 1, status: 'CONFIRMED' });

      // Cancelled from the booker's link: both get a CANCEL with a higher SEQUENCE, and the practice is told.
      expect(await cancelBooking({ actor: { kind: 'link', token: booked.primaryToken }, input: { reason: 'Something came up' }, now: NOW })).toEqual({ ok: true });
      const after = await waitFor(() => mailboxFor(booked.bookingId), (r) => r.length === 4);
      expect(after.filter((i) => i.method === 'CANCEL')).toEqual([
        expect.objectContaining({ uid: `${booked.bookingId}@haven`, sequence: 2, status: 'CANCELLED' }),
        expect.objectContaining({ uid: `${booked.bookingId}@haven`, sequence: 2, status: 'CANCELLED' }),
      ]);
      const notices = await waitFor(
        () => handle.db.select({ state: messages.state }).from(messages).where(and(eq(messages.bookingId, booked.bookingId), eq(messages.kind, 'practice_client_cancelled'))),
        (r) => r[0]?.state === 'sent',
      );
      expect(notices).toEqual([{ state: 'sent' }]);
      const reminders = await handle.db.select({ state: messages.state, skipReason: messages.skipReason }).from(messages).where(and(eq(messages.bookingId, booked.bookingId), eq(messages.kind, 'reminder')));
      expect(reminders).toEqual([
        { state: 'skipped', skipReason: 'superseded' },
        { state: 'skipped', skipReason: 'superseded' },
      ]);
    } finally {
      await worker.stop();
    }
  });
});
