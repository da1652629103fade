import crypto from 'node:crypto';
import type { Page } from '@playwright/test';
import { DEMO_FRONT_DESK_CREDENTIALS } from '../db/seed-staff';
import { INVALID_CREDENTIALS_MESSAGE, signInMessage } from '../lib/auth/sign-in-messages';
import { totpCode, totpStep } from '../lib/auth/totp';
import { SignInPage, signInTo } from './pages/sign-in';
import { signInOverHttp } from './support/http-sign-in';
import { expectAccessible } from './support/axe';
import { E2E_STAFF_PASSWORDS } from './support/e2e-env';
import { expect, test } from './support/staff-fixture';

/**
 * Staff sign-in, two-step sign-in, the staff shell and its timeouts (issue 3). Every test signs
 * in people of its own (support/staff-fixture.ts), so the two PostgreSQL projects can run these
 * in parallel against one server.
 */

/** Waits for the URL to be `path` (pathname + query) exactly. */
async function expectAt(page: Page, path: string) {
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === path);
}

/** Waits for the sign-in page, asked to return to `callbackUrl`, for `reason`. */
async function expectSignInFor(page: Page, callbackUrl: string | null, reason: string | null) {
  await expect(page).toHaveURL(
    (url) => url.pathname === '/sign-in' && url.searchParams.get('callbackUrl') === callbackUrl && url.searchParams.get('reason') === reason,
  );
}

