import crypto from 'node:crypto';
import { VIDEO_LANES, expect, test } from './fixtures';
import { TYPES } from './pages/booking-flow';
import { expectAccessible } from './support/axe';

test.describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  test('the practice page', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Choose a consultation' })).toBeVisible();
    await expectAccessible(page, '/');
  });

  test('choosing a time (video, and in person with office times)', async ({ page, flow }) => {
    for (const type of [TYPES.individualVideo, TYPES.couplesInPerson]) {
      await page.goto(`/book/${type.slug}`);
      await flow.picker.ready();
      // A day is open and its times are shown.
      await expect(page.getByRole('group', { name: /^(Morning|Afternoon|Evening)$/ }).first()).toBeVisible();
      await expectAccessible(page, `/book/${type.slug}`);
    }
  });

  test('the details form: empty, with validation errors, and with "time no longer available"', async ({ page, flow, lane, notBefore }) => {
    await page.goto(`/book/${TYPES.couplesVideo.slug}`);
    await flow.picker.ready();
    const chosen = await flow.chooseTime(lane(0), notBefore);
    await expect(flow.details.partnerName).toBeVisible();
    await expectAccessible(page, 'details form');

    await flow.details.email.fill('not-an-email');
    await flow.details.submit.click();
    await expect(flow.details.name).toHaveAttribute('aria-invalid', 'true');
    await expect(flow.details.consent).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'details form with errors');

    // A start that isn't offered (one minute after a real one): the page offers the nearest times.
    const url = new URL(page.url());
    url.searchParams.set('start', new Date(chosen.startMs + 60_000).toISOString());
    await page.goto(url.pathname + url.search);
    await expect(flow.details.slotTaken).toContainText('That time is no longer available');
    await expectAccessible(page, 'details form, time no longer available');
  });

  test('the private link: booked, reschedule, cancel, cancelled', async ({ page, flow, privateLink, person, lane, notBefore }) => {
    await page.goto(`/book/${TYPES.individualVideo.slug}`);
    const chosen = await flow.chooseTime(lane(VIDEO_LANES.a11yManage), notBefore);
    await flow.details.fill(person);
    const link = privateLink(await flow.submitAndLand());
    await expect(link.bannerNamed("You're booked")).toBeVisible();
    await expectAccessible(page, '/m/<token>?booked=1');

    await link.rescheduleLink.click();
    await link.picker.openDate(chosen.date);
    const label = await link.picker.chooseRandomTime(chosen.date);
    await expect(page.getByTestId('new-time')).toContainText(label);
    await expectAccessible(page, '/m/<token>/reschedule');

    await link.goto('/cancel');
    await expect(page.getByRole('button', { name: 'Confirm cancellation' })).toBeVisible();
    await expectAccessible(page, '/m/<token>/cancel');

    await link.confirmCancellation('Plans changed.');
    await expect(link.bannerNamed('Your consultation is cancelled')).toBeVisible();
    await expectAccessible(page, '/m/<token> cancelled');

    await link.goto('/reschedule');
    await expect(page.getByRole('status', { name: "This consultation can't be moved online" })).toBeVisible();
    await expectAccessible(page, '/m/<token>/reschedule when cancelled');
  });

  test('not found: an unknown private link and an unknown consultation type', async ({ page }) => {
    const link = await page.goto(`/m/${crypto.randomBytes(32).toString('base64url')}`);
    expect(link?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: "This link isn't active" })).toBeVisible();
    await expectAccessible(page, 'unknown link');

    const type = await page.goto('/book/no-such-consultation');
    expect(type?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: "This consultation isn't available" })).toBeVisible();
    await expectAccessible(page, 'unknown type');
  });
});
