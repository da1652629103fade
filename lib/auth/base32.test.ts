import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Base32Error, base32Decode, base32Encode } from './base32';

// RFC 4648 §10 test vectors (without padding, as otpauth URIs carry them).
const VECTORS: [string, string][] = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
];

describe('base32', () => {
  it.each(VECTORS)('encodes %j as %s (RFC 4648)', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
  });

  it('decodes padded, lower-case and grouped input', () => {
    expect(base32Decode('MZXW6YQ=').toString()).toBe('foob');
    expect(base32Decode('mzxw 6ytb-oi======').toString()).toBe('foobar');
  });

  it('decodes the demo secret to its documented bytes', () => {
    expect(base32Decode('JBSWY3DPEHPK3PXP')).toEqual(Buffer.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]));
  });

  it('round-trips random bytes of every length', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = randomBytes(n);
      const text = base32Encode(bytes);
      expect(text).toMatch(/^[A-Z2-7]*$/);
      expect(base32Decode(text)).toEqual(bytes);
    }
  });

  it('rejects characters outside the alphabet and impossible lengths', () => {
    for (const bad of ['MZXW1', 'MZXW0', 'MZ!W', 'M', 'MZX', 'MZXW6Y', 'MZXW6YTBO']) {
      expect(() => base32Decode(bad), bad).toThrow(Base32Error);
    }
  });

  it('rejects non-zero padding bits (a second spelling of the same bytes)', () => {
    // "MY" is "f"; "MZ" has a stray bit set in the padding.
    expect(() => base32Decode('MZ')).toThrow(Base32Error);
  });
});
