import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import * as schema from '../db/schema';
import { addDaysToDate, localDateOf, weekdayOfDate, zonedTimeToUtc } from '../lib/scheduling/zoned-time';
import { signInTo } from './pages/sign-in';
import { expectAccessible } from './support/axe';
import { BookingSeed, type SeededType, type TypeValues } from './support/booking-seed';
import { expect, test as base, type StaffAccount } from './support/staff-fixture';

/**
 * The clinician's availability editor and consultation type settings (issue 3). Each test signs in
 * a clinician of its own, in a practice of its own (America/New_York), so the two projects
 * (Los Angeles and Berlin browsers) never share hours, types or bookings. What a test needs —
 * weekly hours, a consultation type, a booking — goes straight into the database.
 */

const PRACTICE_ZONE = 'America/New_York';

type Workspace = {
  account: StaffAccount;
  clinicianId: string;
  /** A 50-minute video consultation type in the practice ($200, 24 hours' notice, 60 days ahead), offered by the clinician. */
  addType: (values?: TypeValues) => Promise<SeededType>;
  addRule: BookingSeed['addRule'];
  /** A confirmed booking at `time` on `date` in the practice's zone (the client there too). */
  addBooking: (typeId: string, date: string, time: string, clientName: string) => Promise<string>;
};

const test = base.extend<{ workspace: Workspace }>({
  workspace: async ({ staff, staffDb }, use) => {
    const account = await staff({ role: 'clinician' });
    // The signed-in clinician's own; no type until a test adds one.
    const seed = await BookingSeed.create(staffDb, { practiceId: account.practiceId });
    await use({
      account,
      clinicianId: seed.clinicianId,
      addType: (values = {}) => seed.addType({ feeCents: 20_000, minNoticeMinutes: 1440, horizonDays: 60, ...values }),
      addRule: (rule) => seed.addRule(rule),
      async addBooking(typeId, date, time, clientName) {
        const startsAt = new Date(zonedTimeToUtc(date, time, PRACTICE_ZONE));
        return (await seed.add(startsAt, { typeId, clientName, clientTimeZone: PRACTICE_ZONE, preferredChannel: 'email' })).id;
      },
    });
    await seed.remove();
  },
});

/** A practice-local date `days` from today. */
function practiceDate(days: number): string {
  return addDaysToDate(localDateOf(Date.now(), PRACTICE_ZONE), days);
}