/** Six digits the authenticator does not show around now (so the server must refuse them). */
function notACurrentCode(secret: string): string {
  const step = totpStep(Date.now());
  const valid = new Set([-2, -1, 0, 1, 2].map((k) => totpCode(secret, (step + k) * 30_000)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

const staffNav = (page: Page) => page.getByRole('navigation', { name: 'Staff' });

test.describe('staff sign-in', () => {
  test('a clinician signs in with the keyboard: email, password, then the code from the authenticator', async ({ page, staff }) => {
    const clinician = await staff({ role: 'clinician' });
    const signIn = new SignInPage(page);
    await signIn.goto();

    const keys = page.keyboard;
    await expect(signIn.email).toBeFocused();
    await keys.type(clinician.email);
    await keys.press('Tab');
    await expect(signIn.password).toBeFocused();
    await keys.type(clinician.password);
    await keys.press('Enter');

    // The password was right: the code is asked for, without retyping anything.
    await expect(signIn.code).toBeFocused();
    await expect(page.getByTestId('signing-in-as')).toContainText(clinician.email);
    await expect(page.getByTestId('sign-in-status')).toHaveText(signInMessage('totp_required'));
    await keys.type(await clinician.nextCode());
    await keys.press('Enter');

    await expectAt(page, '/clinician');
    await expect(page.getByRole('heading', { level: 1, name: 'Today & week' })).toBeVisible();
    await expect(page.getByText(`Hello, ${clinician.displayName}.`)).toBeVisible();
    await expect(page.getByTestId('staff-identity')).toHaveText(`${clinician.displayName}Clinician`);
    await expect(staffNav(page).getByRole('link')).toHaveText(['Today & week', 'Requests', 'Intakes', 'Availability', 'Calendar feed', 'Consultation types', 'Intake questions', 'Audit log', 'Staff sign-in']);
    await expect(staffNav(page).getByRole('link', { name: 'Today & week' })).toHaveAttribute('aria-current', 'page');
  });

  test('a wrong password and an unknown email get the same message, and what was typed stays', async ({ page, staff }) => {
    const desk = await staff({ role: 'front_desk' });
    const signIn = new SignInPage(page);
    await signIn.goto();

    // Nothing typed: the form says what is missing, at the first field.
    await signIn.submit.click();
    await expect(signIn.email).toHaveAttribute('aria-invalid', 'true');
    await expect(signIn.password).toHaveAttribute('aria-invalid', 'true');
    await expect(signIn.email).toBeFocused();

    // While the server checks, the button says so.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/auth/callback/credentials', async (route) => {
      await held;
      await route.continue();
    });
    await signIn.submitCredentials(desk.email, 'not the right password');
    await expect(page.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
    release();
    await expect(signIn.error).toHaveText(INVALID_CREDENTIALS_MESSAGE);
    await expect(signIn.error).toBeFocused();
    await expect(signIn.email).toHaveValue(desk.email);
    await expect(signIn.password).toHaveValue('not the right password');
    const forWrongPassword = await signIn.error.textContent();
    await page.unrouteAll();

    const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
    await signIn.submitCredentials(`nobody.${crypto.randomBytes(5).toString('hex')}@e2e.test`, 'not the right password');
    await answered;
    await expect(signIn.error).toHaveText(INVALID_CREDENTIALS_MESSAGE);
    expect(await signIn.error.textContent()).toBe(forWrongPassword);

    // Nobody was signed in.
    await page.goto('/desk');
    await expectSignInFor(page, '/desk', null);
  });

  test('a code is required: without it nothing opens, a wrong one is refused, a recovery code works once', async ({ page, staff }) => {
    const clinician = await staff({ role: 'clinician' });
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.submitCredentials(clinician.email, clinician.password);
    await expect(signIn.code).toBeFocused();

    // The right password alone signs nobody in.
    const early = await page.request.get('/clinician', { maxRedirects: 0 });
    expect(early.status()).toBe(307);
    expect(early.headers().location).toContain('/sign-in?callbackUrl=%2Fclinician');

    await signIn.submit.click();
    await expect(signIn.code).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Enter the 6-digit code from your authenticator app, or one of your recovery codes.')).toBeVisible();

    await signIn.code.fill(notACurrentCode(clinician.totpSecret!));
    await signIn.submit.click();
    await expect(page.locator('#code-error')).toHaveText(signInMessage('totp_invalid'));
    await expect(signIn.code).toBeFocused();

    const recoveryCode = clinician.recoveryCodes[0]!;
    await signIn.code.fill(recoveryCode.toUpperCase());
    await signIn.submit.click();
    await expectAt(page, '/clinician');

    // Sign out, then the same recovery code again: used up.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expectSignInFor(page, null, 'signed_out');
    await expect(signIn.notice).toContainText("You're signed out");
    await signIn.submitCredentials(clinician.email, clinician.password);
    await signIn.code.fill(recoveryCode);
    await signIn.submit.click();
    await expect(page.locator('#code-error')).toHaveText(signInMessage('totp_invalid'));
    await page.goto('/clinician');
    await expectSignInFor(page, '/clinician', null);
  });

  test('a new clinician sets up two-step sign-in at first sign-in, then goes where they were going', async ({ page, staff }) => {
    const clinician = await staff({ role: 'clinician', totp: false });
    await page.goto('/clinician?view=week');
    await expectSignInFor(page, '/clinician?view=week', null);
    const signIn = new SignInPage(page);
    await signIn.submitCredentials(clinician.email, clinician.password);

    await expectAt(page, `/two-step?callbackUrl=${encodeURIComponent('/clinician?view=week')}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up two-step sign-in' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'QR code that adds Haven to an authenticator app' })).toBeVisible();
    await expectAccessible(page, 'two-step set-up');

    // The staff area stays closed until it is done.
    const early = await page.request.get('/clinician', { maxRedirects: 0 });
    expect(early.status()).toBe(307);
    expect(early.headers().location).toContain('/two-step?callbackUrl=%2Fclinician');

    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const code = page.getByLabel('6-digit code');
    await code.fill('12345');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expect(page.locator('#code-error')).toHaveText('Enter the 6-digit code your authenticator app shows.');
    await expect(code).toBeFocused();

    await code.fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    const saved = page.getByRole('heading', { name: 'Two-step sign-in is on. Save your recovery codes' });
    await expect(saved).toBeFocused();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    for (const text of await codes.allTextContents()) expect(text).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // The setup key is gone from the page once it is in use.
    await expect(page.getByTestId('totp-secret')).toHaveCount(0);
    await expectAccessible(page, 'recovery codes');

    await page.getByRole('button', { name: "I've saved these — continue" }).click();
    await expectAt(page, '/clinician?view=week');
    await expect(page.getByRole('heading', { level: 1, name: 'Today & week' })).toBeVisible();

    // Set up once: the page now sends them on.
    await page.goto('/two-step');
    await expectAt(page, '/clinician');
  });

  test('the front desk lands on the schedule and cannot open clinician pages (not found)', async ({ page, staff }) => {
    const desk = await staff({ role: 'front_desk' });
    const signIn = new SignInPage(page);
    // Even when asked to return to a clinician page.
    await signIn.goto({ callbackUrl: '/clinician' });
    await signIn.signIn(desk);
    await expectAt(page, '/desk');
    await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
    await expect(page.getByTestId('staff-identity')).toHaveText(`${desk.displayName}Front desk`);
    await expect(staffNav(page).getByRole('link')).toHaveText(['Schedule']);

    for (const path of ['/clinician', '/clinician?view=week', '/clinician/requests']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: "We couldn't find that page" })).toBeVisible();
      await expect(page.getByTestId('staff-identity')).toBeVisible();
      await expect(page.getByText('Today & week')).toHaveCount(0);
    }
  });

  test('anonymous visitors go to sign-in and come back after; outside return addresses are ignored', async ({ page, newClient, baseURL }) => {
    // The demo front desk with its e2e-only password (serve.mts). It has no code, so tests may share it.
    const demoDesk = { email: DEMO_FRONT_DESK_CREDENTIALS.email, password: E2E_STAFF_PASSWORDS.frontDesk, totpSecret: null, nextCode: async () => '' };
    for (const path of ['/clinician', '/desk']) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
    }
    // Public pages stay public.
    expect((await page.request.get('/', { maxRedirects: 0 })).status()).toBe(200);

    await page.goto('/desk?day=2026-12-01');
    await expectSignInFor(page, '/desk?day=2026-12-01', null);
    await new SignInPage(page).signIn(demoDesk);
    await expectAt(page, '/desk?day=2026-12-01');
    await expect(page.getByTestId('staff-identity')).toContainText('Front desk');

    for (const outside of ['https://evil.example/steal', '//evil.example/steal', '/\\evil.example']) {
      const other = await newClient();
      const signIn = new SignInPage(other.page);
      await signIn.goto({ callbackUrl: outside });
      await signIn.signIn(demoDesk);
      await expect(other.page).toHaveURL(`${baseURL}/desk`);
    }
  });
});

test.describe('staff sessions', () => {
  test('after 15 idle minutes the next page asks to sign in again, then returns to that page', async ({ page, staff, staffDb }) => {
    const clinician = await staff({ role: 'clinician' });
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(clinician);
    await expectAt(page, '/clinician');
    await page.goto('/clinician?view=week');
    await expect(page.getByRole('heading', { level: 1, name: 'Today & week' })).toBeVisible();

    expect(await staffDb.idleSessions(clinician.id, 16)).toBe(1);
    await page.goto('/clinician?view=week');
    await expectSignInFor(page, '/clinician?view=week', 'idle');
    await expect(signIn.notice).toContainText('You were signed out after 15 minutes without activity');
    await expectAccessible(page, 'sign-in after the idle timeout');

    await signIn.signIn(clinician);
    await expectAt(page, '/clinician?view=week');
    await expect(page.getByRole('heading', { level: 1, name: 'Today & week' })).toBeVisible();
  });

  test('a minute before the idle timeout a warning offers to stay; at the timeout the page signs out', async ({ page, staff, staffDb }) => {
    await page.clock.install();
    const desk = await staff({ role: 'front_desk' });
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(desk);
    await expectAt(page, '/desk');

    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await expect(warning).toBeHidden();
    await page.clock.fastForward('14:05');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(/You'll be signed out in \d+ seconds for privacy\./);
    const stay = warning.getByRole('button', { name: 'Stay signed in' });
    await expect(stay).toBeFocused();
    await expectAccessible(page, 'idle warning');

    await stay.click();
    await expect(warning).toBeHidden();
    expect(await staffDb.openSessionCount(desk.id)).toBe(1);

    await page.clock.fastForward('16:00');
    await expectSignInFor(page, '/desk', 'idle');
    await expect(signIn.notice).toContainText('You were signed out after 15 minutes without activity');
    await expect.poll(() => staffDb.openSessionCount(desk.id)).toBe(0);
  });

  test('"Sign out everywhere" ends the sign-in in another browser too', async ({ page, staff, staffDb, newClient }) => {
    const desk = await staff({ role: 'front_desk' });
    const here = new SignInPage(page);
    await here.goto();
    await here.signIn(desk);
    await expectAt(page, '/desk');

    const other = await newClient();
    const there = new SignInPage(other.page);
    await there.goto();
    await there.signIn(desk);
    await expectAt(other.page, '/desk');
    expect(await staffDb.openSessionCount(desk.id)).toBe(2);

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expectSignInFor(page, null, 'signed_out_everywhere');
    await expect(here.notice).toContainText("You're signed out everywhere");
    expect(await staffDb.openSessionCount(desk.id)).toBe(0);

    // The other browser still holds its cookie, but the session behind it is gone.
    await other.page.goto('/desk');
    await expectSignInFor(other.page, '/desk', 'revoked');
    await expect(there.notice).toContainText('You were signed out');
  });

  test('/api/auth/session follows the database: empty after "Sign out everywhere", for every browser', async ({ page, staff, playwright, baseURL, clientIp }) => {
    const desk = await staff({ role: 'front_desk' });
    // A second client signs in over plain HTTP and keeps its cookie.
    const other = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': clientIp } });
    expect(await signInOverHttp(other, { email: desk.email, password: desk.password })).toBeNull();
    expect(await (await other.get('/api/auth/session')).json()).toMatchObject({ user: { name: desk.displayName, role: 'front_desk' } });

    await signInTo(page, desk);
    expect(await (await page.request.get('/api/auth/session')).json()).toMatchObject({ user: { role: 'front_desk' } });
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expectSignInFor(page, null, 'signed_out_everywhere');

    // The other client's cookie is still a well-signed JWT; the session behind it is gone.
    const after = await other.get('/api/auth/session');
    expect(after.status()).toBe(200);
    expect(await after.json()).toEqual({});
    await other.dispose();
  });

  test('the sign-in page is accessible: empty, with errors, and at the code step', async ({ page, staff }) => {
    const clinician = await staff({ role: 'clinician' });
    const signIn = new SignInPage(page);
    await signIn.goto({ callbackUrl: '/clinician', reason: 'idle' });
    await expect(signIn.notice).toBeVisible();
    await expectAccessible(page, 'sign-in with the idle notice');

    await signIn.submit.click();
    await expect(signIn.email).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'sign-in with field errors');

    await signIn.submitCredentials(clinician.email, 'not the right password');
    await expect(signIn.error).toHaveText(INVALID_CREDENTIALS_MESSAGE);
    await expectAccessible(page, 'sign-in with a failure message');

    await signIn.password.fill(clinician.password);
    await signIn.submit.click();
    await expect(signIn.code).toBeFocused();
    await expectAccessible(page, 'sign-in, code step');
  });
});
