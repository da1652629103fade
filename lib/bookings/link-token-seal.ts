import 'server-only';
import { decryptText, encryptText } from '../crypto/envelope';
import { dataKeyring } from '../crypto/keyring';
import { hashLinkToken } from './link-tokens';

/**
 * A private link's token, sealed (AES-256-GCM, lib/crypto) beside its hash, so a message sent
 * later — a reminder, a change made by the practice — can carry the holder's own link. Lookups
 * never use it (they hash the token they are given); the associated data binds the ciphertext to
 * the row's hash, so a ciphertext copied onto another link does not open.
 */
export function sealLinkToken(token: string): { tokenHash: string; tokenCiphertext: string } {
  const tokenHash = hashLinkToken(token);
  return { tokenHash, tokenCiphertext: encryptText(dataKeyring(), token, associatedData(tokenHash)) };
}

/** The token of a link row, or null when the row predates sealing or does not match its hash. */
export function openLinkToken(row: { tokenHash: string; tokenCiphertext: string | null }): string | null {
  if (!row.tokenCiphertext) return null;
  const token = decryptText(dataKeyring(), row.tokenCiphertext, associatedData(row.tokenHash));
  return hashLinkToken(token) === row.tokenHash ? token : null;
}

/** Associated data binding a sealed token to its row's hash (exported for key rotation, lib/crypto/encrypted-columns.ts). */
export const linkTokenAssociatedData = (tokenHash: string) => `booking-link-token:${tokenHash}`;
const associatedData = linkTokenAssociatedData;
