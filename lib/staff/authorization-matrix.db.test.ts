import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, bookingLinks, bookings, clinicians, consultationRecords, consultationTypes, intakeQuestionnaires, intakes, messages } from '../../db/schema';
import { findBookingMessages, resendMessage } from '../messaging/delivery-status';
import { ACTOR_NAMES, type ActorName, CLIENT_NOTE, CLINICIAN_NOTES, seedBooking, type SeededBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import type { StaffActor } from '../auth/actor';
import { createCalendarFeed, getCalendarFeedSettings, revokeCalendarFeed, setCalendarFeedShowsNames } from '../calendar/feed';
import { AppError } from '../errors';
import { getBookingForStaff } from './booking-detail';
import { getClinicalRecord, saveClinicalNotes } from './clinical-notes';
import type { BookingSearchResult, BookingSummary, PendingRequest, Schedule, StaffBookingDetail } from './dto';
import { approveRequest, declineRequest, findPendingRequests } from './requests';
import { findRescheduleSlots, rescheduleAsStaff } from './reschedule';
import { getStaffPractice, setTwoFactorForAll } from './practice';
import { getClientPageSettings, updateClientPageSettings } from './client-pages';
import { getMessageSettings, updateMessageSettings } from './message-settings';
import { getOwnVideoRoom, updateOwnVideoRoom } from './video-room';
import { findStaffSignInStates, unlockStaffSignIn } from './sign-in-state';
import { findSchedule, searchBookings } from './schedule-queries';
import { cancelAsStaff, reissueClientLink, setBookingStatus } from './staff-commands';
import { seedIntake, setTypeIntakeForm } from '../../tests/support/intake-fixture';
import { findIntakeInbox, getIntakeForReview, getIntakeResponseDownload, markIntakeReviewed } from '../intake/review';
import { findIntakeStatuses } from '../intake/statuses';
import { getIntakeSettings, saveIntakeCustomization, setConsultationTypeIntake } from '../intake/settings';

/**
 * Every exported lib/staff function × every kind of staff member → allowed or not found.
 * "hidden": a list the actor may read, which must not contain the booking (another clinician's
 * request queue, another practice's schedule). A new export fails the last test until it is
 * added here (or, for a pure helper, to EXEMPT with its reason).
 */

// Tuesday 1 December 2026, 09:00 in New York. Bookings start from Thursday 3 December.
const NOW = new Date('2026-12-01T14:00:00Z');
const HOUR = 3_600_000;
const later = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);

type Outcome = 'ok' | 'hidden' | 'not_found';
type Case = { booking: SeededBooking; now: Date; target?: Date; messageId?: string; intakeId?: string };
type Row = {
  setup: (w: StaffWorld) => Promise<Case>;
  call: (actor: StaffActor, c: Case) => Promise<unknown>;
  expected: Record<ActorName, Outcome>;
  /** Hands clinical content to the booking's own clinician (and nobody else). */
  clinical?: true;
};
const expected = (own: Outcome, otherClinician: Outcome, frontDesk: Outcome, otherPractice: Outcome): Record<ActorName, Outcome> => ({
  'own clinician': own,
  'other clinician': otherClinician,
  'front desk': frontDesk,
  'other practice': otherPractice,
});

let handle: DatabaseHandle;
let world: StaffWorld;

const confirmed = async (w: StaffWorld): Promise<Case> => ({
  booking: await seedBooking(handle.db, w, { startsAt: w.slots(), clinicianNotes: CLINICIAN_NOTES }),
  now: NOW,
});
const requested = async (w: StaffWorld): Promise<Case> => ({
  booking: await seedBooking(handle.db, w, { startsAt: w.slots(), typeSlug: 'couple-request', clinicianNotes: CLINICIAN_NOTES }),
  now: NOW,
});
/** A confirmed booking with its confirmation to the client sent. */
const withSentMessage = async (w: StaffWorld): Promise<Case> => {
  const c = await confirmed(w);
  const [m] = await handle.db
    .insert(messages)
    .values({ practiceId: w.practice.id, bookingId: c.booking.id, kind: 'booking_confirmed', recipient: 'primary', state: 'sent', sentTo: 'client@example.com', sentAt: NOW, createdAt: NOW })
    .returning({ id: messages.id });
  return { ...c, messageId: m!.id };
};
/** A confirmed booking whose start has passed by `now`. */
const started = async (w: StaffWorld): Promise<Case> => {
  const c = await confirmed(w);
  return { ...c, now: later(c.booking.startsAt, 2) };
};

