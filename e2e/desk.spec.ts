import crypto from 'node:crypto';
import type { Page } from '@playwright/test';
import { inArray } from 'drizzle-orm';
import { bookingLinks, bookings, clinicians, consultationTypes } from '../db/schema';
import { blockedRangeOf } from '../lib/bookings/blocked-range';
import { hashLinkToken, newLinkToken } from '../lib/bookings/link-tokens';
import { encryptText, parseKeyring } from '../lib/crypto/envelope';
import { SignInPage } from './pages/sign-in';
import { E2E_ENV } from './support/e2e-env';
import { expect, test, type StaffDb } from './support/staff-fixture';

/**
 * The front desk workspace (issue 3): the schedule, search, one booking's contact details and
 * the desk's actions. Each test signs in a front-desk user of its own, in a practice of its own
 * (America/New_York), with bookings inserted straight into the database.
 */

const CLIENT_NOTE = 'Private worry that only the clinician may read';
const MINUTE = 60_000;

type SeededBooking = { id: string; clientName: string; clientEmail: string; primaryToken: string };

/** A clinician, a 50-minute video consultation type and bookings at the given starts, in the practice. */
async function seedBookings(staffDb: StaffDb, practiceId: string, starts: Date[]): Promise<SeededBooking[]> {
  const db = staffDb.db;
  const tag = crypto.randomBytes(4).toString('hex');
  const [clinician] = await db.insert(clinicians).values({ practiceId, displayName: `Dr. Rowan ${tag}` }).returning({ id: clinicians.id });
  const type = { durationMinutes: 50, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
  const [consultationType] = await db
    .insert(consultationTypes)
    .values({ practiceId, slug: `desk-${tag}`, title: 'Individual consultation', modality: 'video', audience: 'individual', ...type })
    .returning({ id: consultationTypes.id });
  const keyring = parseKeyring(E2E_ENV.HAVEN_DATA_KEYS);
  const seeded: SeededBooking[] = [];
  for (const [i, startsAt] of starts.entries()) {
    const id = crypto.randomUUID();
    const clientName = `Avery Client${i} ${tag}`;
    const clientEmail = `avery${i}.${tag}@example.com`;
    const { endsAt, blocked } = blockedRangeOf(type, startsAt);
    await db.insert(bookings).values({
      id,
      practiceId,
      clinicianId: clinician!.id,
      consultationTypeId: consultationType!.id,
      startsAt,
      endsAt,
      blocked,
      status: 'confirmed',
      clientTimeZone: 'America/Chicago',
      clientName,
      clientEmail,
      clientPhone: '+1 (646) 555-0142',
      preferredChannel: 'phone',
      okToLeaveVoicemail: true,
      clientNoteCiphertext: encryptText(keyring, CLIENT_NOTE, `booking-note:${id}`),
      consentedAt: new Date(startsAt.getTime() - 3 * 24 * 60 * MINUTE),
      idempotencyKey: crypto.randomUUID(),
    });
    const primaryToken = newLinkToken();
    await db.insert(bookingLinks).values({ bookingId: id, holder: 'primary', tokenHash: hashLinkToken(primaryToken) });
    seeded.push({ id, clientName, clientEmail, primaryToken });
  }
  return seeded;
}

/** Bookings hold the practice (no cascade): they go before the fixture removes it. */
async function removeBookings(staffDb: StaffDb, seeded: SeededBooking[]) {
  if (seeded.length) await staffDb.db.delete(bookings).where(inArray(bookings.id, seeded.map((b) => b.id)));
}

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
    const seeded = await seedBookings(staffDb, desk.practiceId, [new Date(Date.now() - 2 * MINUTE)]);
    const booking = seeded[0]!;
    try {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(desk);
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
    const seeded = await seedBookings(staffDb, desk.practiceId, [new Date(Date.now() + 2 * 24 * 60 * MINUTE)]);
    const booking = seeded[0]!;
    try {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(desk);
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
