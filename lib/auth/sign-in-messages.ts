/**
 * What a failed sign-in says, in one place. Pure and client-safe: the sign-in page imports
 * `describeSignInError` to turn next-auth's `error` string back into a message.
 *
 * next-auth v4 passes an error thrown in `authorize` to the page as `?error=<message>` (or as
 * `error` in the result of `signIn('credentials', { redirect: false })`), so `options.ts` throws
 * a short code — `invalid`, `locked:<minutes>`, `rate_limited:<minutes>`, `totp_required`,
 * `totp_invalid`, or `unavailable` for an unexpected failure — never a message with user data.
 */
export type SignInFailureReason = 'invalid' | 'locked' | 'totp_required' | 'totp_invalid' | 'rate_limited';

export const INVALID_CREDENTIALS_MESSAGE = "That email and password don't match our records.";

const minutes = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

export function signInMessage(reason: SignInFailureReason, minutesLeft = 1): string {
  switch (reason) {
    case 'invalid':
      return INVALID_CREDENTIALS_MESSAGE;
    case 'locked':
      return `Too many unsuccessful attempts, so sign-in for this email is paused. Please try again in ${minutes(minutesLeft)}.`;
    case 'rate_limited':
      return `Too many sign-in attempts from your network. Please wait ${minutes(minutesLeft)} and try again.`;
    case 'totp_required':
      return 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.';
    case 'totp_invalid':
      return "That code didn't work. Enter the current 6-digit code from your authenticator app, or an unused recovery code.";
  }
}

export function encodeSignInError(reason: SignInFailureReason, minutesLeft?: number): string {
  return (reason === 'locked' || reason === 'rate_limited') && minutesLeft !== undefined ? `${reason}:${minutesLeft}` : reason;
}

/**
 * The reason and message for next-auth's `error` value. Anything unrecognised (next-auth's own
 * codes such as `CredentialsSignin`, `SessionRequired`, or a tampered URL) gets a neutral message.
 */
export function describeSignInError(code: string | null | undefined): { reason: SignInFailureReason | 'other'; message: string } {
  const match = /^(invalid|locked|rate_limited|totp_required|totp_invalid)(?::(\d{1,4}))?$/.exec(code ?? '');
  if (!match) {
    if (code === 'SessionRequired') return { reason: 'other', message: 'Please sign in to continue.' };
    if (code === 'unavailable') return { reason: 'other', message: "Sign-in isn't available right now. Please try again in a moment." };
    return { reason: 'other', message: "Sign-in didn't work. Please try again." };
  }
  const reason = match[1] as SignInFailureReason;
  return { reason, message: signInMessage(reason, Math.max(1, Number(match[2] ?? 1))) };
}
