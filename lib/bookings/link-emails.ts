import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { bookings } from '../../db/schema';
import { maskEmail } from '../messaging/mask';
import { resolveLink, type LinkActor } from './link-access';

/**
 * Where the private links of a booking were emailed, for the booker's confirmation: their own
 * (masked; null when they asked not to be emailed) and, for a couple, the partner's own link (the
 * partner's first name and masked address). The booker never sees the partner's link itself.
 * Null for a dead link; only the booker's link (holder 'primary') learns about the partner.
 */
export type LinkEmails = { own: string | null; partner: { firstName: string; maskedAddress: string } | null };

export async function getLinkEmails(params: { actor: LinkActor }): Promise<LinkEmails | null> {
  const db = await getDb();
  const link = await resolveLink(db, params.actor);
  if (!link) return null;
  const [row] = await db
    .select({ clientEmail: bookings.clientEmail, okToEmail: bookings.okToEmail, partnerName: bookings.partnerName, partnerEmail: bookings.partnerEmail })
    .from(bookings)
    .where(eq(bookings.id, link.bookingId))
    .limit(1);
  if (!row) return null;
  if (link.holder === 'partner') return { own: row.partnerEmail ? maskEmail(row.partnerEmail) : null, partner: null };
  return {
    own: row.okToEmail ? maskEmail(row.clientEmail) : null,
    partner:
      row.partnerEmail && row.partnerName
        ? { firstName: row.partnerName.trim().split(/\s+/)[0] ?? row.partnerName, maskedAddress: maskEmail(row.partnerEmail) }
        : null,
  };
}
