import 'server-only';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { intakeCodes, messages } from '../../db/schema';
import { env } from '../env';
import { enqueueMessages } from './booking-messages';
import { calendarAttachment } from './calendar-attachment';
import { loadMessage } from './message-view';
import { renderMessage } from './templates/render';
import { fromAddress, transportFor, type Transport } from './transport';

/** A claim older than this is a worker that died mid-send: the message may be claimed again. */
const STALE_CLAIM_MS = 5 * 60_000;

export type DeliveryAttempt = {
  messageId: string;
  /** pg-boss's retry count for this job (0 on the first try) and its limit. */
  retryCount: number;
  retryLimit: number;
  now?: Date;
};

export type DeliveryOutcome = 'sent' | 'skipped' | 'already_done' | 'busy';

/**
 * Delivers one message row, at most once: the row is claimed (queued/retrying → sending) in its
 * own committed statement before anything is sent, so two workers holding duplicate jobs cannot
 * both send it, and it is marked sent right after the server accepts it. A worker that dies
 * between the two leaves a claim that turns stale after 5 minutes; only then may the message be
 * sent again (with the same Message-ID, so mail clients see one message). A failure records the
 * server's error and throws, so the queue retries with backoff; when the queue gives up the
 * message is marked failed and the practice is told (a failure notice about a failure notice is
 * not sent).
 */
export async function deliverMessage(db: Database, attempt: DeliveryAttempt, transport: Transport = transportFor(db)): Promise<DeliveryOutcome> {
  const now = attempt.now ?? new Date();
  const loaded = await loadMessage(db, attempt.messageId, now);
  if (!loaded) return 'already_done';
  if (loaded.state === 'sent' || loaded.state === 'skipped' || loaded.state === 'failed') return 'already_done';

  const skipReason = loaded.stale ?? (loaded.to ? null : 'no_address');
  if (skipReason) {
    await db
      .update(messages)
      .set({ state: 'skipped', skipReason, updatedAt: now })
      .where(and(eq(messages.id, loaded.id), inArray(messages.state, ['queued', 'retrying'])));
    if (loaded.kind === 'intake_code') await forgetCode(db, loaded.id);
    return 'skipped';
  }

  const claimed = await db
    .update(messages)
    .set({ state: 'sending', claimedAt: now, attempts: sql`${messages.attempts} + 1`, updatedAt: now })
    .where(
      and(
        eq(messages.id, loaded.id),
        or(inArray(messages.state, ['queued', 'retrying']), and(eq(messages.state, 'sending'), lt(messages.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS)))),
      ),
    )
    .returning({ id: messages.id });
  if (claimed.length === 0) return 'busy';

  const rendered = renderMessage(loaded.view);
  try {
    await transport.send({
      messageId: `<${loaded.id}@${new URL(env().publicOrigin).hostname}>`,
      messageRowId: loaded.id,
      from: { name: loaded.senderName, address: fromAddress() },
      replyTo: loaded.replyTo ?? undefined,
      to: loaded.to!,
      ...rendered,
      calendar: calendarAttachment(loaded, fromAddress(), now) ?? undefined,
    });
  } catch (err) {
    const lastError = transportError(err);
    const givingUp = attempt.retryCount >= attempt.retryLimit;
    await db.transaction(async (tx) => {
      await tx
        .update(messages)
        .set({ state: givingUp ? 'failed' : 'retrying', lastError, sentTo: loaded.to, updatedAt: new Date() })
        .where(and(eq(messages.id, loaded.id), eq(messages.state, 'sending')));
      if (givingUp && loaded.recipient !== 'practice' && loaded.kind !== 'practice_delivery_failed') {
        const [row] = await tx.select({ practiceId: messages.practiceId, bookingId: messages.bookingId }).from(messages).where(eq(messages.id, loaded.id));
        if (row) {
          await enqueueMessages(tx, [
            {
              practiceId: row.practiceId,
              bookingId: row.bookingId,
              kind: 'practice_delivery_failed',
              recipient: 'practice',
              aboutMessageId: loaded.id,
              changedBy: 'system',
              state: loaded.view.practice.email ? 'queued' : 'skipped',
              skipReason: loaded.view.practice.email ? null : 'no_practice_address',
              dedupeKey: `failed:${loaded.id}`,
              createdAt: new Date(),
              updatedAt: new Date(),
            },
          ]);
        }
      }
    });
    throw new DeliveryError(lastError);
  }
  await db
    .update(messages)
    .set({ state: 'sent', sentAt: new Date(), sentTo: loaded.to, lastError: null, updatedAt: new Date() })
    .where(eq(messages.id, loaded.id));
  if (loaded.kind === 'intake_code') await forgetCode(db, loaded.id);
  return 'sent';
}

/**
 * An intake code is sealed only so that its email can be written: once that email is sent, or is
 * not to be sent (the code was used, replaced or has expired), the sealed copy is cleared. Only
 * its keyed hash stays, to check a guess.
 */
async function forgetCode(db: Database, messageId: string): Promise<void> {
  await db
    .update(intakeCodes)
    .set({ codeCiphertext: null })
    .where(sql`${intakeCodes.id} = (select ${messages.intakeCodeId} from ${messages} where ${messages.id} = ${messageId})`);
}

/** A failed delivery, with the mail server's words (they carry no content of ours). */
export class DeliveryError extends Error {}

function transportError(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = e.response ?? e.message ?? 'unknown error';
  return [e.code, e.responseCode, said.split('\n')[0]].filter(Boolean).join(' ').slice(0, 300);
}
