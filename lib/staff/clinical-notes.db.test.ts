import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, consultationRecords } from '../../db/schema';
import { CLIENT_NOTE, CLINICIAN_NOTES, seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { TEST_DATA_KEYS } from '../../tests/support/test-env';
import { recordAudit } from '../audit/record';
import { decryptText, MissingEncryptionKeyError, parseKeyring } from '../crypto/envelope';
import { resetEnvForTests } from '../env';
import { clinicianNotesAssociatedData, getClinicalRecord, saveClinicalNotes } from './clinical-notes';

// The real audit writer, wrapped so one test can make it fail.
vi.mock('../audit/record', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../audit/record')>();
  return { ...actual, recordAudit: vi.fn(actual.recordAudit) };
});

const keyring = parseKeyring(TEST_DATA_KEYS);
// Thursday 3 December 2026, 12:00 in New York; the consultations below start at 10:00.
const START = new Date('2026-12-03T15:00:00Z');
const AFTER = new Date('2026-12-03T17:00:00Z');
const BEFORE = new Date('2026-12-01T14:00:00Z');
// After every consultation seeded here.
const LATER = new Date('2028-01-10T12:00:00Z');

let handle: DatabaseHandle;
let world: StaffWorld;
let slot = 0;

withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const clinician = () => world.actors['own clinician'];
/** A consultation at 10:00 New York, a week later each time (from 10 December). */
const seed = (opts: Partial<Parameters<typeof seedBooking>[2]> = {}) =>
  seedBooking(handle.db, world, { startsAt: new Date(START.getTime() + ++slot * 7 * 86_400_000), ...opts });
const recordOf = async (bookingId: string) => (await handle.db.select().from(consultationRecords).where(eq(consultationRecords.bookingId, bookingId)))[0];
const auditsOf = (bookingId: string, action: string) =>
  handle.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, bookingId), eq(auditEvents.action, action)));

