import { expect, type Locator, type Page } from '@playwright/test';

/** The staff sign-in page, /sign-in, with its two steps (email + password, then the code). */
export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly code: Locator;
  readonly submit: Locator;
  /** The failure message (role alert, named "Sign-in problem"). */
  readonly error: Locator;
  /** Why the page is shown (idle, signed out …), a status notice. */
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Staff sign-in' });
    this.email = page.getByLabel('Email', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.code = page.getByLabel('Authentication code');
    this.submit = page.getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.getByRole('alert', { name: 'Sign-in problem' });
    this.notice = page.getByTestId('sign-in-notice');
  }

  async goto(query: Record<string, string> = {}) {
    const search = new URLSearchParams(query).toString();
    await this.page.goto(`/sign-in${search ? `?${search}` : ''}`);
    await expect(this.heading).toBeVisible();
  }

  async submitCredentials(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Email and password, then the code when the account has two-step sign-in. */
  async signIn(account: { email: string; password: string; totpSecret: string | null; nextCode(): Promise<string> }) {
    await this.submitCredentials(account.email, account.password);
    if (account.totpSecret) {
      await expect(this.code).toBeFocused();
      await this.code.fill(await account.nextCode());
      await this.submit.click();
    }
  }
}

type SigningIn = Parameters<SignInPage['signIn']>[0] & { role: 'clinician' | 'front_desk' };

/** Where sign-in lands without a callback: the role's workspace. */
const HOME = { clinician: '/clinician', front_desk: '/desk' } as const;

/**
 * Signs `account` in from /sign-in — straight to `path` when given (as its callback), else to the
 * role's workspace — and waits until the page is there. Returns the sign-in page for later steps.
 */
export async function signInTo(page: Page, account: SigningIn, path?: string): Promise<SignInPage> {
  const signIn = new SignInPage(page);
  await signIn.goto(path ? { callbackUrl: path } : {});
  await signIn.signIn(account);
  const landing = path ?? HOME[account.role];
  await expect(page).toHaveURL((url) => url.pathname === landing);
  return signIn;
}
