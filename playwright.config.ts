import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { e2eLogDir } from './e2e/support/e2e-env';

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
process.env.E2E_PG_PORT = String(PG_PORT);
process.env.E2E_PGLITE_PORT = String(PGLITE_PORT);
// The SMTP sink every app server under test sends to (E2E_ENV.SMTP_URL), and the mail-less demo
// server that e2e/dev-mailbox.spec.ts starts itself: next to the PostgreSQL server's port unless set.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PG_PORT + 2);
process.env.E2E_SMTP_PORT = String(SMTP_PORT);
process.env.E2E_DEMO_PORT ??= String(PG_PORT + 3);

// The servers' logs of this run (serve.mts writes them, e2e/log-privacy.spec.ts reads them): emptied
// once, when the run starts: the workers load this file again and inherit the marker.
if (!process.env.E2E_LOGS_CLEARED) {
  fs.rmSync(e2eLogDir(PG_PORT), { recursive: true, force: true });
  fs.mkdirSync(e2eLogDir(PG_PORT), { recursive: true, mode: 0o700 });
  process.env.E2E_LOGS_CLEARED = '1';
}

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
      testIgnore: [/smoke\.spec\.ts/, /dev-mailbox\.spec\.ts/, /mail-privacy\.spec\.ts/, /log-privacy\.spec\.ts/],
      use: { ...chromium, baseURL: `http://127.0.0.1:${PG_PORT}`, timezoneId: 'America/Los_Angeles' },
    },
    {
      name: 'berlin',
      // The authorization matrix's and the malformed-request answers, and what is emailed to whom, don't depend on the browser's zone: they run once.
      // So do the intake's accessibility and keyboard walk, the couple, Leave quickly, the clinician's review and the
      // settings (the longest specs of the run); the individual intake (dates, "Saved" times) and the crisis panel
      // (its lines follow the browser's zone) run here too.
      testIgnore: [
        /smoke\.spec\.ts/,
        /dev-mailbox\.spec\.ts/,
        /authorization-matrix\.spec\.ts/,
        /malformed-requests\.spec\.ts/,
        /email-delivery\.spec\.ts/,
        /mail-privacy\.spec\.ts/,
        /log-privacy\.spec\.ts/,
        /intake-(a11y|couples|leave|review|settings)\.spec\.ts/,
      ],
      use: { ...chromium, baseURL: `http://127.0.0.1:${PG_PORT}`, timezoneId: 'Europe/Berlin', locale: 'en-GB' },
    },
    {
      name: 'embedded-db-smoke',
      // The demo on the embedded database; dev-mailbox.spec.ts starts a second one without SMTP (as `npm run demo` runs).
      testMatch: [/smoke\.spec\.ts/, /dev-mailbox\.spec\.ts/],
      use: { ...chromium, baseURL: `http://127.0.0.1:${PGLITE_PORT}`, timezoneId: 'America/New_York' },
    },
    {
      // After every other project: a grep over every message the run delivered to the SMTP sink.
      name: 'mail-privacy',
      testMatch: /mail-privacy\.spec\.ts/,
      dependencies: ['los-angeles', 'berlin', 'embedded-db-smoke'],
      // No baseURL: it opens no page (and the booking projects' lanes count the projects that share one).
      use: { ...chromium },
    },
    {
      // Last: a grep over everything the app servers printed during the run (serve.mts logs it).
      name: 'log-privacy',
      testMatch: /log-privacy\.spec\.ts/,
      dependencies: ['los-angeles', 'berlin', 'embedded-db-smoke', 'mail-privacy'],
      use: { ...chromium },
    },
  ],
  webServer: [
    {
      command: `npx tsx e2e/support/smtp-sink.mts ${SMTP_PORT}`,
      port: SMTP_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The queue worked as a production deployment on PostgreSQL works it: an `npm run worker` process beside the app.
      command: `npx tsx e2e/support/serve.mts pg ${PG_PORT} --worker`,
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
