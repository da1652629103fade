/** The rows of a raw `db.execute(sql…)` result, whichever driver answered (PGlite and pg give `{ rows }`, some drivers an array). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/** Polls `read` every 100 ms until `done` holds; throws, showing the last value, after `timeoutMs`. */
export async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 20_000, what = 'the condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v)).slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
