import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eLogDir } from './support/e2e-env';
import { describeFindings, logRules, scanLog } from './support/log-scan';
import { SUITE_SECRETS } from './support/suite-secrets';

/**
 * Everything the app servers under test printed during the whole run (stdout and stderr of each
 * `next start` and of the PostgreSQL server's worker process, which serve.mts also writes to
 * e2eLogDir()), read after every other project has finished (this project depends on them,
 * playwright.config.ts): no line carries a text the suite typed (notes, reasons, intake answers), a
 * private link, a one-time code, a seeded client's email address, or a failed query's parameters.
 */

const RULES = logRules(SUITE_SECRETS);

/** Each server of the run, by its log file, and the line it prints once it is up. */
function expectedLogs(): Array<{ file: string; startup: RegExp }> {
  const ready = /Ready in \d/; // `next start`: "✓ Ready in 512ms"
  return [
    { file: `pg-${process.env.E2E_PG_PORT}.app.log`, startup: ready },
    { file: `pg-${process.env.E2E_PG_PORT}.worker.log`, startup: /\[haven\] worker \d+: working the job queue/ },
    { file: `pglite-${process.env.E2E_PGLITE_PORT}.app.log`, startup: ready },
    // The demo server e2e/dev-mailbox.spec.ts starts (embedded-db-smoke).
    { file: `pglite-${process.env.E2E_DEMO_PORT}.app.log`, startup: ready },
  ];
}

test('the scan finds each kind of private thing in a log, masked, and nothing in a clean one', () => {
  const clean = [
    '   ▲ Next.js 16.4.6',
    ' ✓ Ready in 431ms',
    '[haven] worker 4242: working the job queue on the pg database; mail by smtp.',
    '[haven] job queue: worker running in this process.',
    '[haven] housekeeping: pruned intake_codes 3, intake_devices 12.',
    '[serve] the worker process exited (code 1); stopping the server.',
    'Error: Failed query: insert into "bookings" ("id") values ($1)\nparams: [redacted]',
    '    at async saveIntakeDraft (.next/server/chunks/123456.js:1:2)',
    ' GET /m/short 404; hello@example.com; practice.1a2b3c4d@example.com; robin@example.org',
  ].join('\n');
  expect(scanLog('clean.log', clean, RULES)).toEqual([]);

  const token = 'Abc_def-GHIjklmnoPQRstuvwxyz0123456789_-XYZ';
  const leaky = [
    ' ✓ Ready in 431ms',
    '[haven] saveIntakeDraftAction failed: sentinel: we keep arguing',
    `⨯ Error: not found at /m/${token}/intake`,
    '[haven] intake code 482913 sent',
    'Your code is: 017342',
    'to avery3.5f1e2d3c@example.com and jordan@example.com',
    'Error: Failed query: select 1\nparams: Robin Test,secret',
    'error: duplicate key value violates unique constraint, detail: Key (email)=(x@y.z) already exists.',
    '\x1b[31mSenti\x1b[39mnel in colour',
  ].join('\n');
  const found = scanLog('leaky.log', leaky, RULES);
  expect(found.map((f) => [f.line, f.kind])).toEqual([
    [2, 'a text the suite typed'],
    [3, 'a private link path'],
    [4, 'a 6-digit code'],
    [5, 'a 6-digit code'],
    [6, "a seeded client's email address"],
    [8, 'a SQL parameter list'],
    [9, 'SQL values in an error detail'],
    [10, 'a text the suite typed'],
  ]);
  // Quoted with what matched masked.
  const report = describeFindings(found);
  for (const secret of ['sentinel', token, '482913', '017342', 'avery3.5f1e2d3c@', 'jordan@', 'Robin Test', 'x@y.z']) {
    expect(report.toLowerCase()).not.toContain(secret.toLowerCase());
  }
  expect(report).toContain('leaky.log:3: a private link path: ⨯ Error: not found at [a private link path]/intake');
});

test('no server printed a text the suite typed, a private link, a code, a client address or query parameters', () => {
  const dir = e2eLogDir();
  // A scan of nothing passes: each server's log must be there with its start-up line.
  for (const { file, startup } of expectedLogs()) {
    const full = path.join(dir, file);
    expect(fs.existsSync(full), `${full} exists`).toBe(true);
    expect(fs.readFileSync(full, 'utf8'), `${full} has the server's start-up line`).toMatch(startup);
  }
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.log'));
  const findings = files.flatMap((f) => scanLog(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8'), RULES));
  expect(findings.length, `Private things in the servers' logs:\n${describeFindings(findings)}`).toBe(0);
});
