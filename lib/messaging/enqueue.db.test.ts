import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { openTestDatabase } from '../../tests/support/test-db';
import { enqueue } from './enqueue';
import { QUEUES } from './queue';
import { rowsOf } from '../../tests/support/db-helpers';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  // These marker jobs are not deliveries: leave none for a later test's worker on a shared database.
  await handle?.db.execute(sql`delete from pgboss.job where name = ${QUEUES.deliver} and data ? 'marker'`);
  await handle?.close();
});

async function jobsWith(marker: string): Promise<number> {
  const r = await handle.db.execute(sql`select count(*)::int as n from pgboss.job where name = ${QUEUES.deliver} and data->>'marker' = ${marker}`);
  return rowsOf<{ n: number }>(r)[0]!.n;
}

describe(`enqueue inside a transaction on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('a committed transaction leaves its job; a rolled-back one leaves none', async () => {
    const kept = crypto.randomUUID();
    await handle.db.transaction(async (tx) => {
      await enqueue(tx, QUEUES.deliver, { marker: kept });
    });
    expect(await jobsWith(kept)).toBe(1);

    const dropped = crypto.randomUUID();
    await expect(
      handle.db.transaction(async (tx) => {
        await enqueue(tx, QUEUES.deliver, { marker: dropped });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await jobsWith(dropped)).toBe(0);
    // The connection is still usable afterwards (PGlite: no deadlock).
    await handle.db.execute(sql`select 1`);
  });

  it('costs little inside a transaction', async () => {
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      await handle.db.transaction(async (tx) => {
        await enqueue(tx, QUEUES.deliver, { marker: 'timing' });
      });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`enqueue tx p50 ${times[20]!.toFixed(2)} ms p95 ${times[38]!.toFixed(2)} ms`);
  });
});
