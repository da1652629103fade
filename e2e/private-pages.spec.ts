import crypto from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { bookingLinks, bookings } from '../db/schema';
import { hashLinkToken, newLinkToken } from '../lib/bookings/link-tokens';
import { signInTo } from './pages/sign-in';
import { BookingSeed } from './support/booking-seed';
import { dateIn, longDateIn, projectLocale, timeIn, timeWithZoneIn } from './support/dates';
import { SlotPicker } from './pages/slot-picker';
import { expect, test, type StaffDb } from './support/staff-fixture';

/**
 * What a client's private-link pages promise (issue 7): a neutral <head> for link previews, a
 * decline that reaches both partners with the clinician's message, each partner's own clock, no
 * calendar file that calls a request confirmed, and a crisis line for the viewer's country.
 */

const DAY = 86_400_000;
const LIVE_BOOKING_TEXT = [/video link will be sent/i, /anyone with this link can/i, /We'll call you/i];

/** A couple's booking with both private links (the seed makes the primary one). */
async function coupleBooking(
  db: StaffDb,
  seed: BookingSeed,
  startsAt: Date,
  values: { status?: 'confirmed' | 'requested'; typeId: string; primaryZone?: string },
) {
  const booking = await seed.add(startsAt, { status: values.status, typeId: values.typeId, clientTimeZone: values.primaryZone ?? 'America/Chicago' });
  await db.db.update(bookings).set({ partnerName: `Riley Partner ${seed.tag}`, partnerEmail: `riley.${seed.tag}@example.com` }).where(eq(bookings.id, booking.id));
  if (values.primaryZone) await db.db.update(bookingLinks).set({ timeZone: values.primaryZone }).where(eq(bookingLinks.bookingId, booking.id));
  const partnerToken = newLinkToken();
  await db.db.insert(bookingLinks).values({ bookingId: booking.id, holder: 'partner', tokenHash: hashLinkToken(partnerToken) });
  return { ...booking, partnerToken };
}

const londonHour = (ms: number) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(ms));

async function pageIn(browser: Browser, timezoneId: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId, locale: projectLocale() });
  return context.newPage();
}

/**
 * The title, description and preview tags of a page as fetched without JavaScript. Link-preview
 * bots get them in the <head>; a browser may get them streamed later in the document (Next's
 * streaming metadata), so for a browser the whole document is checked.
 */
function expectNeutralHead(html: string, what: string, where: 'head' | 'document') {
  const part = where === 'head' ? html.slice(0, html.indexOf('</head>')) : html;
  expect(part, what).toContain('<title>Appointment</title>');
  expect(part, what).toMatch(/<meta name="description" content="Appointment"\/?>/);
  expect(html.match(/<title>/g), what).toHaveLength(1);
  expect(html.match(/<meta name="description"/g), what).toHaveLength(1);
  expect(html, what).not.toMatch(/property="og:|name="twitter:/);
  if (where === 'head') expect(part, what).not.toMatch(/consultation|therapy/i);
  // The practice's tagline is nowhere in the tags a preview could use.
  expect(html, what).not.toMatch(/content="[^"]*(Psychotherapy|therapy)[^"]*"/i);
}

