import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { messages } from '../../db/schema';
import { rowsOf } from '../../tests/support/db-helpers';
import { completeAnswers, questionnaireForBooking, seedIntake, setTypeIntakeForm } from '../../tests/support/intake-fixture';
import { keepingTransport } from '../../tests/support/intake-world';
import { bookingInput, withTestPractice, type TestPractice } from '../../tests/support/practice-fixture';
import { testDriver } from '../../tests/support/test-env';
import { bookConsultation, cancelBooking, rescheduleBooking } from '../bookings/commands';
import { deliverMessage } from './deliver';
import { QUEUES } from './queue';

/*
 * The reminder to finish an intake: 48 hours before the start, one per person (each partner of a
 * couple on their own link), only when the type asks for an intake and the moment is still ahead;
 * dropped when the booking moves (a new one for the new start) or is cancelled, and not sent to a
 * person whose intake is sent by then.
 */

const NOW = new Date('2026-11-30T14:00:00Z'); // Monday 09:00 in New York
const HOUR = 3_600_000;

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, p) => {
  handle = h;
  fx = p;
});
beforeAll(async () => {
  await setTypeIntakeForm(handle.db, fx.types.get('couple-video')!.id, 'couples');
  await setTypeIntakeForm(handle.db, fx.types.get('solo-video')!.id, 'individual');
});

let ip = 0;
async function book(typeSlug: 'solo-video' | 'couple-video', startsAt: string) {
  ip += 1;
  const couple = typeSlug === 'couple-video';
  const booked = await bookConsultation({
    input: bookingInput({ typeSlug, startsAt, clinicianId: fx.clinician.id, ...(couple ? { partnerName: 'Sam Lee', partnerEmail: `sam-${crypto.randomUUID().slice(0, 8)}@example.com` } : {}) }),
    requester: { ip: `192.0.2.${ip}` },
    practiceSlug: fx.practice.slug,
    now: NOW,
  });
  if (!booked.ok) throw new Error(`booking at ${startsAt} failed: ${booked.reason}`);
  return booked;
}

async function intakeRemindersOf(bookingId: string) {
  const rows = await handle.db
    .select({ id: messages.id, recipient: messages.recipient, state: messages.state, skipReason: messages.skipReason, sendAfter: messages.sendAfter, linkId: messages.linkId })
    .from(messages)
    .where(and(eq(messages.bookingId, bookingId), eq(messages.kind, 'intake_reminder')))
    .orderBy(messages.sendAfter, messages.recipient);
  return Promise.all(
    rows.map(async (r) => {
      const [job] = rowsOf<{ start_after: string | Date }>(await handle.db.execute(sql`select start_after from pgboss.job where name = ${QUEUES.deliver} and data->>'messageId' = ${r.id}`));
      return { ...r, jobStartAfter: job ? new Date(job.start_after) : null };
    }),
  );
}

