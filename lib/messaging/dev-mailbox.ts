import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { devMailbox } from '../../db/schema';
import { env } from '../env';
import { isUuid, notFound } from '../errors';

/**
 * The development mailbox (/dev/mailbox): what the demo would have emailed, kept in `dev_mailbox`
 * by the mailbox transport (./transport.ts) when there is no SMTP server. It exists only while
 * this deployment delivers to it (`env().mailTransport === 'mailbox'`: outside production, or on
 * the embedded database, and never with SMTP_URL set); otherwise every function here answers
 * NOT_FOUND, whatever the table still holds, so a production server never shows it.
 */

export type DevMailboxEntry = { id: string; to: string; subject: string; deliveredAt: string };
export type DevMailboxMessage = DevMailboxEntry & { from: string; text: string; html: string; calendar: string | null };

/** The newest messages this many at most: the demo sends a handful per booking, housekeeping prunes after a week. */
const LIST_LIMIT = 200;

export function isDevMailboxOpen(): boolean {
  return env().mailTransport === 'mailbox';
}

/** Newest first. */
export async function findDevMailboxMessages(): Promise<DevMailboxEntry[]> {
  if (!isDevMailboxOpen()) throw notFound();
  const db = await getDb();
  const rows = await db
    .select({ id: devMailbox.id, to: devMailbox.toAddress, subject: devMailbox.subject, deliveredAt: devMailbox.deliveredAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.deliveredAt), desc(devMailbox.id))
    .limit(LIST_LIMIT);
  return rows.map((r) => ({ ...r, deliveredAt: r.deliveredAt.toISOString() }));
}

export async function getDevMailboxMessage(params: { id: string }): Promise<DevMailboxMessage> {
  if (!isDevMailboxOpen() || !isUuid(params.id)) throw notFound();
  const db = await getDb();
  const [row] = await db
    .select({
      id: devMailbox.id,
      to: devMailbox.toAddress,
      from: devMailbox.fromAddress,
      subject: devMailbox.subject,
      text: devMailbox.textBody,
      html: devMailbox.htmlBody,
      calendar: devMailbox.calendar,
      deliveredAt: devMailbox.deliveredAt,
    })
    .from(devMailbox)
    .where(eq(devMailbox.id, params.id))
    .limit(1);
  if (!row) throw notFound();
  return { ...row, deliveredAt: row.deliveredAt.toISOString() };
}
