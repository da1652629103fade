import { and, eq } from 'drizzle-orm';
import { auditEvents, bookings, messages } from '../db/schema';
import { signInTo } from './pages/sign-in';
import { removeBookings, seedBookings } from './support/booking-seed';
import { expect, test } from './support/staff-fixture';

/**
 * What staff see of the messages about a booking (issue 8): the Messages section of a booking's
 * page (what, to whom masked, in what state), "Send again", and the confirmations that say who
 * was told of a change. Delivery itself (SMTP) has its own spec: here the rows are set to the state
 * a delivery would leave them in.
 */

const HOUR = 3_600_000;
/** A message just written: waiting here (no worker sends on this server), or on its way once one does. */
// The e2e servers run a worker that sends to a real SMTP server: a just-written message may be on its way already.
const JUST_WRITTEN = /Waiting to send|Sending|Sent /;

test.describe('messages on a booking', () => {
  test('the desk sees each message and its state, sends one again, and is told who hears of a cancellation', async ({ page, staff, staffDb }) => {
    const desk = await staff({ role: 'front_desk' });
    const seeded = await seedBookings(staffDb, { practiceId: desk.practiceId, starts: [new Date(Date.now() + 3 * 24 * HOUR)] });
    const booking = seeded[0]!;
    const masked = `${booking.clientEmail[0]}•••@example.com`;
    try {
      // A confirmation that went out, and one retrying after a refusal of the mail server.
      const [sent] = await staffDb.db
        .insert(messages)
        .values({ practiceId: desk.practiceId, bookingId: booking.id, kind: 'booking_confirmed', recipient: 'primary', state: 'sent', sentTo: booking.clientEmail, sentAt: new Date(Date.now() - HOUR), createdAt: new Date(Date.now() - 2 * HOUR) })
        .returning({ id: messages.id });
      await staffDb.db.insert(messages).values({
        practiceId: desk.practiceId,
        bookingId: booking.id,
        kind: 'reminder',
        recipient: 'primary',
        state: 'queued',
        sendAfter: new Date(Date.now() + 2 * 24 * HOUR),
        createdAt: new Date(Date.now() - 2 * HOUR),
      });

      await signInTo(page, desk);
      const banner = page.getByTestId('mail-setup-banner');
      await expect(banner).toHaveCount(0); // The e2e servers send to a real SMTP server.

      await page.goto(`/desk/bookings/${booking.id}`);
      const section = page.getByRole('region', { name: 'Messages' });
      const rows = section.getByTestId('message-row');
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(0)).toContainText('Confirmation');
      await expect(rows.nth(0)).toContainText(`To Client · ${masked}`);
      await expect(rows.nth(0).getByTestId('message-state')).toHaveText(/^Sent /);
      await expect(rows.nth(1)).toContainText(/Reminder \(scheduled for .+\)/);
      await expect(rows.nth(1).getByTestId('message-state')).toHaveText('Waiting to send');
      // Never the address in full.
      await expect(section).not.toContainText(booking.clientEmail);

      await rows.nth(0).getByRole('button', { name: 'Send the confirmation again' }).click();
      await expect(section.getByRole('status', { name: 'Sent again' })).toContainText(`Sent again to the client at ${masked} — it should arrive in a minute.`);
      await expect(section.locator('[data-testid="message-row"][data-kind="booking_confirmed"]')).toHaveCount(2);
      await expect(section.locator('[data-testid="message-row"][data-kind="booking_confirmed"]').nth(1).getByTestId('message-state')).toHaveText(JUST_WRITTEN);
      const audited = await staffDb.db
        .select({ detail: auditEvents.detail })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'message.resent'), eq(auditEvents.subjectId, booking.id)));
      expect(audited).toHaveLength(1);
      expect(audited[0]!.detail).toMatchObject({ kind: 'booking_confirmed', recipient: 'primary', resentFrom: sent!.id });

      // Cancelling says who hears of it; the waiting reminder is dropped.
      await page.getByLabel('Reason for cancelling').fill('Client called to cancel');
      await page.getByRole('button', { name: 'Cancel booking' }).click();
      const outcome = page.getByRole('status', { name: 'Booking cancelled' });
      await expect(outcome.getByTestId('who-was-told')).toHaveText('We’re emailing the client.');
      await expect(section.locator('[data-testid="message-row"][data-kind="booking_cancelled"]').getByTestId('message-state')).toHaveText(JUST_WRITTEN);
      await expect(section.locator('[data-testid="message-row"][data-kind="reminder"]')).toContainText('Not sent: superseded by a later change');
      // A confirmation of a cancelled booking is not offered again.
      await expect(section.getByRole('button', { name: 'Send the confirmation again' })).toHaveCount(0);
    } finally {
      await removeBookings(staffDb, seeded);
    }
  });

  test('a client who asked not to be emailed: the desk is told to call, and the new link is for reading out', async ({ page, staff, staffDb }) => {
    const desk = await staff({ role: 'front_desk' });
    const seeded = await seedBookings(staffDb, { practiceId: desk.practiceId, starts: [new Date(Date.now() + 3 * 24 * HOUR)] });
    const booking = seeded[0]!;
    try {
      await staffDb.db.update(bookings).set({ okToEmail: false }).where(eq(bookings.id, booking.id));
      await signInTo(page, desk);
      await page.goto(`/desk/bookings/${booking.id}`);

      await page.getByRole('button', { name: 'Issue a new client link' }).click();
      const issued = page.getByRole('status', { name: 'New private link issued' });
      await expect(issued.getByTestId('who-was-told')).toHaveText('Not emailed: the client asked not to be contacted by email — read it out or send it another way.');
      await expect(page.getByLabel('New private link (client)')).toHaveValue(/\/m\/[A-Za-z0-9_-]{20,}$/);
      const section = page.getByRole('region', { name: 'Messages' });
      await expect(section.locator('[data-testid="message-row"][data-kind="link_issued"]')).toContainText('Not sent: the client asked not to be emailed');

      await page.getByLabel('Reason for cancelling').fill('Practice closed that day');
      await page.getByRole('button', { name: 'Cancel booking' }).click();
      await expect(page.getByRole('status', { name: 'Booking cancelled' }).getByTestId('who-was-told')).toHaveText(
        'Not emailed: the client asked not to be contacted by email — please call them.',
      );
    } finally {
      await removeBookings(staffDb, seeded);
    }
  });
});
