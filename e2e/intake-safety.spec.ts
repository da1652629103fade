import { and, eq } from 'drizzle-orm';
import { messages } from '../db/schema';
import { crisisRegionOf } from '../lib/practice/crisis-line';
import { IntakePage, controlOf } from './pages/intake';
import { everythingIn, expectDiscreet, mailTo, waitForMail } from './support/mailbox';
import { seedIntakeBooking, type IntakeBooking } from './support/intake-seed';
import { expect, test } from './support/staff-fixture';

/**
 * PHQ-9 item 9 above "Not at all": the person sees crisis resources at once, in the page, the form
 * untouched (not a dialog), with the plain note that nobody watches the form live; the practice is
 * told by email that an intake needs attention — with no content at all.
 */

let booking: IntakeBooking | null = null;
test.afterEach(async () => {
  await booking?.remove();
  booking = null;
});

/** "Several days" (ordinal 1): PHQ-9's answer codes are LOINC's. */
const SEVERAL_DAYS = 'LA6569-3';
const NOT_AT_ALL = 'LA6568-5';

test('item 9 above 0 shows crisis help at once, keeps the form, and the practice is told without content', async ({ page, staffDb, zone }) => {
  booking = await seedIntakeBooking(staffDb, { form: 'individual' });
  const intake = new IntakePage(page, booking.primary, 'individual');
  await intake.goto();
  await intake.unlock();

  const secret = `Sentinel ${booking.reference}: things have been very hard lately`;
  const phq9 = intake.sections.findIndex((s) => s.linkId === 'phq9');
  const known: Record<string, string | boolean | string[] | number> = {};
  for (let i = 0; i < phq9; i++) {
    Object.assign(known, await intake.fillStep(i, i === 2 ? { 'reasons-now': secret } : {}, known));
    await intake.next.click();
  }
  await intake.expectStep(phq9);
  await expect(intake.crisisPanel).toHaveCount(0);
  for (let n = 1; n <= 8; n++) await controlOf(page, `phq9-${n}`).check();
  await controlOf(page, 'phq9-9', SEVERAL_DAYS).check();

  // At once, from the answer on screen (not after a save), right below the question; the form stays.
  await expect(intake.crisisPanel).toBeVisible({ timeout: 1_000 });
  await expect(page.locator('[data-item="phq9-9"]').getByTestId('crisis-panel')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  for (let n = 1; n <= 8; n++) await expect(controlOf(page, `phq9-${n}`)).toBeChecked();
  await expect(controlOf(page, 'phq9-9', SEVERAL_DAYS)).toBeChecked();
  await expect(intake.crisisPanel).toContainText('This form is not watched in real time');
  if (crisisRegionOf(zone) === 'us') {
    await expect(intake.crisisPanel.getByRole('link', { name: 'call 988' })).toHaveAttribute('href', 'tel:988');
    await expect(intake.crisisPanel.getByRole('link', { name: 'text 988' })).toHaveAttribute('href', 'sms:988');
    await expect(intake.crisisPanel.getByRole('link', { name: 'call 911' })).toHaveAttribute('href', 'tel:911');
  } else {
    await expect(intake.crisisPanel).toContainText('call your local emergency number');
    await expect(intake.crisisPanel.getByRole('link', { name: 'findahelpline.com' }).first()).toHaveAttribute('href', 'https://findahelpline.com');
  }

  // The practice is told once, at its own address: a reference, nothing of what was answered.
  const notice = await waitForMail(booking.practiceEmail, (m) => m.subject.includes(booking!.reference));
  expect(notice.subject).toMatch(/attention/i);
  expectDiscreet(notice, { secrets: [secret, 'PHQ', 'Several days', 'better off dead', 'hurting yourself', 'self-harm', 'self_harm', 'suicid', 'crisis'], typeNames: ['Individual consultation'] });
  // The client's own inbox has the code and nothing about this.
  for (const m of await mailTo(booking.primary.email)) expect(everythingIn(m)).not.toMatch(/attention|crisis|\b988\b/i);

  // Still there after a reload (the server's flag) and on the next steps, until they change the answer.
  await intake.expectSaved();
  await page.reload();
  await intake.expectStep(phq9);
  await expect(intake.crisisPanel).toBeVisible();
  await intake.next.click();
  await intake.expectStep(phq9 + 1);
  await expect(intake.crisisPanel).toBeVisible();
  await intake.back.click();
  await controlOf(page, 'phq9-9', undefined).check(); // "Not at all" is the first option
  await expect(controlOf(page, 'phq9-9')).toHaveValue(NOT_AT_ALL);
  await intake.expectSaved();
  await expect(intake.crisisPanel).toHaveCount(0);

  // One notice per intake, however often the answer changes.
  await controlOf(page, 'phq9-9', 'LA6570-1').check();
  await expect(intake.crisisPanel).toBeVisible();
  await intake.expectSaved();
  // (The notice is written in the same transaction as the save that raised the flag: the rows say it all.)
  const notices = await staffDb.db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.bookingId, booking.bookingId), eq(messages.kind, 'practice_intake_attention')));
  expect(notices).toHaveLength(1);
});
