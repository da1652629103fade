import 'server-only';
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../db/client';
import { bookingLinks, bookings } from '../../db/schema';
import { fieldErrorsFrom } from '../action';
import { BOOKING_LIMITS, hitRateLimit } from '../abuse/rate-limit';
import { recordAudit } from '../audit/record';
import { encryptText } from '../crypto/envelope';
import { dataKeyring } from '../crypto/keyring';
import { EXCLUSION_VIOLATION, UNIQUE_VIOLATION, sqlStateOf } from '../errors';
import { isValidTimeZone } from '../scheduling/zoned-time';
import { ACTIVE_STATUSES, blockedRangeOf, dayAround, isOpenSlot, isStillOpenInTransaction, loadAvailability, nearestSlots, type AvailabilityContext } from './availability';
import { clientChangeRefusal } from './change-policy';
import type { SlotOption } from './dto';
import { resolveLink, type LinkActor } from './link-access';
import { hashLinkToken, newLinkToken } from './link-tokens';
import { makeBookingDetailsSchema, rescheduleSchema, cancelSchema, type BookingDetailsInput, type CancelInput, type RescheduleInput } from './schemas';

const DAY_MS = 86_400_000;
/** How far either side of a taken time we look for alternatives. */
const ALTERNATIVES_WINDOW_MS = 14 * DAY_MS;

export const SLOT_TAKEN_MESSAGE = 'That time was just taken. Here are the nearest free times.';
const SLOT_GONE_MESSAGE = 'That time is no longer available. Here are the nearest free times.';

export type BookResult =
  | { ok: true; bookingId: string; status: 'requested' | 'confirmed'; primaryToken: string; partnerToken: string | null; replayed: boolean }
  | { ok: false; reason: 'slot_taken'; message: string; alternatives: SlotOption[] }
  | {
      ok: false;
      reason: 'rate_limited' | 'too_many_open' | 'type_unavailable' | 'invalid';
      message: string;
      fieldErrors?: Record<string, string>;
    };

export type Requester = { ip: string | null };

/** Associated data binding a note's ciphertext to its booking (a copied ciphertext won't open). */
export const noteAssociatedData = (bookingId: string) => `booking-note:${bookingId}`;

/**
 * Books a consultation from the public form. Trusts nothing from the client: validates with
 * the type's schema, re-checks every scheduling rule, then inserts; the exclusion constraint
 * settles races. Re-submitting with the same idempotency key returns the same booking.
 */
