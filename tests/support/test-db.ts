import fs from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, useDatabaseForTests, type DatabaseHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrator';
import { resetEnvForTests } from '../../lib/env';
import { TEST_DATA_KEYS, testDriver } from './test-env';

/** The run's migrated PGlite template (db-global-setup.ts), or none (a fresh initdb) outside a vitest run. */
function pgliteTemplate(): Blob | undefined {
  const file = inject('pgliteTemplate');
  return file ? new Blob([fs.readFileSync(file)]) : undefined;
}

/**
 * Opens the database this run targets (TEST_DB_DRIVER), applies the real migrations, and points
 * the data layer at it. PGlite: a fresh in-memory copy of the run's migrated template; pg / neon: the run's database.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  process.env.HAVEN_DATA_KEYS = TEST_DATA_KEYS;
  process.env.HAVEN_HASH_SECRET = 'test-hash-secret';
  delete process.env.HAVEN_PRACTICE_SLUG;
  resetEnvForTests();
  const driver = testDriver();
  const handle =
    driver === 'pglite'
      ? await openDatabase({ driver: 'pglite', dataDir: null, from: pgliteTemplate() })
      : driver === 'pg'
        ? await openDatabase({ driver: 'pg', url: inject('testDatabaseUrl'), maxConnections: 10 })
        : await openDatabase({ driver: 'neon', url: inject('testDatabaseUrl'), localProxy: inject('neonProxy'), maxConnections: 10 });
  await migrateDatabase(handle);
  useDatabaseForTests(handle);
  return handle;
}
