/**
 * The e2e `test`: every test is its own client.
 *
 * - `clientIp`: a unique X-Forwarded-For per test (sent on every request of the test's context),
 *   because the app rate-limits booking attempts per IP and all tests share one database.
 * - `person`: a unique name and email (per-email limits, "3 open bookings per email").
 * - `lane(n)`: the index of the open day a test books on. Tests that book own a lane (below);
 *   each project that shares the database gets its own days inside the lane, so no two tests
 *   running in parallel ever compete for a time (the race spec competes on purpose).
 * - `zone`: the browser's time zone (the project's `timezoneId`) and expected strings in it.
 * - `flow`, `privateLink(token)`: page objects; `newClient()`: another browser (another person).
 */
import crypto from 'node:crypto';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { BookingFlow, type Person } from './pages/booking-flow';
import { PrivateLinkPage } from './pages/private-link';
import { collectCspViolations } from './support/csp';
import { addDays, dateIn } from './support/dates';

/**
 * Lanes of the tests that book. Video types (Mon/Wed/Fri + a Saturday) and in-person types
 * (Tue/Thu) are on different days, so they have separate lane numbers. Add a lane for a new test.
 */
export const VIDEO_LANES = {
  bookVideo: 0,
  calendarFile: 1,
  couplesVideo: 2,
  reschedule: 3,
  cancel: 4,
  race: 5,
  keyboard: 6,
  a11yManage: 7,
  messagesCouple: 8,
  messagesNoEmail: 9,
  smoke: 0, // its own database
} as const;
export const IN_PERSON_LANES = { individualInPerson: 0, couplesInPerson: 3 } as const;

/**
 * Days are counted from one date for the whole run (set in playwright.config.ts, inherited by the
 * workers) three days ahead: the first days may be partly or wholly closed by minimum notice
 * (24–48 hours), and all projects must count from the same date whatever their zone.
 */
export function firstCountedDate(): string {
  const started = Number(process.env.E2E_RUN_STARTED_AT) || Date.now();
  return addDays(dateIn(started, 'UTC'), 3);
}

export type Client = { context: BrowserContext; page: Page; ip: string };

type Fixtures = {
  clientIp: string;
  person: Person;
  /** The browser's IANA zone, pinned by the project. */
  zone: string;
  lane: (n: number) => number;
  notBefore: string;
  flow: BookingFlow;
  privateLink: (token: string, page?: Page) => PrivateLinkPage;
  newClient: () => Promise<Client>;
};

let ipCounter = 0;
/** 10.x.y.z, random per test plus a per-worker counter: unique across workers and projects. */
function uniqueIp(): string {
  ipCounter += 1;
  const bytes = crypto.randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${(bytes[2]! + ipCounter) % 256}`;
}

export function newPerson(): Person {
  const id = crypto.randomBytes(5).toString('hex');
  return {
    name: `Robin Test ${id}`,
    email: `robin.${id}@example.com`,
    phone: `(917) 555-${String(crypto.randomInt(10_000)).padStart(4, '0')}`,
    note: `Hoping to talk things through (${id}).`,
    partnerName: `Sasha Test ${id}`,
    partnerEmail: `sasha.${id}@example.com`,
  };
}

export const test = base.extend<Fixtures>({
  clientIp: async ({}, use) => {
    await use(uniqueIp());
  },
  // Every page of every test fails on a Content-Security-Policy violation (e2e/support/csp.ts).
  page: async ({ page }, use) => {
    const violations = await collectCspViolations(page);
    await use(page);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
  extraHTTPHeaders: async ({ clientIp }, use) => {
    await use({ 'X-Forwarded-For': clientIp });
  },
  person: async ({}, use) => {
    await use(newPerson());
  },
  zone: async ({ timezoneId }, use, testInfo) => {
    const zone = timezoneId ?? testInfo.project.use.timezoneId;
    if (!zone) throw new Error(`Project ${testInfo.project.name} must pin timezoneId`);
    await use(zone);
  },
  lane: async ({}, use, testInfo) => {
    // Projects against the same app (same baseURL) share its database: interleave their days.
    const sharing = testInfo.config.projects.filter((p) => p.use.baseURL === testInfo.project.use.baseURL).map((p) => p.name);
    const stride = Math.max(1, sharing.length);
    const slot = Math.max(0, sharing.indexOf(testInfo.project.name));
    await use((n) => n * stride + slot);
  },
  notBefore: async ({}, use) => {
    await use(firstCountedDate());
  },
  flow: async ({ page }, use) => {
    await use(new BookingFlow(page));
  },
  privateLink: async ({ page }, use) => {
    await use((token, other) => new PrivateLinkPage(other ?? page, token));
  },
  newClient: async ({ browser, baseURL, timezoneId, locale, viewport }, use) => {
    const opened: BrowserContext[] = [];
    await use(async () => {
      const ip = uniqueIp();
      const context = await newContext(browser, { baseURL, timezoneId, locale, viewport, ip });
      opened.push(context);
      return { context, page: await context.newPage(), ip };
    });
    await Promise.all(opened.map((c) => c.close()));
  },
});

function newContext(
  browser: Browser,
  o: { baseURL?: string; timezoneId?: string; locale?: string; viewport: { width: number; height: number } | null; ip: string },
) {
  return browser.newContext({
    baseURL: o.baseURL,
    timezoneId: o.timezoneId,
    locale: o.locale,
    viewport: o.viewport,
    extraHTTPHeaders: { 'X-Forwarded-For': o.ip },
  });
}

export { expectVisibleFocus, tabTo } from './support/keyboard';
export { expect };
