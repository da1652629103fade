import 'server-only';
import type { z } from 'zod';
import { and, asc, eq, gt, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { getDb, type Transaction } from '../../db/client';
import { availabilityOverrides, availabilityRules, bookings, clinicians, consultationTypes, practices } from '../../db/schema';
import { fieldErrorsFrom } from '../action';
import { recordAudit } from '../audit/record';
import { can, canForClinician, type StaffActor } from '../auth/actor';
import { ACTIVE_STATUSES } from '../bookings/availability';
import type { DateOverride, Modality } from '../scheduling/types';
import { addDaysToDate, localDateOf, utcToZoned, zonedTimeToUtc } from '../scheduling/zoned-time';
import { isUuid, notFound } from '../errors';
import { editVersionSchema, staleRefusal } from '../concurrency/edit-version';
import { bumpVersion, versionIs } from '../concurrency/versioned-write';
import { isCovered, newlyUncovered, type Hours } from './coverage';
import type {
  AddOverrideResult,
  AffectedBooking,
  InvalidResult,
  OrphansResult,
  RemoveOverrideResult,
  ReplaceWeeklyHoursResult,
  SavedAvailability,
  StaleAvailability,
  TypeChangeReport,
  UpdateConsultationTypeResult,
} from './dto';
import { toAffectedBooking, toEngineOverride, toEngineRule, toOverrideDto, toTypeSettings, toWeeklyRuleDto, type BookingFacts } from './mappers';
import { findRangeOverlaps, findRuleOverlaps } from './overlaps';
import {
  MAX_OVERRIDE_DAYS_AHEAD,
  consultationTypePatchSchema,
  extraHoursSchema,
  minuteOfDay,
  modalityList,
  settingsConflicts,
  timeOffSchema,
  weeklyHoursSchema,
  type ConsultationTypePatchFormValues,
  type ConsultationTypeSettingsValues,
  type ExtraHoursFormValues,
  type TimeOffFormValues,
  type WeeklyRuleFormValues,
} from './schemas';

/*
 * The availability editor's writes. Each function:
 * - checks the permission first ('availability.edit' for the actor's own clinician only,
 *   'consultation_types.edit' practice-wide) and scopes every query by actor.practiceId;
 *   unauthorized and absent both throw AppError('NOT_FOUND');
 * - validates with the same zod schema as the form and answers `{ ok: false, reason: 'invalid',
 *   fieldErrors }` keyed by field path (`rules.2.end`);
 * - runs in one transaction that first locks the clinician row (FOR UPDATE), so two edits of
 *   one calendar serialise and the orphan check reads what the write will replace;
 * - never silently orphans a booking: when future requested/confirmed bookings would fall
 *   outside the hours (see coverage.ts for the definition) nothing is saved and the bookings
 *   are listed; `confirmOrphans: true` (or the list of booking ids the person saw) saves anyway.
 *   Bookings keep their times either way;
 * - writes an audit row in the same transaction (counts and ids, no personal data);
 * - takes the edit `version` the form was loaded at (lib/concurrency/edit-version.ts): the
 *   clinician's availability version for hours, time off and extra hours (one version for all
 *   three: they decide together which times are open), the type's own for a type. A stale one
 *   saves nothing and answers `stale` with what is saved now; a save bumps the version.
 */

const DAY_MS = 86_400_000;

/** `true` accepts whatever would be orphaned; a list of ids accepts exactly those (safer: a booking made since is not waved through). */
export type OrphanConfirmation = boolean | readonly string[];

function auditActor(actor: StaffActor) {
  return { kind: 'staff' as const, id: actor.userId };
}

function invalid(fieldErrors: Record<string, string>): InvalidResult {
  return { ok: false, reason: 'invalid', message: 'Please check the highlighted fields.', fieldErrors };
}

function orphansRefusal(orphans: BookingFacts[], timeZone: string, what: string): OrphansResult {
  const n = orphans.length;
  return {
    ok: false,
    reason: 'orphans',
    message:
      `${n === 1 ? '1 booking' : `${n} bookings`} would fall outside ${what}. Nothing was saved. ` +
      'Reschedule or cancel them first, or confirm to save anyway: they keep their times.',
    bookings: orphans.map((b) => toAffectedBooking(b, timeZone)),
  };
}

function isConfirmed(orphans: BookingFacts[], confirmation: OrphanConfirmation | undefined): boolean {
  if (orphans.length === 0 || confirmation === true) return true;
  if (Array.isArray(confirmation)) return orphans.every((o) => confirmation.includes(o.id));
  return false;
}

// ---------------------------------------------------------------------------
// Loaders (inside the caller's transaction; no authorization of their own)
// ---------------------------------------------------------------------------

/** Locks the clinician's row for the rest of the transaction; null when not in the practice. */
async function lockClinician(tx: Transaction, practiceId: string, clinicianId: string) {
  const [row] = await tx
    .select({ id: clinicians.id, displayName: clinicians.displayName, timeZone: practices.timeZone, availabilityVersion: clinicians.availabilityVersion })
    .from(clinicians)
    .innerJoin(practices, eq(practices.id, clinicians.practiceId))
    .where(and(eq(clinicians.id, clinicianId), eq(clinicians.practiceId, practiceId)))
    .for('update', { of: clinicians });
  return row ?? null;
}

/** Weekly rules and the overrides dated `sinceDate` or later, of some clinicians. */
async function loadHours(tx: Transaction, clinicianIds: string[], sinceDate: string) {
  // Sequential, not Promise.all: a transaction is one connection, and drivers differ in how they queue.
  const rules = await tx
    .select({
      id: availabilityRules.id,
      clinicianId: availabilityRules.clinicianId,
      weekday: availabilityRules.weekday,
      startTime: availabilityRules.startTime,
      endTime: availabilityRules.endTime,
      modalities: availabilityRules.modalities,
    })
    .from(availabilityRules)
    .where(inArray(availabilityRules.clinicianId, clinicianIds));
  const overrides = await tx
    .select({
      id: availabilityOverrides.id,
      clinicianId: availabilityOverrides.clinicianId,
      date: availabilityOverrides.date,
      kind: availabilityOverrides.kind,
      startTime: availabilityOverrides.startTime,
      endTime: availabilityOverrides.endTime,
      modalities: availabilityOverrides.modalities,
      label: availabilityOverrides.label,
    })
    .from(availabilityOverrides)
    .where(and(inArray(availabilityOverrides.clinicianId, clinicianIds), gte(availabilityOverrides.date, sinceDate)));
  return { rules, overrides };
}

function hoursOf(loaded: Awaited<ReturnType<typeof loadHours>>, clinicianId: string): Hours {
  return {
    rules: loaded.rules.filter((r) => r.clinicianId === clinicianId).map(toEngineRule),
    overrides: loaded.overrides.filter((o) => o.clinicianId === clinicianId).map(toEngineOverride),
  };
}

/** Requested/confirmed bookings matching `where`, with what a report shows. Never contact details or notes. */
async function loadBookingFacts(tx: Transaction, where: SQL | undefined): Promise<BookingFacts[]> {
  const rows = await tx
    .select({
      id: bookings.id,
      clinicianId: bookings.clinicianId,
      clinicianName: clinicians.displayName,
      consultationTypeId: bookings.consultationTypeId,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      blocked: bookings.blocked,
      clientName: bookings.clientName,
      typeTitle: consultationTypes.title,
      modality: consultationTypes.modality,
    })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(clinicians, eq(clinicians.id, bookings.clinicianId))
    .where(and(inArray(bookings.status, [...ACTIVE_STATUSES]), where))
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
  return rows.map(({ blocked, status, ...b }) => ({
    ...b,
    status: status as BookingFacts['status'],
    blockedFrom: blocked.from,
    blockedUntil: blocked.until,
  }));
}

const probeOf = (b: BookingFacts) => ({ booking: b, modality: b.modality, startsAt: b.startsAt.getTime(), endsAt: b.endsAt.getTime() });

/** Future bookings of a clinician that touch the local date `date` (a day's margin either side). */
function bookingsAroundDate(clinicianId: string, date: string, timeZone: string, now: Date): SQL | undefined {
  return and(
    eq(bookings.clinicianId, clinicianId),
    gt(bookings.startsAt, now),
    lt(bookings.startsAt, new Date(zonedTimeToUtc(addDaysToDate(date, 2), '00:00', timeZone))),
    gt(bookings.endsAt, new Date(zonedTimeToUtc(addDaysToDate(date, -1), '00:00', timeZone))),
  );
}

/** The override's date must be from today (practice zone) to two years ahead. */
function dateRangeError(date: string, timeZone: string, now: Date): Record<string, string> | null {
  const today = localDateOf(now.getTime(), timeZone);
  if (date < today) return { date: 'Choose today or a later date.' };
  if (date > addDaysToDate(today, MAX_OVERRIDE_DAYS_AHEAD)) return { date: 'Choose a date within the next two years.' };
  return null;
}

// ---------------------------------------------------------------------------
// Edit versions (lib/concurrency/edit-version.ts)
// ---------------------------------------------------------------------------

function versionError(version: unknown): InvalidResult | null {
  const parsed = editVersionSchema.safeParse(version);
  return parsed.success ? null : invalid({ version: parsed.error.issues[0]?.message ?? 'Please reload the page.' });
}

/** The clinician's availability as saved now (weekly hours, and entries from today on), for a stale refusal. */
async function staleAvailability(tx: Transaction, clinician: LockedClinician, now: Date): Promise<StaleAvailability> {
  const loaded = await loadHours(tx, [clinician.id], localDateOf(now.getTime(), clinician.timeZone));
  const saved: SavedAvailability = {
    version: clinician.availabilityVersion,
    weeklyRules: loaded.rules
      .map(toWeeklyRuleDto)
      .sort((a, b) => a.weekday - b.weekday || minuteOfDay(a.start) - minuteOfDay(b.start) || minuteOfDay(a.end) - minuteOfDay(b.end)),
    overrides: loaded.overrides.map(toOverrideDto).sort((a, b) => a.date.localeCompare(b.date) || (a.start ?? '').localeCompare(b.start ?? '')),
  };
  return staleRefusal('Your availability', saved);
}

/**
 * Claims the next availability version with the one the form had in the UPDATE's WHERE. The row
 * is locked (lockClinician) and a mismatch was already answered as stale, so no match here means
 * the invariant broke: throw, and the transaction rolls back whatever it wrote.
 */
async function bumpAvailabilityVersion(tx: Transaction, clinicianId: string, expected: number): Promise<number> {
  const [row] = await tx
    .update(clinicians)
    .set({ availabilityVersion: bumpVersion(clinicians.availabilityVersion) })
    .where(and(eq(clinicians.id, clinicianId), versionIs(clinicians.availabilityVersion, expected)))
    .returning({ version: clinicians.availabilityVersion });
  if (!row) throw new Error('The availability version changed under a lock.');
  return row.version;
}

// ---------------------------------------------------------------------------
// Weekly hours
// ---------------------------------------------------------------------------

/**
 * Replaces the clinician's weekly hours (delete + insert in one transaction). Existing time off
 * and extra hours stay and count when deciding which future bookings the new hours would leave
 * outside.
 */
export async function replaceWeeklyHours(params: {
  actor: StaffActor;
  clinicianId: string;
  rules: readonly WeeklyRuleFormValues[];
  /** The availability version the form was loaded at. */
  version: number;
  now?: Date;
  confirmOrphans?: OrphanConfirmation;
}): Promise<ReplaceWeeklyHoursResult> {
  const { actor, clinicianId } = params;
  if (!isUuid(clinicianId) || !canForClinician(actor, 'availability.edit', clinicianId)) throw notFound();
  const parsed = weeklyHoursSchema.safeParse({ rules: params.rules });
  if (!parsed.success) return invalid(fieldErrorsFrom(parsed.error.issues));
  const badVersion = versionError(params.version);
  if (badVersion) return badVersion;
  const newRules = parsed.data.rules;
  const now = params.now ?? new Date();

  const db = await getDb();
  return db.transaction(async (tx): Promise<ReplaceWeeklyHoursResult> => {
    const clinician = await lockClinician(tx, actor.practiceId, clinicianId);
    if (!clinician) throw notFound();
    if (clinician.availabilityVersion !== params.version) return staleAvailability(tx, clinician, now);
    const today = localDateOf(now.getTime(), clinician.timeZone);
    const loaded = await loadHours(tx, [clinicianId], addDaysToDate(today, -1));
    const before = hoursOf(loaded, clinicianId);
    const after: Hours = { rules: newRules, overrides: before.overrides };
    const future = await loadBookingFacts(tx, and(eq(bookings.clinicianId, clinicianId), gt(bookings.startsAt, now)));
    const orphans = newlyUncovered(clinician.timeZone, before, after, future.map(probeOf)).map((p) => p.booking);
    if (!isConfirmed(orphans, params.confirmOrphans)) return orphansRefusal(orphans, clinician.timeZone, 'the new weekly hours');

    const version = await bumpAvailabilityVersion(tx, clinicianId, params.version);
    await tx.delete(availabilityRules).where(eq(availabilityRules.clinicianId, clinicianId));
    const inserted =
      newRules.length === 0
        ? []
        : await tx
            .insert(availabilityRules)
            .values(newRules.map((r) => ({ clinicianId, weekday: r.weekday, startTime: r.start, endTime: r.end, modalities: r.modalities })))
            .returning();
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'availability.hours_changed',
      subjectType: 'clinician',
      subjectId: clinicianId,
      detail: { rulesBefore: before.rules.length, rulesAfter: inserted.length, orphansConfirmed: orphans.length },
      at: now,
    });
    const rules = inserted
      .map(toWeeklyRuleDto)
      .sort((a, b) => a.weekday - b.weekday || minuteOfDay(a.start) - minuteOfDay(b.start) || minuteOfDay(a.end) - minuteOfDay(b.end));
    return { ok: true, rules, orphansConfirmed: orphans.length, version };
  });
}

