import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from './client';
import { testDriver } from '../tests/support/test-env';

const driver = testDriver();
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * A database restart closes every idle pooled connection. Before pools had an error listener, each
 * one became an uncaughtException (vitest reports it as an unhandled error and fails the run) with
 * a ~95-line dump of the client. Now: one line, and the next query reconnects.
 */
describe.skipIf(driver === 'pglite')(`pool errors on ${driver}`, () => {
  let handle: DatabaseHandle;
  let admin: pg.Client;
  const lines: string[] = [];
  const original = console.error;

  beforeAll(async () => {
    console.error = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    const url = inject('testDatabaseUrl');
    handle =
      driver === 'pg'
        ? await openDatabase({ driver: 'pg', url, maxConnections: 3 })
        : await openDatabase({ driver: 'neon', url, localProxy: inject('neonProxy'), maxConnections: 3 });
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });

  afterAll(async () => {
    console.error = original;
    await handle?.close();
    await admin?.end();
  });

  it('logs one line when the server closes idle connections, and the next query works', async () => {
    // Three idle connections in the pool, each with a known backend pid.
    const pids = await Promise.all(
      [0, 1, 2].map(async () => {
        const result = await handle.db.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.05)`);
        return Number(rowsOf<{ pid: number }>(result)[0]!.pid);
      }),
    );
    expect(new Set(pids).size).toBeGreaterThan(0);
    await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [[...new Set(pids)]]);
    await expect.poll(() => lines.filter((l) => l.includes('[haven] database')).length, { timeout: 5000 }).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the other closes arrive
    const reports = lines.filter((l) => l.includes('[haven] database'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).not.toContain('\n');
    expect(reports[0]).toContain(`database (${driver})`);
    const again = await handle.db.execute(sql`select 1 as one`);
    expect(Number(rowsOf<{ one: number }>(again)[0]!.one)).toBe(1);
  });
});
