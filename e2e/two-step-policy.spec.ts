import { signInTo } from './pages/sign-in';
import { expect, test } from './support/staff-fixture';

/**
 * "Required for clinicians by default (a practice setting can require it for everyone)": a
 * clinician turns the rule on, and the front desk of the same practice — signed in without an
 * authenticator — is sent to set one up on their very next page, then comes back to it.
 */
test('a clinician requires two-step sign-in for everyone; the front desk sets it up on the next page', async ({ page, staff, newClient }) => {
  const clinician = await staff({ role: 'clinician' });
  const desk = await staff({ role: 'front_desk', practiceId: clinician.practiceId });
  const deskBrowser = await newClient();
  await signInTo(deskBrowser.page, desk);

  await signInTo(page, clinician, '/clinician/settings');
  const rule = page.getByRole('form', { name: 'Sign-in rule' });
  const everyone = rule.getByRole('checkbox', { name: 'Require two-step sign-in for everyone, the front desk too' });
  await expect(everyone).not.toBeChecked();
  await everyone.check();
  await rule.getByRole('button', { name: 'Save sign-in rule' }).click();
  await expect(rule.getByRole('status', { name: 'Sign-in rule saved' })).toContainText('Everyone now needs two-step sign-in');
  await page.reload();
  await expect(everyone).toBeChecked();

  await deskBrowser.page.goto('/desk?view=week');
  await expect(deskBrowser.page).toHaveURL((url) => url.pathname === '/two-step' && url.searchParams.get('callbackUrl') === '/desk?view=week');
});
