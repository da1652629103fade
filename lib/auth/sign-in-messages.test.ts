import { describe, expect, it } from 'vitest';
import { INVALID_CREDENTIALS_MESSAGE, describeSignInError, encodeSignInError, signInMessage } from './sign-in-messages';

describe('sign-in messages', () => {
  it('round-trips every reason through the next-auth error code', () => {
    expect(describeSignInError(encodeSignInError('invalid'))).toEqual({ reason: 'invalid', message: INVALID_CREDENTIALS_MESSAGE });
    expect(describeSignInError(encodeSignInError('locked', 12))).toEqual({ reason: 'locked', message: signInMessage('locked', 12) });
    expect(describeSignInError(encodeSignInError('rate_limited', 1)).message).toMatch(/wait 1 minute and/);
    expect(describeSignInError('totp_required').reason).toBe('totp_required');
    expect(describeSignInError('totp_invalid').reason).toBe('totp_invalid');
  });

  it('says how many minutes are left, in words people read', () => {
    expect(signInMessage('locked', 15)).toMatch(/try again in 15 minutes\.$/);
    expect(signInMessage('locked', 1)).toMatch(/try again in 1 minute\.$/);
  });

  it('explains an unexpected failure without details', () => {
    expect(describeSignInError('unavailable')).toEqual({ reason: 'other', message: expect.stringContaining("isn't available right now") });
  });

  it('never echoes an unknown or tampered code', () => {
    for (const code of ['CredentialsSignin', '<script>', 'locked:abc', 'invalid:5:6', '', null, undefined]) {
      const described = describeSignInError(code);
      expect(described.reason).toBe('other');
      if (code) expect(described.message).not.toContain(code);
    }
  });
});