// ---------------------------------------------------------------------------
// Time off and extra hours
// ---------------------------------------------------------------------------

type LockedClinician = NonNullable<Awaited<ReturnType<typeof lockClinician>>>;
type OverrideInput = { date: string; start: string | null; end: string | null; modalities?: Modality[]; label?: string | null };
/** What an override's own check decided: refuse, or go ahead (with what the audit row should add). */
type OverrideCheck = InvalidResult | OrphansResult | { orphansConfirmed: number; detail: Record<string, unknown> };

/**
 * Adding time off or extra hours, the shared part: authorize (own calendar only), parse, lock
 * the clinician (so bookings and other hours changes wait), check the date, run the kind's own
 * check, then insert the entry and audit it — one transaction.
 */
async function addOverride<I extends OverrideInput>(
  params: { actor: StaffActor; clinicianId: string; input: unknown; version: number; now?: Date },
  schema: z.ZodType<I>,
  kind: 'time_off' | 'extra_hours',
  check: (tx: Transaction, clinician: LockedClinician, input: I, now: Date) => Promise<OverrideCheck>,
): Promise<AddOverrideResult> {
  const { actor, clinicianId } = params;
  if (!isUuid(clinicianId) || !canForClinician(actor, 'availability.edit', clinicianId)) throw notFound();
  const parsed = schema.safeParse(params.input);
  if (!parsed.success) return invalid(fieldErrorsFrom(parsed.error.issues));
  const input = parsed.data;
  const badVersion = versionError(params.version);
  if (badVersion) return badVersion;
  const now = params.now ?? new Date();

  const db = await getDb();
  return db.transaction(async (tx): Promise<AddOverrideResult> => {
    const clinician = await lockClinician(tx, actor.practiceId, clinicianId);
    if (!clinician) throw notFound();
    if (clinician.availabilityVersion !== params.version) return staleAvailability(tx, clinician, now);
    const dateError = dateRangeError(input.date, clinician.timeZone, now);
    if (dateError) return invalid(dateError);
    const checked = await check(tx, clinician, input, now);
    if ('ok' in checked) return checked;

    const version = await bumpAvailabilityVersion(tx, clinicianId, params.version);
    const [row] = await tx
      .insert(availabilityOverrides)
      .values({ clinicianId, date: input.date, kind, startTime: input.start, endTime: input.end, modalities: input.modalities ?? [], label: input.label ?? '' })
      .returning();
    if (!row) throw new Error('Override insert returned nothing.');
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: kind === 'time_off' ? 'availability.time_off_added' : 'availability.extra_hours_added',
      subjectType: 'clinician',
      subjectId: clinicianId,
      detail: { overrideId: row.id, ...checked.detail },
      at: now,
    });
    return { ok: true, override: toOverrideDto(row), orphansConfirmed: checked.orphansConfirmed, version };
  });
}

