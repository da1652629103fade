import { editVersionSchema } from '../concurrency/edit-version';
import { z } from 'zod';
import { MODALITIES, type Modality } from '../scheduling/types';
import { toEpochDay } from '../scheduling/zoned-time';
import { findRuleOverlaps } from './overlaps';

/**
 * The availability editor's forms: weekly hours, time off, extra hours and consultation type
 * settings. One schema per form feeds the client's zodResolver and the data layer's safeParse
 * (lib/availability/commands.ts parses again: it trusts nothing). Every issue carries the path
 * of the field to highlight, e.g. `rules.2.end`, so `fieldErrorsFrom` maps it straight back.
 *
 * Times are wall-clock 'HH:MM' in the practice's zone, on a 5-minute grid; '24:00' may end a
 * range (midnight at the end of the day). Windows never run past midnight: split them.
 */

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const MODALITY_LABELS: Record<Modality, string> = { in_person: 'in person', video: 'video', phone: 'phone' };

/** At most this many weekly rows (7 days × a few blocks each is plenty). */
export const MAX_WEEKLY_RULES = 50;
export const TIME_STEP_MINUTES = 5;
/** Start times of a type fall on the same minutes every hour only with one of these. */
export const INCREMENT_CHOICES = [5, 10, 15, 20, 30, 60] as const;
export const MAX_DURATION_MINUTES = 8 * 60;
export const MAX_BUFFER_MINUTES = 4 * 60;
export const MAX_NOTICE_MINUTES = 90 * 24 * 60;
export const MAX_HORIZON_DAYS = 365;
export const MAX_DAILY_CAP = 50;
/** $10,000: a fee above this is a typo. */
export const MAX_FEE_CENTS = 1_000_000;
export const MAX_LABEL_LENGTH = 120;

const TIME_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes since midnight of a valid 'HH:MM' (or '24:00'). */
export function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME_PATTERN.test(value);
}

export function modalityList(modalities: readonly Modality[]): string {
  const names = modalities.map((m) => MODALITY_LABELS[m]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Cross-field rules run even when other fields are still wrong (`when`), so a person sees every
 * problem in one pass. The value may then be partly invalid: read it defensively.
 */
const alwaysForObjects = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

const timeOfDay = z
  .string({ error: 'Enter a time like 09:00.' })
  .trim()
  .regex(TIME_PATTERN, 'Enter a 24-hour time like 09:00 or 17:30.')
  .refine((t) => !TIME_PATTERN.test(t) || minuteOfDay(t) % TIME_STEP_MINUTES === 0, 'Use 5-minute steps, like 09:05 or 09:10.');

/** Optional time for form inputs: '' and null both mean "none". */
const optionalTimeOfDay = z
  .string({ error: 'Enter a time like 09:00.' })
  .nullish()
  .transform((v) => (v == null || v.trim() === '' ? null : v))
  .pipe(timeOfDay.nullable());

const localDate = z
  .string({ error: 'Choose a date.' })
  .trim()
  .regex(DATE_PATTERN, 'Choose a date (YYYY-MM-DD).')
  .refine((d) => {
    if (!DATE_PATTERN.test(d)) return true;
    try {
      toEpochDay(d);
      return true;
    } catch {
      return false;
    }
  }, 'That date does not exist.');

const modalities = z
  .array(z.enum(MODALITIES, { error: 'Choose in person, video or phone.' }), { error: 'Choose at least one way to meet: in person, video or phone.' })
  .min(1, 'Choose at least one way to meet: in person, video or phone.')
  .refine((list) => new Set(list).size === list.length, 'Choose each way to meet only once.');

const label = z.string().trim().max(MAX_LABEL_LENGTH, `Please keep the label under ${MAX_LABEL_LENGTH} characters.`).optional();

/** start < end, both valid; issues on the field to fix. */
function checkRange(ctx: z.RefinementCtx, start: unknown, end: unknown): void {
  if (start === '24:00') {
    ctx.addIssue({ code: 'custom', path: ['start'], message: 'The start must be before 24:00.' });
    return;
  }
  if (isTimeOfDay(start) && isTimeOfDay(end) && minuteOfDay(end) <= minuteOfDay(start)) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: `The end must be after the start (${start}).` });
  }
}

// ---------------------------------------------------------------------------
// Weekly hours
// ---------------------------------------------------------------------------

