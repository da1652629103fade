import { describe, expect, it } from 'vitest';
import { editVersionSchema, staleRefusal, versionFieldSchema } from './edit-version';

describe('edit versions', () => {
  it('accepts a whole version from 0 (nothing saved yet) and refuses anything else with a plain message', () => {
    expect(editVersionSchema.parse(0)).toBe(0);
    expect(editVersionSchema.parse(41)).toBe(41);
    for (const bad of [-1, 1.5, '3', null, undefined, Number.NaN, 2 ** 31]) expect(editVersionSchema.safeParse(bad).success, String(bad)).toBe(false);
    const missing = versionFieldSchema.safeParse({});
    expect(missing.success ? null : missing.error.issues[0]?.message).toBe('This form is missing its version. Please reload the page.');
  });

  it('says what changed and that nothing was saved, and carries what is saved now', () => {
    expect(staleRefusal('These notes', { version: 2 })).toEqual({
      ok: false,
      reason: 'stale',
      message: 'These notes changed after you opened this page (in another tab or window, or by someone else). Nothing was saved.',
      current: { version: 2 },
    });
  });
});
