import { NEUTRAL_SITE } from '../components/intake/neutral-site';
import { IntakePage, controlOf } from './pages/intake';
import { seedIntakeBooking, type IntakeBooking } from './support/intake-seed';
import { expect, test } from './support/staff-fixture';

/**
 * "Leave quickly" (a button on every intake page, or Esc twice): the page is replaced by a neutral
 * site — intercepted here, never reached — the intake is not in the tab's back history, the device
 * is forgotten (a new visit asks for a code again), and what was typed a moment before is kept.
 */

let booking: IntakeBooking | null = null;
test.afterEach(async () => {
  await booking?.remove();
  booking = null;
});

test('Leave quickly: the neutral site at once, no way back to the intake, the device forgotten, the last words kept', async ({ page, staffDb }) => {
  booking = await seedIntakeBooking(staffDb, { form: 'individual' });
  const intake = new IntakePage(page, booking.primary, 'individual');
  await intake.interceptNeutralSite();

  // From the private link page into the intake (so the tab has a page before it).
  await page.goto(`/m/${booking.primary.token}`);
  await page.getByRole('link', { name: 'Start the questions' }).click();
  await expect(intake.leaveQuickly, 'on the gate').toBeVisible();
  await intake.unlock();
  await expect(intake.leaveQuickly, 'on the form').toBeVisible();

  // Typed a moment ago, not yet saved: it goes along with the beacon.
  const words = 'Sentinel: typed just before leaving';
  await controlOf(page, 'preferred-name').fill(words);
  await expect(intake.saveStatus).toContainText('Changes not saved yet');
  let prompted = false;
  page.on('dialog', (d) => {
    prompted = true;
    void d.dismiss();
  });
  await intake.leaveQuickly.click();
  await page.waitForURL(NEUTRAL_SITE);
  expect(prompted, 'no “unsaved changes” prompt holds the person back').toBe(false);

  // Back goes to the page before the intake, never to the intake itself.
  await page.goBack();
  expect(page.url()).not.toContain('/intake');

  // A new visit asks for a code again; once in, what was typed is there.
  await expect
    .poll(
      async () => {
        await intake.goto();
        return intake.sendCodeButton.isVisible();
      },
      { message: 'the device was forgotten', timeout: 10_000 },
    )
    .toBe(true);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await intake.unlock();
  await expect(controlOf(page, 'preferred-name')).toHaveValue(words);
});

test('Esc pressed twice leaves too, from the code gate', async ({ page, staffDb }) => {
  booking = await seedIntakeBooking(staffDb, { form: 'individual' });
  const intake = new IntakePage(page, booking.primary, 'individual');
  await intake.interceptNeutralSite();
  await intake.goto();
  await expect(intake.sendCodeButton).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`/m/${booking.primary.token}/intake$`));
  await page.keyboard.press('Escape');
  await page.waitForURL(NEUTRAL_SITE);
  await page.goBack();
  expect(page.url()).not.toContain('/intake');
});

test('Esc twice on the form', async ({ page, staffDb }) => {
  booking = await seedIntakeBooking(staffDb, { form: 'individual' });
  const intake = new IntakePage(page, booking.primary, 'individual');
  await intake.interceptNeutralSite();
  await intake.goto();
  await intake.unlock();
  await controlOf(page, 'preferred-name').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForURL(NEUTRAL_SITE);
});