/** Time off on one date (whole day, or a range), for every way to meet. */
export async function addTimeOff(params: {
  actor: StaffActor;
  clinicianId: string;
  input: TimeOffFormValues;
  version: number;
  now?: Date;
  confirmOrphans?: OrphanConfirmation;
}): Promise<AddOverrideResult> {
  return addOverride(params, timeOffSchema, 'time_off', async (tx, clinician, input, now) => {
    const loaded = await loadHours(tx, [clinician.id], addDaysToDate(input.date, -1));
    const before = hoursOf(loaded, clinician.id);
    const timeOff: DateOverride = { date: input.date, kind: 'time_off', start: input.start, end: input.end, modalities: [] };
    const after: Hours = { rules: before.rules, overrides: [...before.overrides, timeOff] };
    const nearby = await loadBookingFacts(tx, bookingsAroundDate(clinician.id, input.date, clinician.timeZone, now));
    const orphans = newlyUncovered(clinician.timeZone, before, after, nearby.map(probeOf)).map((p) => p.booking);
    if (!isConfirmed(orphans, params.confirmOrphans)) return orphansRefusal(orphans, clinician.timeZone, 'this time off');
    return { orphansConfirmed: orphans.length, detail: { wholeDay: input.start === null, orphansConfirmed: orphans.length } };
  });
}

