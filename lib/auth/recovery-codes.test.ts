import { describe, expect, it } from 'vitest';
import { RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
  it('are ten distinct xxxx-xxxx-xxxx codes from the unambiguous alphabet', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{4}(-[23456789abcdefghjkmnpqrstuvwxyz]{4}){2}$/);
  });

  it('leave out look-alike characters', () => {
    for (const c of '01ilo') expect(RECOVERY_ALPHABET).not.toContain(c);
    expect(new Set(RECOVERY_ALPHABET).size).toBe(RECOVERY_ALPHABET.length);
  });

  it('use every character of the alphabet (no bias towards a subset)', () => {
    const seen = new Set(generateRecoveryCodes(200).join('').replace(/-/g, ''));
    expect(seen.size).toBe(RECOVERY_ALPHABET.length);
  });

  it('normalise what people type: case, spaces and hyphens do not matter', () => {
    expect(normaliseRecoveryCode('ABCD-EFGH-JKMN')).toBe('abcdefghjkmn');
    expect(normaliseRecoveryCode(' abcd efgh jkmn ')).toBe('abcdefghjkmn');
    expect(normaliseRecoveryCode('abcdefghjkmn')).toBe('abcdefghjkmn');
  });

  it('refuse anything that cannot be a code (wrong length, excluded characters, a TOTP code)', () => {
    for (const bad of ['', '123456', 'abcd-efgh-jkm', 'abcd-efgh-jkmnp', 'abcd-efgh-jkm0', 'abcd-efgh-jkml']) {
      expect(normaliseRecoveryCode(bad), bad).toBeNull();
    }
  });

  it('hash per user: one code hashes differently for two users', () => {
    const a = hashRecoveryCode('user-a', 'abcdefghjkmn');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('user-a', 'abcdefghjkmn')).toBe(a);
    expect(hashRecoveryCode('user-b', 'abcdefghjkmn')).not.toBe(a);
  });
});
