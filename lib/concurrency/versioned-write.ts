import 'server-only';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * The server half of lib/concurrency/edit-version.ts: the SET and WHERE pieces of a versioned
 * UPDATE. Use both in the same statement, with `.returning()`: no row back means the version the
 * form was loaded at is no longer the saved one (or the row is gone) — answer `staleRefusal`.
 *
 *   tx.update(t).set({ ...changes, version: bumpVersion(t.version) })
 *     .where(and(eq(t.id, id), versionIs(t.version, expected))).returning({ version: t.version })
 */
export function bumpVersion(column: AnyColumn): SQL {
  return sql`${column} + 1`;
}

export function versionIs(column: AnyColumn, expected: number): SQL {
  return sql`${column} = ${expected}`;
}
