import { z } from 'zod';
import { versionFieldSchema } from '../concurrency/edit-version';

export const MAX_SENDER_NAME = 60;
/** What the form offers (hours before the consultation; 0 = no reminders). Any whole number up to a week is accepted. */
export const REMINDER_CHOICES = [0, 2, 24, 48] as const;
export const MAX_REMINDER_HOURS = 168;

/**
 * How the practice's emails read and when reminders go. The sender name is what an inbox, a lock
 * screen or a shared account shows beside every message: plain text on one line, no angle brackets
 * or quotes (they would change the address header), short.
 */
export const messageSettingsSchema = z.object({
  emailSenderName: z
    .string()
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, { message: 'Please give a sender name, for example "Appointments".' })
        .max(MAX_SENDER_NAME, { message: `Please keep the sender name to ${MAX_SENDER_NAME} characters.` })
        .refine((v) => !/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(v), { message: 'The sender name must be one line of plain text.' })
        .refine((v) => !/[<>"@\\]/.test(v), { message: 'The sender name can’t contain < > " @ or \\ (mail programs read them as part of an address).' }),
    ),
  reminderHoursBefore: z.coerce
    .number({ message: 'Please choose when reminders go.' })
    .int({ message: 'Please choose when reminders go.' })
    .min(0, { message: 'Please choose when reminders go.' })
    .max(MAX_REMINDER_HOURS, { message: `Reminders go at most ${MAX_REMINDER_HOURS} hours (a week) before.` }),
});
export type MessageSettingsInput = z.infer<typeof messageSettingsSchema>;

/** The form's values: the settings and the practice settings' edit version it was loaded at. */
export const messageSettingsFormSchema = messageSettingsSchema.extend(versionFieldSchema.shape);
export type MessageSettingsFormInput = z.infer<typeof messageSettingsFormSchema>;
export type MessageSettingsFormValues = z.input<typeof messageSettingsFormSchema>;
