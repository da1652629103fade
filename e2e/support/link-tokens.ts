import { and, eq, isNull } from 'drizzle-orm';
import { bookingLinks } from '../../db/schema';
import { hashLinkToken } from '../../lib/bookings/link-tokens';
import { decryptText, parseKeyring } from '../../lib/crypto/envelope';
import { E2E_ENV } from './e2e-env';
import type { StaffDb } from './staff-fixture';

/**
 * The partner's private link of the booking behind `primaryToken`, read from the database as the
 * delivery job reads it (the token sealed beside its hash, lib/bookings/link-token-seal.ts): the
 * booker's page no longer shows it, and these specs stand in for the partner's inbox (the real
 * email has its own spec).
 */
export async function partnerTokenOf(staffDb: StaffDb, primaryToken: string): Promise<string> {
  const [primary] = await staffDb.db.select({ bookingId: bookingLinks.bookingId }).from(bookingLinks).where(eq(bookingLinks.tokenHash, hashLinkToken(primaryToken)));
  if (!primary) throw new Error('No booking for that link');
  const [partner] = await staffDb.db
    .select({ tokenHash: bookingLinks.tokenHash, tokenCiphertext: bookingLinks.tokenCiphertext })
    .from(bookingLinks)
    .where(and(eq(bookingLinks.bookingId, primary.bookingId), eq(bookingLinks.holder, 'partner'), isNull(bookingLinks.revokedAt)));
  if (!partner?.tokenCiphertext) throw new Error('The booking has no sealed partner link');
  const token = decryptText(parseKeyring(E2E_ENV.HAVEN_DATA_KEYS), partner.tokenCiphertext, `booking-link-token:${partner.tokenHash}`);
  if (hashLinkToken(token) !== partner.tokenHash) throw new Error('The sealed partner link does not match its hash');
  return token;
}
