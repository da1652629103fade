import { eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import type { APIRequestContext, Page } from '@playwright/test';
import { bookings } from '../db/schema';
import { signInTo } from './pages/sign-in';
import { BookingSeed } from './support/booking-seed';
import { expect, test } from './support/staff-fixture';

/**
 * A clinician's private calendar feed, end to end: made on /clinician/calendar-feed, subscribed to
 * by address (fetched here as a calendar app would, parsed with ical.js), following a move with a
 * higher SEQUENCE, full names only when chosen, and a replaced or turned-off address answering 404.
 */

const DAY = 86_400_000;

/** The address shown once after making it (its path: the e2e server runs on its own port). */
async function shownAddress(page: Page): Promise<string> {
  const value = await page.getByRole('textbox', { name: 'Your calendar feed address' }).inputValue();
  expect(value).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  return new URL(value).pathname;
}

async function fetchFeed(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(response.headers()['cache-control']).toContain('no-store');
  expect(response.headers()['x-robots-tag']).toContain('noindex');
  const text = await response.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { text, events: calendar.getAllSubcomponents('vevent') };
}

const eventOf = (events: ICAL.Component[], bookingId: string) => events.find((e) => e.getFirstPropertyValue('uid') === `${bookingId}@haven`);

test('a clinician makes a calendar feed; it shows initials, follows a move, names on request, and a new address stops the old one', async ({
  page,
  request,
  staff,
  staffDb,
}) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId });
  try {
    const startsAt = new Date(Math.ceil((Date.now() + 3 * DAY) / 3_600_000) * 3_600_000);
    const booking = await seed.add(startsAt, { clientName: 'Jordan Díaz', clientNote: 'A private worry' });

    await signInTo(page, { ...clinician, role: 'clinician' }, '/clinician/calendar-feed');
    await expect(page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Calendar feed' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('calendar-feed-state')).toHaveText('Your calendar feed is off.');
    await page.getByRole('button', { name: 'Create a calendar feed' }).click();
    await expect(page.getByRole('status', { name: 'Calendar feed updated' })).toContainText('Your calendar feed is on.');
    await expect(page.getByTestId('calendar-feed-address')).toContainText(
      'Subscribe to this address in Apple Calendar, Google Calendar or Outlook. Anyone with the address can see your schedule; keep it private.',
    );
    const first = await shownAddress(page);

    const feed = await fetchFeed(request, first);
    const event = eventOf(feed.events, booking.id)!;
    expect(event.getFirstPropertyValue('summary')).toBe('Appointment · J. D.');
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(startsAt);
    const sequence = Number(event.getFirstPropertyValue('sequence'));
    for (const secret of ['Jordan', 'Individual consultation', 'A private worry', booking.clientEmail]) expect(feed.text).not.toContain(secret);

    // The booking moves an hour later, as a reschedule writes it (the booking commands raise the calendar SEQUENCE).
    const movedTo = new Date(startsAt.getTime() + 3_600_000);
    await staffDb.db
      .update(bookings)
      .set({
        startsAt: movedTo,
        endsAt: new Date(movedTo.getTime() + 50 * 60_000),
        blocked: sql`tstzrange(${movedTo.toISOString()}::timestamptz, ${new Date(movedTo.getTime() + 50 * 60_000).toISOString()}::timestamptz, '[)')`,
        calendarSequence: sql`${bookings.calendarSequence} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(bookings.id, booking.id));
    const moved = eventOf((await fetchFeed(request, first)).events, booking.id)!;
    expect((moved.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(movedTo);
    expect(moved.getFirstPropertyValue('sequence')).toBe(sequence + 1);

    // Full names only when the clinician asks for them.
    await page.getByRole('checkbox', { name: "Show clients' full names" }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Names setting saved' })).toContainText('now shows clients’ full names');
    expect(eventOf((await fetchFeed(request, first)).events, booking.id)!.getFirstPropertyValue('summary')).toBe('Appointment · Jordan Díaz');

    // A new address: the old one stops at once.
    await page.getByRole('button', { name: 'Get a new address' }).click();
    await page.getByRole('button', { name: 'Yes, get a new address' }).click();
    await expect(page.getByRole('status', { name: 'Calendar feed updated' })).toContainText('The old address has stopped working');
    const second = await shownAddress(page);
    expect(second).not.toBe(first);
    const old = await request.get(first);
    expect(old.status()).toBe(404);
    expect(old.headers()['cache-control']).toContain('no-store');
    expect(await old.text()).toBe('Not found');
    expect(eventOf((await fetchFeed(request, second)).events, booking.id)).toBeDefined();

    // Turned off: the address answers 404 too.
    await page.getByRole('button', { name: 'Turn off the feed' }).click();
    await page.getByRole('button', { name: 'Yes, turn it off' }).click();
    await expect(page.getByRole('status', { name: 'Calendar feed updated' })).toContainText('Your calendar feed is off.');
    await expect(page.getByTestId('calendar-feed-state')).toHaveText('Your calendar feed is off.');
    await expect(page.getByTestId('calendar-feed-address')).toHaveCount(0);
    expect((await request.get(second)).status()).toBe(404);
  } finally {
    await seed.remove();
  }
});

test('the front desk has no calendar feed page, and no link to it', async ({ page, staff }) => {
  const desk = await staff({ role: 'front_desk' });
  await signInTo(page, { ...desk, role: 'front_desk' });
  await expect(page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Calendar feed' })).toHaveCount(0);
  expect((await page.goto('/clinician/calendar-feed'))?.status()).toBe(404);
});