/** As the page writes a date: "Tue, Dec 1, 2026". */
function shownDate(date: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

const row = (page: Page, n: number) => page.getByRole('group', { name: `Hours row ${n}`, exact: true });

test('overlapping weekly hours get a message on the later row, and nothing typed is lost', async ({ page, workspace }) => {
  await signInTo(page, workspace.account, '/clinician/availability');
  await expect(page.getByRole('heading', { level: 1, name: 'Availability' })).toBeVisible();
  await expect(page.getByText(`Times are in the practice's time zone (${PRACTICE_ZONE})`)).toBeVisible();
  await expect(page.getByTestId('no-weekly-hours')).toBeVisible();

  // Monday 09:00–12:00, then a second Monday row 11:00–15:00: both for every way to meet.
  await page.getByRole('button', { name: 'Add hours' }).click();
  await expect(row(page, 1).getByLabel('Day')).toBeFocused();
  await row(page, 1).getByLabel('Day').selectOption({ label: 'Monday' });
  await row(page, 1).getByLabel('End').fill('12:00');
  await page.getByRole('button', { name: 'Add hours' }).click();
  await row(page, 2).getByLabel('Day').selectOption({ label: 'Monday' });
  await row(page, 2).getByLabel('Start').fill('11:00');
  await row(page, 2).getByLabel('End').fill('15:00');
  await page.getByRole('button', { name: 'Save weekly hours' }).click();

  const start2 = row(page, 2).getByLabel('Start');
  await expect(start2).toHaveAttribute('aria-invalid', 'true');
  await expect(start2).toHaveAccessibleDescription(/^Overlaps row 1 \(Monday 09:00–12:00\) for in person, phone and video\. Hours for the same way to meet may touch but not overlap\.$/);
  await expect(start2).toBeFocused();
  await expect(row(page, 1).getByLabel('Start')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(start2).toHaveValue('11:00');
  await expect(row(page, 2).getByLabel('End')).toHaveValue('15:00');
  await expect(row(page, 2).getByLabel('Day')).toHaveValue('1');
  await expectAccessible(page, 'weekly hours with an overlap');

  // An end before its start is named on that row's end.
  await row(page, 1).getByLabel('End').fill('08:00');
  await page.getByRole('button', { name: 'Save weekly hours' }).click();
  await expect(row(page, 1).getByLabel('End')).toHaveAccessibleDescription('The end must be after the start (09:00).');
  await expect(row(page, 1).getByLabel('End')).toBeFocused();

  // Fixed: the rows touch at 12:00 and save.
  await row(page, 1).getByLabel('End').fill('12:00');
  await start2.fill('12:00');
  await page.getByRole('button', { name: 'Save weekly hours' }).click();
  await expect(page.getByRole('status', { name: 'Weekly hours saved' })).toContainText('Your week has 2 blocks of hours.');

  await page.reload();
  await expect(row(page, 2).getByLabel('Start')).toHaveValue('12:00');
  await expect(row(page, 2).getByLabel('End')).toHaveValue('15:00');
  await expect(row(page, 3)).toHaveCount(0);
});

test('hours that would leave a booking outside them list it, and save only once confirmed', async ({ page, workspace, staffDb }) => {
  const date = practiceDate(3);
  const weekday = weekdayOfDate(date);
  const type = await workspace.addType();
  await workspace.addRule({ weekday, start: '09:00', end: '17:00', modalities: ['video'] });
  const tag = crypto.randomBytes(3).toString('hex');
  await workspace.addBooking(type.id, date, '10:00', `Jordan Orphan${tag}`);

  await signInTo(page, workspace.account, '/clinician/availability');
  await expect(row(page, 1).getByLabel('Day')).toHaveValue(String(weekday));
  await row(page, 1).getByLabel('Start').fill('13:00');
  await page.getByRole('button', { name: 'Save weekly hours' }).click();

  const question = page.getByRole('alert', { name: 'Some bookings fall outside the new hours' });
  await expect(question).toContainText('1 booking would fall outside the new weekly hours. Nothing was saved.');
  const affected = question.getByTestId('affected-booking');
  await expect(affected).toHaveCount(1);
  await expect(affected).toContainText(`${shownDate(date)}, 10:00–10:50`);
  await expect(affected).toContainText('Jordan');
  await expect(affected).not.toContainText(`Orphan${tag}`); // first name only
  await expect(affected).toContainText('Individual consultation');
  await expect(question).toBeFocused();
  await expectAccessible(page, 'the affected-bookings question');

  // Nothing saved yet.
  const startOf = async () =>
    (await staffDb.db.select({ start: schema.availabilityRules.startTime }).from(schema.availabilityRules).where(eq(schema.availabilityRules.clinicianId, workspace.clinicianId)))[0]?.start;
  expect(await startOf()).toBe('09:00:00');

  await question.getByRole('button', { name: 'Save anyway — these bookings stay, contact the clients' }).click();
  await expect(page.getByRole('status', { name: 'Weekly hours saved' })).toContainText('1 booking keeps its time outside them: please contact the client.');
  await expect(question).toHaveCount(0);
  expect(await startOf()).toBe('13:00:00');

  await page.reload();
  await expect(row(page, 1).getByLabel('Start')).toHaveValue('13:00');
  await expect(row(page, 1).getByLabel('Day')).toHaveValue(String(weekday));
});

test('time off and extra hours are added, listed and removed; extra hours on a day off are refused', async ({ page, workspace }) => {
  const date = practiceDate(10);
  await signInTo(page, workspace.account, '/clinician/availability');
  await expect(page.getByTestId('no-overrides')).toBeVisible();

  const form = page.getByRole('form', { name: 'Add time off' });
  await form.getByLabel('Date').fill(date);
  await form.getByLabel('From').fill('13:00');
  await form.getByRole('button', { name: 'Add time off' }).click();
  await expect(form.getByLabel('Until')).toHaveAccessibleDescription('Give an end time too, or leave both empty for the whole day.');
  await expect(form.getByLabel('Until')).toBeFocused();
  await expect(form.getByLabel('Date')).toHaveValue(date);

  await form.getByLabel('From').fill('');
  await form.getByLabel('Note for yourself').fill('Conference');
  await form.getByRole('button', { name: 'Add time off' }).click();
  const description = `Time off on ${shownDate(date)}, all day`;
  await expect(form.getByRole('status', { name: 'Time off added' })).toContainText(`Added: ${description}.`);
  await expect(form.getByLabel('Date')).toHaveValue('');

  const list = page.getByRole('list', { name: 'Upcoming time off and extra hours' });
  await expect(list.getByRole('listitem', { name: description })).toContainText('Conference');

  await page.reload();
  const entry = page.getByRole('list', { name: 'Upcoming time off and extra hours' }).getByRole('listitem', { name: description });
  await expect(entry).toBeVisible();

  // Extra hours on a day off would do nothing: the server says so on the field.
  const extra = page.getByRole('form', { name: 'Add extra hours' });
  await extra.getByLabel('Date').fill(date);
  await extra.getByLabel('From').fill('10:00');
  await extra.getByLabel('Until').fill('13:00');
  await extra.getByLabel('video').check();
  await extra.getByRole('button', { name: 'Add extra hours' }).click();
  await expect(extra.getByLabel('From')).toHaveAccessibleDescription('You have time off on this date (all day). Remove it first, or choose hours outside it.');
  await expect(extra.getByLabel('From')).toBeFocused();
  await expect(extra.getByLabel('Until')).toHaveValue('13:00');

  await entry.getByRole('button', { name: `Remove ${description}` }).click();
  await expect(page.getByRole('status', { name: 'Time off and extra hours' })).toContainText(`Removed: ${description}.`);
  await expect(page.getByTestId('no-overrides')).toBeVisible();

  // With the day free again, the same extra hours go in as typed.
  await extra.getByRole('button', { name: 'Add extra hours' }).click();
  const extraDescription = `Extra hours on ${shownDate(date)}, 10:00–13:00 (video)`;
  await expect(extra.getByRole('status', { name: 'Extra hours added' })).toContainText(`Added: ${extraDescription}.`);
  await expect(list.getByRole('listitem', { name: extraDescription })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('listitem', { name: description })).toHaveCount(0);
  await expect(page.getByRole('listitem', { name: extraDescription })).toBeVisible();
});

test('a consultation type setting round-trips, and impossible values get a clear message', async ({ page, workspace, staffDb }) => {
  const type = await workspace.addType();
  await signInTo(page, workspace.account, '/clinician/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Consultation types' })).toBeVisible();

  let form = page.getByRole('form', { name: type.title });
  await expect(form.getByLabel('Fee (US dollars)')).toHaveValue('200');
  await expect(form.getByLabel('Minimum notice (hours)')).toHaveValue('24');
  await form.getByLabel('Length (minutes)').fill('60');
  await form.getByLabel('Fee (US dollars)').fill('180.50');
  await form.getByLabel('By request (you confirm each one)').check();
  await form.getByRole('button', { name: `Save ${type.title}` }).click();
  await expect(form.getByRole('status', { name: 'Settings saved' })).toContainText('No upcoming bookings are affected.');

  await page.reload();
  form = page.getByRole('form', { name: type.title });
  await expect(form.getByLabel('Length (minutes)')).toHaveValue('60');
  await expect(form.getByLabel('Fee (US dollars)')).toHaveValue('180.50');
  await expect(form.getByLabel('By request (you confirm each one)')).toBeChecked();
  const [saved] = await staffDb.db
    .select({ feeCents: schema.consultationTypes.feeCents, bookingMode: schema.consultationTypes.bookingMode, durationMinutes: schema.consultationTypes.durationMinutes })
    .from(schema.consultationTypes)
    .where(and(eq(schema.consultationTypes.id, type.id), eq(schema.consultationTypes.practiceId, workspace.account.practiceId)));
  expect(saved).toEqual({ feeCents: 18_050, bookingMode: 'request', durationMinutes: 60 });

  // A buffer beyond its limit.
  const bufferAfter = form.getByLabel('Buffer after (minutes)');
  await bufferAfter.fill('300');
  await form.getByRole('button', { name: `Save ${type.title}` }).click();
  await expect(bufferAfter).toHaveAttribute('aria-invalid', 'true');
  await expect(bufferAfter).toHaveAccessibleDescription(/The buffer must be 4 hours or less\./);
  await expect(bufferAfter).toBeFocused();

  // Minimum notice beyond the booking horizon (60 days).
  await bufferAfter.fill('10');
  const notice = form.getByLabel('Minimum notice (hours)');
  await notice.fill('2000');
  await form.getByRole('button', { name: `Save ${type.title}` }).click();
  await expect(notice).toHaveAccessibleDescription(/The minimum notice must be shorter than the booking horizon \(60 days\)/);
  await expect(notice).toBeFocused();
  await expect(notice).toHaveValue('2000');
  await expect(bufferAfter).not.toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'consultation type settings with an error');

  await page.reload();
  await expect(page.getByRole('form', { name: type.title }).getByLabel('Minimum notice (hours)')).toHaveValue('24');
});

test('the front desk gets "not found" on the availability and consultation type pages', async ({ page, staff }) => {
  const desk = await staff({ role: 'front_desk' });
  await signInTo(page, desk);
  await expect(page.getByRole('link', { name: 'Availability' })).toHaveCount(0);
  for (const path of ['/clinician/availability', '/clinician/settings']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: "We couldn't find that page" })).toBeVisible();
    await expect(page.getByRole('button', { name: /Save/ })).toHaveCount(0);
  }
});

