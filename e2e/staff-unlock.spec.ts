import { SignInPage, signInTo } from './pages/sign-in';
import { expect, test } from './support/staff-fixture';

/**
 * A staff member whose sign-in is paused (repeated wrong passwords from their address) is unlocked
 * by a clinician of the practice on /clinician/staff, and can then sign in at once.
 */
test('a clinician unlocks a paused front desk, who then signs in', async ({ browser, staff }) => {
  const clinician = await staff({ role: 'clinician' });
  const desk = await staff({ role: 'front_desk', practiceId: clinician.practiceId, displayName: 'Paused Desk' });

  const deskContext = await browser.newContext();
  const deskPage = await deskContext.newPage();
  const signIn = new SignInPage(deskPage);
  await signIn.goto();
  // Three wrong passwords from this address pause it (lib/abuse/sign-in-throttle-rule.ts).
  for (let i = 1; i <= 3; i++) {
    await signIn.submitCredentials(desk.email, `not the password ${i}`);
    await expect(signIn.error).toBeVisible();
    if (i < 3) await expect(signIn.error).not.toContainText('paused');
  }
  await expect(signIn.error).toContainText('sign-in for this email is paused');
  // Even the right password waits now.
  await signIn.submitCredentials(desk.email, desk.password);
  await expect(signIn.error).toContainText('paused');
  await expect(deskPage).toHaveURL((url) => url.pathname === '/sign-in');

  const clinicianContext = await browser.newContext();
  const page = await clinicianContext.newPage();
  await signInTo(page, { ...clinician, role: 'clinician' }, '/clinician/staff');
  await expect(page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Staff sign-in' })).toHaveAttribute('aria-current', 'page');
  const row = page.getByTestId('staff-sign-in-row').filter({ hasText: desk.email });
  await expect(row).toContainText('Sign-in paused until');
  await expect(row).toContainText('Other addresses can still sign in.');
  await row.getByRole('button', { name: 'Unlock sign-in for Paused Desk' }).click();
  await expect(row.getByRole('status')).toContainText('Paused Desk can sign in again now.');
  await expect(row).toContainText('Sign-in works; no failed attempts.');
  await expect(row.getByRole('button', { name: /Unlock/ })).toHaveCount(0);

  await signIn.submitCredentials(desk.email, desk.password);
  await expect(deskPage).toHaveURL((url) => url.pathname === '/desk');

  await deskContext.close();
  await clinicianContext.close();
});

test('the front desk gets not found on the staff sign-in page, and no link to it', async ({ page, staff }) => {
  const desk = await staff({ role: 'front_desk' });
  await signInTo(page, { ...desk, role: 'front_desk' });
  await expect(page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Staff sign-in' })).toHaveCount(0);
  const response = await page.goto('/clinician/staff');
  expect(response?.status()).toBe(404);
});
