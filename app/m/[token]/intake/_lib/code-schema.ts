import { z } from 'zod';

/** The emailed 6-digit code as typed: spaces and dashes are forgiven (a code is often pasted "123 456"). */
export const intakeCodeSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Please type the 6 digits from the email.')),
});

export type IntakeCodeFormValues = z.input<typeof intakeCodeSchema>;
export type IntakeCodeInput = z.output<typeof intakeCodeSchema>;
