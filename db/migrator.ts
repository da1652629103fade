import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from './client';
import { encryptPendingCancelTexts } from './data-fixes/encrypt-cancel-texts';
import * as schema from './schema';
import { installQueue } from '../lib/messaging/queue';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** A fixed key for pg_advisory_lock, so two processes never migrate one server at once. */
const MIGRATION_LOCK_KEY = 72_736_583;

/**
 * Applies db/migrations with the migrator of the handle's driver. On a server the run holds an
 * advisory lock on one dedicated connection, so concurrent starts (several app instances, test
 * workers) apply each migration exactly once. Data fixes that SQL cannot do (encryption) run
 * right after, under the same lock, and then the job queue's schema and queues (pg-boss, lib/messaging/queue.ts).
 */
export async function migrateDatabase(handle: Pick<DatabaseHandle, 'options' | 'db' | 'raw'>): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  const options = handle.options;
  switch (options.driver) {
    case 'pglite': {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(handle.db as never, config);
      await runDataFixes(handle.db);
      await installQueue(handle);
      return;
    }
    case 'pg': {
      const { Client } = await import('pg');
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      const client = new Client({ connectionString: options.url });
      await client.connect();
      try {
        const db = drizzle({ client, schema });
        await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
        await migrate(db, config);
        await runDataFixes(db as unknown as Database);
        await installQueue({ raw: { kind: 'pool', pool: client } });
        await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
      } finally {
        await client.end();
      }
      return;
    }
    case 'neon': {
      const { Client } = await import('@neondatabase/serverless');
      const { drizzle } = await import('drizzle-orm/neon-serverless');
      const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
      const client = new Client({ connectionString: options.url });
      await client.connect();
      try {
        const db = drizzle({ client, schema });
        await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
        await migrate(db, config);
        await runDataFixes(db as unknown as Database);
        await installQueue({ raw: { kind: 'pool', pool: client } });
        await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
      } finally {
        await client.end();
      }
      return;
    }
  }
}

/** Steps a migration cannot do in SQL; each is idempotent and does nothing once done. */
async function runDataFixes(db: Database): Promise<void> {
  await encryptPendingCancelTexts(db);
}
