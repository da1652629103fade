import crypto from 'node:crypto';
import { VIDEO_LANES, expect, test } from './fixtures';
import { TYPES } from './pages/booking-flow';
import { icsInstant, instantAt, longDateIn, timeIn } from './support/dates';

test.describe('the private link', () => {
  test('reschedules to another time', async ({ flow, privateLink, person, zone, lane, notBefore, page }) => {
    await flow.chooseType(TYPES.individualVideo);
    const chosen = await flow.chooseTime(lane(VIDEO_LANES.reschedule), notBefore);
    await flow.details.fill(person);
    const link = privateLink(await flow.submitAndLand());
    const reference = await link.reference.textContent();

    // A new time at least an hour away (50 minutes + 10 buffer), so the old one is free again.
    const newLabel = await link.reschedule(
      chosen.date,
      (label) => Math.abs(instantAt(chosen.startMs, label, zone) - chosen.startMs) >= 3_600_000,
    );
    const newStart = instantAt(chosen.startMs, newLabel, zone);

    await expect(link.bannerNamed('Your consultation has been moved')).toBeVisible();
    await expect(link.status).toHaveText('Confirmed');
    await expect(link.reference).toHaveText(reference ?? '');
    await expect(link.whenDate).toHaveText(longDateIn(newStart, zone));
    await expect(link.when).toContainText(`${newLabel} – ${timeIn(newStart + 50 * 60_000, zone)}`);
    await expect(link.when).not.toContainText(`${chosen.label} – `);

    // "Your calendar file has the new time too."
    const { text } = await link.downloadCalendar();
    expect(text.split('\r\n')).toContain(`DTSTART:${icsInstant(newStart)}`);

    // The old time is free again and the new one is taken: the picker offers the old, not the new.
    await page.goto(`/book/${TYPES.individualVideo.slug}`);
    await flow.picker.openDate(chosen.date);
    const offered = await flow.picker.timesOn(chosen.date);
    expect(offered).toContain(chosen.label);
    expect(offered).not.toContain(newLabel);
  });

  test('cancels with a reason; afterwards the link is read-only and offers no change', async ({
    flow,
    privateLink,
    person,
    lane,
    notBefore,
    page,
    zone,
  }) => {
    await flow.chooseType(TYPES.individualVideo);
    const chosen = await flow.chooseTime(lane(VIDEO_LANES.cancel), notBefore);
    await flow.details.fill(person);
    const link = privateLink(await flow.submitAndLand());

    await link.cancel('I found a practice closer to home.');
    await expect(link.bannerNamed('Your consultation is cancelled')).toBeVisible();
    await expect(link.status).toHaveText('Cancelled');
    await expect(link.cannotChange).toContainText('This consultation was cancelled on');
    await expect(link.rescheduleLink).toHaveCount(0);
    await expect(link.cancelLink).toHaveCount(0);
    await expect(link.addToCalendar).toHaveCount(0);
    // Still says what was cancelled.
    await expect(link.whenDate).toHaveText(longDateIn(chosen.startMs, zone));

    // A later visit: no banner, still cancelled and read-only.
    await link.goto();
    await expect(link.banner).toHaveCount(0);
    await expect(link.status).toHaveText('Cancelled');
    await expect(page.getByRole('link', { name: /Reschedule|Cancel consultation/ })).toHaveCount(0);

    // Going straight to the change pages explains instead of offering a change.
    const reschedule = await link.goto('/reschedule');
    expect(reschedule?.status()).toBe(200);
    await expect(page.getByRole('status', { name: "This consultation can't be moved online" })).toContainText(
      'This consultation was cancelled.',
    );
    await expect(page.getByRole('list', { name: 'Days this week' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Reschedule to this time' })).toHaveCount(0);

    const cancel = await link.goto('/cancel');
    expect(cancel?.status()).toBe(200);
    await expect(page.getByRole('status', { name: "This consultation can't be cancelled online" })).toContainText(
      'This consultation was already cancelled.',
    );
    await expect(page.getByRole('button', { name: 'Confirm cancellation' })).toHaveCount(0);
    await expect(page.getByLabel('Would you like to tell us why?')).toHaveCount(0);

    // The freed time is offered again.
    await page.goto(`/book/${TYPES.individualVideo.slug}`);
    await flow.picker.openDate(chosen.date);
    expect(await flow.picker.timesOn(chosen.date)).toContain(chosen.label);

    // A calendar that imported the event gets a cancellation.
    const ics = await page.request.get(`${link.path}/calendar.ics`);
    expect(ics.status()).toBe(200);
    expect((await ics.text()).split('\r\n')).toContain('STATUS:CANCELLED');
  });

  test('an unknown link shows “This link isn’t active” with a 404', async ({ page }) => {
    const unknown = crypto.randomBytes(32).toString('base64url');
    for (const path of [`/m/${unknown}`, `/m/${unknown}/reschedule`, `/m/${unknown}/cancel`, '/m/not-a-real-link']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText("This link isn't active");
      await expect(page.getByRole('link', { name: 'Go to the practice page' })).toBeVisible();
      const robots = await page.locator('meta[name="robots"]').evaluateAll((metas) => metas.map((m) => m.getAttribute('content')));
      expect(robots.length).toBeGreaterThan(0);
      for (const content of robots) expect(content).toContain('noindex');
    }
    const ics = await page.request.get(`/m/${unknown}/calendar.ics`);
    expect(ics.status()).toBe(404);
  });
});