test("the <head> of every private-link page and of a dead link says only 'Appointment'", async ({ request, page, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId, availableAllDay: true });
  try {
    const booking = await seed.add(new Date(Date.now() + 9 * DAY));
    // Chat apps fetch without JavaScript, with their own user agents.
    const agents = [
      { userAgent: 'WhatsApp/2.24.1 A', where: 'head' },
      { userAgent: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', where: 'head' },
      { userAgent: 'TelegramBot (like TwitterBot)', where: 'head' },
      { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156', where: 'document' },
    ] as const;
    for (const { userAgent, where } of agents) {
      for (const suffix of ['', '/reschedule', '/cancel']) {
        const response = await request.get(`/m/${booking.primaryToken}${suffix}`, { headers: { 'User-Agent': userAgent } });
        expect(response.status()).toBe(200);
        expectNeutralHead(await response.text(), `/m/…${suffix} for ${userAgent}`, where);
      }
      // A dead link, and a private link copied with something extra (the app's own 404).
      for (const path of [`/m/${newLinkToken()}`, `/m/${booking.primaryToken}/x`]) {
        const dead = await request.get(path, { headers: { 'User-Agent': userAgent } });
        expect(dead.status()).toBe(404);
        expectNeutralHead(await dead.text(), `${path} for ${userAgent}`, where);
      }
    }
    // And in the browser, after hydration.
    await page.goto(`/m/${booking.primaryToken}`);
    await expect(page).toHaveTitle('Appointment');
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', 'Appointment');
    await expect(page.locator('meta[property^="og:"], meta[name^="twitter:"]')).toHaveCount(0);
  } finally {
    await seed.remove();
  }
});

test("a declined request tells both partners, with the clinician's message, and promises nothing more", async ({ page, browser, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId });
  const type = await seed.addType({ title: 'Couples consultation', audience: 'couple', bookingMode: 'request', durationMinutes: 80 });
  try {
    const startsAt = new Date(Date.now() + 3 * DAY);
    startsAt.setUTCHours(15, 0, 0, 0);
    const booking = await coupleBooking(staffDb, seed, startsAt, { status: 'requested', typeId: type.id });
    const message = `I'm not taking new couples until March; Dr. Lee at Eastside Counselling may have room. ${crypto.randomBytes(2).toString('hex')}`;

    await signInTo(page, clinician);
    await page.goto('/clinician/requests');
    const request = page.getByRole('listitem', { name: `Request from ${booking.clientName}` });
    await request.getByRole('button', { name: 'Decline…' }).click();
    await request.getByLabel('Message to the client').fill(message);
    await request.getByRole('button', { name: 'Send and decline' }).click();
    await expect(request.getByRole('status', { name: 'Request' })).toContainText('will see your message.');

    // What the clinician was told must be true, on the client's link and on the partner's.
    const client = await pageIn(browser, 'America/Chicago');
    for (const token of [booking.primaryToken, booking.partnerToken]) {
      await client.goto(`/m/${token}`);
      await expect(client.getByTestId('booking-status')).toHaveText('Declined by the practice');
      await expect(client.getByRole('heading', { level: 2, name: 'The practice declined this request' })).toBeVisible();
      await expect(client.getByTestId('decline-message')).toHaveText(message);
      await expect(client.getByRole('link', { name: 'Add to calendar' })).toHaveCount(0);
      await expect(client.getByRole('link', { name: /Reschedule|Cancel consultation/ })).toHaveCount(0);
      const text = await client.locator('main').innerText();
      for (const live of LIVE_BOOKING_TEXT) expect(text).not.toMatch(live);
    }
    await client.context().close();
  } finally {
    await seed.remove();
  }
});

test('a practice cancellation and a client cancellation read differently from a decline', async ({ browser, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId });
  try {
    const byPractice = await seed.add(new Date(Date.now() + 4 * DAY));
    const byClient = await seed.add(new Date(Date.now() + 5 * DAY));
    await staffDb.db.update(bookings).set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: 'staff' }).where(eq(bookings.id, byPractice.id));
    await staffDb.db.update(bookings).set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: 'client' }).where(eq(bookings.id, byClient.id));
    const client = await pageIn(browser, 'America/Chicago');

    await client.goto(`/m/${byPractice.primaryToken}`);
    await expect(client.getByTestId('booking-status')).toHaveText('Cancelled by the practice');
    await expect(client.getByRole('heading', { level: 2, name: 'The practice cancelled this consultation' })).toBeVisible();

    await client.goto(`/m/${byClient.primaryToken}`);
    await expect(client.getByTestId('booking-status')).toHaveText('Cancelled');
    await expect(client.getByRole('heading', { level: 2, name: 'This consultation was cancelled' })).toBeVisible();
    for (const live of LIVE_BOOKING_TEXT) expect(await client.locator('main').innerText()).not.toMatch(live);
    await client.context().close();
  } finally {
    await seed.remove();
  }
});

