import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookings } from '../../db/schema';
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
});
