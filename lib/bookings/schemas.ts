import { z } from 'zod';
import { maxLengthError } from '../text/length';
import { CANCEL_REASON_MAX, NAME_MAX, NOTE_MAX } from './limits';
import { personNameSchema } from '../text/schemas';

/**
 * The booking details form. One schema feeds the client's zodResolver and the server action's
 * safeParse. Couples need the partner's name and email: `makeBookingDetailsSchema({ couple })`.
 */
const trimmed = (max: number) => z.string().trim().max(max, maxLengthError(max));

export const CONTACT_CHANNELS = ['email', 'phone', 'text'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * A chosen start: an ISO instant with an offset, inside years every database driver and `Date`
 * round-trip (far wider than any booking horizon, which the data layer applies with the clock).
 * Year 9999 or an unparseable value is a field error here, on the client and the server alike,
 * not a failure deeper down.
 */
export const STARTS_AT_BOUNDS = { from: Date.UTC(2020, 0, 1), until: Date.UTC(2100, 0, 1) } as const;

export function startsAtField(message: string) {
  return z.iso.datetime({ offset: true, message }).refine((value) => {
    const ms = Date.parse(value);
    return ms >= STARTS_AT_BOUNDS.from && ms < STARTS_AT_BOUNDS.until;
  }, message);
}

export const startsAtSchema = startsAtField('Please choose a time.');

/** Characters a phone number may be written with; its length is judged by its digits. */
const phoneCharacters = /^[+()\d\s.-]+$/;
/** Local numbers have at least 7 digits; E.164 allows at most 15, country code included. */
export const PHONE_MIN_DIGITS = 7;
export const PHONE_MAX_DIGITS = 15;
const PHONE_MAX_LENGTH = 30;

/** The one phone-number rule: one specific message for what is wrong, or null. */
export function phoneProblem(value: string): string | null {
  const v = value.trim();
  if (v === '') return 'Please enter a phone number.';
  if (!phoneCharacters.test(v)) return 'Please write the phone number with digits only (spaces, +, ( ) . and - are fine).';
  const digits = v.replace(/\D/g, '').length;
  if (digits < PHONE_MIN_DIGITS) {
    return `That phone number is too short: it has ${digits} ${digits === 1 ? 'digit' : 'digits'}, and a phone number has at least ${PHONE_MIN_DIGITS}. Please include the area code.`;
  }
  if (digits > PHONE_MAX_DIGITS) {
    return `That phone number is too long: it has ${digits} digits, and a phone number has at most ${PHONE_MAX_DIGITS}, country code included.`;
  }
  if (v.length > PHONE_MAX_LENGTH) return `Please write the phone number in at most ${PHONE_MAX_LENGTH} characters.`;
  return null;
}

const phoneSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = phoneProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const baseBookingDetails = z.object({
  typeSlug: z.string().min(1).max(80),
  /** ISO instant of the chosen start, as offered by the slot list. */
  startsAt: startsAtSchema,
  clinicianId: z.uuid({ message: 'Please choose a time.' }),
  clientTimeZone: z.string().min(1).max(64),
  idempotencyKey: z.uuid(),
  name: personNameSchema(NAME_MAX, maxLengthError(NAME_MAX)).min(1, 'Please tell us your name.'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'That email address is too long.')
    .pipe(z.email({ message: 'Please enter an email address like name@example.com.' })),
  phone: phoneSchema,
  preferredChannel: z.enum(CONTACT_CHANNELS, { message: 'Please choose how we should contact you.' }),
  okToLeaveVoicemail: z.boolean(),
  okToText: z.boolean(),
  okToEmail: z.boolean(),
  partnerName: personNameSchema(NAME_MAX, maxLengthError(NAME_MAX)).optional(),
  partnerEmail: z.string().trim().toLowerCase().max(254).optional(),
  note: trimmed(NOTE_MAX).optional(),
  consent: z.literal(true, { message: 'Please confirm we may contact you about this consultation.' }),
  /** Honeypot: people never see it; bots fill it in. */
  website: z.string().max(200).optional(),
});

/**
 * Cross-field rules run even when other fields are still wrong (`when`), so a person sees every
 * problem in one pass. The value may then be partly invalid: read it defensively.
 */
const alwaysForObjects = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

export function makeBookingDetailsSchema({ couple }: { couple: boolean }) {
  return baseBookingDetails.superRefine((v, ctx) => {
    const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    if (v.preferredChannel === 'text' && v.okToText !== true) {
      ctx.addIssue({ code: 'custom', path: ['okToText'], message: 'You chose text as your preferred channel: please allow texts too.' });
    }
    if (v.preferredChannel === 'email' && v.okToEmail !== true) {
      ctx.addIssue({ code: 'custom', path: ['okToEmail'], message: 'You chose email as your preferred channel: please allow email too.' });
    }
    if (!couple) return;
    const partnerEmail = text(v.partnerEmail).toLowerCase();
    if (!text(v.partnerName)) {
      ctx.addIssue({ code: 'custom', path: ['partnerName'], message: "Please tell us your partner's name." });
    }
    if (!partnerEmail) {
      ctx.addIssue({ code: 'custom', path: ['partnerEmail'], message: "Please enter your partner's email: they get their own private link." });
    } else if (!z.email().safeParse(partnerEmail).success) {
      ctx.addIssue({ code: 'custom', path: ['partnerEmail'], message: 'Please enter an email address like name@example.com.' });
    } else if (partnerEmail === text(v.email).toLowerCase()) {
      ctx.addIssue({ code: 'custom', path: ['partnerEmail'], message: "Please use your partner's own email address, not yours." });
    }
  }, alwaysForObjects);
}

export type BookingDetailsSchema = ReturnType<typeof makeBookingDetailsSchema>;
export type BookingDetailsFormValues = z.input<BookingDetailsSchema>;
export type BookingDetailsInput = z.output<BookingDetailsSchema>;

export const rescheduleSchema = z.object({
  startsAt: startsAtField('Please choose a new time.'),
  clinicianId: z.uuid({ message: 'Please choose a new time.' }),
  clientTimeZone: z.string().min(1).max(64),
});
export type RescheduleInput = z.infer<typeof rescheduleSchema>;

export const cancelSchema = z.object({
  reason: trimmed(CANCEL_REASON_MAX).optional(),
});
export type CancelInput = z.infer<typeof cancelSchema>;