export const weeklyRuleSchema = z
  .object({
    weekday: z
      .number({ error: 'Choose a day of the week.' })
      .int('Choose a day of the week.')
      .min(0, 'Choose a day from Sunday to Saturday.')
      .max(6, 'Choose a day from Sunday to Saturday.'),
    start: timeOfDay,
    end: timeOfDay,
    modalities,
  })
  .superRefine((rule, ctx) => checkRange(ctx, rule.start, rule.end), alwaysForObjects);

export type WeeklyRuleFormValues = z.input<typeof weeklyRuleSchema>;
export type WeeklyRuleInput = z.output<typeof weeklyRuleSchema>;

/**
 * The whole week, replaced at once. Rows of the same weekday that share a way to meet may touch
 * (09:00–12:00 and 12:00–17:00) but not overlap; rows for different ways to meet may overlap.
 * The issue goes on the start of the row that starts later.
 */
export const weeklyHoursSchema = z
  .object({
    rules: z
      .array(weeklyRuleSchema, { error: 'The weekly hours are missing.' })
      .max(MAX_WEEKLY_RULES, `Please keep to ${MAX_WEEKLY_RULES} rows of weekly hours or fewer.`),
  })
  .superRefine((value, ctx) => {
    const rows: unknown[] = Array.isArray(value.rules) ? value.rules : [];
    // Only rows that are valid on their own take part: their own errors are already reported.
    const valid = rows.flatMap((row, index) => {
      const parsed = weeklyRuleSchema.safeParse(row);
      return parsed.success ? [{ ...parsed.data, index }] : [];
    });
    for (const overlap of findRuleOverlaps(valid)) {
      const later = valid[overlap.later]!;
      const earlier = valid[overlap.earlier]!;
      ctx.addIssue({
        code: 'custom',
        path: ['rules', later.index, 'start'],
        message:
          `Overlaps row ${earlier.index + 1} (${WEEKDAY_NAMES[earlier.weekday]} ${earlier.start}–${earlier.end}) for ${modalityList(overlap.shared)}. ` +
          'Hours for the same way to meet may touch but not overlap.',
      });
    }
  }, alwaysForObjects);

export type WeeklyHoursFormValues = z.input<typeof weeklyHoursSchema>;
export type WeeklyHoursInput = z.output<typeof weeklyHoursSchema>;

// ---------------------------------------------------------------------------
// Date overrides
// ---------------------------------------------------------------------------

/** Time off on one date: the whole day (no times) or from `start` to `end`. Applies to every way to meet. */
export const timeOffSchema = z
  .object({ date: localDate, start: optionalTimeOfDay, end: optionalTimeOfDay, label })
  .superRefine((v, ctx) => {
    const hasStart = v.start != null && v.start !== '';
    const hasEnd = v.end != null && v.end !== '';
    if (hasStart && !hasEnd) ctx.addIssue({ code: 'custom', path: ['end'], message: 'Give an end time too, or leave both empty for the whole day.' });
    if (hasEnd && !hasStart) ctx.addIssue({ code: 'custom', path: ['start'], message: 'Give a start time too, or leave both empty for the whole day.' });
    if (hasStart && hasEnd) checkRange(ctx, v.start, v.end);
  }, alwaysForObjects);

export type TimeOffFormValues = z.input<typeof timeOffSchema>;
export type TimeOffInput = z.output<typeof timeOffSchema>;

/** Hours on one date in addition to the weekly hours. */
export const extraHoursSchema = z
  .object({ date: localDate, start: timeOfDay, end: timeOfDay, modalities, label })
  .superRefine((v, ctx) => checkRange(ctx, v.start, v.end), alwaysForObjects);

export type ExtraHoursFormValues = z.input<typeof extraHoursSchema>;
export type ExtraHoursInput = z.output<typeof extraHoursSchema>;

/** How far ahead time off and extra hours may be entered. */
export const MAX_OVERRIDE_DAYS_AHEAD = 2 * 366;

// ---------------------------------------------------------------------------
// Consultation type settings
// ---------------------------------------------------------------------------

const wholeNumber = (what: string) => z.number({ error: `Enter ${what} as a number.` }).int(`Enter ${what} as a whole number.`);
const minutesInSteps = (what: string) =>
  wholeNumber(what).refine((n) => !Number.isInteger(n) || n % TIME_STEP_MINUTES === 0, `Use 5-minute steps for ${what}, like 45 or 50.`);