describe(`clinician notes on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('stores notes only as an AES-256-GCM envelope bound to the booking', async () => {
    const b = await seed({ startsAt: START });
    const saved = await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: CLINICIAN_NOTES, version: 0, now: BEFORE });
    expect(saved).toEqual({ ok: true, updatedAt: BEFORE.toISOString(), outcome: null, version: 1 });

    const row = await recordOf(b.id);
    expect(row?.clinicianNotesCiphertext).toMatch(/^v1\.test1\./); // key id travels with it
    expect(row?.clinicianNotesCiphertext).not.toContain('attachment');
    expect(decryptText(keyring, row!.clinicianNotesCiphertext!, clinicianNotesAssociatedData(b.id))).toBe(CLINICIAN_NOTES);
    expect(() => decryptText(keyring, row!.clinicianNotesCiphertext!, clinicianNotesAssociatedData(crypto.randomUUID()))).toThrow();
    expect(row).toMatchObject({ updatedBy: clinician().userId, outcome: null, outcomeRecordedAt: null });

    const [audit] = await auditsOf(b.id, 'booking.clinical_notes_saved');
    expect(audit).toMatchObject({ actorId: clinician().userId, detail: { notes: 'saved', outcomeChanged: false } });
    expect(JSON.stringify(audit)).not.toContain('attachment');
  });

  it('writes an audit row with every read, in the read\'s transaction', async () => {
    const b = await seed({ clinicianNotes: CLINICIAN_NOTES, outcome: 'waitlist' });
    const record = await getClinicalRecord({ actor: clinician(), bookingId: b.id, now: AFTER });
    expect(record).toMatchObject({ bookingId: b.id, clientNote: CLIENT_NOTE, clinicianNotes: CLINICIAN_NOTES, outcome: 'waitlist' });
    await getClinicalRecord({ actor: clinician(), bookingId: b.id, now: AFTER });
    const audits = await auditsOf(b.id, 'booking.clinical_viewed');
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actorKind: 'staff', actorId: clinician().userId, subjectType: 'booking', occurredAt: AFTER });
    expect(JSON.stringify(audits)).not.toContain('arguing');
    expect(JSON.stringify(audits)).not.toContain('attachment');
  });

  it('returns nothing when the audit row cannot be written', async () => {
    const b = await seed({ clinicianNotes: CLINICIAN_NOTES });
    vi.mocked(recordAudit).mockRejectedValueOnce(new Error('audit log unavailable'));
    await expect(getClinicalRecord({ actor: clinician(), bookingId: b.id, now: AFTER })).rejects.toThrow('audit log unavailable');
    expect(await auditsOf(b.id, 'booking.clinical_viewed')).toHaveLength(0);
  });

  it('a ciphertext moved to another booking does not open, and that failed read is not audited', async () => {
    const source = await seed({ clinicianNotes: CLINICIAN_NOTES });
    const target = await seed({ clinicianNotes: 'other notes' });
    const moved = (await recordOf(source.id))!.clinicianNotesCiphertext;
    await handle.db.update(consultationRecords).set({ clinicianNotesCiphertext: moved }).where(eq(consultationRecords.bookingId, target.id));
    await expect(getClinicalRecord({ actor: clinician(), bookingId: target.id, now: AFTER })).rejects.toThrow();
    expect(await auditsOf(target.id, 'booking.clinical_viewed')).toHaveLength(0);
  });

  it('records the outcome after the consultation; saving notes keeps it; null clears it', async () => {
    const b = await seed({ startsAt: new Date('2026-12-10T18:00:00Z') });
    const before = await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Prep.', outcome: 'became_client', version: 0, now: BEFORE });
    expect(before).toMatchObject({ ok: false, reason: 'too_early' });
    expect(await recordOf(b.id)).toBeUndefined();

    const t1 = new Date('2026-12-10T20:00:00Z');
    expect(await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Good fit.', outcome: 'became_client', version: 0, now: t1 })).toEqual({
      ok: true,
      updatedAt: t1.toISOString(),
      outcome: 'became_client',
      version: 1,
    });
    const t2 = new Date('2026-12-11T09:00:00Z');
    expect(await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Good fit. Weekly from January.', version: 1, now: t2 })).toMatchObject({
      ok: true,
      outcome: 'became_client',
      version: 2,
    });
    expect(await getClinicalRecord({ actor: clinician(), bookingId: b.id, now: t2 })).toEqual({
      bookingId: b.id,
      clientNote: CLIENT_NOTE,
      clinicianNotes: 'Good fit. Weekly from January.',
      outcome: 'became_client',
      outcomeRecordedAt: t1.toISOString(),
      updatedAt: t2.toISOString(),
      version: 2,
    });

    const t3 = new Date('2026-12-12T09:00:00Z');
    await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Good fit.', outcome: 'referred_out', version: 2, now: t3 });
    expect(await recordOf(b.id)).toMatchObject({ outcome: 'referred_out', outcomeRecordedAt: t3 });
    await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: '', outcome: null, version: 3, now: t3 });
    expect(await recordOf(b.id)).toMatchObject({ clinicianNotesCiphertext: null, outcome: null, outcomeRecordedAt: null });
    expect((await auditsOf(b.id, 'booking.clinical_notes_saved')).map((a) => a.detail.outcomeChanged).sort()).toEqual([false, true, true, true]);
  });

  it('refuses unknown outcomes and over-long notes with field messages', async () => {
    const b = await seed();
    expect(await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'x', outcome: 'cured' as 'waitlist', version: 0, now: AFTER })).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: { outcome: 'Please choose an outcome from the list.' },
    });
    expect(await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'x'.repeat(20_001), version: 0, now: AFTER })).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: { notes: expect.stringMatching(/under 20000 characters/) },
    });
  });

  it('fails closed without an encryption key: nothing is written', async () => {
    const b = await seed();
    const saved = process.env.HAVEN_DATA_KEYS;
    delete process.env.HAVEN_DATA_KEYS;
    resetEnvForTests();
    try {
      await expect(saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'secret', version: 0, now: AFTER })).rejects.toBeInstanceOf(MissingEncryptionKeyError);
      await expect(getClinicalRecord({ actor: clinician(), bookingId: b.id, now: AFTER })).rejects.toBeInstanceOf(MissingEncryptionKeyError);
    } finally {
      process.env.HAVEN_DATA_KEYS = saved;
      resetEnvForTests();
    }
    expect(await recordOf(b.id)).toBeUndefined();
    expect(await auditsOf(b.id, 'booking.clinical_viewed')).toHaveLength(0);
  });

  it('refuses a save from a stale copy: nothing changes, and the answer carries the saved text', async () => {
    const b = await seed();
    // Two tabs open the empty record (version 0); the first saves.
    const first = await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Tab one: sleep, work stress.', version: 0, now: LATER });
    expect(first).toMatchObject({ ok: true, version: 1 });
    const before = await recordOf(b.id);

    // The second tab still holds version 0: refused, with tab one's notes to show beside its own.
    const stale = await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Tab two: family history.', outcome: 'waitlist', version: 0, now: LATER });
    expect(stale).toEqual({
      ok: false,
      reason: 'stale',
      message: 'These notes changed after you opened this page (in another tab or window, or by someone else). Nothing was saved.',
      current: { clinicianNotes: 'Tab one: sleep, work stress.', outcome: null, outcomeRecordedAt: null, updatedAt: LATER.toISOString(), version: 1 },
    });
    expect(await recordOf(b.id)).toEqual(before);

    // Tab one saves again (version 1 → 2); a save still holding version 1 is now stale too.
    expect(await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Tab one, later.', version: 1, now: LATER })).toMatchObject({ ok: true, version: 2 });
    const after = await recordOf(b.id);
    expect(await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Old copy.', version: 1, now: LATER })).toMatchObject({
      ok: false,
      reason: 'stale',
      current: { clinicianNotes: 'Tab one, later.', version: 2 },
    });
    expect(await recordOf(b.id)).toEqual(after);
    expect(decryptText(keyring, after!.clinicianNotesCiphertext!, clinicianNotesAssociatedData(b.id))).toBe('Tab one, later.');

    // Choosing to keep one's own (or a merge): saved against the version the refusal showed.
    expect(await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'Merged by hand.', version: 2, now: LATER })).toMatchObject({ ok: true, version: 3 });
    // Only real saves are audited as saves; showing the saved notes on a refusal is audited as a view.
    expect(await auditsOf(b.id, 'booking.clinical_notes_saved')).toHaveLength(3);
    const views = await auditsOf(b.id, 'booking.clinical_viewed');
    expect(views.map((v) => v.detail)).toEqual([
      { clientNote: false, clinicianNotes: true, staleSave: true },
      { clientNote: false, clinicianNotes: true, staleSave: true },
    ]);
  });

  it('refuses a version ahead of the saved one, and a missing version, without writing', async () => {
    const b = await seed({ clinicianNotes: CLINICIAN_NOTES });
    const before = await recordOf(b.id);
    expect(await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'x', version: 7, now: LATER })).toMatchObject({ ok: false, reason: 'stale' });
    expect(
      await saveClinicalNotes({ actor: clinician(), bookingId: b.id, notes: 'x', version: undefined as unknown as number, now: LATER }),
    ).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await recordOf(b.id)).toEqual(before);
  });
});
