import crypto from 'node:crypto';
import { signInTo } from './pages/sign-in';
import { BookingSeed } from './support/booking-seed';
import { expect, test as base, type StaffAccount } from './support/staff-fixture';

/**
 * The clinician's day (issue 3): the schedule, the requests queue, and a consultation's private
 * notes. Each test gets a practice, a clinician (with two-step sign-in) and a requested booking of
 * its own, straight in the database; the booking goes before the fixture removes the practice.
 */

type RequestedBooking = { id: string; clientName: string };

const test = base.extend<{ clinicianWithRequest: { clinician: StaffAccount; booking: RequestedBooking } }>({
  clinicianWithRequest: async ({ staff, staffDb }, use) => {
    const clinician = await staff({ role: 'clinician' });
    // The clinician's own, for a by-request type.
    const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId, type: { title: 'First consultation', bookingMode: 'request' } });
    // Three days ahead at 15:00 UTC (10:00 or 11:00 in New York): inside the week, in the future.
    const startsAt = new Date();
    startsAt.setUTCDate(startsAt.getUTCDate() + 3);
    startsAt.setUTCHours(15, 0, 0, 0);
    const booking = await seed.add(startsAt, {
      status: 'requested',
      clientName: `Alex Requester ${seed.tag}`,
      clientTimeZone: 'America/New_York',
      preferredChannel: 'email',
    });
    await use({ clinician, booking });
    await seed.remove();
  },
});

test('a clinician approves a request, then writes a private note that survives a reload', async ({ page, clinicianWithRequest }) => {
  const { clinician, booking } = clinicianWithRequest;
  await signInTo(page, clinician);
  await expect(page.getByRole('heading', { level: 1, name: 'Today & week' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Today, / })).toBeVisible();

  // The request is on the week and counted; the count leads to the queue.
  await expect(page.getByRole('link', { name: booking.clientName })).toBeVisible();
  await page.getByRole('link', { name: '1 request is waiting for your answer' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/clinician/requests');

  const request = page.getByRole('listitem', { name: `Request from ${booking.clientName}` });
  await request.getByRole('button', { name: 'Approve' }).click();
  await expect(request.getByRole('status', { name: 'Request' })).toContainText(`Approved: ${booking.clientName}'s consultation is confirmed. We’re emailing the client.`);
  await expect(request.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  await request.getByRole('link', { name: booking.clientName }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/clinician/bookings/${booking.id}`);
  await expect(page.getByRole('heading', { level: 1, name: booking.clientName })).toBeVisible();
  await expect(page.getByTestId('booking-status')).toHaveText('Confirmed');

  const note = `Seemed anxious about starting; follow up on sleep. ${crypto.randomBytes(3).toString('hex')}`;
  const notes = page.getByLabel('Private notes');
  await notes.fill(note);
  await page.getByRole('button', { name: 'Save notes' }).click();
  await expect(page.getByRole('status', { name: 'Notes saved' })).toContainText('Saved.');

  await page.reload();
  await expect(page.getByLabel('Private notes')).toHaveValue(note);

  // Answered: the queue is empty now.
  await page.goto('/clinician/requests');
  await expect(page.getByTestId('no-requests')).toBeVisible();
});

test('a clinician declines a request with a message; an empty message is refused first', async ({ page, clinicianWithRequest }) => {
  const { clinician, booking } = clinicianWithRequest;
  await signInTo(page, clinician, '/clinician/requests');

  const request = page.getByRole('listitem', { name: `Request from ${booking.clientName}` });
  await request.getByRole('button', { name: 'Decline…' }).click();
  const message = request.getByLabel('Message to the client');
  await expect(message).toBeFocused();
  await request.getByRole('button', { name: 'Send and decline' }).click();
  await expect(message).toHaveAttribute('aria-invalid', 'true');
  await expect(request.getByText('Please write a short message to the client.')).toBeVisible();

  await message.fill('I am not taking new clients this month; please try again in March.');
  await request.getByRole('button', { name: 'Send and decline' }).click();
  await expect(request.getByRole('status', { name: 'Request' })).toContainText(`Declined: ${booking.clientName} will see your message. We’re emailing the client.`);

  await page.goto(`/clinician/bookings/${booking.id}`);
  await expect(page.getByTestId('booking-status')).toHaveText('Cancelled');
  // The messages about it, on the clinician's page too: the request received, approved, declined.
  await expect(page.getByRole('region', { name: 'Messages' }).locator('[data-kind="request_declined"]')).toContainText(/Waiting to send|Sending|Sent /);
});

test('the front desk cannot open a consultation page (it reads as not found)', async ({ page, staff, clinicianWithRequest }) => {
  const desk = await staff({ role: 'front_desk' });
  await signInTo(page, desk);
  const response = await page.goto(`/clinician/bookings/${clinicianWithRequest.booking.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByLabel('Private notes')).toHaveCount(0);
});
