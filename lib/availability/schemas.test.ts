import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '../action';
import {
  consultationTypeFormSchema,
  consultationTypePatchSchema,
  orphanConfirmationSchema,
  extraHoursSchema,
  settingsConflicts,
  timeOffSchema,
  weeklyHoursSchema,
  type ConsultationTypeSettingsValues,
  type WeeklyRuleFormValues,
} from './schemas';

const rule = (weekday: number, start: string, end: string, modalities: WeeklyRuleFormValues['modalities'] = ['video']): WeeklyRuleFormValues => ({
  weekday,
  start,
  end,
  modalities,
});

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } } }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? {} : fieldErrorsFrom(result.error!.issues);
}
const weekErrors = (rules: unknown[]) => errorsOf(weeklyHoursSchema, { rules });

describe('weekly hours: impossible values', () => {
  it('accepts a normal week, touching blocks, 24:00 as an end and an empty week', () => {
    expect(
      weekErrors([rule(1, '09:00', '12:00'), rule(1, '12:00', '17:00'), rule(2, '18:00', '24:00', ['phone', 'in_person']), rule(0, '00:00', '00:05')]),
    ).toEqual({});
    expect(weekErrors([])).toEqual({});
  });

  it('puts each problem on its own field', () => {
    const errors = weekErrors([
      rule(1, '09:00', '17:00'),
      rule(2, '10:00', '10:00'),
      rule(3, '17:00', '09:00'),
      rule(7, '09:00', '10:00'),
      rule(-1, '09:00', '10:00'),
      rule(4, '9:00', '10:00'),
      rule(4, '11:00', '12:03'),
      rule(5, '09:00', '25:00'),
      rule(5, '13:00', '14:00', []),
      { ...rule(6, '09:00', '10:00'), modalities: ['video', 'video'] },
      { ...rule(6, '11:00', '12:00'), modalities: ['carrier pigeon'] },
      rule(6, '24:00', '24:00'),
      { ...rule(1, '18:00', '19:00'), weekday: 1.5 },
    ]);
    expect(errors).toEqual({
      'rules.1.end': 'The end must be after the start (10:00).',
      'rules.2.end': 'The end must be after the start (17:00).',
      'rules.3.weekday': 'Choose a day from Sunday to Saturday.',
      'rules.4.weekday': 'Choose a day from Sunday to Saturday.',
      'rules.5.start': 'Enter a 24-hour time like 09:00 or 17:30.',
      'rules.6.end': 'Use 5-minute steps, like 09:05 or 09:10.',
      'rules.7.end': 'Enter a 24-hour time like 09:00 or 17:30.',
      'rules.8.modalities': 'Choose at least one way to meet: in person, video or phone.',
      'rules.9.modalities': 'Choose each way to meet only once.',
      'rules.10.modalities.0': 'Choose in person, video or phone.',
      'rules.11.start': 'The start must be before 24:00.',
      'rules.12.weekday': 'Choose a day of the week.',
    });
  });

  it('refuses a missing list and too many rows', () => {
    expect(errorsOf(weeklyHoursSchema, {})).toEqual({ rules: 'The weekly hours are missing.' });
    expect(Object.keys(weekErrors(Array.from({ length: 51 }, (_, i) => rule(i % 7, '09:00', '10:00'))))).toContain('rules');
  });
});

describe('weekly hours: overlaps', () => {
  it('refuses rows of one weekday that share a way to meet, on the row that starts later', () => {
    expect(weekErrors([rule(1, '09:00', '12:00', ['video', 'phone']), rule(1, '11:00', '14:00', ['phone', 'in_person'])])).toEqual({
      'rules.1.start': 'Overlaps row 1 (Monday 09:00–12:00) for phone. Hours for the same way to meet may touch but not overlap.',
    });
    // Listed in the other order, the error still lands on the later block.
    expect(weekErrors([rule(3, '11:00', '14:00'), rule(3, '09:00', '12:00')])).toEqual({
      'rules.0.start': 'Overlaps row 2 (Wednesday 09:00–12:00) for video. Hours for the same way to meet may touch but not overlap.',
    });
  });

  it('catches containment and duplicates', () => {
    expect(weekErrors([rule(2, '09:00', '17:00'), rule(2, '10:00', '11:00')])).toHaveProperty(['rules.1.start']);
    expect(weekErrors([rule(2, '09:00', '17:00'), rule(2, '09:00', '17:00')])).toHaveProperty(['rules.1.start']);
  });

  it('allows overlaps across different ways to meet and different days', () => {
    expect(weekErrors([rule(1, '09:00', '17:00', ['video']), rule(1, '09:00', '17:00', ['in_person']), rule(2, '09:00', '17:00', ['video'])])).toEqual({});
  });

  it('reports overlaps in the same pass as other errors', () => {
    expect(weekErrors([rule(1, '09:00', '12:00'), rule(1, '10:00', '11:00'), rule(2, '12:00', '09:00')])).toEqual({
      'rules.1.start': expect.stringContaining('Overlaps row 1'),
      'rules.2.end': 'The end must be after the start (12:00).',
    });
  });
});