/**
 * Hours on one date in addition to the weekly hours. Refused when they overlap other extra
 * hours of that date for the same way to meet, or time off of that date (which would win, so
 * the hours would silently do nothing). Adding hours cannot orphan a booking.
 */
export async function addExtraHours(params: {
  actor: StaffActor;
  clinicianId: string;
  input: ExtraHoursFormValues;
  version: number;
  now?: Date;
}): Promise<AddOverrideResult> {
  return addOverride(params, extraHoursSchema, 'extra_hours', async (tx, clinician, input) => {
    const sameDate = (await loadHours(tx, [clinician.id], input.date)).overrides.filter((o) => o.date === input.date).map(toOverrideDto);
    const start = minuteOfDay(input.start);
    const end = minuteOfDay(input.end);
    const blockingTimeOff = sameDate.find(
      (o) => o.kind === 'time_off' && start < minuteOfDay(o.end ?? '24:00') && minuteOfDay(o.start ?? '00:00') < end,
    );
    if (blockingTimeOff) {
      const when = blockingTimeOff.start ? `${blockingTimeOff.start}–${blockingTimeOff.end}` : 'all day';
      return invalid({ start: `You have time off on this date (${when}). Remove it first, or choose hours outside it.` });
    }
    const extras = sameDate.filter((o) => o.kind === 'extra_hours');
    const rows = [...extras.map((o) => ({ weekday: 0, start: o.start ?? '00:00', end: o.end ?? '24:00', modalities: o.modalities })), { weekday: 0, ...input }];
    const clash = findRuleOverlaps(rows).find((o) => o.earlier === rows.length - 1 || o.later === rows.length - 1);
    if (clash) {
      const other = rows[clash.earlier === rows.length - 1 ? clash.later : clash.earlier]!;
      return invalid({
        start: `Overlaps your extra hours ${other.start}–${other.end} on this date for ${modalityList(clash.shared)}. Change those instead, or choose other times.`,
      });
    }
    return { orphansConfirmed: 0, detail: {} };
  });
}

