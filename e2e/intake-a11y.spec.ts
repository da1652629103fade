import fs from 'node:fs';
import path from 'node:path';
import { firstLoadJs, formatRow } from '../bench/first-load-js.mjs';
import { IntakePage, controlOf } from './pages/intake';
import { expectAccessible } from './support/axe';
import { tabTo } from './support/keyboard';
import { mailTo } from './support/mailbox';
import { seedIntakeBooking, waitForIntakeCode, type IntakeBooking } from './support/intake-seed';
import { expect, test } from './support/staff-fixture';
import { allItems, enabledLinkIds, isQuestion } from '../lib/intake/engine';
import type { AnswerValue } from '../lib/intake/types';

/**
 * The intake for everyone: axe (WCAG 2.1 A/AA) on the code gate, the steps (with errors and with the
 * crisis panel), the review and the sent page; a phone's width with 44 px targets; the whole
 * intake with the keyboard alone. Also measures the form page's first-load JavaScript.
 */

let booking: IntakeBooking | null = null;
test.afterEach(async () => {
  await booking?.remove();
  booking = null;
});

test('axe finds nothing on the gate, the steps, the review and the sent page', async ({ page, staffDb, context, baseURL }, testInfo) => {
  test.slow(); // axe on fifteen pages
  booking = await seedIntakeBooking(staffDb, { form: 'couples' });
  const intake = new IntakePage(page, booking.primary, 'couples');
  await intake.goto();
  await expectAccessible(page, 'the code gate');
  await intake.sendCodeButton.click();
  await intake.codeInput.fill('1');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(intake.codeInput).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the code gate with an error');
  await page.reload();
  await intake.unlock();

  // The form page's first-load JavaScript (gzip), as a browser fetches it with its device cookie.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const weight = await firstLoadJs(baseURL!, intake.path, { headers: { Cookie: cookie, 'X-Forwarded-For': '10.250.0.1' } });
  expect(weight.status).toBe(200);
  expect(weight.html).toContain('intake-progress');
  // Beside it, for scale: the code gate (no device) and the private link page itself.
  const gate = await firstLoadJs(baseURL!, intake.path, { headers: { 'X-Forwarded-For': '10.250.0.1' } });
  const linkPage = await firstLoadJs(baseURL!, `/m/${booking.primary.token}`, { headers: { 'X-Forwarded-For': '10.250.0.1' } });
  expect(gate.html).toContain('masked-email');
  const lines = [formatRow(weight, '/m/<token>/intake (form)'), formatRow(gate, '/m/<token>/intake (code gate)'), formatRow(linkPage, '/m/<token> (private link page)')];
  for (const line of lines) {
    console.log(line);
    testInfo.annotations.push({ type: 'first-load JS', description: line });
  }
  fs.mkdirSync(path.join(testInfo.project.outputDir, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(testInfo.project.outputDir, 'bench', `intake-first-load-${testInfo.project.name}.txt`), `${lines.join('\n')}\n`);

  await expectAccessible(page, 'step 1');
  await intake.next.click();
  await expect(intake.errorSummary).toBeFocused();
  await expectAccessible(page, 'step 1 with errors');
  const known = await intake.fillStep(0);
  await intake.next.click();
  for (let i = 1; i < intake.sections.length; i++) {
    const id = intake.sections[i]!.linkId;
    const extra: Record<string, AnswerValue> = id === 'phq9' ? { 'phq9-9': 'LA6569-3' } : id === 'couple' ? { 'partner-safety': 'yes' } : {};
    Object.assign(known, await intake.fillStep(i, extra, known));
    if (id === 'phq9') await expect(intake.crisisPanel).toBeVisible();
    if (id === 'couple') await expect(intake.supportPanel).toBeVisible();
    await expectAccessible(page, `step ${i + 1} (${id})`);
    await intake.next.click();
  }
  await expect(intake.heading).toContainText('Check your answers');
  await expectAccessible(page, 'the review');
  await page.getByRole('button', { name: 'Send to the practice' }).click();
  await expect(page.getByTestId('intake-sent')).toBeVisible();
  await expect(intake.leaveQuickly, 'on the sent page').toBeVisible();
  await expectAccessible(page, 'the sent page');
  await page.reload();
  await expect(page.getByTestId('intake-sent')).toBeVisible();
  await expect(intake.leaveQuickly).toBeVisible();
  await expectAccessible(page, 'the sent page, reloaded');
});

test('on a phone: nothing wider than the screen, every control at least 44 px tall', async ({ page, staffDb }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  booking = await seedIntakeBooking(staffDb, { form: 'individual' });
  const intake = new IntakePage(page, booking.primary, 'individual');
  await intake.goto();
  await intake.unlock();
  const last = intake.sections.findIndex((s) => s.linkId === 'phq9');
  for (let step = 0; step <= last; step++) {
    if (step > 0) {
      await intake.fillStep(step - 1);
      await intake.next.click();
    }
    await intake.expectStep(step);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `no sideways scrolling on step ${step + 1}`).toBeLessThanOrEqual(0);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('main button, main a, main label:has(input[type=radio]), main label:has(input[type=checkbox]), main input:not([type=radio]):not([type=checkbox]), main textarea')]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ el: (el as HTMLElement).outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
        .filter((t) => t.h < 44),
    );
    expect(small, `targets under 44 px on step ${step + 1}`).toEqual([]);
  }
});

test('the whole intake with the keyboard alone', async ({ page, staffDb }, testInfo) => {
  booking = await seedIntakeBooking(staffDb, { form: 'individual' });
  const intake = new IntakePage(page, booking.primary, 'individual');
  const locale = testInfo.project.use.locale ?? 'en-US';
  await intake.goto();

  // The gate: Tab to "Email me a code", Enter; the code field gets focus; type, Enter.
  await tabTo(page, intake.sendCodeButton);
  const seen = new Set((await mailTo(booking.primary.email)).map((m) => m.file));
  await page.keyboard.press('Enter');
  await expect(intake.codeInput).toBeFocused();
  const { code } = await waitForIntakeCode(booking.primary.email, seen);
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await intake.expectStep(0);

  const known: Record<string, AnswerValue> = {};
  for (let i = 0; i < intake.sections.length; i++) {
    await intake.expectStep(i);
    if (i > 0) await expect(intake.heading, 'a new step takes focus to its heading').toBeFocused();
    const section = intake.sections[i]!;
    for (;;) {
      const enabled = enabledLinkIds(intake.questionnaire, known);
      const next = allItems(intake.questionnaire).find(
        ({ item, section: s }) => s === section && isQuestion(item) && item.required && enabled.has(item.linkId) && !(item.linkId in known),
      );
      if (!next) break;
      const value = intake.defaultAnswer(next.item);
      await intake.answerByKeyboard(next.item, value, locale);
      known[next.item.linkId] = value;
    }
    await tabTo(page, intake.next);
    await page.keyboard.press('Enter');
  }
  await expect(intake.heading).toContainText('Check your answers');
  await expect(intake.heading).toBeFocused();
  const send = page.getByRole('button', { name: 'Send to the practice' });
  await tabTo(page, send, { max: 120 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('intake-sent')).toBeVisible();
  await expect(page.getByTestId('intake-sent')).toContainText(booking.primary.name);
  await expect(controlOf(page, 'preferred-name')).toHaveCount(0);
});
