import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, Autosave, RETRY_DELAYS_MS, type AutosaveStatus, type SaveOutcome } from './autosave';

type Draft = { text: string };

/** A save whose answers the test decides, one call at a time. */
function controlledSave() {
  const calls: Array<{ draft: Draft; resolve: (o: SaveOutcome<string[]>) => void; reject: (e: unknown) => void }> = [];
  const save = (draft: Draft) =>
    new Promise<SaveOutcome<string[]>>((resolve, reject) => {
      calls.push({ draft, resolve, reject });
    });
  return { save, calls };
}

const ok = (savedAt: string): SaveOutcome<string[]> => ({ ok: true, savedAt, flags: [] });

describe('Autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = (save: (d: Draft) => Promise<SaveOutcome<string[]>>) => {
    const autosave = new Autosave<Draft, string[]>(save, { draft: { text: '' }, savedAt: null });
    const seen: Array<AutosaveStatus<string[]>['state']> = [];
    autosave.subscribe((s) => seen.push(s.state));
    return { autosave, seen };
  };

  it('saves once, 2 s after the last change, the newest text', async () => {
    const { save, calls } = controlledSave();
    const { autosave } = make(save);
    autosave.change({ text: 'H' });
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    autosave.change({ text: 'He' });
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    expect(calls).toHaveLength(0);
    expect(autosave.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((c) => c.draft.text)).toEqual(['He']);
    calls[0]!.resolve(ok('2026-11-30T10:42:00Z'));
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.dirty).toBe(false);
    expect(autosave.current).toEqual({ state: 'saved', savedAt: '2026-11-30T10:42:00Z', flags: [] });
  });

  it('never has two saves in flight; what changed meanwhile goes next', async () => {
    const { save, calls } = controlledSave();
    const { autosave } = make(save);
    autosave.change({ text: 'one' });
    autosave.flush();
    expect(calls).toHaveLength(1);
    autosave.change({ text: 'one two' });
    autosave.flush(); // a field was left while saving
    await vi.advanceTimersByTimeAsync(10 * AUTOSAVE_DELAY_MS);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(ok('t1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.draft.text)).toEqual(['one', 'one two']);
    expect(autosave.dirty).toBe(true);
    calls[1]!.resolve(ok('t2'));
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.dirty).toBe(false);
  });

  it('retries a failed save after 1, 2, 4 … 30 s, keeping the newest draft, until it succeeds', async () => {
    const { save, calls } = controlledSave();
    const { autosave } = make(save);
    autosave.change({ text: 'offline' });
    autosave.flush();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      calls[i]!.reject(new TypeError('Failed to fetch'));
      await vi.advanceTimersByTimeAsync(0);
      const status = autosave.current;
      expect(status.state).toBe('retrying');
      const wait = status.state === 'retrying' ? status.retryAt - Date.now() : -1;
      delays.push(wait);
      if (i === 3) autosave.change({ text: 'offline, still typing' });
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(calls).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toHaveLength(i + 2);
    }
    expect(delays).toEqual([...RETRY_DELAYS_MS, 30_000, 30_000]);
    expect(calls.at(-1)!.draft.text).toBe('offline, still typing');
    expect(autosave.dirty).toBe(true);
    calls.at(-1)!.resolve(ok('back'));
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.dirty).toBe(false);
    expect(autosave.current.state).toBe('saved');
    // The back-off starts over after a success.
    autosave.change({ text: 'again' });
    autosave.flush();
    calls.at(-1)!.resolve({ ok: false, code: 'retry' });
    await vi.advanceTimersByTimeAsync(0);
    const status = autosave.current;
    expect(status.state === 'retrying' && status.retryAt - Date.now()).toBe(1_000);
  });

  it('an invalid draft waits for the next change; a sent intake stops saving', async () => {
    const { save, calls } = controlledSave();
    const { autosave } = make(save);
    autosave.change({ text: 'x'.repeat(10) });
    autosave.flush();
    calls[0]!.resolve({ ok: false, code: 'invalid', fieldErrors: { reasons: 'Please shorten this answer.' } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(autosave.current).toEqual({ state: 'invalid', savedAt: null, fieldErrors: { reasons: 'Please shorten this answer.' } });
    autosave.change({ text: 'short' });
    expect(autosave.current.state).toBe('idle');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve({ ok: false, code: 'sent' });
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.current).toMatchObject({ state: 'stopped', reason: 'sent' });
    autosave.change({ text: 'more' });
    autosave.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
  });

  it('does not save what is already saved', async () => {
    const { save, calls } = controlledSave();
    const { autosave } = make(save);
    autosave.change({ text: '' });
    autosave.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(0);
    expect(autosave.dirty).toBe(false);
  });
});