export async function bookConsultation(params: {
  input: BookingDetailsInput;
  requester: Requester;
  practiceSlug?: string;
  now?: Date;
}): Promise<BookResult> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const raw = params.input;
  if (raw.website) return { ok: false, reason: 'invalid', message: 'We could not accept this booking. Please call the practice.' };

  const start = new Date(raw.startsAt);
  if (Number.isNaN(start.getTime())) return invalid({ startsAt: 'Please choose a time.' });
  const ctx = await loadAvailability(db, {
    typeSlug: raw.typeSlug,
    practiceSlug: params.practiceSlug,
    from: new Date(start.getTime() - ALTERNATIVES_WINDOW_MS),
    to: new Date(start.getTime() + ALTERNATIVES_WINDOW_MS),
  });
  if (!ctx) return { ok: false, reason: 'type_unavailable', message: 'This consultation type is no longer offered. Please choose another.' };

  const parsed = makeBookingDetailsSchema({ couple: ctx.type.audience === 'couple' }).safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsFrom(parsed.error.issues));
  const input = parsed.data;
  if (!isValidTimeZone(input.clientTimeZone)) return invalid({ clientTimeZone: 'Please choose your time zone from the list.' });

  const replay = await replayIfDuplicate(db, input);
  if (replay) return replay;

  const limited = await checkRateLimits(db, input.email, params.requester, now);
  if (limited) return limited;

  if (!isOpenSlot(ctx, input.clinicianId, start, now)) return slotTaken(ctx, start, now, SLOT_GONE_MESSAGE);

  const bookingId = crypto.randomUUID();
  const primaryToken = newLinkToken();
  const partnerToken = ctx.type.audience === 'couple' ? newLinkToken() : null;
  const status = ctx.type.bookingMode === 'request' ? 'requested' : 'confirmed';
  const noteCiphertext = input.note ? encryptText(dataKeyring(), input.note, noteAssociatedData(bookingId)) : null;
  const { endsAt, blocked } = blockedRangeOf(ctx.type, start);

  try {
    const outcome = await db.transaction(async (tx) => {
      // Serialise bookings per email so the open-bookings cap holds under concurrency.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'book:' + input.email}))`);
      const [open] = await tx
        .select({ n: count() })
        .from(bookings)
        .where(and(eq(bookings.clientEmail, input.email), inArray(bookings.status, [...ACTIVE_STATUSES]), gt(bookings.endsAt, now)));
      if ((open?.n ?? 0) >= ctx.practice.maxOpenBookingsPerEmail) return 'too_many_open' as const;
      const recheck = { typeSlug: ctx.type.slug, practiceSlug: params.practiceSlug, clinicianId: input.clinicianId, ...dayAround(start) };
      if (!(await isStillOpenInTransaction(tx, recheck, start, now))) return 'gone' as const;

      await tx.insert(bookings).values({
        id: bookingId,
        practiceId: ctx.practice.id,
        clinicianId: input.clinicianId,
        consultationTypeId: ctx.type.id,
        startsAt: start,
        endsAt,
        blocked,
        status,
        clientTimeZone: input.clientTimeZone,
        clientName: input.name,
        clientEmail: input.email,
        clientPhone: input.phone,
        preferredChannel: input.preferredChannel,
        okToLeaveVoicemail: input.okToLeaveVoicemail,
        okToText: input.okToText,
        okToEmail: input.okToEmail,
        partnerName: partnerToken ? (input.partnerName ?? null) : null,
        partnerEmail: partnerToken ? (input.partnerEmail ?? null) : null,
        clientNoteCiphertext: noteCiphertext,
        consentedAt: now,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(bookingLinks).values([
        { bookingId, holder: 'primary' as const, tokenHash: hashLinkToken(primaryToken), createdAt: now },
        ...(partnerToken ? [{ bookingId, holder: 'partner' as const, tokenHash: hashLinkToken(partnerToken), createdAt: now }] : []),
      ]);
      await recordAudit(tx, {
        actor: { kind: 'client', id: null },
        action: 'booking.created',
        subjectType: 'booking',
        subjectId: bookingId,
        detail: { status, type: ctx.type.slug },
        at: now,
      });
      return 'created' as const;
    });
    // Taken (or closed) between our check and the write: the same answer as the constraint's.
    if (outcome === 'gone') return slotTaken(ctx, start, now, SLOT_TAKEN_MESSAGE);
    if (outcome === 'too_many_open') {
      return {
        ok: false,
        reason: 'too_many_open',
        message: `You already have ${ctx.practice.maxOpenBookingsPerEmail} upcoming consultations booked with this email. Please use a private link to change one, or call the practice.`,
      };
    }
    return { ok: true, bookingId, status, primaryToken, partnerToken, replayed: false };
  } catch (err) {
    const state = sqlStateOf(err);
    if (state === EXCLUSION_VIOLATION) return slotTaken(ctx, start, now, SLOT_TAKEN_MESSAGE);
    if (state === UNIQUE_VIOLATION) {
      // The same form submitted twice at once: the other request won; answer as it did.
      const again = await replayIfDuplicate(db, input);
      if (again) return again;
    }
    throw err;
  }
}

function invalid(fieldErrors: Record<string, string>): BookResult {
  return { ok: false, reason: 'invalid', message: 'Please check the highlighted fields.', fieldErrors };
}

/**
 * "That time was just taken": re-reads busy time (the context we hold predates the booking that
 * beat us) and offers the nearest free times, for the same clinician when rescheduling.
 */
async function slotTaken(
  ctx: AvailabilityContext,
  start: Date,
  now: Date,
  message: string,
  scope: { clinicianId?: string; excludeBookingId?: string } = {},
): Promise<{ ok: false; reason: 'slot_taken'; message: string; alternatives: SlotOption[] }> {
  const fresh = await loadAvailability(await getDb(), {
    typeSlug: ctx.type.slug,
    practiceSlug: ctx.practice.slug,
    from: new Date(ctx.from),
    to: new Date(ctx.to),
    clinicianId: scope.clinicianId,
    excludeBookingId: scope.excludeBookingId,
    includeInactiveType: scope.excludeBookingId !== undefined,
  });
  return { ok: false, reason: 'slot_taken', message, alternatives: fresh ? nearestSlots(fresh, start, now) : [] };
}

/**
 * A resubmission (double click, retry after a dropped response) carries the same idempotency
 * key. Tokens are stored only as hashes, so the first response's links cannot be shown again:
 * issue fresh links to the same booking instead (the earlier ones stay valid).
 */
async function replayIfDuplicate(db: Executor, input: BookingDetailsInput): Promise<BookResult | null> {
  const [existing] = await db
    .select({ id: bookings.id, status: bookings.status, clientEmail: bookings.clientEmail, partnerEmail: bookings.partnerEmail })
    .from(bookings)
    .where(eq(bookings.idempotencyKey, input.idempotencyKey))
    .limit(1);
  if (!existing) return null;
  if (existing.clientEmail !== input.email || (existing.status !== 'requested' && existing.status !== 'confirmed')) {
    return { ok: false, reason: 'invalid', message: 'This form was already used. Please reload the page and try again.' };
  }
  const primaryToken = newLinkToken();
  const partnerToken = existing.partnerEmail ? newLinkToken() : null;
  await db.insert(bookingLinks).values([
    { bookingId: existing.id, holder: 'primary' as const, tokenHash: hashLinkToken(primaryToken) },
    ...(partnerToken ? [{ bookingId: existing.id, holder: 'partner' as const, tokenHash: hashLinkToken(partnerToken) }] : []),
  ]);
  return { ok: true, bookingId: existing.id, status: existing.status, primaryToken, partnerToken, replayed: true };
}

async function checkRateLimits(db: Executor, email: string, requester: Requester, now: Date): Promise<BookResult | null> {
  const checks = [hitRateLimit(db, BOOKING_LIMITS.perEmail, email, now)];
  if (requester.ip) checks.push(hitRateLimit(db, BOOKING_LIMITS.perIp, requester.ip, now));
  const results = await Promise.all(checks);
  const refused = results.find((r) => !r.allowed);
  if (!refused) return null;
  const minutes = Math.max(1, Math.ceil(refused.retryAfterSeconds / 60));
  return {
    ok: false,
    reason: 'rate_limited',
    message: `We've received several booking attempts in a short time. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or call the practice.`,
  };
}

export type RescheduleResult =
  | { ok: true }
  | { ok: false; reason: 'slot_taken'; message: string; alternatives: SlotOption[] }
  | { ok: false; reason: 'not_found' | 'too_late' | 'closed' | 'invalid'; message: string };

const NOT_FOUND_MESSAGE = "This link isn't active. It may have been replaced, or the consultation cancelled.";

function refusalMessage(reason: 'too_late' | 'closed', cutoffHours: number, phone: string): string {
  return reason === 'closed'
    ? 'This consultation was cancelled or has already taken place, so it can no longer be changed online.'
    : `It's less than ${cutoffHours} hours until your consultation, so it can't be changed online. Please call ${phone || 'the practice'}.`;
}

async function loadForChange(db: Executor, actor: LinkActor) {
  const link = await resolveLink(db, actor);
  if (!link) return null;
  const booking = await db.query.bookings.findFirst({
    where: eq(bookings.id, link.bookingId),
    columns: { id: true, status: true, startsAt: true, clinicianId: true, rescheduleCount: true },
    with: {
      consultationType: { columns: { slug: true } },
      practice: { columns: { slug: true, phone: true, clientChangeCutoffHours: true } },
    },
  });
  return booking ? { link, booking } : null;
}

/** Moves a booking to a new free time (same type and clinician), under the same rules. */
export async function rescheduleBooking(params: { actor: LinkActor; input: RescheduleInput; now?: Date }): Promise<RescheduleResult> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const found = await loadForChange(db, params.actor);
  if (!found) return { ok: false, reason: 'not_found', message: NOT_FOUND_MESSAGE };
  const { link, booking } = found;
  const cutoff = booking.practice.clientChangeCutoffHours;
  const refusal = clientChangeRefusal(booking, cutoff, now);
  if (refusal) return { ok: false, reason: refusal, message: refusalMessage(refusal, cutoff, booking.practice.phone) };

  const parsed = rescheduleSchema.safeParse(params.input);
  if (!parsed.success || parsed.data.clinicianId !== booking.clinicianId) {
    return { ok: false, reason: 'invalid', message: 'Please choose a new time from the list.' };
  }
  const start = new Date(parsed.data.startsAt);
  const ctx = await loadAvailability(db, {
    typeSlug: booking.consultationType.slug,
    practiceSlug: booking.practice.slug,
    from: new Date(start.getTime() - ALTERNATIVES_WINDOW_MS),
    to: new Date(start.getTime() + ALTERNATIVES_WINDOW_MS),
    clinicianId: booking.clinicianId,
    excludeBookingId: booking.id,
    includeInactiveType: true,
  });
  if (!ctx) return { ok: false, reason: 'not_found', message: NOT_FOUND_MESSAGE };
  if (!isOpenSlot(ctx, booking.clinicianId, start, now)) return slotTaken(ctx, start, now, SLOT_GONE_MESSAGE, { clinicianId: booking.clinicianId, excludeBookingId: booking.id });

  const { endsAt, blocked } = blockedRangeOf(ctx.type, start);
  try {
    const updated = await db.transaction(async (tx) => {
      const recheck = {
        typeSlug: booking.consultationType.slug,
        practiceSlug: booking.practice.slug,
        clinicianId: booking.clinicianId,
        excludeBookingId: booking.id,
        includeInactiveType: true,
        ...dayAround(start),
      };
      if (!(await isStillOpenInTransaction(tx, recheck, start, now))) return 'gone' as const;
      const rows = await tx
        .update(bookings)
        .set({ startsAt: start, endsAt, blocked, rescheduleCount: booking.rescheduleCount + 1, updatedAt: now })
        .where(and(eq(bookings.id, booking.id), inArray(bookings.status, [...ACTIVE_STATUSES]), eq(bookings.startsAt, booking.startsAt)))
        .returning({ id: bookings.id });
      if (rows.length === 0) return false;
      await recordAudit(tx, {
        actor: { kind: 'client', id: link.linkId },
        action: 'booking.rescheduled',
        subjectType: 'booking',
        subjectId: booking.id,
        detail: { holder: link.holder, from: booking.startsAt.toISOString(), to: start.toISOString() },
        at: now,
      });
      return true;
    });
    if (updated === 'gone') return slotTaken(ctx, start, now, SLOT_TAKEN_MESSAGE, { clinicianId: booking.clinicianId, excludeBookingId: booking.id });
    if (!updated) return { ok: false, reason: 'closed', message: 'This consultation changed while you were choosing. Please reload the page.' };
    return { ok: true };
  } catch (err) {
    if (sqlStateOf(err) === EXCLUSION_VIOLATION) return slotTaken(ctx, start, now, SLOT_TAKEN_MESSAGE, { clinicianId: booking.clinicianId, excludeBookingId: booking.id });
    throw err;
  }
}