/**
 * Removes a time-off or extra-hours entry. Removing extra hours can leave bookings made in them
 * outside the hours: the same orphan rule applies. Past entries may be removed (no effect).
 */
export async function removeOverride(params: {
  actor: StaffActor;
  overrideId: string;
  /** The availability version the page was loaded at. */
  version: number;
  now?: Date;
  confirmOrphans?: OrphanConfirmation;
}): Promise<RemoveOverrideResult> {
  const { actor, overrideId } = params;
  if (!isUuid(overrideId) || !can(actor, 'availability.edit')) throw notFound();
  const badVersion = versionError(params.version);
  if (badVersion) return badVersion;
  const now = params.now ?? new Date();

  const db = await getDb();
  return db.transaction(async (tx): Promise<RemoveOverrideResult> => {
    const [found] = await tx
      .select({ clinicianId: availabilityOverrides.clinicianId })
      .from(availabilityOverrides)
      .innerJoin(clinicians, eq(clinicians.id, availabilityOverrides.clinicianId))
      .where(and(eq(availabilityOverrides.id, overrideId), eq(clinicians.practiceId, actor.practiceId)));
    if (!found || !canForClinician(actor, 'availability.edit', found.clinicianId)) throw notFound();
    const clinician = await lockClinician(tx, actor.practiceId, found.clinicianId);
    if (!clinician) throw notFound();
    if (clinician.availabilityVersion !== params.version) return staleAvailability(tx, clinician, now);
    // Re-read under the lock: a concurrent removal may have won.
    const [override] = await tx
      .select()
      .from(availabilityOverrides)
      .where(and(eq(availabilityOverrides.id, overrideId), eq(availabilityOverrides.clinicianId, clinician.id)));
    if (!override) throw notFound();

    let orphans: BookingFacts[] = [];
    if (override.kind === 'extra_hours') {
      const loaded = await loadHours(tx, [clinician.id], addDaysToDate(override.date, -1));
      const before = hoursOf(loaded, clinician.id);
      const after = hoursOf({ ...loaded, overrides: loaded.overrides.filter((o) => o.id !== override.id) }, clinician.id);
      const nearby = await loadBookingFacts(tx, bookingsAroundDate(clinician.id, override.date, clinician.timeZone, now));
      orphans = newlyUncovered(clinician.timeZone, before, after, nearby.map(probeOf)).map((p) => p.booking);
      if (!isConfirmed(orphans, params.confirmOrphans)) return orphansRefusal(orphans, clinician.timeZone, 'your hours without these extra hours');
    }

    const version = await bumpAvailabilityVersion(tx, clinician.id, params.version);
    await tx.delete(availabilityOverrides).where(eq(availabilityOverrides.id, override.id));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'availability.override_removed',
      subjectType: 'clinician',
      subjectId: clinician.id,
      detail: { overrideId: override.id, kind: override.kind, orphansConfirmed: orphans.length },
      at: now,
    });
    return { ok: true, orphansConfirmed: orphans.length, version };
  });
}