describe('time off and extra hours', () => {
  it('takes a whole day (no times, or empty inputs) or a range', () => {
    expect(timeOffSchema.parse({ date: '2026-03-08' })).toEqual({ date: '2026-03-08', start: null, end: null });
    expect(timeOffSchema.parse({ date: '2026-03-08', start: '', end: '', label: ' Conference ' })).toEqual({
      date: '2026-03-08',
      start: null,
      end: null,
      label: 'Conference',
    });
    expect(timeOffSchema.parse({ date: '2026-03-08', start: '12:00', end: '24:00' })).toMatchObject({ start: '12:00', end: '24:00' });
  });

  it('needs both times or neither, in order, on an existing date', () => {
    expect(errorsOf(timeOffSchema, { date: '2026-03-08', start: '12:00' })).toEqual({ end: 'Give an end time too, or leave both empty for the whole day.' });
    expect(errorsOf(timeOffSchema, { date: '2026-03-08', end: '12:00' })).toEqual({ start: 'Give a start time too, or leave both empty for the whole day.' });
    expect(errorsOf(timeOffSchema, { date: '2026-03-08', start: '12:00', end: '11:55' })).toEqual({ end: 'The end must be after the start (12:00).' });
    expect(errorsOf(timeOffSchema, { date: '2026-02-30' })).toEqual({ date: 'That date does not exist.' });
    expect(errorsOf(timeOffSchema, { date: '8 March' })).toEqual({ date: 'Choose a date (YYYY-MM-DD).' });
    expect(errorsOf(timeOffSchema, { date: '2026-03-08', label: 'x'.repeat(121) })).toEqual({ label: 'Please keep the label under 120 characters.' });
  });

  it('needs times and a way to meet for extra hours', () => {
    expect(extraHoursSchema.parse({ date: '2026-03-07', start: '10:00', end: '13:00', modalities: ['video'] })).toBeTruthy();
    expect(errorsOf(extraHoursSchema, { date: '2026-03-07', start: '13:00', end: '10:00', modalities: [] })).toEqual({
      end: 'The end must be after the start (13:00).',
      modalities: 'Choose at least one way to meet: in person, video or phone.',
    });
    expect(errorsOf(extraHoursSchema, { date: '2026-03-07', modalities: ['phone'] })).toEqual({
      start: 'Enter a time like 09:00.',
      end: 'Enter a time like 09:00.',
    });
  });
});

describe('consultation type settings', () => {
  it('accepts any sensible subset', () => {
    expect(consultationTypePatchSchema.parse({ durationMinutes: 50, dailyCap: null, bookingMode: 'request', active: false })).toEqual({
      durationMinutes: 50,
      dailyCap: null,
      bookingMode: 'request',
      active: false,
    });
    for (const incrementMinutes of [5, 10, 15, 20, 30, 60]) expect(consultationTypePatchSchema.safeParse({ incrementMinutes }).success).toBe(true);
  });

  it('refuses impossible values with a message on the field', () => {
    const cases: Array<[Record<string, unknown>, string, string | RegExp]> = [
      [{ durationMinutes: 0 }, 'durationMinutes', 'The duration must be at least 5 minutes.'],
      [{ durationMinutes: -50 }, 'durationMinutes', 'The duration must be at least 5 minutes.'],
      [{ durationMinutes: 52 }, 'durationMinutes', 'Use 5-minute steps for the duration, like 45 or 50.'],
      [{ durationMinutes: 485 }, 'durationMinutes', 'The duration must be 8 hours (480 minutes) or less.'],
      [{ durationMinutes: Number.NaN }, 'durationMinutes', 'Enter the duration as a number.'],
      [{ feeCents: -1 }, 'feeCents', /cannot be negative/],
      [{ feeCents: 12.5 }, 'feeCents', 'Enter the fee in cents as a whole number.'],
      [{ minNoticeMinutes: -5 }, 'minNoticeMinutes', 'The minimum notice cannot be negative.'],
      [{ horizonDays: 0 }, 'horizonDays', 'Clients must be able to book at least 1 day ahead.'],
      [{ horizonDays: 366 }, 'horizonDays', 'The booking horizon must be 365 days or less.'],
      [{ bufferBeforeMinutes: -5 }, 'bufferBeforeMinutes', 'The buffer cannot be negative.'],
      [{ bufferAfterMinutes: 7 }, 'bufferAfterMinutes', 'Use 5-minute steps for the buffer, like 45 or 50.'],
      [{ incrementMinutes: 25 }, 'incrementMinutes', /Choose 5, 10, 15, 20, 30 or 60 minutes/],
      [{ incrementMinutes: 0 }, 'incrementMinutes', /Choose 5, 10/],
      [{ dailyCap: 0 }, 'dailyCap', 'The daily limit must be at least 1 (or no limit).'],
      [{ bookingMode: 'maybe' }, 'bookingMode', 'Choose instant booking or booking by request.'],
      [{ active: 'yes' }, 'active', 'Choose whether the type is offered.'],
      [{}, '_form', 'Nothing to change.'],
    ];
    for (const [patch, field, message] of cases) {
      const errors = errorsOf(consultationTypePatchSchema, patch);
      expect(Object.keys(errors), JSON.stringify(patch)).toEqual([field]);
      expect(errors[field]).toMatch(message);
    }
  });

  it('checks notice against horizon on the merged settings, on the field that was changed', () => {
    const base: ConsultationTypeSettingsValues = {
      durationMinutes: 50,
      feeCents: 0,
      minNoticeMinutes: 1440,
      horizonDays: 60,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
      incrementMinutes: 15,
      dailyCap: null,
      bookingMode: 'instant',
      active: true,
    };
    expect(settingsConflicts(base, {})).toEqual({});
    expect(Object.keys(settingsConflicts({ ...base, horizonDays: 1 }, { horizonDays: 1 }))).toEqual(['horizonDays']);
    expect(Object.keys(settingsConflicts({ ...base, minNoticeMinutes: 60 * 1440 }, { minNoticeMinutes: 60 * 1440 }))).toEqual(['minNoticeMinutes']);
  });
});

