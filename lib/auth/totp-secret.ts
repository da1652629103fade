import { decryptText, encryptText, type Keyring } from '../crypto/envelope';

/**
 * TOTP secrets are stored as AES-256-GCM envelopes bound to their user: a ciphertext copied to
 * another row does not decrypt.
 */
export const totpAssociatedData = (userId: string) => `staff-totp:${userId}`;

export function sealTotpSecret(keyring: Keyring, userId: string, secretBase32: string): string {
  return encryptText(keyring, secretBase32, totpAssociatedData(userId));
}

export function openTotpSecret(keyring: Keyring, userId: string, ciphertext: string): string {
  return decryptText(keyring, ciphertext, totpAssociatedData(userId));
}
