import { VIDEO_LANES, expect, test } from './fixtures';
import { TYPES } from './pages/booking-flow';
import { DEMO_CLINICIAN_CREDENTIALS, DEMO_FRONT_DESK_CREDENTIALS, DEMO_TOTP_SECRET } from '../db/seed-staff';
import { totpCode } from '../lib/auth/totp';
import { SignInPage } from './pages/sign-in';
import { longDateIn, timeIn } from './support/dates';
import { E2E_STAFF_PASSWORDS } from './support/e2e-env';

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

/**
 * The demo as the README promises it, on the embedded database: the demo clinician signs in with
 * the published TOTP secret and finds the demo practice's week, hours and audit log; the front
 * desk finds a demo client by name. (serve.mts swaps the published passwords for e2e-only ones.)
 */
test('the demo staff sign in on the embedded database and find the demo practice', async ({ page, newClient }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.submitCredentials(DEMO_CLINICIAN_CREDENTIALS.email, E2E_STAFF_PASSWORDS.clinician);
  await expect(signIn.code).toBeFocused();
  await signIn.code.fill(totpCode(DEMO_TOTP_SECRET));
  await signIn.submit.click();
  await expect(page).toHaveURL((url) => url.pathname === '/clinician');
  await expect(page.getByRole('heading', { level: 1, name: 'Today & week' })).toBeVisible();
  await expect(page.getByText('Jordan Ellis').first()).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Staff' });
  await nav.getByRole('link', { name: 'Availability' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Availability/ })).toBeVisible();
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  // The demo's intakes: the flagged one first, the couple's two sent, one in progress.
  await nav.getByRole('link', { name: 'Intakes' }).click();
  const intakeRows = page.getByTestId('intake-row');
  await expect(intakeRows.first()).toContainText('Sam Rivera');
  await expect(intakeRows.first().getByTestId('safety-marker')).toBeVisible();
  await expect(intakeRows.filter({ hasText: 'Riley Chen' }).getByTestId('intake-status')).toHaveText('Sent');
  await expect(intakeRows.filter({ hasText: 'Dana Brooks' }).getByTestId('intake-status')).toHaveText('In progress');
  await expect(intakeRows.filter({ hasText: 'Jordan Ellis' }).getByTestId('intake-row-scores')).toContainText('PHQ-9');

  const desk = await newClient();
  const deskSignIn = new SignInPage(desk.page);
  await deskSignIn.goto();
  await deskSignIn.submitCredentials(DEMO_FRONT_DESK_CREDENTIALS.email, E2E_STAFF_PASSWORDS.frontDesk);
  await expect(desk.page).toHaveURL((url) => url.pathname === '/desk');
  await desk.page.getByRole('searchbox', { name: 'Find a booking' }).fill('Jordan');
  await desk.page.keyboard.press('Enter');
  await expect(desk.page.getByRole('link', { name: /Jordan Ellis/ }).first()).toBeVisible();
});
