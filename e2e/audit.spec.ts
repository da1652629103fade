import * as schema from '../db/schema';
import { signInTo } from './pages/sign-in';
import { expectAccessible } from './support/axe';
import { BookingSeed } from './support/booking-seed';
import { expect, test as base, type StaffAccount } from './support/staff-fixture';

/**
 * The audit log (issue 3) and the end of a consultation: a clinician's view of a consultation
 * record shows up in the log under their name (by reference, never with client details); the
 * front desk cannot open the log; a past consultation can be marked completed and given an
 * outcome, and both stay after a reload. Each test has its own practice, clinician and booking.
 */

type PastBooking = { id: string; clientName: string; reference: string };

const test = base.extend<{ clinicianWithPastBooking: { clinician: StaffAccount; booking: PastBooking } }>({
  clinicianWithPastBooking: async ({ staff, staffDb }, use) => {
    const clinician = await staff({ role: 'clinician' });
    const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId });
    // Started two hours ago and confirmed: it can be marked and given an outcome now.
    const startsAt = new Date(Date.now() - 2 * 3_600_000);
    startsAt.setUTCSeconds(0, 0);
    const { id, clientName } = await seed.add(startsAt, {
      clientName: `Jordan Past ${seed.tag}`,
      clientTimeZone: 'America/New_York',
      preferredChannel: 'email',
    });
    await use({ clinician, booking: { id, clientName, reference: id.slice(0, 8).toUpperCase() } });
    await seed.remove();
  },
});

test('a clinician opens a consultation, then finds that view in the audit log under their name', async ({ page, clinicianWithPastBooking }) => {
  const { clinician, booking } = clinicianWithPastBooking;
  await signInTo(page, clinician, `/clinician/bookings/${booking.id}`);
  await expect(page.getByRole('heading', { level: 1, name: booking.clientName })).toBeVisible();

  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/clinician/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByText("Times are in the practice's time zone (America/New_York)")).toBeVisible();

  const rows = page.getByTestId('audit-row');
  const viewed = rows.filter({ hasText: 'Opened the consultation record' });
  await expect(viewed).toHaveCount(1);
  await expect(viewed.getByRole('cell').nth(1)).toHaveText(clinician.displayName);
  await expect(viewed.getByRole('cell').nth(3)).toHaveText(`Booking ${booking.reference}`);
  // The sign-in is there too, and nothing about the client is: the record is a reference only.
  await expect(rows.filter({ hasText: 'Signed in' }).first()).toContainText(clinician.displayName);
  await expect(page.getByText(booking.clientName)).toHaveCount(0);

  // Filtering by kind keeps only the record views (a plain GET form: the filter is in the address).
  await page.getByLabel('Kind of entry').selectOption({ label: 'Opened a consultation record' });
  await page.getByRole('button', { name: 'Show entries' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('kind') === 'booking.clinical_viewed');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Booking ${booking.reference}`);

  // A day with nothing in it says so calmly.
  await page.goto('/clinician/audit?from=2020-01-01&to=2020-01-02');
  await expect(page.getByTestId('audit-empty')).toContainText('No entries match these filters.');
});

test('the audit log pages back with "Older entries" and forward to the newest, and is accessible', async ({
  page,
  staffDb,
  clinicianWithPastBooking,
}) => {
  const { clinician, booking } = clinicianWithPastBooking;
  // Sixty record views from last week: more than one page (50), all older than the sign-in below.
  const lastWeek = Date.now() - 7 * 86_400_000;
  await staffDb.db.insert(schema.auditEvents).values(
    Array.from({ length: 60 }, (_, i) => ({
      actorKind: 'staff' as const,
      actorId: clinician.id,
      action: 'booking.clinical_viewed',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { clientNote: false, clinicianNotes: false },
      occurredAt: new Date(lastWeek + i * 60_000),
    })),
  );
  await signInTo(page, clinician, '/clinician/audit');
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('Signed in');
  await expectAccessible(page, 'the audit log');

  await page.getByRole('link', { name: 'Older entries' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.has('cursor'));
  // The rest: the 60 views and the account's own set-up and sign-in entries, less the first 50.
  await expect(rows.first()).toContainText('Opened the consultation record');
  const second = await rows.count();
  expect(second).toBeGreaterThanOrEqual(10);
  expect(second).toBeLessThan(50);
  await expect(page.getByText('These are the oldest entries.')).toBeVisible();
  await page.getByRole('link', { name: 'Newest entries' }).click();
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('Signed in');

  // An edited page link is explained, with a way back.
  await page.goto('/clinician/audit?cursor=not-a-real-cursor');
  await expect(page.getByRole('status', { name: "This page of the log couldn't be shown" })).toBeVisible();
  await page.getByRole('link', { name: 'Show the newest entries' }).click();
  await expect(rows).toHaveCount(50);
});

test('the front desk cannot open the audit log (it reads as not found)', async ({ page, staff }) => {
  const desk = await staff({ role: 'front_desk' });
  await signInTo(page, desk);
  await expect(page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Audit log' })).toHaveCount(0);

  const response = await page.goto('/clinician/audit');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByTestId('audit-table')).toHaveCount(0);
});

test('a clinician marks a past consultation completed and records the outcome; both stay after a reload', async ({
  page,
  clinicianWithPastBooking,
}) => {
  const { clinician, booking } = clinicianWithPastBooking;
  await signInTo(page, clinician, `/clinician/bookings/${booking.id}`);
  await expect(page.getByTestId('booking-status')).toHaveText('Confirmed');
  await expect(page.getByTestId('consultation-outcome')).toHaveText('No outcome recorded');

  await page.getByRole('button', { name: 'Mark completed' }).click();
  await expect(page.getByRole('status', { name: 'Marked as completed.' })).toBeVisible();
  await expect(page.getByTestId('booking-status')).toHaveText('Completed');
  await expect(page.getByRole('button', { name: 'Mark completed' })).toBeDisabled();

  await page.getByLabel('Outcome').selectOption({ label: 'Became a client' });
  await page.getByRole('button', { name: 'Save notes' }).click();
  await expect(page.getByRole('status', { name: 'Notes saved' })).toContainText('Saved.');
  await expect(page.getByTestId('consultation-outcome')).toHaveText('Became a client');

  await page.reload();
  await expect(page.getByTestId('booking-status')).toHaveText('Completed');
  await expect(page.getByTestId('consultation-outcome')).toHaveText('Became a client');
  await expect(page.getByLabel('Outcome')).toHaveValue('became_client');
  await expect(page.getByRole('button', { name: 'Mark no-show' })).toBeEnabled();

  // Both changes are in the audit log, in plain words.
  await page.goto('/clinician/audit');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Marked the consultation completed' })).toContainText(`Booking ${booking.reference}`);
  await expect(page.getByTestId('audit-row').filter({ hasText: /changed the outcome/i })).toContainText(clinician.displayName);
});
