/**
 * RFC 4648 base32 (alphabet A–Z 2–7), as authenticator apps expect for TOTP secrets.
 * Encoding omits padding (the otpauth URI format wants none); decoding accepts lower case,
 * spaces, hyphens and trailing `=` padding, and rejects anything else.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export class Base32Error extends Error {
  constructor() {
    super('Not a valid base32 string.');
    this.name = 'Base32Error';
  }
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = LOOKUP.get(char);
    if (value === undefined) throw new Base32Error();
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  // Leftover bits must be zero padding, and a valid length never leaves 5 or more.
  if (bits >= 5 || buffer !== 0) throw new Base32Error();
  return Buffer.from(out);
}
