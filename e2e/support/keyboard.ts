import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. Shift+Tab is
 * chosen by itself when the target comes before the focused element.
 */
export async function tabTo(page: Page, target: Locator, options: { max?: number } = {}) {
  const max = options.max ?? 40;
  if (await isFocused(target)) return;
  const key = (await isBeforeFocus(target)) ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await isFocused(target)) return;
  }
  throw new Error(`${key} ×${max} never reached ${target.toString()}`);
}

async function isFocused(target: Locator): Promise<boolean> {
  if ((await target.count()) !== 1) return false;
  return target.evaluate((el) => el === document.activeElement);
}

/** Whether `target` comes before the focused element in document order. */
async function isBeforeFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const active = document.activeElement;
    if (!active || active === document.body || active === el) return false;
    return Boolean(el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
}

/** The element has keyboard focus and shows the focus ring (`:focus-visible`, a real outline). */
export async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  const ring = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    return { focusVisible: el.matches(':focus-visible'), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.focusVisible, 'matches :focus-visible').toBe(true);
  expect(ring.outline).not.toBe('none');
  expect(ring.width).toBeGreaterThan(0);
}

