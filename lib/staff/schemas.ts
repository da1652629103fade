import { editVersionSchema } from '../concurrency/edit-version';
import { z } from 'zod';
import { CONSULTATION_OUTCOMES } from './dto';
import { startsAtField } from '../bookings/schemas';

/**
 * Inputs of the staff workspace. One schema feeds the page's zodResolver and the server
 * action's safeParse; the lib/staff functions parse again (they trust no caller).
 * Ids are not part of the visible form but travel with it (hidden field or route param).
 */
const trimmed = (max: number) => z.string().trim().max(max, `Please keep this under ${max} characters.`);
const bookingId = z.uuid({ message: 'This booking could not be found.' });

/** The schedule shows at most this many days at once (a month view and a margin). */
export const MAX_SCHEDULE_DAYS = 62;
const DAY_MS = 86_400_000;

export const scheduleQuerySchema = z
  .object({
    from: z.coerce.date({ message: 'Please choose a start date.' }),
    to: z.coerce.date({ message: 'Please choose an end date.' }),
    clinicianId: z.uuid().optional(),
    includeCancelled: z.boolean().optional(),
  })
  .refine((v) => v.to.getTime() > v.from.getTime(), { path: ['to'], message: 'The end must be after the start.' })
  .refine((v) => v.to.getTime() - v.from.getTime() <= MAX_SCHEDULE_DAYS * DAY_MS, {
    path: ['to'],
    message: `Please show at most ${MAX_SCHEDULE_DAYS} days at a time.`,
  });
export type ScheduleQueryInput = z.input<typeof scheduleQuerySchema>;

export const bookingSearchSchema = z.object({
  query: trimmed(100).min(2, 'Please type at least 2 characters of a name, email or phone number.'),
});
export type BookingSearchInput = z.infer<typeof bookingSearchSchema>;

export const bookingRefSchema = z.object({ bookingId });
export type BookingRefInput = z.infer<typeof bookingRefSchema>;

export const declineRequestSchema = z.object({
  bookingId,
  message: trimmed(1000).min(1, 'Please write a short message to the client.'),
});
export type DeclineRequestInput = z.infer<typeof declineRequestSchema>;

export const staffRescheduleSchema = z.object({
  bookingId,
  startsAt: startsAtField('Please choose a new time.'),
  /** Book inside the minimum notice and the client-facing cutoff (never into an overlap). */
  overrideNotice: z.boolean(),
});
export type StaffRescheduleInput = z.infer<typeof staffRescheduleSchema>;

export const staffCancelSchema = z.object({
  bookingId,
  reason: trimmed(500).min(1, 'Please give a reason for cancelling.'),
});
export type StaffCancelInput = z.infer<typeof staffCancelSchema>;

export const FINAL_STATUSES = ['completed', 'no_show'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export const bookingStatusSchema = z.object({
  bookingId,
  status: z.enum(FINAL_STATUSES, { message: 'Please choose completed or no-show.' }),
});
export type BookingStatusInput = z.infer<typeof bookingStatusSchema>;

export const reissueLinkSchema = z.object({
  bookingId,
  holder: z.enum(['primary', 'partner'], { message: 'Please choose whose link to replace.' }),
});
export type ReissueLinkInput = z.infer<typeof reissueLinkSchema>;

export const MAX_CLINICIAN_NOTES = 20_000;

export const clinicalNotesSchema = z.object({
  bookingId,
  /** Empty clears the notes. Kept as typed (no trimming inside): only the ends are trimmed. */
  notes: trimmed(MAX_CLINICIAN_NOTES),
  /** Omitted: leave the outcome as it is; null: clear it. */
  outcome: z.enum(CONSULTATION_OUTCOMES, { message: 'Please choose an outcome from the list.' }).nullable().optional(),
  /** The record's edit version the form was loaded at (0: no record yet): a stale one is refused. */
  version: editVersionSchema,
});
export type ClinicalNotesInput = z.infer<typeof clinicalNotesSchema>;

/** The practice's sign-in rule: two-step sign-in for everyone (true) or for clinicians only. */
export const twoFactorPolicySchema = z.object({
  required: z.boolean({ error: 'Choose whether everyone needs two-step sign-in.' }),
  /** The practice's settings version the form was loaded at (lib/concurrency/edit-version.ts). */
  version: editVersionSchema,
});
export type TwoFactorPolicyInput = z.infer<typeof twoFactorPolicySchema>;

/** Unlocking a staff member's sign-in: which person (an id; anything else is "not found"). */
export const unlockStaffSignInSchema = z.object({ staffUserId: z.uuid({ message: 'This person could not be found.' }) });
export type UnlockStaffSignInInput = z.infer<typeof unlockStaffSignInSchema>;
