import type { APIResponse } from '@playwright/test';
import { createAccessWorld } from './support/access-world';
import { collectCspViolations } from './support/csp';
import { expect, test } from './support/staff-fixture';

/**
 * The security headers of a public page, a private-link page and a staff page, and the
 * Content-Security-Policy at work in the browser (every spec's `page` also fails on a violation:
 * e2e/fixtures.ts).
 */
const nonceOf = (policy: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];

function expectCommonHeaders(response: APIResponse, label: string) {
  const h = response.headers();
  const policy = h['content-security-policy'] ?? '';
  expect(policy, `${label}: CSP`).toMatch(/(^|; )script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
  expect(policy, `${label}: no inline or eval for scripts`).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  for (const directive of [`default-src 'self'`, `object-src 'none'`, `base-uri 'none'`, `frame-ancestors 'none'`, `form-action 'self'`]) {
    expect(policy, `${label}: ${directive}`).toContain(directive);
  }
  expect(h['strict-transport-security'], `${label}: HSTS (production build)`).toBe('max-age=63072000; includeSubDomains');
  expect(h['x-content-type-options'], label).toBe('nosniff');
  expect(h['x-frame-options'], label).toBe('DENY');
  expect(h['permissions-policy'], label).toBe('camera=(), microphone=(), geolocation=()');
  expect(h['x-powered-by'], label).toBeUndefined();
  return policy;
}

/** Every <script> in the HTML carries the response's nonce. */
async function expectScriptsCarryNonce(response: APIResponse, policy: string, label: string) {
  const nonce = nonceOf(policy);
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, `${label}: has scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, `${label}: script nonce`).toContain(`nonce="${nonce}"`);
}

test('public, private-link and staff pages send the CSP with a fresh nonce, HSTS and the other headers', async ({ request, staffDb }) => {
  const world = await createAccessWorld(staffDb);
  try {
    const home = await request.get('/');
    const homePolicy = expectCommonHeaders(home, '/');
    expect(home.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
    await expectScriptsCarryNonce(home, homePolicy, '/');
    // A new nonce for every response.
    expect(nonceOf(expectCommonHeaders(await request.get('/'), '/ again'))).not.toBe(nonceOf(homePolicy));

    const link = await request.get(`/m/${world.a.token}`);
    expect(link.status()).toBe(200);
    const linkPolicy = expectCommonHeaders(link, '/m/…');
    expect(link.headers()['referrer-policy']).toBe('no-referrer');
    expect(link.headers()['cache-control']).toContain('no-store');
    expect(link.headers()['x-robots-tag']).toBe('noindex, nofollow');
    await expectScriptsCarryNonce(link, linkPolicy, '/m/…');

    const staffPage = await request.get('/clinician', { headers: { Cookie: (await world.cookieFor('clinician'))! }, maxRedirects: 0 });
    expect(staffPage.status()).toBe(200);
    const staffPolicy = expectCommonHeaders(staffPage, '/clinician');
    await expectScriptsCarryNonce(staffPage, staffPolicy, '/clinician');
  } finally {
    await world.remove();
  }
});

test('an inline script without the nonce is blocked, and the violation check sees it', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const violations = await collectCspViolations(page);
  await page.route('**/', async (route) => {
    const original = await route.fetch();
    const body = (await original.text()).replace('</body>', '<script>window.__injected = true</script></body>');
    await route.fulfill({ response: original, body });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  // The page itself still works: client components hydrated under the policy.
  await context.close();
});
