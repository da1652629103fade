import { eq, like, sql } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { devMailbox, rateLimitCounters, staffDrafts, staffSessions, staffSignInFailures, staffSignInPauses, staffUsers } from '../../db/schema';
import { type TestPractice, withTestPractice } from '../../tests/support/practice-fixture';
import { enqueue } from './enqueue';
import { runHousekeeping } from './housekeeping';
import { queueDatabase, QUEUES } from './queue';
import { rowsOf } from '../../tests/support/db-helpers';

/*
 * Housekeeping on each driver: old and fresh rows of every pruned table, side by side; only the
 * old go, a second run deletes nothing, and a backlog bigger than one batch is cleared in batches.
 * Then pg-boss's own pruning of finished job rows (queue deleteAfterSeconds), on a real maintenance pass.
 */

// Tuesday 1 December 2026, 09:00 in New York.
const NOW = new Date('2026-12-01T14:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});


describe(`housekeeping on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('prunes only what no rule reads any more, in batches, and a second run finds nothing', async () => {
    const db = handle.db;
    const tag = crypto.randomUUID().slice(0, 8);
    const [user] = await db
      .insert(staffUsers)
      .values({ practiceId: fx.practice.id, email: `hk-${tag}@example.test`, displayName: 'Housekeeping test', role: 'front_desk', passwordHash: 'never signs in' })
      .returning({ id: staffUsers.id });
    const userId = user!.id;

    // Rate-limit counters: the longest window is an hour. 2,500 old ones (more than two batches), one whose window is still open.
    await db.execute(sql`
      insert into rate_limit_counters (bucket, window_start, hits)
      select ${`hk-${tag}-old-`} || g, ${ago(2 * HOUR).toISOString()}::timestamptz, 1 from generate_series(1, 2500) g`);
    await db.insert(rateLimitCounters).values([
      { bucket: `hk-${tag}-fresh`, windowStart: ago(30 * MIN), hits: 1 },
      { bucket: `hk-${tag}-edge`, windowStart: ago(HOUR - 1000), hits: 1 },
    ]);
    // Staff drafts: restored for 12 hours.
    await db.insert(staffDrafts).values([
      { userId, formKey: 'hk-old:1', valuesCiphertext: 'x', savedAt: ago(13 * HOUR) },
      { userId, formKey: 'hk-fresh:1', valuesCiphertext: 'x', savedAt: ago(11 * HOUR) },
    ]);
    // Sessions: gone a day after they ended (expired or revoked).
    const sessions = await db
      .insert(staffSessions)
      .values([
        { userId, createdAt: ago(3 * DAY), lastSeenAt: ago(3 * DAY), expiresAt: ago(2 * DAY) }, // expired 2 days ago: old
        { userId, createdAt: ago(2 * DAY), lastSeenAt: ago(2 * DAY), expiresAt: ago(DAY - HOUR), revokedAt: ago(2 * DAY) }, // revoked 2 days ago: old
        { userId, createdAt: ago(20 * HOUR), lastSeenAt: ago(20 * HOUR), expiresAt: ago(8 * HOUR) }, // expired 8 hours ago: kept
        { userId, createdAt: ago(HOUR), lastSeenAt: ago(HOUR), expiresAt: ago(-11 * HOUR), revokedAt: ago(30 * MIN) }, // revoked just now: kept
        { userId, createdAt: ago(HOUR), lastSeenAt: ago(MIN), expiresAt: ago(-11 * HOUR) }, // live: kept
      ])
      .returning({ id: staffSessions.id });
    // Sign-in failures count for a day; an account pause matters until it ends.
    await db.insert(staffSignInFailures).values([
      { emailKey: `hk-${tag}`, addressKey: 'a', failedAt: ago(DAY + MIN) },
      { emailKey: `hk-${tag}`, addressKey: 'a', failedAt: ago(DAY - MIN) },
    ]);
    await db.insert(staffSignInPauses).values([
      { emailKey: `hk-${tag}-ended`, pausedUntil: ago(MIN), startedAt: ago(16 * MIN) },
      { emailKey: `hk-${tag}-on`, pausedUntil: ago(-MIN), startedAt: ago(14 * MIN) },
    ]);
    // The development mailbox keeps a week.
    await db.insert(devMailbox).values([
      { toAddress: `hk-${tag}-old@example.com`, fromAddress: 'x', subject: 's', textBody: 't', htmlBody: 'h', deliveredAt: ago(8 * DAY) },
      { toAddress: `hk-${tag}-fresh@example.com`, fromAddress: 'x', subject: 's', textBody: 't', htmlBody: 'h', deliveredAt: ago(6 * DAY) },
    ]);

    const first = await runHousekeeping(db, NOW);
    // Other test files share a server database: at least ours went.
    expect(first.rateLimitCounters).toBeGreaterThanOrEqual(2500);
    expect(first.staffDrafts).toBeGreaterThanOrEqual(1);
    expect(first.staffSessions).toBeGreaterThanOrEqual(2);
    expect(first.staffSignInFailures).toBeGreaterThanOrEqual(1);
    expect(first.staffSignInPauses).toBeGreaterThanOrEqual(1);
    expect(first.devMailbox).toBeGreaterThanOrEqual(1);

    const counters = await db.select({ bucket: rateLimitCounters.bucket }).from(rateLimitCounters).where(like(rateLimitCounters.bucket, `hk-${tag}-%`));
    expect(counters.map((c) => c.bucket).sort()).toEqual([`hk-${tag}-edge`, `hk-${tag}-fresh`]);
    const drafts = await db.select({ formKey: staffDrafts.formKey }).from(staffDrafts).where(eq(staffDrafts.userId, userId));
    expect(drafts.map((d) => d.formKey)).toEqual(['hk-fresh:1']);
    const keptSessions = await db.select({ id: staffSessions.id }).from(staffSessions).where(eq(staffSessions.userId, userId));
    expect(keptSessions.map((s) => s.id).sort()).toEqual(sessions.slice(2).map((s) => s.id).sort());
    const failures = await db.select({ failedAt: staffSignInFailures.failedAt }).from(staffSignInFailures).where(eq(staffSignInFailures.emailKey, `hk-${tag}`));
    expect(failures.map((f) => f.failedAt.toISOString())).toEqual([ago(DAY - MIN).toISOString()]);
    const pauses = await db.select({ key: staffSignInPauses.emailKey }).from(staffSignInPauses).where(like(staffSignInPauses.emailKey, `hk-${tag}-%`));
    expect(pauses.map((p) => p.key)).toEqual([`hk-${tag}-on`]);
    const mail = await db.select({ to: devMailbox.toAddress }).from(devMailbox).where(like(devMailbox.toAddress, `hk-${tag}-%`));
    expect(mail.map((m) => m.to)).toEqual([`hk-${tag}-fresh@example.com`]);

    // Idempotent: nothing left to prune at the same instant.
    expect(await runHousekeeping(db, NOW)).toEqual({ rateLimitCounters: 0, staffDrafts: 0, staffSessions: 0, staffSignInFailures: 0, staffSignInPauses: 0, devMailbox: 0, intakeCodes: 0, intakeDevices: 0 });
  });

  it('pg-boss deletes finished job rows after the queue’s deleteAfterSeconds, on a maintenance pass', async () => {
    const marker = crypto.randomUUID();
    const ids: string[] = [];
    await handle.db.transaction(async (tx) => {
      ids.push(await enqueue(tx, QUEUES.housekeeping, { marker, age: 'old' }));
      ids.push(await enqueue(tx, QUEUES.housekeeping, { marker, age: 'fresh' }));
    });
    // A maintenance interval of 1 s, so this pass is not skipped because another ran earlier in the run.
    const boss = new PgBoss({
      db: queueDatabase(handle.raw),
      ...(handle.raw.kind === 'pglite' ? { backend: 'pglite' as const } : {}),
      schema: 'pgboss',
      supervise: false,
      schedule: false,
      migrate: false,
      maintenanceIntervalSeconds: 1,
    });
    boss.on('error', () => {});
    await boss.start();
    try {
      // Other jobs may be due on the queue (scheduled housekeeping of other files): complete only ours.
      for (let i = 0; i < 20; i++) {
        const got = await boss.fetch<{ marker?: string }>(QUEUES.housekeeping, { batchSize: 50 });
        if (got.length === 0) break;
        const ours = got.filter((j) => j.data.marker === marker).map((j) => j.id);
        if (ours.length) await boss.complete(QUEUES.housekeeping, ours);
        const others = got.filter((j) => j.data.marker !== marker).map((j) => j.id);
        if (others.length) await boss.complete(QUEUES.housekeeping, others);
      }
      const completed = rowsOf<{ id: string; state: string; deletion_seconds: number }>(
        await handle.db.execute(sql`select id::text, state::text, deletion_seconds from pgboss.job where id::text in (${ids[0]}, ${ids[1]}) order by id = ${ids[1]}::uuid`),
      );
      expect(completed.map((r) => r.state)).toEqual(['completed', 'completed']);
      expect(completed[0]!.deletion_seconds).toBe(2 * 86_400);
      // The old one finished three days ago (its completion moved back; the sweep compares completed_on + deleteAfterSeconds with now).
      await handle.db.execute(sql`update pgboss.job set completed_on = now() - interval '3 days' where id = ${ids[0]}::uuid`);
      await new Promise((r) => setTimeout(r, 1_100));
      await boss.supervise(QUEUES.housekeeping);
      const left = rowsOf<{ id: string }>(
        await handle.db.execute(sql`select id::text from pgboss.job where id::text in (${ids[0]}, ${ids[1]}) order by id = ${ids[1]}::uuid`),
      );
      expect(left.map((r) => r.id)).toEqual([ids[1]]);
    } finally {
      await boss.stop({ close: false, graceful: false });
    }
  });
});
