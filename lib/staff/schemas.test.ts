import { describe, expect, it } from 'vitest';
import { CONSULTATION_OUTCOMES, OUTCOME_LABELS } from './dto';
import { bookingSearchSchema, clinicalNotesSchema, declineRequestSchema, scheduleQuerySchema, staffRescheduleSchema } from './schemas';

const bookingId = '6f1c8d0e-2b1a-4c3d-9e8f-0a1b2c3d4e5f';

describe('staff form schemas', () => {
  it('accepts a week and refuses backwards or over-long ranges', () => {
    expect(scheduleQuerySchema.safeParse({ from: '2026-12-07T05:00:00Z', to: '2026-12-14T05:00:00Z' }).success).toBe(true);
    const backwards = scheduleQuerySchema.safeParse({ from: '2026-12-14T05:00:00Z', to: '2026-12-07T05:00:00Z' });
    expect(backwards.success ? null : backwards.error.issues[0]).toMatchObject({ path: ['to'], message: 'The end must be after the start.' });
    expect(scheduleQuerySchema.safeParse({ from: '2026-12-01T00:00:00Z', to: '2027-03-01T00:00:00Z' }).success).toBe(false);
  });

  it('trims and requires the texts people type', () => {
    expect(bookingSearchSchema.parse({ query: '  Okafor ' })).toEqual({ query: 'Okafor' });
    expect(bookingSearchSchema.safeParse({ query: 'a' }).success).toBe(false);
    expect(declineRequestSchema.safeParse({ bookingId, message: '   ' }).success).toBe(false);
  });

  it('takes a zoned ISO start and an explicit override flag', () => {
    expect(staffRescheduleSchema.safeParse({ bookingId, startsAt: '2026-12-08T13:30:00-05:00', overrideNotice: false }).success).toBe(true);
    expect(staffRescheduleSchema.safeParse({ bookingId, startsAt: '2026-12-08 13:30', overrideNotice: false }).success).toBe(false);
    expect(staffRescheduleSchema.safeParse({ bookingId, startsAt: '2026-12-08T13:30:00Z' }).success).toBe(false);
    expect(staffRescheduleSchema.safeParse({ bookingId, startsAt: '9999-12-08T13:30:00Z', overrideNotice: false }).success).toBe(false);
  });

  it('knows every outcome, keeps "leave as is" apart from "clear"', () => {
    expect(Object.keys(OUTCOME_LABELS).sort()).toEqual([...CONSULTATION_OUTCOMES].sort());
    expect(clinicalNotesSchema.parse({ bookingId, notes: 'x', version: 0 }).outcome).toBeUndefined();
    expect(clinicalNotesSchema.parse({ bookingId, notes: 'x', outcome: null, version: 0 }).outcome).toBeNull();
    expect(clinicalNotesSchema.safeParse({ bookingId, notes: 'x', outcome: 'cured', version: 0 }).success).toBe(false);
    // The edit version the form was loaded at is required (lib/concurrency/edit-version.ts).
    expect(clinicalNotesSchema.safeParse({ bookingId, notes: 'x' }).success).toBe(false);
    expect(clinicalNotesSchema.safeParse({ bookingId, notes: 'x', version: -1 }).success).toBe(false);
  });
});
