import { IN_PERSON_LANES, VIDEO_LANES, expect, test } from './fixtures';
import { TYPES } from './pages/booking-flow';
import { icsInstant, longDateIn, projectLocale, timeIn, timeWithZoneIn } from './support/dates';

/** The demo practice is in New York (db/seed-demo.ts). */
const PRACTICE_ZONE = 'America/New_York';
const MINUTE = 60_000;

test.describe('booking a consultation', () => {
  test('an individual video consultation, end to end, in the browser’s time zone', async ({ flow, privateLink, person, zone, lane, notBefore, page }) => {
    await flow.chooseType(TYPES.individualVideo);
    const chosen = await flow.chooseTime(lane(VIDEO_LANES.bookVideo), notBefore);

    // The picker showed the time in the browser's zone and passes that zone on.
    expect(chosen.tz).toBe(zone);
    expect(chosen.label).toBe(timeIn(chosen.startMs, zone));
    await expect(flow.details.summary).toContainText(longDateIn(chosen.startMs, zone));
    await expect(flow.details.summary).toContainText(`${chosen.label} – ${timeIn(chosen.startMs + 50 * MINUTE, zone)}`);

    await flow.details.fill(person);
    await expect(flow.details.submit).toHaveText('Book consultation');
    const token = await flow.submitAndLand();

    const link = privateLink(token);
    await expect(link.bannerNamed("You're booked")).toBeVisible();
    await expect(link.heading).toHaveText('Your consultation');
    await expect(link.status).toHaveText('Confirmed');
    await expect(page.getByText(TYPES.individualVideo.title, { exact: true })).toBeVisible();
    await expect(page.getByText(person.name, { exact: true })).toBeVisible();
    await expect(link.whenDate).toHaveText(longDateIn(chosen.startMs, zone));
    await expect(link.when).toContainText(`${chosen.label} – ${timeIn(chosen.startMs + 50 * MINUTE, zone)}`);
    await expect(link.practiceTime).toContainText(`Practice time: ${timeWithZoneIn(chosen.startMs, PRACTICE_ZONE)}`);
    await expect(page.getByText(/^By video\./)).toBeVisible();
    await expect(link.rescheduleLink).toBeVisible();
    await expect(link.cancelLink).toBeVisible();
    // What was written about why they're reaching out is never shown back on the link page.
    await expect(page.getByText(person.note)).toHaveCount(0);
  });

  test('an in-person consultation also shows the office’s (New York) time', async ({ flow, privateLink, person, zone, lane, notBefore, page }) => {
    await flow.chooseType(TYPES.individualInPerson);
    const date = await flow.picker.openDay(lane(IN_PERSON_LANES.individualInPerson), notBefore);
    await expect(page.getByText(/each time also shows the office's local time: New York/)).toBeVisible();
    const times = await flow.picker.timesOn(date);
    const label = times[Math.floor(Math.random() * times.length)]!;
    // The office's clock, in the project's locale: "2:00 PM EST" (en-US) or "14:00 GMT-5" (en-GB).
    const officeClock = projectLocale() === 'en-US' ? /^\d{1,2}:\d{2} [AP]M E[SD]T at the office$/ : /^\d{2}:\d{2} GMT-[45] at the office$/;
    await expect(flow.picker.timeButton(label)).toHaveAccessibleDescription(officeClock);
    await flow.picker.timeButton(label).click();
    await page.waitForURL(/\/details\?/);
    const startMs = Date.parse(new URL(page.url()).searchParams.get('start') ?? '');
    expect(label).toBe(timeIn(startMs, zone));
    const office = `Office time: ${timeWithZoneIn(startMs, PRACTICE_ZONE)}`;
    await expect(flow.details.summary).toContainText(office);

    await flow.details.fill(person);
    const token = await flow.submitAndLand();
    const link = privateLink(token);
    await expect(link.bannerNamed("You're booked")).toBeVisible();
    await expect(link.whenDate).toHaveText(longDateIn(startMs, zone));
    await expect(link.when).toContainText(`${label} – ${timeIn(startMs + 50 * MINUTE, zone)}`);
    await expect(link.practiceTime).toContainText(office);
    await expect(link.practiceTime).toContainText('New York (Eastern time)');
    await expect(page.getByRole('definition').filter({ hasText: '200 West 57th Street' })).toBeVisible();
  });

  test('“Add to calendar” downloads an ICS file with a neutral title and the booked start', async ({ flow, privateLink, person, lane, notBefore }) => {
    await flow.chooseType(TYPES.individualVideo);
    const chosen = await flow.chooseTime(lane(VIDEO_LANES.calendarFile), notBefore);
    await flow.details.fill(person);
    const link = privateLink(await flow.submitAndLand());

    const { filename, text } = await link.downloadCalendar();
    expect(filename).toBe('consultation.ics');
    const lines = text.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain('SUMMARY:Appointment');
    expect(lines).toContain(`DTSTART:${icsInstant(chosen.startMs)}`);
    expect(lines).toContain(`DTEND:${icsInstant(chosen.startMs + 50 * MINUTE)}`);
    // Calendars are shared and shown on lock screens: nothing clinical, nothing personal.
    for (const secret of [person.name, person.email, person.note, 'therapy', 'Individual consultation']) {
      expect(text).not.toContain(secret);
    }
  });

  test('validation errors are specific, focus the first invalid field and keep what was typed', async ({ flow, person, lane, notBefore, page }) => {
    await flow.chooseType(TYPES.individualVideo);
    // Nothing is booked here, so any open day will do.
    await flow.chooseTime(lane(0), notBefore);
    const form = flow.details;
    await form.fill(person, { agree: false });
    await form.email.fill('robin.at.example.com');
    await form.submit.click();

    const emailError = 'Please enter an email address like name@example.com.';
    const consentError = 'Please confirm we may contact you about this consultation.';
    await expect(form.email).toBeFocused();
    await expect(form.email).toHaveAttribute('aria-invalid', 'true');
    await expect(form.email).toHaveAccessibleDescription(emailError);
    await expect(page.getByText(emailError, { exact: true })).toBeVisible();
    await expect(form.consent).toHaveAttribute('aria-invalid', 'true');
    await expect(form.consent).toHaveAccessibleDescription(consentError);
    await expect(page.getByText(consentError, { exact: true })).toBeVisible();
    await expect(page.getByTestId('form-status')).toHaveText('Please check 2 answers marked below.');

    // Only those two: everything else is valid and still as typed.
    for (const field of [form.name, form.phone, form.note]) await expect(field).not.toHaveAttribute('aria-invalid');
    await expect(form.email).toHaveValue('robin.at.example.com');
    await form.expectFilled({ ...person, email: 'robin.at.example.com' }, { agree: false });
    await expect(form.consent).not.toBeChecked();
    expect(page.url()).toContain('/details?');

    // Fixing each answer clears its own message.
    await form.email.fill(person.email);
    await expect(form.email).not.toHaveAttribute('aria-invalid');
    await expect(page.getByText(emailError)).toHaveCount(0);
    await form.consent.check();
    await expect(form.consent).not.toHaveAttribute('aria-invalid');
    await expect(page.getByText(consentError)).toHaveCount(0);
  });
});
