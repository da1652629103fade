import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents } from '../../db/schema';
import { openTestDatabase } from '../../tests/support/test-db';
import { replaceWeeklyHours, updateConsultationType } from '../availability/commands';
import { availabilityVersionOf, createSchedulingPractice, insertBooking, typeVersionOf, type SchedulingFixture } from '../availability/testing/fixture';
import { findAuditEvents } from './queries';
import { recordAudit } from './record';

const driver = process.env.TEST_DB_DRIVER ?? 'pglite';
const NOW = new Date('2026-03-04T15:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const practice = () => createSchedulingPractice(handle.db, { timeZone: 'America/New_York' });

/** One event of each kind that belongs to `fx`'s practice, oldest first; returns their ids newest first. */
async function practiceEvents(fx: SchedulingFixture) {
  const booking = await insertBooking(handle.db, { practiceId: fx.practice.id, clinicianId: fx.clinician.id, type: fx.type('video-50'), startsAt: '2026-03-09T13:00:00Z' });
  const partnerBooking = await insertBooking(handle.db, {
    practiceId: fx.practice.id,
    clinicianId: fx.clinician.id,
    type: fx.type('video-50'),
    startsAt: '2026-03-10T13:00:00Z',
    partnerLink: true,
  });
  await recordAudit(handle.db, { actor: { kind: 'client', id: null }, action: 'booking.created', subjectType: 'booking', subjectId: booking.id, detail: { status: 'confirmed' }, at: at(1) });
  await recordAudit(handle.db, { actor: { kind: 'client', id: partnerBooking.linkId }, action: 'booking.rescheduled', subjectType: 'booking', subjectId: partnerBooking.id, at: at(2) });
  await recordAudit(handle.db, {
    actor: { kind: 'staff', id: fx.users.clinician.id },
    action: 'staff.sign_in.succeeded',
    subjectType: 'staff_user',
    subjectId: fx.users.clinician.id,
    detail: { reason: 'ok' },
    at: at(3),
  });
  await recordAudit(handle.db, { actor: { kind: 'staff', id: null }, action: 'staff.sign_in.failed', subjectType: 'staff_user', subjectId: fx.users.frontDesk.id, detail: { reason: 'wrong_password' }, at: at(4) });
  await replaceWeeklyHours({ actor: fx.actors.clinician, clinicianId: fx.clinician.id, version: await availabilityVersionOf(handle.db, fx.clinician.id), rules: [{ weekday: 1, start: '09:00', end: '12:00', modalities: ['video'] }], now: at(5) });
  await updateConsultationType({ actor: fx.actors.otherClinician, typeId: fx.type('video-50').id, version: await typeVersionOf(handle.db, fx.type('video-50').id), patch: { feeCents: 9000 }, now: at(6) });
  await recordAudit(handle.db, { actor: { kind: 'system', id: null }, action: 'practice.settings_changed', subjectType: 'practice', subjectId: fx.practice.id, at: at(7) });
  // A subject type the scoping does not know, but done by this practice's staff.
  await recordAudit(handle.db, { actor: { kind: 'staff', id: fx.users.frontDesk.id }, action: 'report.exported', subjectType: 'report', subjectId: null, at: at(8) });
}

describe(`audit log on ${driver}`, () => {
  it("shows the practice's events only, newest first, with names resolved", async () => {
    const a = await practice();
    const b = await practice();
    await practiceEvents(a);
    await practiceEvents(b);
    // Events that belong to no practice never show.
    await recordAudit(handle.db, { actor: { kind: 'staff', id: null }, action: 'staff.sign_in.failed', subjectType: 'staff_user', subjectId: null, at: at(9) });
    await recordAudit(handle.db, { actor: { kind: 'system', id: null }, action: 'report.exported', subjectType: 'report', subjectId: crypto.randomUUID(), at: at(9) });

    const page = await findAuditEvents({ actor: a.actors.clinician, limit: 50 });
    expect(page.nextCursor).toBeNull();
    expect(page.events.map((e) => [e.action, e.actor.kind, e.actor.displayName, e.subject.type, e.subject.label])).toEqual([
      ['report.exported', 'staff', 'Casey Desk', 'report', null],
      ['practice.settings_changed', 'system', 'System', 'practice', 'Practice'],
      ['consultation_type.updated', 'staff', 'Blake Moss', 'consultation_type', 'Individual (video)'],
      ['availability.hours_changed', 'staff', 'Avery Stone', 'clinician', 'Dr. Avery Stone'],
      ['staff.sign_in.failed', 'staff', 'Unknown', 'staff_user', 'Casey Desk'],
      ['staff.sign_in.succeeded', 'staff', 'Avery Stone', 'staff_user', 'Avery Stone'],
      ['booking.rescheduled', 'client', "Client's partner", 'booking', expect.stringMatching(/^Booking [0-9A-F]{8}$/)],
      ['booking.created', 'client', 'Client', 'booking', expect.stringMatching(/^Booking [0-9A-F]{8}$/)],
    ]);
    const signIn = page.events.find((e) => e.action === 'staff.sign_in.succeeded')!;
    expect(signIn).toEqual({
      id: expect.any(String),
      occurredAt: at(3).toISOString(),
      action: 'staff.sign_in.succeeded',
      actor: { kind: 'staff', staffUserId: a.users.clinician.id, displayName: 'Avery Stone' },
      subject: { type: 'staff_user', id: a.users.clinician.id, label: 'Avery Stone' },
      detail: { reason: 'ok' },
    });
    expect(page.events.find((e) => e.action === 'consultation_type.updated')!.detail).toMatchObject({ 'feeCents.from': 0, 'feeCents.to': 9000 });
    // Nothing of the other practice: its names and ids never appear.
    const json = JSON.stringify(page);
    for (const id of [b.practice.id, b.clinician.id, b.users.clinician.id, b.type('video-50').id]) expect(json).not.toContain(id);

    // The other practice sees its own eight.
    expect((await findAuditEvents({ actor: b.actors.otherClinician, limit: 50 })).events).toHaveLength(8);
  });

  it('filters by time range and action', async () => {
    const fx = await practice();
    await practiceEvents(fx);
    const actor = fx.actors.clinician;
    const actions = async (filters: Omit<Parameters<typeof findAuditEvents>[0], 'actor' | 'limit'>) =>
      (await findAuditEvents({ actor, limit: 50, ...filters })).events.map((e) => e.action);
    expect(await actions({ from: at(3), to: at(5) })).toEqual(['staff.sign_in.failed', 'staff.sign_in.succeeded']);
    expect(await actions({ action: 'booking.created' })).toEqual(['booking.created']);
    expect(await actions({ action: 'booking.created', from: at(2) })).toEqual([]);
  });

  it('pages with a stable keyset, even for events in the same microsecond', async () => {
    const fx = await practice();
    // Timestamps that differ below the millisecond, and exact ties: a millisecond cursor would skip or repeat rows.
    const stamps = ['15:00:00.000100', '15:00:00.000200', '15:00:00.000200', '15:00:00.000900', '15:00:00.001000', '15:00:00.999999', '15:00:01'];
    const values = Array.from({ length: 23 }, (_, i) => ({
      actorKind: 'staff' as const,
      actorId: fx.users.clinician.id,
      action: 'staff.session.touched',
      subjectType: 'staff_user',
      subjectId: fx.users.clinician.id,
      occurredAt: sql`${`2026-03-04 ${stamps[i % stamps.length]}+00`}::timestamptz`,
    }));
    await handle.db.insert(auditEvents).values(values as unknown as (typeof auditEvents.$inferInsert)[]);

    const expected = (
      await handle.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, fx.users.clinician.id))
        .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    ).map((r) => r.id);
    expect(expected).toHaveLength(23);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await findAuditEvents({ actor: fx.actors.clinician, limit: 5, cursor });
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    expect(seen).toEqual(expected);

    // A new event does not shift a page already being read.
    const first = await findAuditEvents({ actor: fx.actors.clinician, limit: 5 });
    await recordAudit(handle.db, { actor: { kind: 'staff', id: fx.users.clinician.id }, action: 'staff.signed_out', subjectType: 'staff_user', subjectId: fx.users.clinician.id, at: at(60) });
    const second = await findAuditEvents({ actor: fx.actors.clinician, limit: 5, cursor: first.nextCursor! });
    expect(second.events.map((e) => e.id)).toEqual(expected.slice(5, 10));
  });

  it('refuses bad filters and cursors clearly, and the front desk entirely', async () => {
    const fx = await practice();
    const actor = fx.actors.clinician;
    await expect(findAuditEvents({ actor, limit: 0 })).rejects.toMatchObject({ code: 'INVALID', message: 'The page size must be at least 1.' });
    await expect(findAuditEvents({ actor, limit: 201 })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(findAuditEvents({ actor, limit: 10, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('page link') });
    const forged = Buffer.from("2026-03-04T15:00:00.000000Z|x' or 1=1 --", 'utf8').toString('base64url');
    await expect(findAuditEvents({ actor, limit: 10, cursor: forged })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(findAuditEvents({ actor, limit: 10, from: at(5), to: at(1) })).rejects.toMatchObject({ code: 'INVALID', message: 'The end must be after the start.' });
    await expect(findAuditEvents({ actor, limit: 10, action: "x'; drop table audit_events; --" })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(findAuditEvents({ actor: fx.actors.frontDesk, limit: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
