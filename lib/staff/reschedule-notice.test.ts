import { describe, expect, it } from 'vitest';
import { OVERRIDE_MARGIN_MS, isInsideUsualNotice, needsNoticeOverride } from './reschedule-notice';

const MIN = 60_000;
const HOUR = 60 * MIN;
const loadedAtMs = Date.parse('2026-12-03T14:00:00Z');
const base = { loadedAtMs, noticeEndsMs: loadedAtMs + 24 * HOUR, clientCutoffMs: loadedAtMs + 48 * HOUR, elapsedMs: 0 };

describe('needsNoticeOverride', () => {
  it('is not needed for a time well outside the notice, before the cutoff', () => {
    expect(needsNoticeOverride({ ...base, startMs: loadedAtMs + 3 * 24 * HOUR })).toBe(false);
  });

  it('is needed for a time inside the usual notice', () => {
    expect(needsNoticeOverride({ ...base, startMs: loadedAtMs + 2 * HOUR })).toBe(true);
    expect(isInsideUsualNotice(loadedAtMs + 2 * HOUR, base.noticeEndsMs)).toBe(true);
    expect(isInsideUsualNotice(base.noticeEndsMs, base.noticeEndsMs)).toBe(false);
  });

  it('is needed once the client cutoff has passed, whatever the new time', () => {
    expect(needsNoticeOverride({ ...base, clientCutoffMs: loadedAtMs - HOUR, startMs: loadedAtMs + 5 * 24 * HOUR })).toBe(true);
  });

  it('counts the time the page has been open, with a margin', () => {
    const startMs = base.noticeEndsMs + 20 * MIN; // just outside the notice when loaded
    expect(needsNoticeOverride({ ...base, startMs })).toBe(false);
    expect(needsNoticeOverride({ ...base, startMs, elapsedMs: 10 * MIN })).toBe(true);
    expect(needsNoticeOverride({ ...base, startMs: base.noticeEndsMs + OVERRIDE_MARGIN_MS - 1 })).toBe(true);
    // The cutoff approaching while on the phone.
    expect(needsNoticeOverride({ ...base, clientCutoffMs: loadedAtMs + 30 * MIN, startMs: loadedAtMs + 5 * 24 * HOUR, elapsedMs: 20 * MIN })).toBe(true);
  });

  it('ignores a negative elapsed time (a clock set back)', () => {
    expect(needsNoticeOverride({ ...base, startMs: base.noticeEndsMs + 20 * MIN, elapsedMs: -HOUR })).toBe(false);
  });
});