/** A confirmed booking whose client sent their intake (an answer is the client-note sentinel: it must never leak). */
const withSentIntake = async (w: StaffWorld): Promise<Case> => {
  await setTypeIntakeForm(handle.db, w.types.get('solo-video')!.id, 'individual');
  const c = await confirmed(w);
  const intake = await seedIntake(handle.db, { bookingId: c.booking.id, holder: 'primary', status: 'sent', answers: { 'reasons-now': CLIENT_NOTE, 'phq9-9': 'LA6569-3' }, now: NOW });
  return { ...c, intakeId: intake.id };
};

/** The booking's clinician's own calendar feed (lib/calendar/feed.ts): that clinician only. */
const ownFeed = (actor: StaffActor) => ({ actor, clinicianId: world.clinician.id });

const MATRIX: Record<string, Row> = {
  getCalendarFeedSettings: {
    setup: confirmed,
    call: async (actor) => ((await getCalendarFeedSettings(ownFeed(actor))).title === 'Appointment' ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
  },
  createCalendarFeed: {
    setup: confirmed,
    call: async (actor) => ((await createCalendarFeed(ownFeed(actor))).url.includes('/api/calendar/') ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
  },
  revokeCalendarFeed: {
    setup: confirmed,
    call: async (actor) => ((await revokeCalendarFeed(ownFeed(actor))) ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
  },
  setCalendarFeedShowsNames: {
    setup: confirmed,
    call: async (actor) => ((await setCalendarFeedShowsNames({ ...ownFeed(actor), showsNames: false })).showsNames === false ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
  },
  setTwoFactorForAll: {
    setup: confirmed,
    // Writes the actor's own practice only: the booking's practice for its clinicians, never for another's.
    call: async (actor) => {
      await setTwoFactorForAll({ actor, required: false, version: (await getStaffPractice({ actor })).settingsVersion });
      return (await getStaffPractice({ actor })).name === world.practice.name ? { ok: true } : { entries: [] };
    },
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  getClientPageSettings: {
    setup: confirmed,
    // The actor's own practice: its clinicians read it, never the front desk; another practice reads its own.
    call: async (actor) => {
      const mine = await getClientPageSettings({ actor });
      return mine.sharedPageTitle === 'Appointment' && actor.practiceId === world.practice.id ? { ok: true } : { entries: [] };
    },
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  updateClientPageSettings: {
    setup: confirmed,
    call: async (actor) => {
      const version = actor.role === 'clinician' ? (await getClientPageSettings({ actor })).version : 1;
      const result = await updateClientPageSettings({ actor, input: { sharedPageTitle: 'Appointment', crisisLineUs: '', crisisLineElsewhere: '', version } });
      return result.ok && actor.practiceId === world.practice.id ? { ok: true } : { entries: [] };
    },
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  getMessageSettings: {
    setup: confirmed,
    // The actor's own practice: its clinicians read it, never the front desk; another practice reads its own.
    call: async (actor) => ((await getMessageSettings({ actor })).emailSenderName && actor.practiceId === world.practice.id ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  updateMessageSettings: {
    setup: confirmed,
    call: async (actor) => {
      const version = actor.role === 'clinician' ? (await getMessageSettings({ actor })).version : 1;
      const result = await updateMessageSettings({ actor, input: { emailSenderName: 'Appointments', reminderHoursBefore: 24, version } });
      return result.ok && actor.practiceId === world.practice.id ? { ok: true } : { entries: [] };
    },
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  getOwnVideoRoom: {
    setup: confirmed,
    // Each clinician's own record (the other clinician: theirs); never the front desk.
    call: async (actor) => ((await getOwnVideoRoom({ actor })) && actor.practiceId === world.practice.id ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  updateOwnVideoRoom: {
    setup: confirmed,
    call: async (actor) => {
      const result = await updateOwnVideoRoom({ actor, input: { videoRoomUrl: 'https://meet.example.com/room' } });
      return result.ok && actor.practiceId === world.practice.id ? { ok: true } : { entries: [] };
    },
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  findStaffSignInStates: {
    setup: confirmed,
    // Clinicians see their own practice's staff only (another practice's clinician: a list without them); the front desk nothing.
    call: async (actor) =>
      (await findStaffSignInStates({ actor, now: NOW })).some((s) => s.id === world.actors['front desk'].userId) ? { ok: true } : { entries: [] },
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  unlockStaffSignIn: {
    setup: confirmed,
    // Unlocking the booking's practice's front desk: its clinicians only.
    call: (actor) => unlockStaffSignIn({ actor, staffUserId: world.actors['front desk'].userId, now: NOW }),
    expected: expected('ok', 'ok', 'not_found', 'not_found'),
  },
  getStaffPractice: {
    setup: confirmed,
    // Everyone gets their own practice: the booking's practice for its staff, never for another's.
    call: async (actor) => ((await getStaffPractice({ actor })).name === world.practice.name ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'ok', 'ok', 'hidden'),
  },
  findSchedule: {
    setup: confirmed,
    call: (actor, c) => findSchedule({ actor, from: later(c.booking.startsAt, -1), to: later(c.booking.startsAt, 2) }),
    expected: expected('ok', 'ok', 'ok', 'hidden'),
  },
  searchBookings: {
    setup: confirmed,
    call: (actor, c) => searchBookings({ actor, query: c.booking.clientName }),
    expected: expected('ok', 'ok', 'ok', 'hidden'),
  },
  getBookingForStaff: {
    setup: confirmed,
    call: (actor, c) => getBookingForStaff({ actor, bookingId: c.booking.id }),
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  getClinicalRecord: {
    setup: confirmed,
    call: (actor, c) => getClinicalRecord({ actor, bookingId: c.booking.id, now: c.now }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
    clinical: true,
  },
  saveClinicalNotes: {
    setup: started,
    call: (actor, c) => saveClinicalNotes({ actor, bookingId: c.booking.id, notes: 'Second session booked.', outcome: 'became_client', version: 1, now: c.now }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
    clinical: true,
  },
  findPendingRequests: {
    setup: requested,
    call: (actor, c) => findPendingRequests({ actor, now: c.now }),
    expected: expected('ok', 'hidden', 'not_found', 'hidden'),
  },
  approveRequest: {
    setup: requested,
    call: (actor, c) => approveRequest({ actor, bookingId: c.booking.id, now: c.now }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
  },
  declineRequest: {
    setup: requested,
    call: (actor, c) => declineRequest({ actor, bookingId: c.booking.id, message: 'Sorry, that time no longer works for me.', now: c.now }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
  },
  findRescheduleSlots: {
    setup: confirmed,
    call: (actor, c) => findRescheduleSlots({ actor, bookingId: c.booking.id, overrideNotice: true, now: c.now }),
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  rescheduleAsStaff: {
    setup: async (w) => ({ ...(await confirmed(w)), target: w.slots() }),
    call: (actor, c) => rescheduleAsStaff({ actor, bookingId: c.booking.id, startsAt: c.target!.toISOString(), overrideNotice: false, now: c.now }),
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  cancelAsStaff: {
    setup: confirmed,
    call: (actor, c) => cancelAsStaff({ actor, bookingId: c.booking.id, reason: 'Clinician unwell', now: c.now }),
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  setBookingStatus: {
    setup: started,
    call: (actor, c) => setBookingStatus({ actor, bookingId: c.booking.id, status: 'completed', now: c.now }),
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  findBookingMessages: {
    setup: withSentMessage,
    // Delivery state is contact logistics: any staff of the practice.
    call: (actor, c) => findBookingMessages({ actor, bookingId: c.booking.id, now: c.now }),
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  resendMessage: {
    setup: withSentMessage,
    call: (actor, c) => resendMessage({ actor, messageId: c.messageId!, now: c.now }),
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  reissueClientLink: {
    setup: confirmed,
    call: (actor, c) => reissueClientLink({ actor, bookingId: c.booking.id, holder: 'primary', now: c.now }),
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  findIntakeInbox: {
    setup: withSentIntake,
    // Each clinician's own consultations' intakes; another clinician's list does not have them.
    call: async (actor, c) => ((await findIntakeInbox({ actor, now: c.now })).entries.some((e) => e.bookingId === c.booking.id) ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'hidden', 'not_found', 'hidden'),
    clinical: true,
  },
  getIntakeForReview: {
    setup: withSentIntake,
    call: (actor, c) => getIntakeForReview({ actor, bookingId: c.booking.id, now: c.now }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
    clinical: true,
  },
  getIntakeResponseDownload: {
    setup: withSentIntake,
    call: async (actor, c) => {
      const download = await getIntakeResponseDownload({ actor, intakeId: c.intakeId!, now: c.now });
      return download.body.includes(CLIENT_NOTE) ? { ok: true, ...download } : { entries: [] };
    },
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
    clinical: true,
  },
  markIntakeReviewed: {
    setup: withSentIntake,
    call: (actor, c) => markIntakeReviewed({ actor, intakeId: c.intakeId!, now: c.now }),
    expected: expected('ok', 'not_found', 'not_found', 'not_found'),
    clinical: true,
  },
  findIntakeStatuses: {
    setup: withSentIntake,
    // The state only (not started / in progress / sent) for any staff of the practice.
    call: async (actor, c) => {
      const statuses = await findIntakeStatuses({ actor, bookingIds: [c.booking.id] });
      return statuses[c.booking.id]?.primary === 'sent' ? { ok: true, statuses } : { entries: [] };
    },
    expected: expected('ok', 'ok', 'ok', 'not_found'),
  },
  getIntakeSettings: {
    setup: confirmed,
    // The actor's own practice's questionnaires: its clinicians; another practice reads its own.
    call: async (actor) => ((await getIntakeSettings({ actor })).types.some((t) => t.id === world.types.get('solo-video')!.id) ? { ok: true } : { entries: [] }),
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  saveIntakeCustomization: {
    setup: confirmed,
    call: async (actor) => {
      const current = actor.role === 'clinician' ? (await getIntakeSettings({ actor })).forms.individual : { version: 1, customization: { disabledSections: [] } };
      const off = current.customization.disabledSections.length ? [] : ['sexual-health'];
      const result = await saveIntakeCustomization({ actor, form: 'individual', customization: { disabledSections: off, questions: [] }, expectedVersion: current.version });
      return result.ok && result.changed && actor.practiceId === world.practice.id ? { ok: true } : { entries: [] };
    },
    expected: expected('ok', 'ok', 'not_found', 'hidden'),
  },
  setConsultationTypeIntake: {
    setup: confirmed,
    call: (actor) => setConsultationTypeIntake({ actor, typeId: world.types.get('couple-video')!.id, form: 'couples' }),
    expected: expected('ok', 'ok', 'not_found', 'not_found'),
  },
};

/** Exported functions that take no actor and return nothing from the database. */
const EXEMPT: Record<string, string> = {
  'access.ts#notFound': 'builds the NOT_FOUND error',
  'access.ts#isUuid': 'pure id check',
  'access.ts#assertStaffCan': 'the permission gate every function above calls; exercised through them',
  'access.ts#loadBookingForStaff': 'the booking gate every command above calls; exercised through them',
  'access.ts#invalidInput': 'maps zod issues to a refusal',
  'access.ts#auditActorOf': 'maps an actor to an audit actor',
  'access.ts#withLockedBooking': 'opens the transaction and runs loadBookingForStaff (the gate) first; exercised through every command above',
  'practice-fields-write.ts#savePracticeFields': "writes the actor's own practice's fields after its caller checked the permission; exercised through updateMessageSettings and updateClientPageSettings",
  'access.ts#cancelByPractice': 'writes inside a transaction for a booking loadBookingForStaff already authorized; exercised through cancelAsStaff and declineRequest',
  'mappers.ts#referenceOf': 'pure: the short booking reference',
  '../intake/review.ts#compareInboxEntries': 'pure: the inbox order',
  '../intake/statuses.ts#publicIntakeStatus': 'pure: reviewed reads as sent',
  'mappers.ts#toBookingSummary': 'pure: row → DTO mapper',
  'clinical-notes.ts#clinicianNotesAssociatedData': 'pure: the associated-data string for the envelope',
  'reschedule-notice.ts#isInsideUsualNotice': 'pure: compares two instants (the desk picker marks times with it)',
  'reschedule-notice.ts#needsNoticeOverride': 'pure: whether a chosen time needs the override; rescheduleAsStaff still checks the permission',
  'schedule-window.ts#parseScheduleDate': 'pure: reads ?date= of a schedule page',
  'schedule-window.ts#scheduleFetchRange': 'pure: the instants findSchedule is asked for',
  'schedule-window.ts#scheduleWindow': 'pure: the days a schedule page shows',
  'schedule-window.ts#relativeDayName': 'pure: Today / Yesterday / Tomorrow',
  'schedule-window.ts#scheduleHref': 'pure: a schedule page address',
  '../calendar/feed.ts#buildCalendarFeed': 'the token is the credential (no staff actor): unknown, replaced and revoked tokens are tested in lib/calendar/feed.db.test.ts',
  '../calendar/feed.ts#calendarFeedUrl': 'pure: the feed address of a token',
  '../calendar/feed.ts#feedTokenFromSegment': 'pure: the token in an address segment',
  '../calendar/feed-calendar.ts#initialsOf': 'pure: initials of a name',
  '../calendar/feed-calendar.ts#feedEventTitle': 'pure: a feed event title',
  '../calendar/feed-calendar.ts#buildFeedCalendar': 'pure: rows → iCalendar',
  '../calendar/invitation.ts#buildInvitation': 'pure: one booking → iCalendar',
  '../calendar/invitation.ts#eventUid': 'pure: the UID of a booking',
  '../calendar/invitation.ts#eventStatusOf': 'pure: booking status → event STATUS',
  '../calendar/invitation.ts#serialize': 'pure: calendar → text',
  '../calendar/invitation.ts#neutralLocation': 'pure: modality and address → location',
};

/** Staff data-layer files outside lib/staff (paths from here), held to the same matrix. */
const STAFF_FACING_ELSEWHERE = ['../messaging/delivery-status.ts', '../intake/review.ts', '../intake/statuses.ts', '../intake/settings.ts'];

withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

/** Did the call return the booking (ok), a list without it (hidden), or a refusal (a failure here)? */
function classify(result: unknown, bookingId: string): Exclude<Outcome, 'not_found'> | string {
  if (Array.isArray(result)) return (result as BookingSummary[]).some((b) => b.id === bookingId) ? 'ok' : 'hidden';
  if (result && typeof result === 'object') {
    const r = result as Partial<Schedule> & { ok?: boolean; id?: string; bookingId?: string; reason?: string };
    if (r.entries) return r.entries.some((b) => b.id === bookingId) ? 'ok' : 'hidden';
    if (r.ok === false) return `refused: ${r.reason}`;
    if (r.ok === true || r.id === bookingId || r.bookingId === bookingId) return 'ok';
  }
  return `unexpected result ${JSON.stringify(result)}`;
}

/** Everything about a booking a refused call must have left alone. */
async function snapshot(bookingId: string) {
  const db = handle.db;
  const [booking] = await db
    .select({ status: bookings.status, startsAt: bookings.startsAt, rescheduleCount: bookings.rescheduleCount, cancelText: bookings.cancelTextCiphertext, declined: bookings.declined, updatedAt: bookings.updatedAt })
    .from(bookings)
    .where(eq(bookings.id, bookingId));
  const links = await db.select({ id: bookingLinks.id, revokedAt: bookingLinks.revokedAt }).from(bookingLinks).where(eq(bookingLinks.bookingId, bookingId)).orderBy(bookingLinks.id);
  const records = await db.select().from(consultationRecords).where(eq(consultationRecords.bookingId, bookingId));
  const audits = await db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.subjectType, 'booking'), eq(auditEvents.subjectId, bookingId)));
  // The booking's clinician's calendar feed, and what was audited about that clinician.
  const [feed] = await db
    .select({ tokenHash: clinicians.calendarFeedTokenHash, showsNames: clinicians.calendarFeedShowsNames })
    .from(clinicians)
    .where(eq(clinicians.id, world.clinician.id));
  const clinicianAudits = await db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.subjectType, 'clinician'), eq(auditEvents.subjectId, world.clinician.id)));
  const sent = await db.select({ id: messages.id, state: messages.state }).from(messages).where(eq(messages.bookingId, bookingId)).orderBy(messages.id);
  // Its intakes (state, review) and what was audited about them; the practice's questionnaire versions and which each type asks.
  const intakeRows = await db.select({ id: intakes.id, status: intakes.status, reviewedAt: intakes.reviewedAt }).from(intakes).where(eq(intakes.bookingId, bookingId)).orderBy(intakes.id);
  const intakeAudits = intakeRows.length
    ? await db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.subjectType, 'intake'), inArray(auditEvents.subjectId, intakeRows.map((r) => r.id))))
    : [];
  const versions = await db.select({ id: intakeQuestionnaires.id }).from(intakeQuestionnaires).where(eq(intakeQuestionnaires.practiceId, world.practice.id));
  const typeForms = await db.select({ id: consultationTypes.id, form: consultationTypes.intakeForm }).from(consultationTypes).where(eq(consultationTypes.practiceId, world.practice.id)).orderBy(consultationTypes.id);
  return JSON.stringify({
    booking,
    links,
    records,
    audits: audits.length,
    feed,
    clinicianAudits: clinicianAudits.length,
    messages: sent,
    intakes: intakeRows,
    intakeAudits: intakeAudits.length,
    versions: versions.length,
    typeForms,
  });
}

/** No clinical field names, no plaintext, no envelope. */
function expectNoClinicalContent(result: unknown) {
  const json = JSON.stringify(result);
  expect(json).not.toContain(CLIENT_NOTE);
  expect(json).not.toContain(CLINICIAN_NOTES);
  expect(json).not.toMatch(/"(clientNote|clinicianNotes|notes|outcome|outcomeRecordedAt|\w*[Cc]iphertext|answers|stored|summary|scores|flags)"\s*:/);
  expect(json).not.toMatch(/v1\.test1\./);
}

const cases = Object.entries(MATRIX).flatMap(([fn, row]) => ACTOR_NAMES.map((actor) => ({ fn, actor, row, outcome: row.expected[actor] })));

describe(`lib/staff authorization matrix on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it.each(cases)('$fn × $actor → $outcome', async ({ actor, row, outcome }) => {
    const c = await row.setup(world);
    const staff = world.actors[actor];
    if (outcome === 'not_found') {
      const before = await snapshot(c.booking.id);
      const error = await row.call(staff, c).then(
        (value) => ({ resolved: value }),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('NOT_FOUND');
      // Refused means nothing happened: no write, no revoked link, no audit row.
      expect(await snapshot(c.booking.id)).toBe(before);
      return;
    }
    const result = await row.call(staff, c);
    expect(classify(result, c.booking.id)).toBe(outcome);
    if (!(row.clinical && actor === 'own clinician')) expectNoClinicalContent(result);
  });

  it('gives the booking\'s own clinician the clinical record, and the front desk no clinical field anywhere', async () => {
    const c = await confirmed(world);
    const record = await getClinicalRecord({ actor: world.actors['own clinician'], bookingId: c.booking.id, now: NOW });
    expect(record).toMatchObject({ bookingId: c.booking.id, clientNote: CLIENT_NOTE, clinicianNotes: CLINICIAN_NOTES });

    // The contact DTO has no field for clinical content at all (checked by tsc).
    expectTypeOf<StaffBookingDetail>().not.toHaveProperty('clientNote');
    expectTypeOf<StaffBookingDetail>().not.toHaveProperty('clinicianNotes');
    expectTypeOf<StaffBookingDetail>().not.toHaveProperty('outcome');
    expectTypeOf<BookingSearchResult>().not.toHaveProperty('clientNote');
    expectTypeOf<PendingRequest>().not.toHaveProperty('clinicianNotes');
    expectTypeOf<Schedule['entries'][number]>().not.toHaveProperty('clientNote');
  });

  it('refuses a malformed booking id as not found, without a database error', async () => {
    const actor = world.actors['own clinician'];
    for (const bookingId of ['not-a-uuid', '', "1' or '1'='1"]) {
      await expect(getBookingForStaff({ actor, bookingId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(getClinicalRecord({ actor, bookingId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(cancelAsStaff({ actor, bookingId, reason: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('covers every exported function of lib/staff, lib/calendar and the staff-facing messaging and intake files (add new ones to the matrix)', async () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const calendarDir = path.join(dir, '../calendar');
    const sources = (folder: string, prefix: string) =>
      (fs.readdirSync(folder, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `${prefix}${f}`);
    const files = [...sources(dir, ''), ...sources(calendarDir, '../calendar/')].sort().concat(STAFF_FACING_ELSEWHERE);
    const found: string[] = [];
    const exempted: string[] = [];
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== 'function') continue;
        const key = `${file}#${name}`;
        if (key in EXEMPT) exempted.push(key);
        else found.push(name);
      }
    }
    expect(found.sort()).toEqual(Object.keys(MATRIX).sort());
    expect(exempted.sort()).toEqual(Object.keys(EXEMPT).sort());
    expect(cases).toHaveLength(Object.keys(MATRIX).length * ACTOR_NAMES.length);
  });
});
