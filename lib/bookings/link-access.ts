import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { bookingLinks } from '../../db/schema';
import { hashLinkToken, isWellFormedLinkToken, sameHash } from './link-tokens';

/** A client's capability: whoever holds the private link's token. */
export type LinkActor = { kind: 'link'; token: string };

export type ResolvedLink = { linkId: string; bookingId: string; holder: 'primary' | 'partner' };

/** The live (unrevoked) link for a token, or null: unknown, malformed and revoked look alike. */
export async function resolveLink(db: Executor, actor: LinkActor): Promise<ResolvedLink | null> {
  if (actor.kind !== 'link' || !isWellFormedLinkToken(actor.token)) return null;
  const tokenHash = hashLinkToken(actor.token);
  const [link] = await db
    .select({ id: bookingLinks.id, bookingId: bookingLinks.bookingId, holder: bookingLinks.holder, tokenHash: bookingLinks.tokenHash })
    .from(bookingLinks)
    .where(and(eq(bookingLinks.tokenHash, tokenHash), isNull(bookingLinks.revokedAt)))
    .limit(1);
  if (!link || !sameHash(link.tokenHash, tokenHash)) return null;
  return { linkId: link.id, bookingId: link.bookingId, holder: link.holder };
}
