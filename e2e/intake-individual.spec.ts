import { maskEmail } from '../lib/messaging/mask';
import { IntakePage, controlOf } from './pages/intake';
import { seedIntakeBooking, waitForIntakeCode, type IntakeBooking } from './support/intake-seed';
import { expect, test } from './support/staff-fixture';

/**
 * One person's intake from their private link (issue 9, "Filling it in"): the emailed code on a
 * new device, the steps with autosave, a reload in the middle and the network cut while typing
 * (nothing lost), questions that appear and disappear with earlier answers, the review, Send, and
 * afterwards what was sent, read only.
 */

let booking: IntakeBooking | null = null;
test.afterEach(async () => {
  await booking?.remove();
  booking = null;
});

test('the whole intake: code, steps, a reload and a network cut in the middle, review, send; nothing typed is lost', async ({ page, context, staffDb, newClient }) => {
  booking = await seedIntakeBooking(staffDb, { form: 'individual' });
  const holder = booking.primary;
  const intake = new IntakePage(page, holder, 'individual');

  // The private link page says where the intake is and leads to it.
  await page.goto(`/m/${holder.token}`);
  await expect(page.getByTestId('intake-status')).toHaveText('Not started');
  await page.getByRole('link', { name: 'Start the questions' }).click();

  // A new device: a code to the holder's own address (masked), and not one answer on the page.
  await expect(page.getByTestId('masked-email')).toHaveText(maskEmail(holder.email));
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page).toHaveTitle(/^(?!.*intake)/i);
  await intake.unlock();
  await intake.expectStep(0);
  await expect(page).toHaveTitle(/^(?!.*intake)/i);

  // Next with nothing answered: the error summary, focused, links to each required question.
  await intake.next.click();
  await expect(intake.errorSummary).toBeFocused();
  const problems = intake.errorSummary.getByRole('link');
  await expect(problems).toHaveCount(2);
  await problems.first().click();
  await expect(controlOf(page, 'preferred-name')).toBeFocused();
  await expect(controlOf(page, 'preferred-name')).toHaveAttribute('aria-invalid', 'true');
  expect(new URL(page.url()).hash, 'the summary leaves no #fragment (no history entry)').toBe('');

  const known = await intake.fillStep(0, { 'preferred-name': 'Jo', pronouns: 'they/them' });
  await intake.next.click();
  await intake.expectStep(1);
  Object.assign(known, await intake.fillStep(1, {}, known));
  await intake.next.click();
  await intake.expectStep(2);

  // Typing is saved about 2 s after it stops.
  const reasons = 'Sentinel: we keep arguing about small things, and I want to understand why.';
  await controlOf(page, 'reasons-now').fill(reasons);
  await intake.expectSaved();

  // A question shown only for "yes" appears and disappears with the answer.
  await expect(controlOf(page, 'prior-therapy-details')).toHaveCount(0);
  await controlOf(page, 'prior-therapy').check();
  await expect(controlOf(page, 'prior-therapy-details')).toBeVisible();
  await controlOf(page, 'prior-therapy-details').fill('A counsellor at college helped.');
  await controlOf(page, 'prior-therapy', 'false').check();
  await expect(controlOf(page, 'prior-therapy-details')).toHaveCount(0);
  await controlOf(page, 'prior-therapy').check();
  await expect(controlOf(page, 'prior-therapy-details'), 'kept in memory while hidden').toHaveValue('A counsellor at college helped.');
  await intake.expectSaved();

  // A reload resumes at the same step with everything typed.
  await page.reload();
  await intake.expectStep(2);
  await expect(controlOf(page, 'reasons-now')).toHaveValue(reasons);
  await expect(controlOf(page, 'prior-therapy')).toBeChecked();
  await expect(controlOf(page, 'prior-therapy-details')).toHaveValue('A counsellor at college helped.');

  // Another device (after its own code) resumes at the same step too.
  const other = await newClient();
  const otherIntake = new IntakePage(other.page, holder, 'individual');
  await otherIntake.goto();
  await otherIntake.unlock();
  await otherIntake.expectStep(2);
  await expect(controlOf(other.page, 'reasons-now')).toHaveValue(reasons);
  await other.context.close();

  // The network goes while typing: the page says so, keeps the text, and saves when it is back.
  await context.setOffline(true);
  const goals = 'Typed while offline: to feel closer again.';
  await controlOf(page, 'reasons-goals').fill(goals);
  await controlOf(page, 'reasons-goals').blur();
  await expect(intake.saveStatus).toHaveAttribute('data-state', 'retrying');
  await expect(intake.saveStatus).toContainText('Not saved yet — we’ll keep trying');
  await controlOf(page, 'reasons-goals').pressSequentially(' More.');
  await expect(controlOf(page, 'reasons-goals')).toHaveValue(`${goals} More.`);
  // Leaving now would lose it: the browser asks first.
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true }).catch(() => undefined);
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await context.setOffline(false);
  await intake.expectSaved();
  await page.reload();
  await expect(controlOf(page, 'reasons-goals')).toHaveValue(`${goals} More.`);

  Object.assign(known, { 'reasons-now': reasons, 'reasons-goals': `${goals} More.`, 'prior-therapy': true, 'prior-therapy-details': 'A counsellor at college helped.' });
  await intake.next.click();
  await intake.completeFrom(3, {}, known);

  // The review: every part with its answers and a way back to change them.
  const review = page.getByTestId('review-answers');
  await expect(review.getByRole('heading', { name: 'About you' })).toBeVisible();
  await expect(review).toContainText(reasons);
  await expect(review).toContainText('Jo');
  await review.getByRole('button', { name: 'Change your answers in About you' }).click();
  await intake.expectStep(0);
  await controlOf(page, 'preferred-name').fill('Jojo');
  await page.getByRole('button', { name: 'Back to review' }).click();
  await expect(intake.heading).toContainText('Check your answers');
  await expect(review).toContainText('Jojo');

  // Send: once, with a calm confirmation and what was sent, read only.
  await page.getByRole('button', { name: 'Send to the practice' }).click();
  const sent = page.getByTestId('intake-sent');
  await expect(sent.getByRole('heading', { level: 1 })).toContainText(`Thank you, ${holder.firstName}`);
  await expect(sent).toContainText(reasons);
  await expect(sent.getByRole('textbox')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('intake-sent')).toContainText('Jojo');
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('radio')).toHaveCount(0);

  await page.goto(`/m/${holder.token}`);
  await expect(page.getByTestId('intake-status')).toHaveText('Sent');
  await expect(page.getByRole('link', { name: 'View what you sent' })).toBeVisible();
});

