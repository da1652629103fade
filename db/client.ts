import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env, type DatabaseDriver } from '../lib/env';
import { acquirePgliteLock, releasePgliteLock } from './pglite-lock';
import { queryCountingLogger } from './query-counter';
import * as schema from './schema';

/** One type for every driver: the data layer never knows which one it runs on. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: data-layer helpers accept both. */
export type Executor = Database | Transaction;

export type DatabaseOptions =
  /** `from`: a dumped data directory to start from (tests copy one migrated template per file). */
  | { driver: 'pglite'; dataDir: string | null; from?: Blob }
  | { driver: 'pg'; url: string; maxConnections?: number }
  | { driver: 'neon'; url: string; localProxy?: string; maxConnections?: number };

export type DatabaseHandle = {
  db: Database;
  driver: DatabaseDriver;
  options: DatabaseOptions;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (PGlite's dumpDataDir). */
  dumpDataDir?: () => Promise<Blob>;
  /**
   * The connection underneath drizzle, for the job queue (lib/messaging/queue.ts), which must run
   * on the same PGlite instance (one process, one connection) or the same pool (one set of
   * connections, whose `error` events are already watched).
   */
  raw: RawConnection;
  /** Runs `stop` (e.g. stopping the job queue) before the connection closes. */
  beforeClose(stop: () => Promise<void>): void;
};

export type RawConnection =
  | { kind: 'pglite'; client: import('@electric-sql/pglite').PGlite }
  | { kind: 'pool'; pool: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } };

/** Opens a connection pool (or the embedded database) for the given driver. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const opened = await openDriver(options);
  const stops: Array<() => Promise<void>> = [];
  let closing: Promise<void> | undefined;
  return {
    ...opened,
    beforeClose: (stop) => void stops.push(stop),
    close() {
      closing ??= (async () => {
        for (const stop of stops.splice(0).reverse()) await stop().catch((err: unknown) => console.error('[haven] while closing the database:', err));
        await opened.close();
      })();
      return closing;
    },
  };
}

function openDriver(options: DatabaseOptions): Promise<Omit<DatabaseHandle, 'beforeClose'>> {
  switch (options.driver) {
    case 'pglite':
      return openPglite(options.dataDir, options.from);
    case 'pg':
      return openNodePostgres(options.url, options.maxConnections);
    case 'neon':
      return openNeon(options.url, options.localProxy, options.maxConnections);
  }
}

async function openPglite(dataDir: string | null, from?: Blob): Promise<Omit<DatabaseHandle, 'beforeClose'>> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) {
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    acquirePgliteLock(dataDir);
  }
  // btree_gist must be loaded on every open once a database uses it (STACK-NOTES).
  const client = new PGlite({ dataDir: dataDir ?? undefined, extensions: { btree_gist }, loadDataDir: from });
  await client.waitReady;
  const db = drizzle({ client, schema, logger: queryCountingLogger }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    options: { driver: 'pglite', dataDir },
    async close() {
      await client.close();
      if (dataDir) releasePgliteLock(dataDir);
    },
    dumpDataDir: () => client.dumpDataDir('none'),
    raw: { kind: 'pglite', client },
  };
}

async function openNodePostgres(url: string, max = 10): Promise<Omit<DatabaseHandle, 'beforeClose'>> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: url, max });
  watchPoolErrors(pool, 'pg');
  const db = drizzle({ client: pool, schema, logger: queryCountingLogger }) as unknown as Database;
  return { db, driver: 'pg', options: { driver: 'pg', url, maxConnections: max }, close: () => pool.end(), raw: { kind: 'pool', pool } };
}

async function openNeon(url: string, localProxy: string | undefined, max = 10): Promise<Omit<DatabaseHandle, 'beforeClose'>> {
  const { Pool } = await import('@neondatabase/serverless');
  const { drizzle } = await import('drizzle-orm/neon-serverless');
  await configureNeon(localProxy);
  const pool = new Pool({ connectionString: url, max });
  watchPoolErrors(pool, 'neon');
  const db = drizzle({ client: pool, schema, logger: queryCountingLogger }) as unknown as Database;
  return {
    db,
    driver: 'neon',
    options: { driver: 'neon', url, localProxy, maxConnections: max },
    close: () => pool.end(),
    raw: { kind: 'pool', pool: pool as unknown as { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } },
  };
}

/** How often a burst of pool errors (a database restart drops every idle connection) is logged. */
const POOL_ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * An idle pooled connection that the server closes (a restart, a failover, an idle timeout) makes
 * the pool emit `error`; with no listener Node turns it into an uncaughtException with a dump of
 * the whole client. The pool drops that client and opens a new one on the next query, so one
 * line is all it deserves: the first error of a burst is logged, the rest are counted into the next line.
 */
