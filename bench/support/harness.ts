/**
 * What the data-layer benchmarks share: `server-only` resolved to an empty module (they run the
 * data layer outside Next.js: import this module first), percentiles, and the run on the embedded
 * PGlite and then on a fresh PostgreSQL database at BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres; skipped with a line when none answers).
 */
import Module from 'node:module';
import type { DatabaseHandle } from '../../db/client';

const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  return resolveFilename.call(this, request === 'server-only' ? require.resolve('../../tests/support/empty-module.ts') : request, ...rest);
};

/** The sample at percentile p (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export type Open = () => Promise<DatabaseHandle>;

/** Runs `run` on the embedded PGlite, then on a fresh PostgreSQL database (dropped afterwards). */
export async function onPgliteAndPostgres(run: (label: string, open: Open) => Promise<void>): Promise<void> {
  process.env.HAVEN_DATA_KEYS ??= 'bench1:' + Buffer.alloc(32, 7).toString('base64');
  process.env.HAVEN_HASH_SECRET ??= 'bench-hash-secret';
  const { openDatabase } = await import('../../db/client');
  await run('PGlite (embedded)', () => openDatabase({ driver: 'pglite', dataDir: null }));

  const pg = (await import('pg')).default;
  const serverUrl = new URL(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `haven_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  try {
    await admin.connect();
  } catch {
    console.log('PostgreSQL: not reachable at BENCH_PG_URL, skipped.');
    return;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await run('PostgreSQL 15 (node-postgres)', () => openDatabase({ driver: 'pg', url: url.toString() }));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Prints a failure and exits 1. */
export function exitOnError(err: unknown): never {
  console.error(err);
  process.exit(1);
}