test('each partner sees their own clock: London moves it, London sees what it picked, Lord Howe sees its own date', async ({ browser, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId, availableAllDay: true });
  const type = await seed.addType({ title: 'Couples consultation', audience: 'couple', durationMinutes: 50 });
  try {
    const booking = await coupleBooking(staffDb, seed, new Date(Date.now() + 8 * DAY), { typeId: type.id, primaryZone: 'Australia/Lord_Howe' });
    const london = await pageIn(browser, 'Europe/London');
    const lordHowe = await pageIn(browser, 'Australia/Lord_Howe');

    // 22:00 in London five days from now: the next morning at Lord Howe.
    const date = dateIn(Date.now() + 5 * DAY, 'Europe/London');
    const target = [22, 21].map((utcHour) => Date.parse(`${date}T${utcHour}:00:00Z`)).find((ms) => londonHour(ms) === 22)!;
    expect(dateIn(target, 'Australia/Lord_Howe')).not.toBe(date);
    const label = timeIn(target, 'Europe/London');

    await london.goto(`/m/${booking.partnerToken}/reschedule`);
    const picker = new SlotPicker(london);
    await expect(picker.zone).toHaveValue('Europe/London');
    await picker.openDate(date);
    await picker.timeButton(label).click();
    await london.getByRole('button', { name: 'Reschedule to this time' }).click();
    await london.waitForURL(new RegExp(`/m/${booking.partnerToken}\\?rescheduled=1$`));

    // The "moved" page shows the time London picked, on the date London picked.
    await expect(london.getByTestId('moved-to')).toHaveText(`${longDateIn(target, 'Europe/London')} at ${timeWithZoneIn(target, 'Europe/London')} (London)`);
    await expect(london.getByTestId('when-client')).toHaveText(longDateIn(target, 'Europe/London'));
    await expect(london.getByTestId('change-cutoff')).toContainText('(London)');

    await lordHowe.goto(`/m/${booking.primaryToken}`);
    await expect(lordHowe.getByTestId('when-client')).toHaveText(longDateIn(target, 'Australia/Lord_Howe'));
    await expect(lordHowe.getByTestId('change-cutoff')).toContainText('(Lord Howe)');
    await london.context().close();
    await lordHowe.context().close();
  } finally {
    await seed.remove();
  }
});

test('a request offers no calendar file until it is confirmed, and its file is TENTATIVE', async ({ page, request, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId, type: { bookingMode: 'request' } });
  try {
    const booking = await seed.add(new Date(Date.now() + 6 * DAY), { status: 'requested' });
    await page.goto(`/m/${booking.primaryToken}`);
    await expect(page.getByTestId('booking-status')).toHaveText('Requested: waiting for the practice to confirm');
    await expect(page.getByRole('link', { name: 'Add to calendar' })).toHaveCount(0);
    await expect(page.getByTestId('calendar-later')).toHaveText('You can add it to your calendar once the practice confirms it.');
    const ics = await (await request.get(`/m/${booking.primaryToken}/calendar.ics`)).text();
    expect(ics).toContain('STATUS:TENTATIVE\r\n');
    expect(ics).not.toContain('CONFIRMED');

    await staffDb.db.update(bookings).set({ status: 'confirmed' }).where(eq(bookings.id, booking.id));
    await page.reload();
    await expect(page.getByRole('link', { name: 'Add to calendar' })).toBeVisible();
    expect(await (await request.get(`/m/${booking.primaryToken}/calendar.ics`)).text()).toContain('STATUS:CONFIRMED\r\n');
  } finally {
    await seed.remove();
  }
});

test('the crisis line follows the viewer: the local emergency number and a helpline directory outside the US, 988 inside', async ({ browser }) => {
  for (const zone of ['Asia/Kolkata', 'Australia/Sydney', 'Pacific/Kiritimati']) {
    const page = await pageIn(browser, zone);
    await page.goto('/');
    const line = page.getByTestId('crisis-line');
    await expect(line).toHaveAttribute('data-region', 'elsewhere');
    await expect(line).toContainText('call your local emergency number');
    await expect(line.getByRole('link', { name: 'https://findahelpline.com' })).toHaveAttribute('href', 'https://findahelpline.com');
    await expect(line).not.toContainText('988');
    await expect(line).not.toContainText('911');
    await page.context().close();
  }
  const us = await pageIn(browser, 'America/Denver');
  await us.goto('/');
  await expect(us.getByTestId('crisis-line')).toHaveAttribute('data-region', 'us');
  await expect(us.getByTestId('crisis-line').getByRole('link', { name: '988' })).toHaveAttribute('href', 'tel:988');
  await us.context().close();
});