export type CancelResult = { ok: true } | { ok: false; reason: 'not_found' | 'too_late' | 'closed' | 'invalid'; message: string };

/** Cancels from a private link. Afterwards every link shows the booking read-only. */
export async function cancelBooking(params: { actor: LinkActor; input: CancelInput; now?: Date }): Promise<CancelResult> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const found = await loadForChange(db, params.actor);
  if (!found) return { ok: false, reason: 'not_found', message: NOT_FOUND_MESSAGE };
  const { link, booking } = found;
  const cutoff = booking.practice.clientChangeCutoffHours;
  const refusal = clientChangeRefusal(booking, cutoff, now);
  if (refusal) return { ok: false, reason: refusal, message: refusalMessage(refusal, cutoff, booking.practice.phone) };
  const parsed = cancelSchema.safeParse(params.input);
  if (!parsed.success) return { ok: false, reason: 'invalid', message: parsed.error.issues[0]?.message ?? 'Please check the reason.' };

  const done = await db.transaction(async (tx) => {
    const rows = await tx
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: now, cancelledBy: 'client', cancelReason: parsed.data.reason || null, updatedAt: now })
      .where(and(eq(bookings.id, booking.id), inArray(bookings.status, [...ACTIVE_STATUSES])))
      .returning({ id: bookings.id });
    if (rows.length === 0) return false;
    await recordAudit(tx, {
      actor: { kind: 'client', id: link.linkId },
      action: 'booking.cancelled',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { holder: link.holder },
      at: now,
    });
    return true;
  });
  return done ? { ok: true } : { ok: false, reason: 'closed', message: refusalMessage('closed', cutoff, booking.practice.phone) };
}

