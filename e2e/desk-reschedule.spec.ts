import type { Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../db/schema';
import { signInTo } from './pages/sign-in';
import { SlotPicker } from './pages/slot-picker';
import { expectAccessible } from './support/axe';
import { clock, dateIn, dayLabel, instantAt, longDateIn, shortDateIn, timeIn, timeWithZoneIn } from './support/dates';
import { BookingSeed, CLIENT_NOTE } from './support/booking-seed';
import { expect, test as base, type StaffAccount, type StaffDb } from './support/staff-fixture';

/**
 * The front desk moves a booking with the same slot picker as clients (issue 3): times in the
 * practice's zone (New York here, whatever the browser's), inside the usual notice when the desk
 * overrides it, and never into an overlap. The server runs on the real clock, so every time is
 * computed from now; each test has a practice, clinician and bookings of its own.
 */

const NY = 'America/New_York';
/** The zone the seeded bookings' clients are in (BookingSeed). */
const CLIENT_ZONE = 'America/Chicago';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A new clinician of the practice (not the signed-in person), free around the clock so there are
 * times to move to whatever the hour the suite runs; one video type with the usual 24-hour notice;
 * every booking carries the client's private note (the desk must never see it).
 */
const deskWorld = (staffDb: StaffDb, practiceId: string) =>
  BookingSeed.create(staffDb, { practiceId, clinician: 'new', availableAllDay: true, type: { minNoticeMinutes: 24 * 60 }, clientNote: CLIENT_NOTE });

/** A front-desk user and the bookings world of their practice, removed (bookings first) after the test. */
const test = base.extend<{ desk: StaffAccount; world: BookingSeed }>({
  desk: async ({ staff }, use) => {
    await use(await staff({ role: 'front_desk' }));
  },
  world: async ({ desk, staffDb }, use) => {
    const world = await deskWorld(staffDb, desk.practiceId);
    await use(world);
    await world.remove();
  },
});

/** The booking's desk page → its "Reschedule" link → the picker, ready. */
async function openReschedule(page: Page, bookingId: string): Promise<SlotPicker> {
  await page.goto(`/desk/bookings/${bookingId}`);
  await page.getByRole('link', { name: 'Reschedule', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/desk/bookings/${bookingId}/reschedule`);
  await expect(page.getByRole('heading', { level: 1, name: 'Reschedule' })).toBeVisible();
  const picker = new SlotPicker(page);
  await picker.ready();
  // The practice's zone, labelled as such, whatever the browser's zone is.
  await expect(picker.zone).toHaveValue(NY);
  await expect(picker.zone.locator('option:checked')).toHaveText('New York (Eastern time) (practice)');
  return picker;
}

/** The instant reading `label` ("10:00 AM") in New York on the day `days` after `now` (instantAt steps from a whole hour). */
const atNewYork = (now: number, days: number, label: string) => instantAt(Math.floor((now + days * DAY) / HOUR) * HOUR, clock(label), NY);

const hourIn = (ms: number, zone: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(ms));

/** "Thursday, November 26, 2026, 10:00 AM – 10:50 AM" as the desk booking page prints a booking's time. */
const bookingTime = (start: number) => `${longDateIn(start, NY)}, ${timeIn(start, NY)} – ${timeIn(start + 50 * MINUTE, NY)}`;
/** The client's clock beside the practice's ("9:00 AM CST for the client"). */
const forClient = (ms: number) => `${timeWithZoneIn(ms, CLIENT_ZONE)} for the client`;

async function auditedOverride(staffDb: StaffDb, bookingId: string): Promise<unknown> {
  const rows = await staffDb.db
    .select({ detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, bookingId), eq(auditEvents.action, 'booking.rescheduled')));
  expect(rows).toHaveLength(1);
  return (rows[0]!.detail as { overrideNotice?: unknown }).overrideNotice;
}

/**
 * Whether the client's own reschedule page offers `label` on `date` (shown in New York time):
 * walks back from the first open week to the date's week, then reads the day's times.
 */
async function clientOffers(page: Page, token: string, date: string, label: string): Promise<boolean> {
  await page.goto(`/m/${token}/reschedule`);
  const picker = new SlotPicker(page);
  await picker.ready();
  await picker.zone.selectOption(NY);
  const day = picker.days.getByRole('button', { name: new RegExp(`^${dayLabel(date)}, `) });
  for (let i = 0; i < 3 && (await day.count()) === 0; i++) {
    const before = await picker.days.ariaSnapshot();
    await picker.previousWeek.click();
    await expect.poll(() => picker.days.ariaSnapshot()).not.toBe(before);
  }
  await expect(day).toHaveCount(1);
  if (await day.isDisabled()) return false;
  await day.click();
  return (await picker.timesOn(date)).includes(label);
}

test.describe('front desk reschedule', () => {
  test('the desk moves a booking to a new time and the booking page shows it', async ({ page, desk, world, staffDb }) => {
    const now = Date.now();
    const booking = await world.add(new Date(atNewYork(now, 3, '10:00 AM')));
    const target = atNewYork(now, 5, '10:00 AM');
    const targetDate = dateIn(target, NY);

    await signInTo(page, desk);
    const picker = await openReschedule(page, booking.id);
    await expect(page.getByTestId('current-time')).toContainText(`${longDateIn(now + 3 * DAY, NY)}, ${clock('10:00 AM')} – ${clock('10:50 AM')}`);
    await expect(page.getByText(CLIENT_NOTE)).toHaveCount(0);

    await picker.openDate(targetDate);
    const time = picker.timeButton(clock('10:00 AM'));
    // The client's clock beside the practice's; five days out is not inside the usual notice.
    await expect(time).toHaveAccessibleDescription(forClient(target));
    await time.click();
    await expect(time).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('new-time')).toHaveText(
      `${longDateIn(target, NY)} at ${clock('10:00 AM')} · New York (Eastern time) (${forClient(target)})`,
    );
    await expectAccessible(page, '/desk/bookings/<id>/reschedule');

    await page.getByRole('button', { name: 'Move to this time' }).click();
    const outcome = page.getByRole('status', { name: 'Booking moved' });
    await expect(outcome).toContainText(`now on ${longDateIn(target, NY)} at ${clock('10:00 AM')} – ${clock('10:50 AM')} (New York (Eastern time)), ${forClient(target)}`);
    // Who was told: the client, by email (the seeded client did not refuse email).
    await expect(outcome.getByTestId('who-was-told')).toHaveText('We’re emailing the client.');
    await expect(page.getByTestId('current-time')).toContainText(`${longDateIn(target, NY)}, ${clock('10:00 AM')} – ${clock('10:50 AM')}`);
    expect((await world.startOf(booking.id)).getTime()).toBe(target);
    expect(await auditedOverride(staffDb, booking.id)).toBe(false);

    await outcome.getByRole('link', { name: 'Back to the booking' }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/desk/bookings/${booking.id}`);
    await expect(page.getByTestId('booking-time')).toHaveText(bookingTime(target));
  });

  test('the desk books inside the minimum notice, which the client could not pick', async ({ page, desk, world, staffDb }) => {
    const now = Date.now();
    const booking = await world.add(new Date(atNewYork(now, 3, '2:00 PM')));
    // A quarter-hour two to five hours from now, away from midnight (the day's last 50 minutes don't fit).
    let target = Math.ceil((now + 2 * HOUR) / (15 * MINUTE)) * 15 * MINUTE;
    while (hourIn(target, NY) >= 22) target += 15 * MINUTE;
    const date = dateIn(target, NY);
    const label = timeIn(target, NY);
    expect(target - now).toBeLessThan(24 * HOUR);

    await signInTo(page, desk);
    // The client's own page does not offer it: it is inside the type's 24-hour notice.
    expect(await clientOffers(page, booking.primaryToken, date, label)).toBe(false);

    const picker = await openReschedule(page, booking.id);
    await expect(page.getByText('Times inside the usual notice are included and marked')).toBeVisible();
    await picker.openDate(date);
    const time = picker.timeButton(label);
    await expect(time).toHaveAccessibleDescription(/Inside the usual notice/);
    await time.click();
    await expect(page.getByTestId('new-time')).toContainText(`at ${label} · New York (Eastern time)`);
    await expect(page.getByTestId('new-time')).toContainText('inside the usual notice');
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await expect(page.getByRole('status', { name: 'Booking moved' })).toContainText(`now on ${longDateIn(target, NY)} at ${label}`);
    expect((await world.startOf(booking.id)).getTime()).toBe(target);
    expect(await auditedOverride(staffDb, booking.id)).toBe(true);

    await page.goto(`/desk/bookings/${booking.id}`);
    await expect(page.getByTestId('booking-time')).toHaveText(bookingTime(target));
  });

  test('a time taken after the page loaded is refused, nothing changes, and a nearest free time works', async ({ page, desk, world, staffDb }) => {
    const now = Date.now();
    const original = atNewYork(now, 3, '10:00 AM');
    const booking = await world.add(new Date(original));
    const wanted = atNewYork(now, 4, '11:00 AM');
    const date = dateIn(wanted, NY);

    await signInTo(page, desk);
    const picker = await openReschedule(page, booking.id);
    await picker.openDate(date);
    await expect(picker.timeButton(clock('11:00 AM'))).toBeVisible();

    // Someone else books 11:00–11:50 that day while the receptionist is on the phone.
    await world.add(new Date(wanted), { clientName: `Other Client ${world.tag}` });

    await picker.timeButton(clock('11:00 AM')).click();
    await page.getByRole('button', { name: 'Move to this time' }).click();
    const problem = page.getByRole('alert', { name: 'Reschedule problem' });
    await expect(problem).toContainText('That time is no longer free, so nothing was changed: the booking keeps its current time.');
    await expect(problem).toBeFocused();
    // Nothing moved, and the choice is still on screen.
    expect((await world.startOf(booking.id)).getTime()).toBe(original);
    await expect(page.getByTestId('current-time')).toContainText(`${longDateIn(original, NY)}, ${clock('10:00 AM')} – ${clock('10:50 AM')}`);
    await expect(page.getByTestId('new-time')).toContainText(`${longDateIn(wanted, NY)} at ${clock('11:00 AM')}`);
    // The picker's times are fetched again: 11:00 is gone, and so is 10:15 (it would run into 11:00).
    await expect(picker.timeButton(clock('11:00 AM'))).toHaveCount(0);
    await expect(picker.timeButton(clock('10:15 AM'))).toHaveCount(0);

    // The nearest free times, and one of them works.
    const alternatives = problem.getByRole('list', { name: 'Nearest free times' }).getByRole('button');
    const noon = `${shortDateIn(wanted, NY)} at ${clock('12:00 PM')}`;
    await expect(alternatives.filter({ hasText: noon })).toHaveCount(1);
    await alternatives.filter({ hasText: noon }).click();
    await expect(page.getByTestId('new-time')).toContainText(`${longDateIn(wanted, NY)} at ${clock('12:00 PM')}`);
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await expect(page.getByRole('status', { name: 'Booking moved' })).toContainText(`now on ${longDateIn(wanted, NY)} at ${clock('12:00 PM')}`);
    expect((await world.startOf(booking.id)).getTime()).toBe(wanted + HOUR);
  });

  test('a clinician may move a booking too; staff of another practice get "not found"', async ({ page, browser, staff, staffDb }) => {
    const clinician = await staff({ role: 'clinician' });
    const outsider = await staff({ role: 'front_desk' });
    const world = await deskWorld(staffDb, clinician.practiceId);
    try {
      const booking = await world.add(new Date(atNewYork(Date.now(), 3, '10:00 AM')));
      const path = `/desk/bookings/${booking.id}/reschedule`;

      // PERMISSIONS gives 'booking.reschedule' to clinicians as well as the front desk.
      await signInTo(page, clinician);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: 'Reschedule' })).toBeVisible();
      await new SlotPicker(page).ready();

      // The same booking, asked for by the front desk of another practice: absent and forbidden look alike.
      const other = await browser.newContext({ timezoneId: 'America/Los_Angeles', baseURL: test.info().project.use.baseURL });
      try {
        const otherPage = await other.newPage();
        await signInTo(otherPage, outsider);
        // The status is 200: loading.tsx streams the page before notFound() is known (Next's rule for streamed pages).
        await otherPage.goto(path);
        await expect(otherPage.getByRole('heading', { level: 1, name: /^We couldn.t find that page$/ })).toBeVisible();
        await expect(otherPage.getByText(booking.clientName)).toHaveCount(0);
        await expect(otherPage.getByRole('button', { name: 'Move to this time' })).toHaveCount(0);
      } finally {
        await other.close();
      }
    } finally {
      await world.remove();
    }
  });
});
