import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'drizzle-orm/logger';

/**
 * Counts the statements drizzle sends inside `countQueries(fn)`. Used by tests to hold the
 * line on database round-trips (e.g. loading 60 days of slots costs at most two).
 */
const scope = new AsyncLocalStorage<{ count: number }>();

export const queryCountingLogger: Logger = {
  logQuery() {
    const store = scope.getStore();
    if (store) store.count += 1;
  },
};

export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const store = { count: 0 };
  const result = await scope.run(store, fn);
  return { result, queries: store.count };
}
