import os from 'node:os';
import path from 'node:path';

/**
 * The e2e SMTP sink's port (e2e/support/smtp-sink.mts): playwright.config.ts sets E2E_SMTP_PORT
 * (default: the PostgreSQL server's port + 2) before the servers and the workers start.
 */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PG_PORT ?? 3100) + 2);

/**
 * The environment of the app servers under test: fixed test secrets. Rate limits stay on: each
 * test plays the one trusted proxy in front of the app (HAVEN_TRUSTED_PROXY_HOPS=1) and sends its
 * own X-Forwarded-For, whose last entry is the client address the app counts. Mail goes to the
 * SMTP sink (serve.mts --no-smtp leaves it out: the demo's development mailbox).
 */
export const E2E_ENV = {
  NODE_ENV: 'production',
  HAVEN_DATA_KEYS: 'e2e1:' + Buffer.alloc(32, 9).toString('base64'),
  HAVEN_HASH_SECRET: 'e2e-hash-secret',
  // Staff sessions (next-auth) are required in production; NEXTAUTH_URL is set per port in serve.mts.
  NEXTAUTH_SECRET: 'e2e-nextauth-secret-' + 'x'.repeat(32),
  NEXT_TELEMETRY_DISABLED: '1',
  HAVEN_TRUSTED_PROXY_HOPS: '1',
  // The cron route is live on the e2e servers (e2e/cron-route.spec.ts); unset, it answers 404.
  HAVEN_CRON_SECRET: 'e2e-cron-secret-' + 'c'.repeat(32),
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
} as const;

/**
 * The demo staff's passwords on the e2e servers. The seeded demo passwords are published in the
 * README, so a production server on PostgreSQL refuses to start with them (lib/auth/demo-guard.ts):
 * serve.mts replaces them with these right after seeding. Emails: db/seed-staff.ts.
 */
export const E2E_STAFF_PASSWORDS = {
  clinician: 'e2e-only clinician password',
  frontDesk: 'e2e-only front desk password',
} as const;

/** Where serve.mts leaves the URL of its PostgreSQL database, for the specs' fixtures (one file per port). */
export function e2eDatabaseUrlFile(port: string | number): string {
  return path.join(os.tmpdir(), `haven-e2e-${port}.db-url`);
}

/** Where the e2e SMTP sink (smtp-sink.mts) on `port` writes what it receives: one folder per run, emptied at start. */
export function e2eMailDir(port: string | number): string {
  return path.join(os.tmpdir(), `haven-e2e-mail-${port}`);
}

/**
 * Where the app servers under test leave their output (serve.mts: stdout and stderr of `next start`
 * and of the worker process, one file per server), for e2e/log-privacy.spec.ts. One folder per run,
 * named after the PostgreSQL server's port like the other run files, emptied by playwright.config.ts
 * when a run starts (and kept afterwards, to read).
 */
export function e2eLogDir(pgPort: string | number = process.env.E2E_PG_PORT ?? 3100): string {
  return path.join(os.tmpdir(), `haven-e2e-logs-${pgPort}`);
}
