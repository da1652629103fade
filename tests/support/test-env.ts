/** Which database the db test project runs on, and where the server is. One place for both. */
export type TestDriver = 'pglite' | 'pg' | 'neon';

export function testDriver(): TestDriver {
  const value = process.env.TEST_DB_DRIVER ?? 'pglite';
  if (value !== 'pglite' && value !== 'pg' && value !== 'neon') throw new Error(`TEST_DB_DRIVER must be pglite, pg or neon (got ${value})`);
  return value;
}

/** The maintenance database on the test server; tests create and drop their own database. */
export function testServerUrl(): string {
  return process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A fixed test key: tests must never depend on a developer's .env.local. */
export const TEST_DATA_KEYS = 'test1:' + Buffer.alloc(32, 7).toString('base64');