describe(`intake reminders on ${testDriver()}`, () => {
  it('are due 48 hours before, one per person, for a type with an intake only, and not when that moment has passed', async () => {
    const start = '2026-12-04T15:00:00.000Z';
    const couple = await book('couple-video', start);
    const due = new Date(new Date(start).getTime() - 48 * HOUR);
    const reminders = await intakeRemindersOf(couple.bookingId);
    expect(reminders.map((r) => [r.recipient, r.state, r.sendAfter?.toISOString(), r.jobStartAfter?.toISOString()])).toEqual([
      ['primary', 'queued', due.toISOString(), due.toISOString()],
      ['partner', 'queued', due.toISOString(), due.toISOString()],
    ]);
    expect(reminders.every((r) => r.linkId !== null)).toBe(true);

    // Less than 48 hours ahead: none (the usual 24-hour reminder still is).
    const soon = await book('solo-video', '2026-12-01T19:00:00.000Z');
    expect(await intakeRemindersOf(soon.bookingId)).toEqual([]);

    // A type without an intake: none.
    await setTypeIntakeForm(handle.db, fx.types.get('solo-video')!.id, null);
    try {
      const none = await book('solo-video', '2026-12-07T15:00:00.000Z');
      expect(await intakeRemindersOf(none.bookingId)).toEqual([]);
    } finally {
      await setTypeIntakeForm(handle.db, fx.types.get('solo-video')!.id, 'individual');
    }
  });

  it('follow the booking: a move drops the old ones and writes new ones, a cancellation drops them', async () => {
    const moved = await book('couple-video', '2026-12-08T15:00:00.000Z');
    const result = await rescheduleBooking({
      actor: { kind: 'link', token: moved.partnerToken! },
      input: { startsAt: '2026-12-09T15:00:00.000Z', clinicianId: fx.clinician.id, clientTimeZone: 'America/New_York' },
      now: NOW,
    });
    expect(result.ok).toBe(true);
    const after = await intakeRemindersOf(moved.bookingId);
    expect(after.map((r) => [r.recipient, r.state, r.skipReason, r.sendAfter?.toISOString()])).toEqual([
      ['primary', 'skipped', 'superseded', '2026-12-06T15:00:00.000Z'],
      ['partner', 'skipped', 'superseded', '2026-12-06T15:00:00.000Z'],
      ['primary', 'queued', null, '2026-12-07T15:00:00.000Z'],
      ['partner', 'queued', null, '2026-12-07T15:00:00.000Z'],
    ]);
    // The old one's job, should it run anyway, sends nothing.
    const transport = keepingTransport();
    expect(await deliverMessage(handle.db, { messageId: after[0]!.id, retryCount: 0, retryLimit: 10, now: new Date('2026-12-06T15:00:00Z') }, transport)).toBe('already_done');

    const cancelled = await book('solo-video', '2026-12-10T15:00:00.000Z');
    expect(await cancelBooking({ actor: { kind: 'link', token: cancelled.primaryToken }, input: {}, now: NOW })).toEqual({ ok: true });
    expect((await intakeRemindersOf(cancelled.bookingId)).map((r) => [r.state, r.skipReason])).toEqual([['skipped', 'superseded']]);
    expect(transport.sent).toEqual([]);
  });

  it('is not sent to a person whose intake is sent by then; the other partner still gets theirs', async () => {
    const b = await book('couple-video', '2026-12-11T15:00:00.000Z');
    const { questionnaire } = await questionnaireForBooking(handle.db, b.bookingId);
    await seedIntake(handle.db, { bookingId: b.bookingId, holder: 'primary', status: 'sent', answers: completeAnswers(questionnaire, { 'partner-safety': 'no' }), now: NOW });
    await seedIntake(handle.db, { bookingId: b.bookingId, holder: 'partner', status: 'in_progress', answers: { 'preferred-name': 'Sam' }, now: NOW });
    const [primary, partner] = await intakeRemindersOf(b.bookingId);
    const at = new Date('2026-12-09T15:00:00Z');
    const transport = keepingTransport();
    expect(await deliverMessage(handle.db, { messageId: primary!.id, retryCount: 0, retryLimit: 10, now: at }, transport)).toBe('skipped');
    expect(await deliverMessage(handle.db, { messageId: partner!.id, retryCount: 0, retryLimit: 10, now: at }, transport)).toBe('sent');
    expect((await intakeRemindersOf(b.bookingId)).map((r) => [r.recipient, r.state, r.skipReason])).toEqual([
      ['primary', 'skipped', 'intake_sent'],
      ['partner', 'sent', null],
    ]);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]!.subject).toMatch(/^Before your appointment: /);
    expect(transport.sent[0]!.text).toContain('/m/');
    expect(transport.sent[0]!.text).toContain(b.partnerToken!);

    // The confirmations: one line about the questions for the person who still has them to answer.
    const line = "Before you meet, please answer the practice's questions on your private page.";
    const confirmations = await handle.db
      .select({ id: messages.id, recipient: messages.recipient })
      .from(messages)
      .where(and(eq(messages.bookingId, b.bookingId), eq(messages.kind, 'booking_confirmed')))
      .orderBy(messages.recipient);
    const said: Record<string, string> = {};
    for (const c of confirmations) {
      const box = keepingTransport();
      expect(await deliverMessage(handle.db, { messageId: c.id, retryCount: 0, retryLimit: 10, now: NOW }, box)).toBe('sent');
      said[c.recipient] = box.sent[0]!.text.replace(/\s+/g, ' ');
    }
    expect(said.partner).toContain(line);
    expect(said.primary).not.toContain(line);
  });
});