describe('consultationTypeFormSchema (the settings form: dollars and hours)', () => {
  const form = {
    typeId: '6f1c1c4e-8d5a-4a55-9a43-1f0e2b7c9d10',
    version: 3,
    durationMinutes: 50,
    feeDollars: '87.50',
    minNoticeHours: 1.5,
    horizonDays: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    incrementMinutes: 15,
    dailyCap: null,
    bookingMode: 'request' as const,
    active: true,
  };

  it('turns dollars into cents and hours into minutes for the data layer', () => {
    const parsed = consultationTypeFormSchema.parse(form);
    expect(parsed.typeId).toBe(form.typeId);
    expect(parsed.version).toBe(3);
    expect(parsed.patch).toMatchObject({ feeCents: 8750, minNoticeMinutes: 90, durationMinutes: 50, bookingMode: 'request', dailyCap: null });
    expect(consultationTypePatchSchema.safeParse(parsed.patch).success).toBe(true);
    expect(consultationTypeFormSchema.parse({ ...form, feeDollars: '0' }).patch.feeCents).toBe(0);
  });

  it('says what is wrong with a fee, a notice or a buffer on that field', () => {
    const cases: Array<[Record<string, unknown>, string, string | RegExp]> = [
      [{ feeDollars: '12.345' }, 'feeDollars', /Enter the fee in dollars/],
      [{ feeDollars: '-5' }, 'feeDollars', /Enter the fee in dollars/],
      [{ feeDollars: '20000' }, 'feeDollars', 'The fee must be $10,000 or less.'],
      [{ minNoticeHours: Number.NaN }, 'minNoticeHours', /in hours, as a number/],
      [{ minNoticeHours: 3000 }, 'minNoticeHours', /2160 hours \(90 days\) or less/],
      [{ minNoticeHours: 0.01 }, 'minNoticeHours', /whole minutes/],
      [{ minNoticeHours: 61 * 24 }, 'minNoticeHours', /shorter than the booking horizon \(60 days\)/],
      [{ bufferAfterMinutes: 300 }, 'bufferAfterMinutes', 'The buffer must be 4 hours or less.'],
      [{ durationMinutes: Number.NaN }, 'durationMinutes', 'Enter the duration as a number.'],
    ];
    for (const [change, field, message] of cases) {
      const errors = errorsOf(consultationTypeFormSchema, { ...form, ...change });
      expect(Object.keys(errors), JSON.stringify(change)).toEqual([field]);
      expect(errors[field]).toMatch(message);
    }
  });
});

describe('orphanConfirmationSchema', () => {
  it('takes a list of booking ids, or nothing', () => {
    expect(orphanConfirmationSchema.safeParse({}).success).toBe(true);
    expect(orphanConfirmationSchema.safeParse({ confirmOrphans: ['6f1c1c4e-8d5a-4a55-9a43-1f0e2b7c9d10'] }).success).toBe(true);
    expect(orphanConfirmationSchema.safeParse({ confirmOrphans: true }).success).toBe(false);
  });
});