export const consultationTypePatchSchema = z
  .object({
    durationMinutes: minutesInSteps('the duration')
      .refine((n) => n >= TIME_STEP_MINUTES, 'The duration must be at least 5 minutes.')
      .refine((n) => n <= MAX_DURATION_MINUTES, `The duration must be ${MAX_DURATION_MINUTES / 60} hours (${MAX_DURATION_MINUTES} minutes) or less.`)
      .optional(),
    feeCents: wholeNumber('the fee in cents')
      .min(0, 'The fee cannot be negative (0 makes the consultation free).')
      .max(MAX_FEE_CENTS, `The fee must be $${(MAX_FEE_CENTS / 100).toLocaleString('en-US')} or less.`)
      .optional(),
    minNoticeMinutes: wholeNumber('the minimum notice')
      .min(0, 'The minimum notice cannot be negative.')
      .max(MAX_NOTICE_MINUTES, `The minimum notice must be ${MAX_NOTICE_MINUTES / 1440} days or less.`)
      .optional(),
    horizonDays: wholeNumber('the booking horizon')
      .min(1, 'Clients must be able to book at least 1 day ahead.')
      .max(MAX_HORIZON_DAYS, `The booking horizon must be ${MAX_HORIZON_DAYS} days or less.`)
      .optional(),
    bufferBeforeMinutes: minutesInSteps('the buffer')
      .refine((n) => n >= 0, 'The buffer cannot be negative.')
      .refine((n) => n <= MAX_BUFFER_MINUTES, `The buffer must be ${MAX_BUFFER_MINUTES / 60} hours or less.`)
      .optional(),
    bufferAfterMinutes: minutesInSteps('the buffer')
      .refine((n) => n >= 0, 'The buffer cannot be negative.')
      .refine((n) => n <= MAX_BUFFER_MINUTES, `The buffer must be ${MAX_BUFFER_MINUTES / 60} hours or less.`)
      .optional(),
    incrementMinutes: wholeNumber('the start-time step')
      .refine(
        (n) => (INCREMENT_CHOICES as readonly number[]).includes(n),
        `Choose ${INCREMENT_CHOICES.slice(0, -1).join(', ')} or ${INCREMENT_CHOICES[INCREMENT_CHOICES.length - 1]} minutes, so start times fall on the same minutes every hour.`,
      )
      .optional(),
    dailyCap: wholeNumber('the daily limit')
      .min(1, 'The daily limit must be at least 1 (or no limit).')
      .max(MAX_DAILY_CAP, `The daily limit must be ${MAX_DAILY_CAP} or less.`)
      .nullable()
      .optional(),
    bookingMode: z.enum(['instant', 'request'], { error: 'Choose instant booking or booking by request.' }).optional(),
    active: z.boolean({ error: 'Choose whether the type is offered.' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (Object.values(v).every((value) => value === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Nothing to change.' });
    }
  });

export type ConsultationTypePatchFormValues = z.input<typeof consultationTypePatchSchema>;
export type ConsultationTypePatch = z.output<typeof consultationTypePatchSchema>;

export type ConsultationTypeSettingsValues = {
  durationMinutes: number;
  feeCents: number;
  minNoticeMinutes: number;
  horizonDays: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  incrementMinutes: number;
  dailyCap: number | null;
  bookingMode: 'instant' | 'request';
  active: boolean;
};

/**
 * Rules across fields of the settings as they would be saved (current values + patch). The
 * issue goes on the field the person changed, so the form highlights what they typed.
 */
export function settingsConflicts(merged: ConsultationTypeSettingsValues, patch: ConsultationTypePatch): Record<string, string> {
  const errors: Record<string, string> = {};
  if (merged.minNoticeMinutes >= merged.horizonDays * 1440) {
    const field = patch.minNoticeMinutes !== undefined || patch.horizonDays === undefined ? 'minNoticeMinutes' : 'horizonDays';
    errors[field] = `The minimum notice must be shorter than the booking horizon (${merged.horizonDays} days), or no time could ever be booked.`;
  }
  return errors;
}

// ---------------------------------------------------------------------------
// What the editor's server actions receive
// ---------------------------------------------------------------------------

/**
 * "Save anyway": the ids of the bookings the person was shown. The data layer saves only when
 * every booking that would now fall outside the hours is among them, so one booked meanwhile is
 * still caught and shown.
 */
export const orphanConfirmationSchema = z.object({
  confirmOrphans: z.array(z.uuid({ error: 'This booking could not be found.' })).max(500).optional(),
});

export const removeOverrideSchema = z.object({ overrideId: z.uuid({ error: 'This entry could not be found.' }) }).and(orphanConfirmationSchema);

// ---------------------------------------------------------------------------
// Consultation type settings form (fee in dollars, notice in hours)
// ---------------------------------------------------------------------------

const patchFields = consultationTypePatchSchema.shape;
const MAX_NOTICE_HOURS = MAX_NOTICE_MINUTES / 60;

/** '200', '87.50' → cents. The form speaks dollars; the data layer, cents. */
const dollars = z
  .string({ error: 'Enter the fee in dollars, like 200 or 87.50.' })
  .trim()
  .regex(/^\d+(?:\.\d{1,2})?$/, 'Enter the fee in dollars, like 200 or 87.50 (0 makes it free).')
  .transform((s) => Math.round(Number(s) * 100))
  .pipe(patchFields.feeCents.unwrap());

const noticeHours = z
  .number({ error: 'Enter the minimum notice in hours, as a number.' })
  .min(0, 'The minimum notice cannot be negative.')
  .max(MAX_NOTICE_HOURS, `The minimum notice must be ${MAX_NOTICE_HOURS} hours (${MAX_NOTICE_MINUTES / 1440} days) or less.`)
  .refine((h) => Math.abs(h * 60 - Math.round(h * 60)) < 0.01, 'Use whole minutes, like 1.5 or 0.25 hours.')
  .transform((h) => Math.round(h * 60));

/**
 * One consultation type's settings as the form holds them: every setting at once, the fee in
 * dollars and the minimum notice in hours. The output is what `updateConsultationType` takes
 * (cents, minutes); it parses again and keeps only what changed. Field names differ from the
 * data layer's for the two converted fields: see TYPE_FORM_FIELD_OF.
 */
export const consultationTypeFormSchema = z
  .object({
    typeId: z.uuid({ error: 'This consultation type could not be found.' }),
    /** The type's edit version the form was loaded at (lib/concurrency/edit-version.ts). */
    version: editVersionSchema,
    durationMinutes: patchFields.durationMinutes.unwrap(),
    feeDollars: dollars,
    minNoticeHours: noticeHours,
    horizonDays: patchFields.horizonDays.unwrap(),
    bufferBeforeMinutes: patchFields.bufferBeforeMinutes.unwrap(),
    bufferAfterMinutes: patchFields.bufferAfterMinutes.unwrap(),
    incrementMinutes: patchFields.incrementMinutes.unwrap(),
    dailyCap: patchFields.dailyCap.unwrap(),
    bookingMode: patchFields.bookingMode.unwrap(),
    active: patchFields.active.unwrap(),
  })
  .superRefine((v, ctx) => {
    // Same rule as the data layer's settingsConflicts, on the form's own field (already in minutes here).
    if (v.minNoticeHours >= v.horizonDays * 1440) {
      ctx.addIssue({
        code: 'custom',
        path: ['minNoticeHours'],
        message: `The minimum notice must be shorter than the booking horizon (${v.horizonDays} days), or no time could ever be booked.`,
      });
    }
  })
  .transform(({ typeId, version, feeDollars, minNoticeHours, ...rest }) => ({
    typeId,
    version,
    patch: { ...rest, feeCents: feeDollars, minNoticeMinutes: minNoticeHours } satisfies ConsultationTypeSettingsValues,
  }));

export type ConsultationTypeFormValues = z.input<typeof consultationTypeFormSchema>;
export type ConsultationTypeFormOutput = z.output<typeof consultationTypeFormSchema>;

/** The form's name for a data-layer field, where they differ (to map the server's field errors back). */
export const TYPE_FORM_FIELD_OF: Partial<Record<keyof ConsultationTypeSettingsValues, keyof ConsultationTypeFormValues>> = {
  feeCents: 'feeDollars',
  minNoticeMinutes: 'minNoticeHours',
};
