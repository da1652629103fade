import { and, eq, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { devMailbox, messages } from '../../db/schema';
import { bookingInput, type TestPractice, withTestPractice } from '../../tests/support/practice-fixture';
import { bookConsultation } from '../bookings/commands';
import { deliverMessage } from './deliver';
import { runDelivery } from './worker';

/*
 * At most once, on each driver (the development mailbox is the transport: one row per email sent):
 * a job run twice, two copies running at once, a worker that died mid-send (a fresh claim is left
 * alone, a claim older than 5 minutes is taken over), on a fixed clock.
 */

const NOW = new Date('2026-12-01T14:00:00Z');
const MIN = 60_000;

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});

let slot = 0;
async function dueMessages(): Promise<string[]> {
  slot += 1;
  const booked = await bookConsultation({
    input: bookingInput({ typeSlug: 'solo-video', startsAt: `${['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07'][slot - 1]}T15:00:00.000Z`, clinicianId: fx.clinician.id }),
    requester: { ip: `192.0.2.${80 + slot}` },
    practiceSlug: fx.practice.slug,
    now: NOW,
  });
  if (!booked.ok) throw new Error(`booking failed: ${booked.reason}`);
  const rows = await handle.db.select({ id: messages.id }).from(messages).where(and(eq(messages.bookingId, booked.bookingId), ne(messages.kind, 'reminder')));
  return rows.map((r) => r.id);
}

const sentCopies = async (messageId: string) => (await handle.db.select({ id: devMailbox.id }).from(devMailbox).where(eq(devMailbox.messageId, messageId))).length;
const row = async (messageId: string) =>
  (await handle.db.select({ state: messages.state, attempts: messages.attempts, claimedAt: messages.claimedAt }).from(messages).where(eq(messages.id, messageId)))[0]!;

describe(`delivering a message at most once on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('a job run twice (a duplicate, or a retry after the worker sent it) sends one email', async () => {
    const [id] = await dueMessages();
    const job = { data: { messageId: id! }, retryCount: 0, retryLimit: 10 };
    await runDelivery(handle, job);
    await runDelivery(handle, { ...job, retryCount: 1 });
    expect(await deliverMessage(handle.db, { messageId: id!, retryCount: 2, retryLimit: 10 })).toBe('already_done');
    expect(await sentCopies(id!)).toBe(1);
    expect(await row(id!)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('two copies of a job at the same moment: one sends, the other finds it claimed', async () => {
    const ids = await dueMessages();
    for (const id of ids) {
      const outcomes = await Promise.all([1, 2].map(() => deliverMessage(handle.db, { messageId: id, retryCount: 0, retryLimit: 10 })));
      expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
      expect(outcomes.filter((o) => o !== 'sent').every((o) => o === 'busy' || o === 'already_done')).toBe(true);
      expect(await sentCopies(id)).toBe(1);
    }
    // The worker turns "busy" into a failure, so the queue looks again later (and then finds it done).
    await expect(runDelivery(handle, { data: { messageId: ids[0]! }, retryCount: 0, retryLimit: 10 })).resolves.toBeUndefined();
  });

  it('a worker that died mid-send: its claim holds for 5 minutes, then another worker takes it over', async () => {
    const [id] = await dueMessages();
    // The dead worker claimed it at NOW (and may or may not have sent it: nothing was recorded).
    await handle.db.update(messages).set({ state: 'sending', claimedAt: NOW, attempts: 1 }).where(eq(messages.id, id!));

    const at = (ms: number) => new Date(NOW.getTime() + ms);
    expect(await deliverMessage(handle.db, { messageId: id!, retryCount: 1, retryLimit: 10, now: at(MIN) })).toBe('busy');
    expect(await deliverMessage(handle.db, { messageId: id!, retryCount: 1, retryLimit: 10, now: at(5 * MIN) })).toBe('busy');
    expect(await sentCopies(id!)).toBe(0);

    // Stale after 5 minutes: taken over, sent (with the same Message-ID, so a mail client sees one message if the first did go out).
    expect(await deliverMessage(handle.db, { messageId: id!, retryCount: 2, retryLimit: 10, now: at(5 * MIN + 1_000) })).toBe('sent');
    expect(await sentCopies(id!)).toBe(1);
    expect(await row(id!)).toMatchObject({ state: 'sent', attempts: 2, claimedAt: at(5 * MIN + 1_000) });
    expect(await deliverMessage(handle.db, { messageId: id!, retryCount: 3, retryLimit: 10, now: at(20 * MIN) })).toBe('already_done');
    expect(await sentCopies(id!)).toBe(1);
  });
});
