import { maskEmail } from '../lib/messaging/mask';
import { IntakePage, controlOf } from './pages/intake';
import { everythingIn, mailTo } from './support/mailbox';
import { seedIntakeBooking, type IntakeBooking } from './support/intake-seed';
import { expect, test } from './support/staff-fixture';

/**
 * A couple: each partner answers on their own link, with a code to their own address. One
 * partner's remembered device never opens the other's intake; nothing on one partner's pages (or
 * in their email) reveals the other's answers, progress or flags — above all the private safety
 * question: its hotline is shown to the partner who answered "yes", and to nobody else.
 */

/** The hotline panel's words (the question itself is asked of both, each alone). */
const HOTLINE = /799-?7233|88788|Domestic Violence Hotline/i;

let booking: IntakeBooking | null = null;
test.afterEach(async () => {
  await booking?.remove();
  booking = null;
});

test('both partners on their own links; one’s device never opens the other’s intake; the safety answer’s hotline only for that partner', async ({ page, context, newClient, staffDb }) => {
  booking = await seedIntakeBooking(staffDb, { form: 'couples' });
  const partner = booking.partner!;
  const booker = new IntakePage(page, booking.primary, 'couples');

  // The booker opens their intake with a code emailed to them.
  await booker.goto();
  await booker.unlock();
  await booker.expectStep(0);
  const bookerAnswers = await booker.fillStep(0, { 'preferred-name': 'Jordan' });
  await booker.next.click();
  await booker.expectStep(1);

  // The booker's device cookie is bound to the booker's link: sent along to the partner's link, it opens nothing.
  const [device] = (await context.cookies()).filter((c) => c.name === 'haven_intake_device');
  expect(device, 'the device cookie').toBeDefined();
  expect(device!.httpOnly).toBe(true);
  expect(device!.sameSite).toBe('Lax');
  expect(device!.path).toBe(`/m/${booking.primary.token}`);
  const other = await newClient();
  await other.context.addCookies([{ ...device!, path: `/m/${partner.token}` }]);
  await other.page.goto(`/m/${partner.token}/intake`);
  await expect(other.page.getByRole('button', { name: 'Email me a code' })).toBeVisible();
  await expect(other.page.getByRole('textbox')).toHaveCount(0);
  await other.context.close();

  // The partner, on their own device and link: their own code, at their own address.
  const partnerClient = await newClient();
  const partnerIntake = new IntakePage(partnerClient.page, partner, 'couples');
  await partnerIntake.goto();
  await expect(partnerClient.page.getByTestId('masked-email')).toHaveText(maskEmail(partner.email));
  await partnerIntake.unlock();
  // Nothing of the booker's: their step, their name as typed.
  await partnerIntake.expectStep(0);
  await expect(controlOf(partnerClient.page, 'preferred-name')).toHaveValue('');

  // The partner answers the private safety question "yes": help for them, at once, in the form.
  const coupleStep = partnerIntake.sections.findIndex((s) => s.linkId === 'couple');
  const partnerKnown = await partnerIntake.fillStep(0, { 'preferred-name': 'Casey' });
  for (let i = 0; i < coupleStep; i++) {
    if (i > 0) Object.assign(partnerKnown, await partnerIntake.fillStep(i, {}, partnerKnown));
    await partnerIntake.next.click();
  }
  await partnerIntake.expectStep(coupleStep);
  await expect(partnerIntake.supportPanel).toHaveCount(0);
  await controlOf(partnerClient.page, 'partner-safety').check(); // "yes", the first option
  await expect(partnerIntake.supportPanel).toBeVisible();
  await expect(partnerIntake.supportPanel.getByRole('link', { name: 'call 1-800-799-7233' })).toHaveAttribute('href', 'tel:18007997233');
  await expect(partnerIntake.supportPanel.getByRole('link', { name: 'text START to 88788' })).toHaveAttribute('href', /^sms:88788/);
  await partnerIntake.expectSaved();
  partnerKnown['partner-safety'] = 'yes';
  Object.assign(partnerKnown, await partnerIntake.fillStep(coupleStep, {}, partnerKnown));
  await partnerIntake.next.click();
  await partnerIntake.completeFrom(coupleStep + 1, {}, partnerKnown);
  await partnerClient.page.getByRole('button', { name: 'Send to the practice' }).click();
  await expect(partnerClient.page.getByTestId('intake-sent')).toBeVisible();
  await expect(partnerIntake.supportPanel).toBeVisible();

  // The booker's pages: their own intake only — no hotline, no word of the partner's answers or progress.
  await page.reload();
  await booker.expectStep(1);
  expect(await page.content()).not.toMatch(HOTLINE);
  await page.goto(`/m/${booking.primary.token}`);
  await expect(page.getByTestId('intake-status')).toHaveText('In progress');
  await expect(page.getByTestId('intake-section')).not.toContainText(/Casey|partner/i);
  expect(await page.content()).not.toMatch(HOTLINE);
  // The partner's private link page says Sent: their own.
  await partnerClient.page.goto(`/m/${partner.token}`);
  await expect(partnerClient.page.getByTestId('intake-status')).toHaveText('Sent');

  // The booker finishes too, answering "no"; nothing about the partner appears at any step.
  await page.goto(`/m/${booking.primary.token}/intake`);
  Object.assign(bookerAnswers, await booker.fillStep(1, {}, bookerAnswers));
  await booker.next.click();
  await booker.completeFrom(2, { 'partner-safety': 'no' }, bookerAnswers);
  expect(await page.content()).not.toMatch(HOTLINE);
  await page.getByRole('button', { name: 'Send to the practice' }).click();
  await expect(page.getByTestId('intake-sent')).toBeVisible();
  expect(await page.content()).not.toMatch(HOTLINE);

  // Email: the booker's messages (their code) never mention it.
  for (const m of await mailTo(booking.primary.email)) expect(everythingIn(m)).not.toMatch(HOTLINE);
});
