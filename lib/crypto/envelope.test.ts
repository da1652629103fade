import { describe, expect, it } from 'vitest';
import { decryptText, encryptText, generateKeySpec, MissingEncryptionKeyError, parseKeyring } from './envelope';

describe('encrypted envelopes', () => {
  const keyring = parseKeyring(generateKeySpec('k1'));

  it('round-trips text and never contains the plaintext', () => {
    const envelope = encryptText(keyring, 'struggling with intimacy', 'booking:1');
    expect(envelope).not.toContain('intimacy');
    expect(envelope.startsWith('v1.k1.')).toBe(true);
    expect(decryptText(keyring, envelope, 'booking:1')).toBe('struggling with intimacy');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptText(keyring, 'same', 'a')).not.toBe(encryptText(keyring, 'same', 'a'));
  });

  it('refuses a ciphertext moved to another record (associated data)', () => {
    const envelope = encryptText(keyring, 'secret', 'booking:1');
    expect(() => decryptText(keyring, envelope, 'booking:2')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const envelope = encryptText(keyring, 'secret', 'x');
    const parts = envelope.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptText(keyring, parts.join('.'), 'x')).toThrow();
  });

  it('decrypts with an older key after rotation', () => {
    const oldSpec = generateKeySpec('old');
    const before = encryptText(parseKeyring(oldSpec), 'kept', 'r');
    const rotated = parseKeyring(`${generateKeySpec('new')},${oldSpec}`);
    expect(decryptText(rotated, before, 'r')).toBe('kept');
    expect(encryptText(rotated, 'fresh', 'r').startsWith('v1.new.')).toBe(true);
  });

  it('fails closed without a key and rejects malformed keys', () => {
    expect(() => parseKeyring(undefined)).toThrow(MissingEncryptionKeyError);
    expect(() => parseKeyring('k1:short')).toThrow(/32 bytes/);
    expect(() => parseKeyring('bad id:' + Buffer.alloc(32).toString('base64'))).toThrow();
  });
});