// ---------------------------------------------------------------------------
// Consultation type settings
// ---------------------------------------------------------------------------

const SETTING_KEYS = [
  'durationMinutes',
  'feeCents',
  'minNoticeMinutes',
  'horizonDays',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'incrementMinutes',
  'dailyCap',
  'bookingMode',
  'active',
] as const satisfies ReadonlyArray<keyof ConsultationTypeSettingsValues>;

/**
 * Changes a consultation type's booking settings (practice-wide: 'consultation_types.edit').
 * Existing bookings keep their times, their stored end and their blocked range: the settings
 * shape new bookings. When the duration or a buffer changes, the result reports the future
 * bookings of this type that, held at the new length, would run past their clinician's hours
 * or overlap another booking of that clinician — for the clinician to review; nothing is moved.
 */
export async function updateConsultationType(params: {
  actor: StaffActor;
  typeId: string;
  patch: ConsultationTypePatchFormValues;
  /** The type's edit version the form was loaded at. */
  version: number;
  now?: Date;
}): Promise<UpdateConsultationTypeResult> {
  const { actor, typeId } = params;
  if (!isUuid(typeId) || !can(actor, 'consultation_types.edit')) throw notFound();
  const parsed = consultationTypePatchSchema.safeParse(params.patch);
  if (!parsed.success) return invalid(fieldErrorsFrom(parsed.error.issues));
  const badVersion = versionError(params.version);
  if (badVersion) return badVersion;
  const patch = parsed.data;
  const now = params.now ?? new Date();

  const db = await getDb();
  return db.transaction(async (tx): Promise<UpdateConsultationTypeResult> => {
    const [found] = await tx
      .select({ type: consultationTypes, timeZone: practices.timeZone })
      .from(consultationTypes)
      .innerJoin(practices, eq(practices.id, consultationTypes.practiceId))
      .where(and(eq(consultationTypes.id, typeId), eq(consultationTypes.practiceId, actor.practiceId)))
      .for('update', { of: consultationTypes });
    if (!found) throw notFound();
    const current = found.type;
    if (current.version !== params.version) return staleRefusal('This consultation type', toTypeSettings(current));

    const merged: ConsultationTypeSettingsValues = { ...pickSettings(current) };
    const changes: Partial<ConsultationTypeSettingsValues> = {};
    for (const key of SETTING_KEYS) {
      const value = patch[key];
      if (value === undefined || value === current[key]) continue;
      (changes as Record<string, unknown>)[key] = value;
      (merged as Record<string, unknown>)[key] = value;
    }
    const conflicts = settingsConflicts(merged, patch);
    if (Object.keys(conflicts).length > 0) return invalid(conflicts);

    const changed = Object.keys(changes) as Array<keyof ConsultationTypeSettingsValues>;
    if (changed.length === 0) return { ok: true, type: toTypeSettings(current), report: { outsideHours: [], overlaps: [] } };

    const [updated] = await tx
      .update(consultationTypes)
      .set({ ...changes, updatedAt: now, version: bumpVersion(consultationTypes.version) })
      .where(and(eq(consultationTypes.id, current.id), versionIs(consultationTypes.version, params.version)))
      .returning();
    // The row is locked and its version was just compared: no match means the invariant broke.
    if (!updated) throw new Error('The consultation type version changed under a lock.');

    const geometryChanged = changed.some((k) => k === 'durationMinutes' || k === 'bufferBeforeMinutes' || k === 'bufferAfterMinutes');
    const report = geometryChanged
      ? await typeChangeReport(tx, { practiceId: actor.practiceId, timeZone: found.timeZone, before: current, after: updated, now })
      : { outsideHours: [], overlaps: [] };

    const detail: Record<string, string | number | boolean | null> = { fields: changed.join(',') };
    for (const key of changed) {
      detail[`${key}.from`] = current[key];
      detail[`${key}.to`] = updated[key];
    }
    detail.bookingsOutsideHours = report.outsideHours.length;
    detail.bookingOverlaps = report.overlaps.length;
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'consultation_type.updated',
      subjectType: 'consultation_type',
      subjectId: current.id,
      detail,
      at: now,
    });
    return { ok: true, type: toTypeSettings(updated), report };
  });
}

