import 'server-only';
import { createHmac, hkdfSync } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { bookingLinks } from '../../db/schema';
import type { DataKey } from '../crypto/envelope';
import { dataKeyring } from '../crypto/keyring';
import { hashLinkToken } from './link-tokens';

export type LinkHolder = 'primary' | 'partner';

/**
 * The private links a booking form creates are derivable again by the server, so a resubmitted
 * form (same idempotency key: a double click, a retry after a lost response, N concurrent copies)
 * gets the SAME links back instead of piling up new live ones:
 *
 *   token = base64url(HMAC-SHA256(K, bookingId ‖ holder ‖ idempotencyKey)),  K = HKDF(data key, "haven:form-link-token:v1")
 *
 * 256 bits that no one can compute without the data key (the booking id and the key stored in the
 * database are not enough), the same 43-character shape as a random token, and still stored only
 * as its SHA-256. Links issued later by staff (a new private link) are random as before.
 */
export function formLinkToken(key: DataKey, booking: { bookingId: string; holder: LinkHolder; idempotencyKey: string }): string {
  return createHmac('sha256', linkKeyOf(key))
    .update(`${booking.bookingId}\n${booking.holder}\n${booking.idempotencyKey}`)
    .digest('base64url');
}

const derivedKeys = new WeakMap<Buffer, Buffer>();

function linkKeyOf(key: DataKey): Buffer {
  let derived = derivedKeys.get(key.key);
  if (!derived) {
    derived = Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'haven:form-link-token:v1', 32));
    derivedKeys.set(key.key, derived);
  }
  return derived;
}

/** The links a new booking starts with, from the active data key. */
export function newFormLinkTokens(bookingId: string, idempotencyKey: string, couple: boolean): { primary: string; partner: string | null } {
  const key = dataKeyring().active;
  return {
    primary: formLinkToken(key, { bookingId, holder: 'primary', idempotencyKey }),
    partner: couple ? formLinkToken(key, { bookingId, holder: 'partner', idempotencyKey }) : null,
  };
}

/**
 * For a replay: the form's links that are still live (derived again with every key in the
 * keyring, so a key rotation in between does not matter). No primary → null: the links were
 * replaced or revoked since (e.g. staff issued a new one), and a replay must not bring them back.
 */
export async function liveFormLinkTokens(
  db: Executor,
  bookingId: string,
  idempotencyKey: string,
): Promise<{ primary: string; partner: string | null } | null> {
  const candidates = new Map<string, { holder: LinkHolder; token: string }>();
  for (const key of dataKeyring().all.values()) {
    for (const holder of ['primary', 'partner'] as const) {
      const token = formLinkToken(key, { bookingId, holder, idempotencyKey });
      candidates.set(hashLinkToken(token), { holder, token });
    }
  }
  const rows = await db
    .select({ tokenHash: bookingLinks.tokenHash, holder: bookingLinks.holder })
    .from(bookingLinks)
    .where(and(eq(bookingLinks.bookingId, bookingId), inArray(bookingLinks.tokenHash, [...candidates.keys()]), isNull(bookingLinks.revokedAt)));
  const live = (holder: LinkHolder) => {
    const row = rows.find((r) => r.holder === holder && candidates.get(r.tokenHash)?.holder === holder);
    return row ? candidates.get(row.tokenHash)!.token : null;
  };
  const primary = live('primary');
  return primary ? { primary, partner: live('partner') } : null;
}
