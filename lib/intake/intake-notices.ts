import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { intakes, type NewMessage } from '../../db/schema';
import { enqueueMessages } from '../messaging/booking-messages';
import type { SafetyFlag } from './types';

/**
 * "An intake needs your attention": when a save or a send shows a sign of danger (a safety flag)
 * for the first time on an intake, `flagged_at` is set (the clinician's inbox puts it first) and
 * the practice is told once per intake (dedupe key), in the caller's transaction, with its
 * delivery job. The message row holds ids only; its email names the booking's reference and
 * links to Haven: no answer, no flag, no name (lib/messaging/templates/practice-messages.ts).
 * A practice without an address gets the row as skipped (staff see it on the booking).
 */
export async function noticeIntakeAttention(
  tx: Transaction,
  params: { intake: { id: string; flaggedAt: Date | null }; booking: { id: string; practiceId: string; practiceEmail: string }; flags: readonly SafetyFlag[]; now: Date },
): Promise<void> {
  const { intake, booking, flags, now } = params;
  if (flags.length === 0 || intake.flaggedAt) return;
  const marked = await tx
    .update(intakes)
    .set({ flaggedAt: now })
    .where(and(eq(intakes.id, intake.id), isNull(intakes.flaggedAt)))
    .returning({ id: intakes.id });
  if (marked.length === 0) return;
  const none = !booking.practiceEmail;
  const message: NewMessage = {
    practiceId: booking.practiceId,
    bookingId: booking.id,
    kind: 'practice_intake_attention',
    recipient: 'practice',
    changedBy: 'system',
    state: none ? 'skipped' : 'queued',
    skipReason: none ? 'no_practice_address' : null,
    dedupeKey: `intake-attention:${intake.id}`,
    createdAt: now,
    updatedAt: now,
  };
  await enqueueMessages(tx, [message]);
}
