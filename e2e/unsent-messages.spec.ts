import { SignInPage } from './pages/sign-in';
import { removeBookings, seedBookings, type SeededBooking } from './support/booking-seed';
import { expect, test } from './support/staff-fixture';

/**
 * Short messages to clients are staff work too: a decline message and a cancellation reason,
 * typed but not sent when the sign-in ends for inactivity, are back after signing in again
 * (kept as the person's encrypted draft on the server; see staff-drafts.spec.ts for notes).
 */

const DAY = 86_400_000;
let seeded: SeededBooking[] = [];

test.afterEach(async ({ staffDb }) => {
  await removeBookings(staffDb, seeded);
  seeded = [];
});

test('a decline message typed before an idle sign-out is back on the requests page', async ({ page, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  seeded = await seedBookings(staffDb, { practiceId: clinician.practiceId, starts: [new Date(Date.now() + 5 * DAY)], status: 'requested' });
  const signIn = new SignInPage(page);
  await signIn.goto({ callbackUrl: '/clinician/requests' });
  await signIn.signIn(clinician);
  const request = page.getByRole('listitem', { name: `Request from ${seeded[0]!.clientName}` });
  await request.getByRole('button', { name: 'Decline…' }).click();
  const message = request.getByLabel('Message to the client');
  await message.fill('I’m sorry — I can’t offer this time. Please call the office to find another.');
  await expect(request.getByText('Unsaved changes are kept as a draft.')).toBeVisible();

  expect(await staffDb.idleSessions(clinician.id, 16)).toBe(1);
  await page.reload();
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('reason') === 'idle');
  await signIn.signIn(clinician);
  await expect(page).toHaveURL((url) => url.pathname === '/clinician/requests');
  await expect(message).toHaveValue('I’m sorry — I can’t offer this time. Please call the office to find another.');
  await expect(request.getByTestId('decline-draft-restored')).toBeVisible();

  await request.getByRole('button', { name: 'Send and decline' }).click();
  await expect(request.getByRole('status', { name: 'Request' })).toContainText('Declined');
  await page.reload();
  await expect(page.getByTestId('no-requests')).toBeVisible();
});

test('a cancellation reason typed before an idle sign-out is back on the booking page', async ({ page, staff, staffDb }) => {
  const desk = await staff({ role: 'front_desk' });
  seeded = await seedBookings(staffDb, { practiceId: desk.practiceId, starts: [new Date(Date.now() + 4 * DAY)] });
  const path = `/desk/bookings/${seeded[0]!.id}`;
  const signIn = new SignInPage(page);
  await signIn.goto({ callbackUrl: path });
  await signIn.signIn(desk);
  await expect(page).toHaveURL((url) => url.pathname === path);
  const reason = page.getByLabel('Reason for cancelling');
  await reason.fill('Client called: moving away, will rebook later.');
  await expect(page.getByText('Unsaved changes are kept as a draft.')).toBeVisible();

  expect(await staffDb.idleSessions(desk.id, 16)).toBe(1);
  await page.reload();
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
  await signIn.signIn(desk);
  await expect(page).toHaveURL((url) => url.pathname === path);
  await expect(reason).toHaveValue('Client called: moving away, will rebook later.');
  await expect(page.getByTestId('cancel-draft-restored')).toBeVisible();

  await page.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(page.getByRole('status', { name: 'Booking cancelled' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Reason for cancelling')).toHaveCount(0);
});
