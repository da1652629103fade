import { and, eq, sql } from 'drizzle-orm';
import { fromPglite, PgBoss, TestClock } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { availabilityRules, devMailbox, messages, practices } from '../../db/schema';
import { bookingInput, createTestPractice, type TestPractice } from '../../tests/support/practice-fixture';
import { openTestDatabase } from '../../tests/support/test-db';
import { testDriver } from '../../tests/support/test-env';
import { bookConsultation, cancelBooking, rescheduleBooking } from '../bookings/commands';
import { QUEUES } from './queue';
import { runDelivery } from './worker';
import { rowsOf } from '../../tests/support/db-helpers';

/*
 * Reminders across the autumn clock changes, on each driver: New York leaves daylight time on
 * Sunday 1 November 2026 (06:00 UTC), Berlin on Sunday 25 October 2026 (01:00 UTC). A reminder is
 * due exactly `reminder_hours_before` (24) real hours before the start — not at the same wall-clock
 * time the day before — for bookings before, across and after each change. pg-boss's test clock
 * (TestClock: the queue's job_now() reads it) proves the queue does not hand a reminder out one
 * second before its instant and does at it, without waiting days. A cancelled booking's reminder
 * and a rescheduled booking's old one are skipped, and nothing is sent when their jobs run anyway.
 */

const NOW = new Date('2026-10-19T12:00:00Z'); // Monday 19 October 2026, before both changes
const HOUR = 3_600_000;
const driver = testDriver();

let handle: DatabaseHandle;
let ny: TestPractice;
let berlin: TestPractice;

beforeAll(async () => {
  handle = await openTestDatabase();
  ny = await createTestPractice(handle.db);
  berlin = await createTestPractice(handle.db);
  await handle.db.update(practices).set({ timeZone: 'Europe/Berlin' }).where(eq(practices.id, berlin.practice.id));
  // Sunday hours too, so a booking can start within a day after the change.
  for (const fx of [ny, berlin]) {
    await handle.db.insert(availabilityRules).values({ clinicianId: fx.clinician.id, weekday: 0, startTime: '09:00', endTime: '17:00', modalities: ['video'] });
  }
});
afterAll(async () => handle?.close());