test('the code gate says plainly what went wrong: a wrong code (tries left), and asking for codes too often', async ({ page, staffDb }) => {
  booking = await seedIntakeBooking(staffDb, { form: 'individual' });
  const intake = new IntakePage(page, booking.primary, 'individual');
  await intake.goto();
  await intake.sendCodeButton.click();
  await expect(page.getByTestId('code-sent')).toBeVisible();
  await expect(intake.codeInput).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(intake.codeInput).toHaveAttribute('inputmode', 'numeric');

  await intake.codeInput.fill('12');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(intake.codeInput).toHaveAccessibleDescription(/Please type the 6 digits from the email/);

  // Any 6 digits but the emailed ones (one chance in a million of guessing it is not a flaky test).
  const { code } = await waitForIntakeCode(booking.primary.email);
  await intake.codeInput.fill(code === '000000' ? '000001' : '000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(intake.codeInput).toHaveAccessibleDescription(/That code isn't right.*4 more tries/);
  await expect(intake.codeInput).toBeFocused();

  // New codes, again and again: at some point the page says when to try again.
  const again = page.getByRole('button', { name: 'Send a new code' });
  const problem = page.getByTestId('gate-problem');
  for (let i = 0; i < 10 && !(await problem.isVisible()); i++) {
    await again.click();
    await expect(again).toBeEnabled();
  }
  await expect(problem).toContainText(/try again in \d+ minutes?/);
  await expect(problem).toBeFocused();
});

test('a booker who asked not to be emailed is told to call the practice, and the page shows no answer', async ({ page, staffDb }) => {
  booking = await seedIntakeBooking(staffDb, { form: 'individual', okToEmail: false });
  await page.goto(`/m/${booking.primary.token}/intake`);
  await expect(page.getByTestId('gate-no-email')).toContainText('call');
  await expect(page.getByRole('button', { name: 'Email me a code' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Leave quickly' })).toBeVisible();
});
