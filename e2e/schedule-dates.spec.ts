import type { Page } from '@playwright/test';
import { signInTo } from './pages/sign-in';
import { BookingSeed } from './support/booking-seed';
import { expectAccessible } from './support/axe';
import { addDays, dateIn } from './support/dates';
import { expect, test } from './support/staff-fixture';

/**
 * Moving the staff schedules through time (issue 7): yesterday's consultation — where notes are
 * written and no-shows marked — is reached from /clinician and /desk with previous / next / today
 * and the date picker, not by typing a search. The practice is in America/New_York.
 */

const ZONE = 'America/New_York';

/** Yesterday at about noon in the practice's zone (17:00 UTC is 12:00 EST / 13:00 EDT). */
function yesterdayNoon(): { date: string; startsAt: Date } {
  const date = addDays(dateIn(Date.now(), ZONE), -1);
  return { date, startsAt: new Date(`${date}T17:00:00Z`) };
}

async function markNoShow(page: Page) {
  await page.getByRole('button', { name: 'Mark no-show' }).click();
  await expect(page.getByRole('status', { name: 'Marked as a no-show.' })).toBeVisible();
  await expect(page.getByTestId('booking-status')).toHaveText('No-show');
}

test('a clinician opens yesterday’s session with the date picker and marks a no-show', async ({ page, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId });
  const yesterday = yesterdayNoon();
  const booking = await seed.add(yesterday.startsAt, { clientName: `Yara Yesterday ${seed.tag}` });
  try {
    await signInTo(page, clinician);
    // Today and the week ahead: yesterday is not on it.
    await expect(page.getByRole('heading', { level: 2, name: /^Today, / })).toBeVisible();
    await expect(page.getByRole('link', { name: booking.clientName })).toHaveCount(0);

    // The date picker, with the keyboard: type the day, Enter.
    const picker = page.getByLabel('Go to date');
    await picker.fill(yesterday.date);
    await picker.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === '/clinician' && url.searchParams.get('date') === yesterday.date);
    const day = page.getByRole('region', { name: /^Yesterday, / });
    await expect(day.getByRole('link', { name: booking.clientName })).toBeVisible();
    await expect(page.getByLabel('Go to date')).toHaveValue(yesterday.date);
    await expectAccessible(page, 'the clinician schedule from yesterday');

    // Next week and Today come back to today's week.
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/clinician' && url.search === '');
    await expect(page.getByRole('link', { name: booking.clientName })).toHaveCount(0);

    // Previous week shows the 7 days before today and today: yesterday among them.
    await page.getByRole('link', { name: 'Previous week' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('date') === addDays(dateIn(Date.now(), ZONE), -7));
    await page.getByRole('region', { name: /^Yesterday, / }).getByRole('link', { name: booking.clientName }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/clinician/bookings/${booking.id}`);
    await markNoShow(page);
  } finally {
    await seed.remove();
  }
});

test('the front desk opens yesterday’s booking with "Previous week" and marks a no-show', async ({ page, staff, staffDb }) => {
  const desk = await staff({ role: 'front_desk' });
  const seed = await BookingSeed.create(staffDb, { practiceId: desk.practiceId });
  const yesterday = yesterdayNoon();
  const booking = await seed.add(yesterday.startsAt, { clientName: `Yusuf Yesterday ${seed.tag}` });
  try {
    await signInTo(page, desk);
    await expect(page.getByRole('region', { name: /^Today, / })).toBeVisible();
    await expect(page.getByRole('link', { name: booking.clientName })).toHaveCount(0);

    // Keyboard only: Tab to "Previous week" and press Enter.
    const previous = page.getByRole('link', { name: 'Previous week' });
    await previous.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === '/desk' && url.searchParams.get('date') === addDays(dateIn(Date.now(), ZONE), -7));
    const row = page.getByRole('region', { name: /^Yesterday, / }).getByRole('row').filter({ hasText: booking.clientName });
    await expect(row).toHaveCount(1);
    await expectAccessible(page, 'the desk schedule, a past week');
    await row.getByRole('link', { name: booking.clientName }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/desk/bookings/${booking.id}`);
    await markNoShow(page);
  } finally {
    await seed.remove();
  }
});

test('a date that does not exist is said plainly, and the schedule shows today', async ({ page, staff }) => {
  const desk = await staff({ role: 'front_desk' });
  await signInTo(page, desk);
  const response = await page.goto('/desk?date=2026-02-30');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('alert', { name: 'Date not shown' })).toContainText('That isn’t a date we can show.');
  await expect(page.getByLabel('Go to date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('region', { name: /^Today, / })).toBeVisible();
  await expectAccessible(page, 'the desk schedule with a bad date');

  await page.goto('/desk?date=1850-01-01');
  await expect(page.getByRole('alert', { name: 'Date not shown' })).toContainText('Please choose a date from 2000 to 2199.');
});