function pickSettings(t: ConsultationTypeSettingsValues): ConsultationTypeSettingsValues {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, t[k]])) as ConsultationTypeSettingsValues;
}

type TypeGeometry = { id: string; durationMinutes: number; bufferBeforeMinutes: number; bufferAfterMinutes: number };

async function typeChangeReport(
  tx: Transaction,
  p: { practiceId: string; timeZone: string; before: TypeGeometry; after: TypeGeometry; now: Date },
): Promise<TypeChangeReport> {
  const { timeZone, after, now } = p;
  const ofType = await loadBookingFacts(
    tx,
    and(eq(bookings.practiceId, p.practiceId), eq(bookings.consultationTypeId, after.id), gt(bookings.startsAt, now)),
  );
  if (ofType.length === 0) return { outsideHours: [], overlaps: [] };
  const clinicianIds = [...new Set(ofType.map((b) => b.clinicianId))];
  // Anything that can touch a future booking's (longer) blocked range: a day before now is ample.
  const neighbours = await loadBookingFacts(tx, and(inArray(bookings.clinicianId, clinicianIds), gt(bookings.endsAt, new Date(now.getTime() - DAY_MS))));
  const loaded = await loadHours(tx, clinicianIds, addDaysToDate(localDateOf(now.getTime(), timeZone), -1));

  const newEnd = (b: BookingFacts) => b.startsAt.getTime() + after.durationMinutes * 60_000;
  const outsideHours: TypeChangeReport['outsideHours'] = [];
  if (after.durationMinutes > p.before.durationMinutes) {
    for (const b of ofType) {
      const hours = hoursOf(loaded, b.clinicianId);
      const probe = probeOf(b);
      if (isCovered(timeZone, hours, probe) && !isCovered(timeZone, hours, { ...probe, endsAt: newEnd(b) })) {
        const end = newEnd(b);
        outsideHours.push({ ...toAffectedBooking(b, timeZone), newEndsAt: new Date(end).toISOString(), newLocalEnd: utcToZoned(end, timeZone).time });
      }
    }
  }

  const byId = new Map(neighbours.map((b) => [b.id, b]));
  const isReshaped = (b: BookingFacts) => b.consultationTypeId === after.id && b.startsAt > now;
  const ranges = neighbours.map((b) =>
    isReshaped(b)
      ? {
          id: b.id,
          clinicianId: b.clinicianId,
          from: b.startsAt.getTime() - after.bufferBeforeMinutes * 60_000,
          until: newEnd(b) + after.bufferAfterMinutes * 60_000,
        }
      : { id: b.id, clinicianId: b.clinicianId, from: b.blockedFrom.getTime(), until: b.blockedUntil.getTime() },
  );
  const overlaps = findRangeOverlaps(ranges)
    .map(([x, y]) => [byId.get(x.id)!, byId.get(y.id)!] as const)
    .filter(([x, y]) => isReshaped(x) || isReshaped(y))
    .map(([x, y]): { first: AffectedBooking; second: AffectedBooking } => ({ first: toAffectedBooking(x, timeZone), second: toAffectedBooking(y, timeZone) }));
  return { outsideHours, overlaps };
}
