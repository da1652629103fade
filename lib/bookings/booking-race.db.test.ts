import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { availabilityOverrides, bookings, clinicians } from '../../db/schema';
import { bookingInput, createTestPractice } from '../../tests/support/practice-fixture';
import { openTestDatabase } from '../../tests/support/test-db';
import { bookConsultation } from './commands';

const NOW = new Date('2026-12-01T14:00:00Z');
const SLOT = '2026-12-02T15:00:00.000Z';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe(`racing for one slot on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('50 concurrent attempts: exactly one booking, 49 "slot taken", no other outcome', async () => {
    const fx = await createTestPractice(handle.db);
    const attempts = Array.from({ length: 50 }, (_, i) =>
      bookConsultation({
        input: bookingInput({ typeSlug: 'solo-video', startsAt: SLOT, clinicianId: fx.clinician.id }),
        requester: { ip: `10.9.${i}.1` },
        practiceSlug: fx.practice.slug,
        now: NOW,
      }),
    );
    const results = await Promise.allSettled(attempts);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toEqual([]);
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? (r.value.ok ? 'booked' : r.value.reason) : 'error'));
    const tally = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    console.log(`race (${handle.driver}):`, JSON.stringify(tally));
    expect(tally).toEqual({ booked: 1, slot_taken: 49 });

    const rows = await handle.db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.practiceId, fx.practice.id), inArray(bookings.status, ['requested', 'confirmed'])));
    expect(rows).toHaveLength(1);
  });

  it('a booking made while an hours change is in progress waits for it, then sees the new hours', async () => {
    const fx = await createTestPractice(handle.db);
    // What lib/availability does: lock the clinician's row, change the hours, check which bookings
    // fall outside them, commit. Here the change (time off on the slot's day) stays open a while.
    let finishChange!: () => void;
    const changeMayFinish = new Promise<void>((resolve) => (finishChange = resolve));
    let changeStarted!: () => void;
    const started = new Promise<void>((resolve) => (changeStarted = resolve));
    const change = handle.db.transaction(async (tx) => {
      await tx.select({ id: clinicians.id }).from(clinicians).where(eq(clinicians.id, fx.clinician.id)).for('update');
      await tx.insert(availabilityOverrides).values({ clinicianId: fx.clinician.id, date: '2026-12-02', kind: 'time_off', label: 'Closed' });
      changeStarted();
      await changeMayFinish;
    });
    await started;

    const booking = bookConsultation({
      input: bookingInput({ typeSlug: 'solo-video', startsAt: SLOT, clinicianId: fx.clinician.id }),
      requester: { ip: '10.10.0.1' },
      practiceSlug: fx.practice.slug,
      now: NOW,
    });
    const settledEarly = await Promise.race([booking.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 400))]);
    expect(settledEarly).toBe(false);

    finishChange();
    await change;
    expect(await booking).toMatchObject({ ok: false, reason: 'slot_taken' });
    const rows = await handle.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.practiceId, fx.practice.id));
    expect(rows).toEqual([]);
  });
});
