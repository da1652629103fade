import { VIDEO_LANES, expect, test } from './fixtures';
import { TYPES } from './pages/booking-flow';
import { longDateIn, timeIn } from './support/dates';

/** On the embedded database (PGlite): book through the UI, then open the private link afresh. */
test('books through the UI and opens the private link', async ({ flow, privateLink, person, zone, lane, notBefore, page, newClient, baseURL }) => {
  const health = await page.request.get('/api/health');
  expect(health.ok()).toBe(true);
  expect(JSON.stringify(await health.json())).toContain('pglite');

  await flow.chooseType(TYPES.individualVideo);
  const chosen = await flow.chooseTime(lane(VIDEO_LANES.smoke), notBefore);
  expect(chosen.label).toBe(timeIn(chosen.startMs, zone));
  await flow.details.fill(person);
  const token = await flow.submitAndLand();
  const booked = privateLink(token);
  await expect(booked.bannerNamed("You're booked")).toBeVisible();
  const reference = (await booked.reference.textContent()) ?? '';

  // The link works on its own, in another browser.
  const other = await newClient();
  const link = privateLink(token, other.page);
  const response = await other.page.goto(`${baseURL}${link.path}`);
  expect(response?.status()).toBe(200);
  await expect(link.heading).toHaveText('Your consultation');
  await expect(link.reference).toHaveText(reference);
  await expect(link.status).toHaveText('Confirmed');
  await expect(link.whenDate).toHaveText(longDateIn(chosen.startMs, zone));
  await expect(link.when).toContainText(`${chosen.label} – `);
  await expect(link.rescheduleLink).toBeVisible();
});
