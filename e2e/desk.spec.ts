import type { Page } from '@playwright/test';
import { signInTo } from './pages/sign-in';
import { CLIENT_NOTE, removeBookings, seedBookings } from './support/booking-seed';
import { expect, test } from './support/staff-fixture';

/**
 * The front desk workspace (issue 3): the schedule, search, one booking's contact details and
 * the desk's actions. Each test signs in a front-desk user of its own, in a practice of its own
 * (America/New_York), with bookings inserted straight into the database.
 */

const MINUTE = 60_000;

async function expectAt(page: Page, path: string) {
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === path);
}

/** The booking page shows contact details, never the client's note or anything clinical. */
async function expectNoClinicalContent(page: Page) {
  await expect(page.getByText(CLIENT_NOTE)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /note/i })).toHaveCount(0);
  await expect(page.getByText(/what brings you/i)).toHaveCount(0);
}

test.describe('front desk workspace', () => {
  test('the desk sees today on the schedule, finds the booking by search and marks it a no-show', async ({ page, staff, staffDb }) => {
    const desk = await staff({ role: 'front_desk' });
    // Started two minutes ago: today in the practice's zone, and markable.
    const seeded = await seedBookings(staffDb, { practiceId: desk.practiceId, starts: [new Date(Date.now() - 2 * MINUTE)], clientNote: CLIENT_NOTE });
    const booking = seeded[0]!;
    try {
      await signInTo(page, desk);
      await expectAt(page, '/desk');
      await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();

      const today = page.getByRole('region', { name: /^Today, / });
      const row = today.getByRole('row').filter({ hasText: booking.clientName });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('Individual consultation');
      await expect(row).toContainText('Video');
      await expect(row).toContainText('Confirmed');

      // Search by email, with the keyboard.
      await page.getByRole('searchbox', { name: 'Find a booking' }).fill(booking.clientEmail.toUpperCase());
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL((url) => url.pathname === '/desk' && url.searchParams.get('q') === booking.clientEmail.toUpperCase());
      await expect(page.getByRole('heading', { name: /^Results for/ })).toBeVisible();
      await page.getByRole('link', { name: booking.clientName }).click();

      await expectAt(page, `/desk/bookings/${booking.id}`);
      await expect(page.getByRole('heading', { level: 1, name: booking.clientName })).toBeVisible();
      await expect(page.getByRole('link', { name: booking.clientEmail })).toBeVisible();
      await expect(page.getByRole('link', { name: '+1 (646) 555-0142' })).toBeVisible();
      await expectNoClinicalContent(page);

      await page.getByRole('button', { name: 'Mark no-show' }).click();
      await expect(page.getByRole('status', { name: 'Marked as a no-show.' })).toBeVisible();
      await expect(page.getByTestId('booking-status')).toHaveText('No-show');
      await expect(page.getByRole('button', { name: 'Mark no-show' })).toBeDisabled();
      await expectNoClinicalContent(page);
    } finally {
      await removeBookings(staffDb, seeded);
    }
  });

  test('the desk issues a new private link and cancels a future booking with a reason', async ({ page, staff, staffDb }) => {
    const desk = await staff({ role: 'front_desk' });
    const seeded = await seedBookings(staffDb, { practiceId: desk.practiceId, starts: [new Date(Date.now() + 2 * 24 * 60 * MINUTE)], clientNote: CLIENT_NOTE });
    const booking = seeded[0]!;
    try {
      await signInTo(page, desk);
      await expectAt(page, '/desk');
      await page.getByRole('link', { name: booking.clientName }).click();
      await expectAt(page, `/desk/bookings/${booking.id}`);
      await expectNoClinicalContent(page);

      // Not started yet: completed / no-show are not offered.
      await expect(page.getByRole('button', { name: 'Mark no-show' })).toHaveCount(0);

      await page.getByRole('button', { name: 'Issue a new client link' }).click();
      await expect(page.getByRole('status', { name: 'New private link issued' })).toContainText('old client’s link has stopped working');
      const newLink = page.getByLabel('New private link (client)');
      await expect(newLink).toHaveValue(/\/m\/[A-Za-z0-9_-]{20,}$/);
      // On the configured public origin (APP_URL; the e2e server sets it to its own address).
      expect(new URL(await newLink.inputValue()).origin).toBe(new URL(page.url()).origin);
      // The old link stopped working; the new one opens the booking.
      expect((await page.request.get(`/m/${booking.primaryToken}`)).status()).toBe(404);
      expect((await page.request.get(new URL(await newLink.inputValue()).pathname)).status()).toBe(200);

      // No reason: the field says so, focused.
      await page.getByRole('button', { name: 'Cancel booking' }).click();
      const reason = page.getByLabel('Reason for cancelling');
      await expect(reason).toHaveAttribute('aria-invalid', 'true');
      await expect(reason).toBeFocused();
      await reason.fill('Client called: moving away');
      await page.getByRole('button', { name: 'Cancel booking' }).click();
      await expect(page.getByRole('status', { name: 'Booking cancelled' })).toBeVisible();
      await expect(page.getByTestId('booking-status')).toHaveText('Cancelled');
      await expect(page.getByText('Client called: moving away')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Cancel booking' })).toHaveCount(0);
    } finally {
      await removeBookings(staffDb, seeded);
    }
  });
});