export function watchPoolErrors(
  pool: { on(event: 'error', listener: (err: Error) => void): unknown },
  driver: 'pg' | 'neon',
  log: (line: string) => void = (line) => console.error(line),
): void {
  let lastLoggedAt = -Infinity;
  let suppressed = 0;
  pool.on('error', (err: Error & { code?: string }) => {
    const now = Date.now();
    if (now - lastLoggedAt < POOL_ERROR_LOG_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    lastLoggedAt = now;
    const more = suppressed > 0 ? ` (+${suppressed} more since the last report)` : '';
    suppressed = 0;
    const reason = [err.code, (err.message ?? '').split('\n')[0]].filter(Boolean).join(' ');
    log(`[haven] database (${driver}): an idle connection was closed: ${reason || 'unknown error'}${more}; the pool reconnects on the next query.`);
  });
}

/**
 * Node has no global WebSocket before v22: give Neon the `ws` package. A local WebSocket→TCP
 * proxy (tests, local runs against a plain server) needs plain ws and no pipelining; real Neon
 * keeps the defaults.
 */
export async function configureNeon(localProxy: string | undefined): Promise<void> {
  const { neonConfig } = await import('@neondatabase/serverless');
  const { default: ws } = await import('ws');
  neonConfig.webSocketConstructor = ws;
  if (localProxy) {
    neonConfig.wsProxy = (host, port) => `${localProxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  }
}

/** Options for the database this process is configured for (DATABASE_URL / DATABASE_DRIVER). */
export function databaseOptionsFromEnv(): DatabaseOptions {
  const e = env();
  switch (e.databaseDriver) {
    case 'pglite':
      return { driver: 'pglite', dataDir: e.PGLITE_DATA_DIR };
    case 'pg':
      return { driver: 'pg', url: e.DATABASE_URL! };
    case 'neon':
      return { driver: 'neon', url: e.DATABASE_URL!, localProxy: e.NEON_LOCAL_PROXY };
  }
}

type Shared = { handle?: Promise<DatabaseHandle> };
// One instance per process, kept across dev-server reloads.
const shared = ((globalThis as { __havenDatabase?: Shared }).__havenDatabase ??= {});

/**
 * The process's database, opened on first use. The embedded database is migrated (and seeded
 * with the demo practice when empty) on open, so `next start` works on a fresh machine.
 */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  shared.handle ??= (async () => {
    const options = databaseOptionsFromEnv();
    const handle = await openDatabase(options);
    if (options.driver === 'pglite') {
      const { migrateDatabase } = await import('./migrator');
      const { seedDemoIfEmpty } = await import('./seed-demo');
      await migrateDatabase(handle);
      await seedDemoIfEmpty(handle.db);
    }
    // Issue 3: a production server database must not run with a seeded demo staff password
    // (the README publishes them). Fails closed: the handle is closed and every request errors.
    if (options.driver !== 'pglite' && env().NODE_ENV === 'production') {
      const { assertNoDemoPasswords } = await import('../lib/auth/demo-guard');
      await assertNoDemoPasswords(handle.db).catch(async (err: unknown) => {
        await handle.close();
        throw err;
      });
    }
    return handle;
  })().catch((err: unknown) => {
    shared.handle = undefined;
    throw err;
  });
  return shared.handle;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Tests point the data layer at their own database. */
export function useDatabaseForTests(handle: DatabaseHandle): void {
  shared.handle = Promise.resolve(handle);
}

export async function closeDatabase(): Promise<void> {
  const pending = shared.handle;
  shared.handle = undefined;
  if (pending) await (await pending).close();
}
