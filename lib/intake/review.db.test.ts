import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, intakes } from '../../db/schema';
import { seedIntake, setTypeIntakeForm } from '../../tests/support/intake-fixture';
import { seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { describeAuditEvent } from '../audit/labels';
import { findAuditEvents } from '../audit/queries';
import { findIntakeInbox, getIntakeForReview, getIntakeResponseDownload, markIntakeReviewed } from './review';
import { getIntakeSettings, saveIntakeCustomization, setConsultationTypeIntake } from './settings';
import { findIntakeStatuses } from './statuses';
import type { Answers } from './types';

/**
 * The clinician's side of intakes on a real database: what is decrypted for whom, one audit row per
 * intake opened, flags first in the inbox, the FHIR download, "reviewed" (which the front desk reads
 * as "sent"), and the practice's questionnaire versions (an intake keeps the one it was started on).
 */

// Tuesday 1 December 2026, 09:00 New York; bookings from Thursday 3 December.
const NOW = new Date('2026-12-01T14:00:00Z');
const SENTINEL = 'SENTINEL-ANSWER: the clinician alone reads this';

const phq9 = (item9: string, others = 'LA6569-3') => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9-${i + 1}`, i === 8 ? item9 : others]));
const gad7 = (code = 'LA6570-1') => Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`gad7-${i + 1}`, code]));
/** PHQ-9 items 1–8 "Several days" = 8 (mild), item 9 as given; GAD-7 7 × 2 = 14 (moderate). */
const individualAnswers = (extra: Answers = {}): Answers => ({ 'reasons-now': SENTINEL, ...phq9('LA6568-5'), ...gad7(), ...extra });
const coupleAnswers = (fear: 'yes' | 'no'): Answers => ({ ...individualAnswers(), 'csi4-1': 'happy', 'csi4-2': 'mostly', 'csi4-3': 'mostly', 'csi4-4': 'mostly', 'partner-safety': fear });

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

async function withIntakeTypes(w: StaffWorld) {
  await setTypeIntakeForm(handle.db, w.types.get('solo-video')!.id, 'individual');
  await setTypeIntakeForm(handle.db, w.types.get('couple-video')!.id, 'couples');
}

async function auditRows(subjectIds: string[], action: string) {
  if (subjectIds.length === 0) return [];
  return handle.db
    .select({ subjectId: auditEvents.subjectId, actorId: auditEvents.actorId, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectType, 'intake'), inArray(auditEvents.subjectId, subjectIds)));
}

describe(`intake review on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it("opens a couple's two sent intakes for their clinician, one audit row per intake, each partner's flag to the clinician only", async () => {
    await withIntakeTypes(world);
    const booking = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video' });
    const a = await seedIntake(handle.db, { bookingId: booking.id, holder: 'primary', status: 'sent', answers: coupleAnswers('no'), now: NOW });
    const b = await seedIntake(handle.db, { bookingId: booking.id, holder: 'partner', status: 'sent', answers: coupleAnswers('yes'), now: NOW });
    const clinician = world.actors['own clinician'];

    const review = await getIntakeForReview({ actor: clinician, bookingId: booking.id, now: NOW });
    expect(review.couple).toBe(true);
    expect(review.people.map((p) => [p.holder, p.status, p.intakeId])).toEqual([
      ['primary', 'sent', a.id],
      ['partner', 'sent', b.id],
    ]);
    const [primary, partner] = review.people;
    expect(primary!.sent!.stored.answers['reasons-now']).toBe(SENTINEL);
    expect(primary!.sent!.summary.flags).toEqual([]);
    expect(primary!.needsAttention).toBe(false);
    expect(partner!.sent!.summary.flags).toEqual(['partner_fear']);
    expect(partner!.needsAttention).toBe(true);
    expect(partner!.sent!.questionnaireVersion).toMatch(/^2026\.1/);
    expect(primary!.sent!.summary.scores.map((s) => s.instrument).sort()).toEqual(expect.arrayContaining(['phq9', 'gad7', 'csi4']));

    const viewed = await auditRows([a.id, b.id], 'intake.viewed');
    expect(viewed.map((r) => r.subjectId).sort()).toEqual([a.id, b.id].sort());
    expect(viewed.every((r) => r.actorId === clinician.userId && r.detail.bookingId === booking.id)).toBe(true);
    expect(JSON.stringify(viewed)).not.toContain(SENTINEL);
    expect(describeAuditEvent({ action: 'intake.viewed', detail: {} })).toBe('Opened an intake');

    // The practice's audit log shows them, by reference (never a name or an answer); another practice's does not.
    const log = await findAuditEvents({ actor: clinician, action: 'intake.viewed', limit: 200 });
    const mine = log.events.filter((e) => e.subject.id === a.id || e.subject.id === b.id);
    expect(mine.map((e) => e.subject.label).sort()).toEqual([`Intake of booking ${booking.id.slice(0, 8).toUpperCase()}`, `Intake of booking ${booking.id.slice(0, 8).toUpperCase()} (partner)`]);
    expect(JSON.stringify(log)).not.toContain(SENTINEL);
    const elsewhere = await findAuditEvents({ actor: world.actors['other practice'], action: 'intake.viewed', limit: 200 });
    expect(elsewhere.events.some((e) => e.subject.id === a.id)).toBe(false);

    // A second view is a second read: one more row per intake, never more.
    await getIntakeForReview({ actor: clinician, bookingId: booking.id, now: NOW });
    expect(await auditRows([a.id, b.id], 'intake.viewed')).toHaveLength(4);
  });

  it('does not open a draft: an intake in progress shows its state only, and is not audited', async () => {
    await withIntakeTypes(world);
    const booking = await seedBooking(handle.db, world, { startsAt: world.slots() });
    const draft = await seedIntake(handle.db, { bookingId: booking.id, holder: 'primary', status: 'in_progress', answers: individualAnswers(), now: NOW });
    const review = await getIntakeForReview({ actor: world.actors['own clinician'], bookingId: booking.id, now: NOW });
    expect(review.people).toHaveLength(1);
    expect(review.people[0]).toMatchObject({ status: 'in_progress', intakeId: draft.id, sent: null, draftSavedAt: NOW.toISOString() });
    expect(JSON.stringify(review)).not.toContain(SENTINEL);
    expect(await auditRows([draft.id], 'intake.viewed')).toHaveLength(0);
  });

  it('lists flags first, then upcoming consultations, with scores and bands; not started people too', async () => {
    await withIntakeTypes(world);
    const first = await seedBooking(handle.db, world, { startsAt: world.slots() });
    const second = await seedBooking(handle.db, world, { startsAt: world.slots() });
    const third = await seedBooking(handle.db, world, { startsAt: world.slots() });
    await seedIntake(handle.db, { bookingId: first.id, holder: 'primary', status: 'sent', answers: individualAnswers(), now: NOW });
    const flagged = await seedIntake(handle.db, { bookingId: third.id, holder: 'primary', status: 'sent', answers: individualAnswers(phq9('LA6569-3')), now: NOW });
    expect(flagged.flags).toEqual(['self_harm']);

    const inbox = await findIntakeInbox({ actor: world.actors['own clinician'], now: NOW });
    const mine = inbox.entries.filter((e) => [first.id, second.id, third.id].includes(e.bookingId));
    expect(mine.map((e) => e.bookingId)).toEqual([third.id, first.id, second.id]);
    expect(mine.map((e) => e.status)).toEqual(['sent', 'sent', 'not_started']);
    expect(mine[0]).toMatchObject({ needsAttention: true, flags: ['self_harm'] });
    const phq = mine[1]!.scores.find((s) => s.instrument === 'phq9')!;
    expect(phq).toMatchObject({ total: 8, max: 27, band: expect.stringMatching(/mild/i) });
    expect(mine[1]!.scores.find((s) => s.instrument === 'gad7')).toMatchObject({ total: 14, band: expect.stringMatching(/moderate/i) });
    // Flagged entries (all of them, the world's other files' too) come before any unflagged one.
    const firstCalm = inbox.entries.findIndex((e) => !(e.needsAttention && e.status !== 'reviewed'));
    expect(inbox.entries.slice(firstCalm).some((e) => e.needsAttention && e.status !== 'reviewed')).toBe(false);
    expect(JSON.stringify(inbox)).not.toContain(SENTINEL);

    // Another clinician's inbox does not have these.
    const theirs = await findIntakeInbox({ actor: world.actors['other clinician'], now: NOW });
    expect(theirs.entries.some((e) => [first.id, second.id, third.id].includes(e.bookingId))).toBe(false);
  });

  it('downloads a FHIR QuestionnaireResponse naming the questionnaire version, audited, with a filename free of names', async () => {
    await withIntakeTypes(world);
    const booking = await seedBooking(handle.db, world, { startsAt: world.slots(), clientName: 'Ada Download' });
    const intake = await seedIntake(handle.db, { bookingId: booking.id, holder: 'primary', status: 'sent', answers: individualAnswers(), now: NOW });
    const download = await getIntakeResponseDownload({ actor: world.actors['own clinician'], intakeId: intake.id, now: NOW });
    expect(download.filename).toBe(`questionnaire-response-${booking.id.slice(0, 8).toUpperCase()}.json`);
    const response = JSON.parse(download.body) as { resourceType: string; status: string; questionnaire: string; authored: string };
    expect(response).toMatchObject({ resourceType: 'QuestionnaireResponse', status: 'completed', authored: NOW.toISOString() });
    expect(response.questionnaire).toMatch(/\|2026\.1/);
    expect(download.body).toContain(SENTINEL);
    expect(await auditRows([intake.id], 'intake.downloaded')).toHaveLength(1);

    const draftBooking = await seedBooking(handle.db, world, { startsAt: world.slots() });
    const draft = await seedIntake(handle.db, { bookingId: draftBooking.id, holder: 'primary', status: 'in_progress', answers: individualAnswers(), now: NOW });
    await expect(getIntakeResponseDownload({ actor: world.actors['own clinician'], intakeId: draft.id, now: NOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('marks a sent intake reviewed once; the front desk still reads it as sent, and never more than the state', async () => {
    await withIntakeTypes(world);
    const booking = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video' });
    const sent = await seedIntake(handle.db, { bookingId: booking.id, holder: 'primary', status: 'sent', answers: coupleAnswers('yes'), now: NOW });
    const draft = await seedIntake(handle.db, { bookingId: booking.id, holder: 'partner', status: 'in_progress', answers: coupleAnswers('no'), now: NOW });
    const clinician = world.actors['own clinician'];

    expect(await markIntakeReviewed({ actor: clinician, intakeId: draft.id, now: NOW })).toMatchObject({ ok: false, reason: 'not_sent' });
    expect(await markIntakeReviewed({ actor: clinician, intakeId: sent.id, now: NOW })).toEqual({ ok: true, reviewedAt: NOW.toISOString(), changed: true });
    expect(await markIntakeReviewed({ actor: clinician, intakeId: sent.id, now: new Date(NOW.getTime() + 60_000) })).toMatchObject({ ok: true, changed: false, reviewedAt: NOW.toISOString() });
    expect(await auditRows([sent.id], 'intake.reviewed')).toHaveLength(1);
    const [row] = await handle.db.select({ status: intakes.status, reviewedBy: intakes.reviewedBy }).from(intakes).where(eq(intakes.id, sent.id));
    expect(row).toEqual({ status: 'reviewed', reviewedBy: clinician.userId });

    const solo = await seedBooking(handle.db, world, { startsAt: world.slots() });
    const noIntake = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-request' });
    const statuses = await findIntakeStatuses({ actor: world.actors['front desk'], bookingIds: [booking.id, solo.id, noIntake.id] });
    expect(statuses).toEqual({
      [booking.id]: { primary: 'sent', partner: 'in_progress' },
      [solo.id]: { primary: 'not_started', partner: null },
      [noIntake.id]: null,
    });
    // Not a booking of the practice: the whole call is not found.
    await expect(findIntakeStatuses({ actor: world.actors['other practice'], bookingIds: [booking.id] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findIntakeStatuses({ actor: world.actors['front desk'], bookingIds: ['nope'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('saves a customization as a new version, refuses a stale one, and an intake started earlier keeps its version and renders', async () => {
    await withIntakeTypes(world);
    const clinician = world.actors['own clinician'];
    const before = await getIntakeSettings({ actor: clinician });
    const individual = before.forms.individual;
    expect(individual.optionalSections.map((s) => s.linkId)).toEqual(expect.arrayContaining(['sexual-health']));
    expect(before.types.find((t) => t.id === world.types.get('solo-video')!.id)?.intakeForm).toBe('individual');

    // An intake started on the version before the change.
    const booking = await seedBooking(handle.db, world, { startsAt: world.slots() });
    const old = await seedIntake(handle.db, { bookingId: booking.id, holder: 'primary', status: 'sent', answers: individualAnswers({ 'sexual-concerns-details': 'Old section answer' }), now: NOW });

    const customization = {
      disabledSections: ['sexual-health'],
      questions: [{ id: 'parking', section: 'reasons', type: 'boolean' as const, text: 'Will you need parking?', required: false }],
    };
    const saved = await saveIntakeCustomization({ actor: clinician, form: 'individual', customization, expectedVersion: individual.version, now: NOW });
    expect(saved).toMatchObject({ ok: true, changed: true, saved: { version: individual.version + 1, questionnaireVersion: expect.stringContaining(`+p${individual.version + 1}`) } });

    // Another tab, loaded before that save.
    const stale = await saveIntakeCustomization({ actor: world.actors['other clinician'], form: 'individual', customization: { disabledSections: [], questions: [] }, expectedVersion: individual.version, now: NOW });
    expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { version: individual.version + 1, customization } });

    const after = await getIntakeSettings({ actor: clinician });
    expect(after.forms.individual.version).toBe(individual.version + 1);
    expect(after.forms.individual.versions[0]).toMatchObject({ version: individual.version + 1, sectionsOff: 1, questions: 1, createdByName: expect.any(String) });

    // The old intake renders against its own version (its sexual-health answer and section are still there).
    const review = await getIntakeForReview({ actor: clinician, bookingId: booking.id, now: NOW });
    expect(review.people[0]!.intakeId).toBe(old.id);
    const oldQ = review.people[0]!.sent!.questionnaire;
    expect(oldQ.item?.some((s) => s.linkId === 'sexual-health')).toBe(true);
    expect(review.people[0]!.sent!.questionnaireVersion).not.toContain(`+p${individual.version + 1}`);

    // Invalid input is refused field by field; nothing is written.
    const invalid = await saveIntakeCustomization({ actor: clinician, form: 'individual', customization: { disabledSections: ['about-you'], questions: [] }, expectedVersion: individual.version + 1, now: NOW });
    expect(invalid).toMatchObject({ ok: false, reason: 'invalid' });
    expect((await getIntakeSettings({ actor: clinician })).forms.individual.version).toBe(individual.version + 1);
  });

  it('sets which questionnaire a type asks; the couples one only for couples types', async () => {
    const clinician = world.actors['own clinician'];
    const solo = world.types.get('solo-video')!.id;
    expect(await setConsultationTypeIntake({ actor: clinician, typeId: solo, form: 'couples', now: NOW })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await setConsultationTypeIntake({ actor: clinician, typeId: solo, form: null, now: NOW })).toEqual({ ok: true, changed: true, form: null });
    expect(await setConsultationTypeIntake({ actor: clinician, typeId: solo, form: null, now: NOW })).toEqual({ ok: true, changed: false, form: null });
    expect(await setConsultationTypeIntake({ actor: clinician, typeId: solo, form: 'individual', now: NOW })).toMatchObject({ ok: true, changed: true });
    await expect(setConsultationTypeIntake({ actor: world.actors['other practice'], typeId: solo, form: null, now: NOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
