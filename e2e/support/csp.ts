import type { Page } from '@playwright/test';

/**
 * Collects what Chromium reports when the Content-Security-Policy blocks something on a page: it
 * logs "Refused to … because it violates the following Content Security Policy directive" as a
 * console error, and fires `securitypolicyviolation` (forwarded here as a console message too).
 */
export async function collectCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|securitypolicyviolation/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`securitypolicyviolation ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}
