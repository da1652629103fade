import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { isValidTimeZone } from '../scheduling/zoned-time';
import type { Executor } from '../../db/client';
import { bookingLinks } from '../../db/schema';
import { hashLinkToken, isWellFormedLinkToken, sameHash } from './link-tokens';

/** A client's capability: whoever holds the private link's token. */
export type LinkActor = { kind: 'link'; token: string };

/** `timeZone`: the holder's own zone (where they booked or last rescheduled), null until known. */
export type ResolvedLink = { linkId: string; bookingId: string; holder: 'primary' | 'partner'; timeZone: string | null };

/** The live (unrevoked) link for a token, or null: unknown, malformed and revoked look alike. */
export async function resolveLink(db: Executor, actor: LinkActor): Promise<ResolvedLink | null> {
  if (actor.kind !== 'link' || !isWellFormedLinkToken(actor.token)) return null;
  const tokenHash = hashLinkToken(actor.token);
  const [link] = await db
    .select({ id: bookingLinks.id, bookingId: bookingLinks.bookingId, holder: bookingLinks.holder, timeZone: bookingLinks.timeZone, tokenHash: bookingLinks.tokenHash })
    .from(bookingLinks)
    .where(and(eq(bookingLinks.tokenHash, tokenHash), isNull(bookingLinks.revokedAt)))
    .limit(1);
  if (!link || !sameHash(link.tokenHash, tokenHash)) return null;
  return { linkId: link.id, bookingId: link.bookingId, holder: link.holder, timeZone: link.timeZone };
}

/**
 * Keeps the zone a link holder just chose times in (rescheduling) on their own link, so their
 * pages show their clock, not the other partner's. The booking's client zone stays as booked.
 * A zone that is not a valid IANA name is ignored (the move itself still stands).
 */
export async function rememberHolderTimeZone(db: Executor, link: ResolvedLink, timeZone: string): Promise<void> {
  if (!isValidTimeZone(timeZone) || timeZone === link.timeZone) return;
  await db.update(bookingLinks).set({ timeZone }).where(eq(bookingLinks.id, link.linkId));
}
