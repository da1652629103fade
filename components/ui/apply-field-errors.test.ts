import { describe, expect, it, vi } from 'vitest';
import { applyFieldErrors } from './apply-field-errors';

type Values = { date: string; start: string; end: string };

describe('applyFieldErrors', () => {
  it('sets every listed field error in form order and returns the first', () => {
    const setError = vi.fn();
    const first = applyFieldErrors<Values, 'date' | 'start' | 'end'>(
      { fieldErrors: { end: 'End after start', start: 'Use 24-hour time', other: 'ignored' } },
      setError,
      ['date', 'start', 'end'],
    );
    expect(first).toBe('start');
    expect(setError.mock.calls).toEqual([
      ['start', { message: 'Use 24-hour time' }],
      ['end', { message: 'End after start' }],
    ]);
  });

  it('returns null and sets nothing when there are no field errors', () => {
    const setError = vi.fn();
    expect(applyFieldErrors<Values, 'date'>({}, setError, ['date'])).toBeNull();
    expect(applyFieldErrors<Values, 'date'>({ fieldErrors: { date: '' } }, setError, ['date'])).toBeNull();
    expect(setError).not.toHaveBeenCalled();
  });
});
