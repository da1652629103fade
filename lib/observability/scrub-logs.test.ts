import { describe, expect, it } from 'vitest';
import { scrubLogArgument, scrubText } from './scrub-logs';

describe('log scrubbing', () => {
  const failed = 'Failed query: insert into "bookings" ("client_name", "client_email") values ($1, $2)\nparams: Jane Doe,jane@example.com';

  it('removes query parameters from text and errors, keeping the query shape', () => {
    expect(scrubText(failed)).toBe('Failed query: insert into "bookings" ("client_name", "client_email") values ($1, $2)\nparams: [redacted]');
    const err = Object.assign(new Error(failed, { cause: Object.assign(new Error('duplicate key'), { code: '23505', detail: 'Key (client_email)=(jane@example.com)' }) }), { digest: 'abc' });
    const safe = scrubLogArgument(err) as Error & { digest?: string; cause: Error & { code?: string; detail?: string } };
    expect(JSON.stringify({ m: safe.message, s: safe.stack, c: safe.cause.message, d: safe.cause.detail })).not.toMatch(/jane/i);
    expect(safe.cause.code).toBe('23505');
    expect(safe.digest).toBe('abc');
  });

  it('leaves ordinary values alone', () => {
    const plain = new Error('boom');
    expect(scrubLogArgument(plain)).toBe(plain);
    expect(scrubLogArgument(42)).toBe(42);
    expect(scrubLogArgument('hello')).toBe('hello');
  });
});
