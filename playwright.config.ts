import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the built app (`next build` first; `npm test` does it).
 * Browser: PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own.
 */
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// One clock reading for the whole run: the workers inherit it, so every project counts booking
// days from the same date (e2e/fixtures.ts, firstCountedDate).
process.env.E2E_RUN_STARTED_AT ??= String(Date.now());

// Overridable, so two checkouts can run their suites side by side on one machine.
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 3100);
const PGLITE_PORT = Number(process.env.E2E_PGLITE_PORT ?? 3101);

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  },
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  // Traces keep DOM snapshots but no screencast: recording the screencast for every test made the
  // run ~40% slower on two cores (a failure still gets its screenshot).
  use: { trace: { mode: 'retain-on-failure', screenshots: false }, screenshot: 'only-on-failure', locale: 'en-US' },
  projects: [
    {
      name: 'los-angeles',
      testIgnore: /smoke\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${PG_PORT}`, timezoneId: 'America/Los_Angeles' },
    },
    {
      name: 'berlin',
      // The authorization matrix's and the malformed-request answers don't depend on the browser's zone: they run once.
      testIgnore: [/smoke\.spec\.ts/, /authorization-matrix\.spec\.ts/, /malformed-requests\.spec\.ts/],
      use: { ...chromium, baseURL: `http://127.0.0.1:${PG_PORT}`, timezoneId: 'Europe/Berlin', locale: 'en-GB' },
    },
    {
      name: 'embedded-db-smoke',
      testMatch: /smoke\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${PGLITE_PORT}`, timezoneId: 'America/New_York' },
    },
  ],
  webServer: [
    {
      command: `npx tsx e2e/support/serve.mts pg ${PG_PORT}`,
      url: `http://127.0.0.1:${PG_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx tsx e2e/support/serve.mts pglite ${PGLITE_PORT}`,
      url: `http://127.0.0.1:${PGLITE_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
