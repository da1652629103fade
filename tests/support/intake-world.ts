import { and, desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../db/client';
import { bookingLinks, intakeCodes } from '../../db/schema';
import { hashLinkToken } from '../../lib/bookings/link-tokens';
import { requestIntakeCode, verifyIntakeCode } from '../../lib/intake/device-access';
import { openCode } from '../../lib/intake/intake-crypto';
import type { OutgoingMail, Transport } from '../../lib/messaging/transport';
import { setTypeIntakeForm } from './intake-fixture';
import type { StaffWorld } from './staff-world';

/**
 * Shared set-up of the intake db tests: the staff world's types ask for intakes (solo video:
 * individual; both couple types: couples), a link's live code read the way the email job reads
 * it, a device opened with it, and a transport that keeps what it would send.
 */
export async function giveTypesIntakes(db: Database, world: Pick<StaffWorld, 'types'>): Promise<void> {
  await setTypeIntakeForm(db, world.types.get('solo-video')!.id, 'individual');
  await setTypeIntakeForm(db, world.types.get('couple-video')!.id, 'couples');
  await setTypeIntakeForm(db, world.types.get('couple-request')!.id, 'couples');
}

export async function linkIdOf(db: Database, token: string): Promise<string> {
  const [link] = await db.select({ id: bookingLinks.id }).from(bookingLinks).where(eq(bookingLinks.tokenHash, hashLinkToken(token)));
  return link!.id;
}

/** The link's newest code, opened from its sealed copy (as the email job does), or null. */
export async function latestCode(db: Database, token: string): Promise<{ id: string; code: string | null }> {
  const [row] = await db
    .select({ id: intakeCodes.id, ciphertext: intakeCodes.codeCiphertext })
    .from(intakeCodes)
    .where(and(eq(intakeCodes.linkId, await linkIdOf(db, token))))
    .orderBy(desc(intakeCodes.createdAt))
    .limit(1);
  return { id: row!.id, code: row!.ciphertext ? openCode(row!.id, row!.ciphertext) : null };
}

let ip = 0;
/** Asks for a code, reads it, and exchanges it for a device token. */
export async function openDevice(db: Database, token: string, now: Date): Promise<string> {
  ip += 1;
  const asked = await requestIntakeCode({ actor: { kind: 'link', token }, now, clientAddress: `198.51.100.${ip % 250}` });
  expect(asked.ok).toBe(true);
  const { code } = await latestCode(db, token);
  const verified = await verifyIntakeCode({ actor: { kind: 'link', token }, code: code!, now });
  if (!verified.ok) throw new Error(`verifyIntakeCode: ${verified.code}`);
  return verified.deviceToken;
}

/** A transport that sends nothing and keeps every message. */
export function keepingTransport(): Transport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    kind: 'mailbox',
    sent,
    async send(mail) {
      sent.push(mail);
    },
  };
}
