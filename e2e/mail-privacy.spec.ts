import fs from 'node:fs';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { TYPES } from './pages/booking-flow';
import { e2eDatabaseUrlFile } from './support/e2e-env';
import { allMail, expectDiscreet } from './support/mailbox';
import { SUITE_SECRETS } from './support/suite-secrets';

/**
 * Every message the whole run delivered to the SMTP sink, read after every other project has
 * finished (this project depends on them, playwright.config.ts): none carries a note, a reason, a
 * decline text, a consultation type's name, or the words therapy / sex / couples — whichever spec
 * caused it (bookings, moves and cancellations by link and by staff, declines, new links…).
 */

const TYPE_NAMES = [...Object.values(TYPES).map((t) => t.title), 'Individual consultation'];

test('no message the run delivered carries a note, a reason, a decline text, a type name or the words therapy / sex / couples', async () => {
  // Wait until the PostgreSQL server's worker has nothing due left (later reminders stay queued).
  const db = new pg.Client({ connectionString: fs.readFileSync(e2eDatabaseUrlFile(process.env.E2E_PG_PORT!), 'utf8').trim() });
  await db.connect();
  try {
    await expect
      .poll(
        async () =>
          (
            await db.query<{ n: number }>(
              `select count(*)::int as n from messages where state in ('queued', 'sending', 'retrying') and (send_after is null or send_after <= now())`,
            )
          ).rows[0]!.n,
        { message: 'messages still due on the PostgreSQL server', timeout: 30_000, intervals: [250] },
      )
      .toBe(0);
  } finally {
    await db.end();
  }

  const delivered = await allMail();
  // The run books, moves, cancels and declines: a run that delivered nothing has lost its mail.
  expect(delivered.length).toBeGreaterThan(10);
  for (const m of delivered) expectDiscreet(m, { secrets: SUITE_SECRETS, typeNames: TYPE_NAMES });
});
