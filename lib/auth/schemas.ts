import { z } from 'zod';

/**
 * Staff sign-in forms (client-safe). The sign-in form validates with these before calling
 * next-auth; the server side of sign-in (`verifyStaffCredentials`) re-checks everything and
 * answers malformed input exactly like a wrong password. The two-step set-up action parses with
 * `twoStepCodeSchema` too.
 */

/** The longest password the server hashes (MAX_PASSWORD_LENGTH in password.ts, which is server-only). */
export const SIGN_IN_MAX_PASSWORD_LENGTH = 256;
const MAX_EMAIL_LENGTH = 254;
const MAX_CODE_LENGTH = 32;

export const signInCredentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .max(MAX_EMAIL_LENGTH, 'That email address is too long.')
    .pipe(z.email('Enter an email address like name@example.com.')),
  password: z.string().min(1, 'Enter your password.').max(SIGN_IN_MAX_PASSWORD_LENGTH, 'That password is too long.'),
  code: z.string(),
});

/** The second step: the password was right and a code is needed. */
export const signInWithCodeSchema = signInCredentialsSchema.extend({
  code: z
    .string()
    .trim()
    .min(1, 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.')
    .max(MAX_CODE_LENGTH, 'That code is too long: enter the 6-digit code, or one recovery code.'),
});

export type SignInFormValues = z.input<typeof signInCredentialsSchema>;

export const twoStepCodeSchema = z.object({
  code: z
    .string()
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code your authenticator app shows.')),
});

export type TwoStepCodeFormValues = z.input<typeof twoStepCodeSchema>;
export type TwoStepCodeInput = z.output<typeof twoStepCodeSchema>;