function wallClock(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.hour}:${parts.minute}`;
}

let ip = 0;
async function book(fx: TestPractice, startsAt: string, clientTimeZone: string) {
  ip += 1;
  const booked = await bookConsultation({
    input: bookingInput({ typeSlug: 'solo-video', startsAt, clinicianId: fx.clinician.id, clientTimeZone }),
    requester: { ip: `192.0.2.${150 + ip}` },
    practiceSlug: fx.practice.slug,
    now: NOW,
  });
  if (!booked.ok) throw new Error(`booking at ${startsAt} failed: ${booked.reason}`);
  return booked;
}

type Reminder = { id: string; state: string; skipReason: string | null; sendAfter: Date; jobStartAfter: Date };
async function remindersOf(bookingId: string): Promise<Reminder[]> {
  const rows = await handle.db
    .select({ id: messages.id, state: messages.state, skipReason: messages.skipReason, sendAfter: messages.sendAfter })
    .from(messages)
    .where(and(eq(messages.bookingId, bookingId), eq(messages.kind, 'reminder')))
    .orderBy(messages.createdAt);
  const out: Reminder[] = [];
  for (const r of rows) {
    const [job] = rowsOf<{ start_after: string | Date }>(
      await handle.db.execute(sql`select start_after from pgboss.job where name = ${QUEUES.deliver} and data->>'messageId' = ${r.id}`),
    );
    out.push({ ...r, sendAfter: r.sendAfter!, jobStartAfter: new Date(job!.start_after) });
  }
  return out;
}

describe(`reminders across a clock change on ${driver}`, () => {
  it('are due exactly 24 real hours before the start, handed out at that instant and not a second earlier; cancelled and moved ones send nothing', { timeout: 90_000 }, async () => {
    const cases = [
      // New York: EDT (UTC−4) until Sunday 1 November 06:00 UTC, then EST (UTC−5).
      { label: 'NY, both in daylight time', fx: ny, startsAt: '2026-10-30T14:00:00.000Z', zone: 'America/New_York' }, // Fri 10:00 EDT
      { label: 'NY, across the change', fx: ny, startsAt: '2026-11-01T15:00:00.000Z', zone: 'America/New_York' }, // Sun 10:00 EST → Sat 11:00 EDT
      { label: 'NY, both in standard time', fx: ny, startsAt: '2026-11-02T15:00:00.000Z', zone: 'America/New_York' }, // Mon 10:00 EST
      // Berlin: CEST (UTC+2) until Sunday 25 October 01:00 UTC, then CET (UTC+1).
      { label: 'Berlin, both in summer time', fx: berlin, startsAt: '2026-10-23T08:00:00.000Z', zone: 'Europe/Berlin' }, // Fri 10:00 CEST
      { label: 'Berlin, across the change', fx: berlin, startsAt: '2026-10-25T09:00:00.000Z', zone: 'Europe/Berlin' }, // Sun 10:00 CET → Sat 11:00 CEST
    ];
    const live: Array<{ label: string; reminder: Reminder }> = [];
    for (const c of cases) {
      const booked = await book(c.fx, c.startsAt, c.zone);
      const [reminder, ...more] = await remindersOf(booked.bookingId);
      expect(more, c.label).toEqual([]);
      const due = new Date(new Date(c.startsAt).getTime() - 24 * HOUR);
      expect(reminder!.sendAfter.toISOString(), c.label).toBe(due.toISOString());
      expect(reminder!.jobStartAfter.toISOString(), c.label).toBe(due.toISOString());
      live.push({ label: c.label, reminder: reminder! });
    }
    // Across a change the wall-clock time differs from the start's: 24 h, not "same time yesterday".
    expect(wallClock(live[1]!.reminder.sendAfter, 'America/New_York')).toBe('Sat 11:00'); // the start is Sun 10:00
    expect(wallClock(live[4]!.reminder.sendAfter, 'Europe/Berlin')).toBe('Sat 11:00'); // the start is Sun 10:00

    // Cancelled: its reminder is skipped. Moved: the old one is skipped, a new one is due 24 h before the new start.
    const cancelled = await book(ny, '2026-11-03T15:00:00.000Z', 'America/New_York');
    expect(await cancelBooking({ actor: { kind: 'link', token: cancelled.primaryToken }, input: {}, now: NOW })).toEqual({ ok: true });
    const [cancelledReminder] = await remindersOf(cancelled.bookingId);
    expect(cancelledReminder).toMatchObject({ state: 'skipped', skipReason: 'superseded' });

    const moved = await book(ny, '2026-11-04T15:00:00.000Z', 'America/New_York');
    const result = await rescheduleBooking({
      actor: { kind: 'link', token: moved.primaryToken },
      input: { startsAt: '2026-11-05T15:00:00.000Z', clinicianId: ny.clinician.id, clientTimeZone: 'America/New_York' },
      now: NOW,
    });
    expect(result.ok).toBe(true);
    const [oldReminder, newReminder, ...none] = await remindersOf(moved.bookingId);
    expect(none).toEqual([]);
    expect(oldReminder).toMatchObject({ state: 'skipped', skipReason: 'superseded', sendAfter: new Date('2026-11-03T15:00:00Z') });
    expect(newReminder).toMatchObject({ state: 'queued', sendAfter: new Date('2026-11-04T15:00:00Z'), jobStartAfter: new Date('2026-11-04T15:00:00Z') });
    live.push({ label: 'NY, moved', reminder: newReminder! });

    // The queue on a test clock. Each reminder's job — the skipped ones' too — in order of its instant.
    const clock = new TestClock(NOW);
    const boss = new PgBoss({
      ...(handle.raw.kind === 'pglite' ? { db: fromPglite(handle.raw.client), backend: 'pglite' as const } : { connectionString: inject('testDatabaseUrl'), max: 2 }),
      schema: 'pgboss',
      supervise: false,
      schedule: false,
      migrate: false,
      clock,
    });
    boss.on('error', () => {});
    await boss.start();
    const skipped = [cancelledReminder!, oldReminder!];
    const all = [...live.map((l) => ({ label: l.label, reminder: l.reminder, sends: true })), ...skipped.map((reminder) => ({ label: 'skipped', reminder, sends: false }))].sort(
      (a, b) => a.reminder.sendAfter.getTime() - b.reminder.sendAfter.getTime(),
    );
    try {
      for (const { label, reminder, sends } of all) {
        await clock.setTime(reminder.sendAfter.getTime() - 1_000);
        const early = await boss.fetch<{ messageId: string }>(QUEUES.deliver, { batchSize: 100, includeMetadata: true });
        expect(early.map((j) => j.data.messageId), `${label}: not handed out a second early`).not.toContain(reminder.id);
        await clock.setTime(reminder.sendAfter);
        const onTime = await boss.fetch<{ messageId: string }>(QUEUES.deliver, { batchSize: 100, includeMetadata: true });
        const job = onTime.find((j) => j.data.messageId === reminder.id);
        expect(job, `${label}: handed out at its instant`).toBeDefined();
        // Run it as the worker would.
        await runDelivery(handle, job!);
        await boss.complete(QUEUES.deliver, job!.id);
        const [after] = await handle.db.select({ state: messages.state }).from(messages).where(eq(messages.id, reminder.id));
        const copies = await handle.db.select({ id: devMailbox.id }).from(devMailbox).where(eq(devMailbox.messageId, reminder.id));
        expect({ state: after!.state, copies: copies.length }, label).toEqual(sends ? { state: 'sent', copies: 1 } : { state: 'skipped', copies: 0 });
      }
    } finally {
      await boss.stop({ close: handle.raw.kind !== 'pglite', graceful: false });
    }
  });
});
