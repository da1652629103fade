import { describe, expect, it } from 'vitest';
import { base32Encode } from './base32';
import { TOTP_SECRET_BYTES, generateTotpSecret, hotp, totpCode, totpStep, totpUri, verifyTotp } from './totp';
import { base32Decode } from './base32';

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);

describe('HOTP (RFC 4226, Appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i gives %s', (counter, code) => {
    expect(hotp(RFC_KEY, counter)).toBe(code);
  });

  it('refuses a negative or fractional counter', () => {
    expect(() => hotp(RFC_KEY, -1)).toThrow(RangeError);
    expect(() => hotp(RFC_KEY, 1.5)).toThrow(RangeError);
  });
});

describe('TOTP (RFC 6238, Appendix B, SHA-1)', () => {
  // [Unix seconds, expected 8-digit TOTP]
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  it.each(vectors)('at %i s gives %s (8 digits) and its last 6 digits', (seconds, code) => {
    const step = totpStep(seconds * 1000);
    expect(hotp(RFC_KEY, step, 8)).toBe(code);
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(-6));
  });

  it('accepts the codes of one step either side and nothing further, returning the step', () => {
    const now = 1_234_567_890_000;
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      expect(verifyTotp(RFC_SECRET, hotp(RFC_KEY, step + offset), now)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      expect(verifyTotp(RFC_SECRET, hotp(RFC_KEY, step + offset), now)).toBeNull();
    }
  });

  it('tolerates spaces inside the code but nothing that is not six digits', () => {
    const now = 1_111_111_111_000;
    const code = totpCode(RFC_SECRET, now);
    expect(verifyTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now));
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, `-${code.slice(1)}`]) {
      expect(verifyTotp(RFC_SECRET, bad, now), bad).toBeNull();
    }
  });

  it('generates 160-bit base32 secrets', () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(TOTP_SECRET_BYTES);
    expect(generateTotpSecret()).not.toBe(a);
  });

  it('builds the otpauth URI authenticator apps expect', () => {
    const uri = totpUri({ secret: 'JBSWY3DPEHPK3PXP', accountName: 'ana@example.com', issuer: 'Haven' });
    expect(uri).toBe('otpauth://totp/Haven:ana%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Haven&algorithm=SHA1&digits=6&period=30');
  });
});
