import type { Page } from '@playwright/test';
import { TYPES } from './pages/booking-flow';
import { signInTo } from './pages/sign-in';
import { SlotPicker } from './pages/slot-picker';
import { BookingSeed } from './support/booking-seed';
import { expect, test } from './support/staff-fixture';

/**
 * Layout that holds still and fits (issue 7): the booking page must not shift while the slot
 * picker loads (it renders after hydration, in the browser's zone), and a very long unbroken
 * name or email must wrap instead of widening the page.
 */

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

type Shift = { value: number; sources: string[] };

/** Records every layout shift not caused by input, from the first paint on (a buffered observer). */
async function recordLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const store = window as unknown as { __layoutShifts: Array<{ value: number; sources: string[] }> };
    store.__layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node | null }> }>) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map((s) => {
          const el = s.node instanceof Element ? s.node : null;
          return el ? `${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 3).join('.')} "${(el.textContent ?? '').slice(0, 30)}"` : String(s.node?.nodeName);
        });
        store.__layoutShifts.push({ value: entry.value, sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

async function layoutShifts(page: Page): Promise<Shift[]> {
  // Let the page settle: web fonts, then two frames after the picker's render.
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  return page.evaluate(() => (window as unknown as { __layoutShifts: Shift[] }).__layoutShifts);
}

/** How much wider than the viewport the document is (0 when nothing overflows sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test.describe(`${name} viewport`, () => {
    test.use({ viewport });

    for (const type of [TYPES.individualVideo, TYPES.phone]) {
      test(`"${type.title}": no layout shift while the slot picker loads (CLS 0)`, async ({ page }) => {
        await recordLayoutShifts(page);
        // The scripts that hydrate the picker arrive a little late, as on a phone network, so the
        // server-rendered placeholder is painted first (on a fast machine it may never be seen).
        await page.route('**/_next/static/chunks/**', async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          await route.continue();
        });
        await page.goto(`/book/${type.slug}`);
        await new SlotPicker(page).ready();
        const shifts = await layoutShifts(page);
        const cls = shifts.reduce((sum, s) => sum + s.value, 0);
        expect(cls, `layout shifts: ${JSON.stringify(shifts, null, 2)}`).toBe(0);
      });
    }
  });
}

test.describe('long names and emails', () => {
  test.use({ viewport: VIEWPORTS.phone });

  // 120 characters without a space (the name field's limit), and a 64 + 55-character email.
  const LONG_NAME = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(4).slice(0, 120);
  const LONG_EMAIL = `${'averyverylonglocalpart'.repeat(3).slice(0, 64)}@${'subdomain'.repeat(5)}.example.com`;

  test('wrap on the client’s confirmation page and the front desk’s pages instead of widening them', async ({ page, staff, staffDb }) => {
    expect(LONG_NAME).toHaveLength(120);
    const desk = await staff({ role: 'front_desk' });
    const world = await BookingSeed.create(staffDb, { practiceId: desk.practiceId, availableAllDay: true });
    try {
      const booking = await world.add(new Date(Date.now() + 3 * 86_400_000), { clientName: LONG_NAME, clientEmail: LONG_EMAIL });

      // The client's confirmation: their private link right after booking.
      await page.goto(`/m/${booking.primaryToken}?booked=1`);
      await expect(page.getByText(LONG_NAME)).toBeVisible();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

      await signInTo(page, desk);
      // The schedule (the booking is in the coming week) and the booking's own page.
      await expect(page.getByRole('link', { name: LONG_NAME })).toBeVisible();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await page.goto(`/desk/bookings/${booking.id}`);
      await expect(page.getByRole('heading', { level: 1, name: LONG_NAME })).toBeVisible();
      await expect(page.getByText(LONG_EMAIL).first()).toBeVisible();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await world.remove();
    }
  });
});
