import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe with the WCAG 2.0/2.1 A and AA rules: no violations at all. */
export async function expectAccessible(page: Page, what: string) {
  // After a client-side navigation Next streams the new <head> in after the content: wait for it.
  await expect(page, `title of ${what}`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
  expect(violations, `axe violations on ${what}`).toEqual([]);
  expect(results.passes.length, `axe checked something on ${what}`).toBeGreaterThan(10);
}
