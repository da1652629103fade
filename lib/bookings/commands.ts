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
import { normalizeLocale } from '../i18n/locale';
import { isValidTimeZone } from '../scheduling/zoned-time';
import {
  ACTIVE_STATUSES,
  blockedRangeOf,
  dayAround,
  loadAvailability,
  nearestSlots,
  recheckInTransaction,
  whyNotOpen,
  type AvailabilityContext,
  type SlotRefusal,
} from './availability';
import { sealCancelText } from './cancel-text-crypto';
import { clientChangeRefusal } from './change-policy';
import type { SlotOption } from './dto';
import { rememberHolderTimeZone, resolveLink, type LinkActor } from './link-access';
import { liveFormLinkTokens, newFormLinkTokens } from './form-link-tokens';
import { sealLinkToken } from './link-token-seal';
import { notifyBookingChange } from '../messaging/booking-messages';
import { unavailableMessage } from './refusals';
import {
  makeBookingDetailsSchema,
  rescheduleSchema,
  cancelSchema,
  startsAtSchema,
  type BookingDetailsInput,
  type CancelInput,
  type RescheduleInput,
} from './schemas';

const DAY_MS = 86_400_000;
/** How far either side of a refused time we look for alternatives. */
const ALTERNATIVES_WINDOW_MS = 14 * DAY_MS;

export { SLOT_TAKEN_MESSAGE } from './refusals';

/**
 * A time that can't be booked, with why (lib/scheduling/slots `SlotRefusal`: 'not_open' is taken or
 * outside hours) and the nearest free times. The action shows `message` above the alternatives.
 */
export type SlotUnavailable = { ok: false; reason: 'slot_taken'; why: SlotRefusal; message: string; alternatives: SlotOption[] };

export type BookResult =
  | { ok: true; bookingId: string; status: 'requested' | 'confirmed'; primaryToken: string; partnerToken: string | null; replayed: boolean }
  | SlotUnavailable
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
 * settles overlaps and the clinician-day lock (lib/bookings/day-locks) daily caps.
 *
 * One form, one booking: every submission with the same idempotency key — one after another or
 * at the same moment — gets the same answer, the same booking and the same private links, and
 * only the first spends rate-limit allowance. The transaction takes the form's key first, so a
 * duplicate waits for the original and then replays it; its rate-limit hits are counted inside
 * that transaction, after the replay check.
 */
export async function bookConsultation(params: {
  input: BookingDetailsInput;
  requester: Requester;
  practiceSlug?: string;
  /** The booker's locale (their browser's), for the dates in their messages; their partner's too until known. */
  locale?: string;
  now?: Date;
}): Promise<BookResult> {
  const now = params.now ?? new Date();
  const locale = normalizeLocale(params.locale);
  const db = await getDb();
  const raw = params.input;
  if (raw.website) return { ok: false, reason: 'invalid', message: 'We could not accept this booking. Please call the practice.' };

  // A start the schema can't accept (unparseable, year 9999…) is a field error before any query.
  const when = startsAtSchema.safeParse(raw.startsAt);
  if (!when.success) return invalid({ startsAt: when.error.issues[0]?.message ?? 'Please choose a time.' });
  const start = new Date(when.data);
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

  // Read after `ctx`: a booking that made this form's time busy there is visible here, so a
  // duplicate is answered as the original, never "taken" by it.
  const replay = await replayIfDuplicate(db, input);
  if (replay) return replay;
  const why = whyNotOpen(ctx, input.clinicianId, start, now);
  if (why) return slotUnavailable(ctx, start, now, why, 'checked');

  const bookingId = crypto.randomUUID();
  const couple = ctx.type.audience === 'couple';
  const tokens = newFormLinkTokens(bookingId, input.idempotencyKey, couple);
  const status = ctx.type.bookingMode === 'request' ? 'requested' : 'confirmed';
  const noteCiphertext = input.note ? encryptText(dataKeyring(), input.note, noteAssociatedData(bookingId)) : null;
  const { endsAt, blocked } = blockedRangeOf(ctx.type, start);

  type Outcome = { done: BookResult } | { unavailable: SlotRefusal } | { created: true };
  try {
    const outcome = await db.transaction(async (tx): Promise<Outcome> => {
      // 1. One submission of a form at a time; a duplicate waits here, then replays.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('haven:booking-form'), hashtext(${input.idempotencyKey}))`);
      const again = await replayIfDuplicate(tx, input);
      if (again) return { done: again };
      // 2. Rate limits, counted in this transaction: a rollback uncounts them.
      const limited = await checkRateLimits(tx, input.email, params.requester, now);
      if (limited) return { done: limited };
      // 3. One booking per email at a time, so the open-bookings cap holds under concurrency.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'book:' + input.email}))`);
      const [open] = await tx
        .select({ n: count() })
        .from(bookings)
        .where(and(eq(bookings.clientEmail, input.email), inArray(bookings.status, [...ACTIVE_STATUSES]), gt(bookings.endsAt, now)));
      if ((open?.n ?? 0) >= ctx.practice.maxOpenBookingsPerEmail) {
        return {
          done: {
            ok: false,
            reason: 'too_many_open',
            message: `You already have ${ctx.practice.maxOpenBookingsPerEmail} upcoming consultations booked with this email. Please use a private link to change one, or call the practice.`,
          },
        };
      }
      // 4. The clinician's day (daily cap) and hours, re-checked against what is committed now.
      const recheck = { typeSlug: ctx.type.slug, practiceSlug: params.practiceSlug, clinicianId: input.clinicianId, timeZone: ctx.practice.timeZone, ...dayAround(start) };
      const stillWhy = await recheckInTransaction(tx, recheck, start, now);
      if (stillWhy) return { unavailable: stillWhy };

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
        partnerName: couple ? (input.partnerName ?? null) : null,
        partnerEmail: couple ? (input.partnerEmail ?? null) : null,
        clientNoteCiphertext: noteCiphertext,
        consentedAt: now,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(bookingLinks).values([
        { bookingId, holder: 'primary' as const, timeZone: input.clientTimeZone, locale, ...sealLinkToken(tokens.primary), createdAt: now },
        ...(tokens.partner ? [{ bookingId, holder: 'partner' as const, locale, ...sealLinkToken(tokens.partner), createdAt: now }] : []),
      ]);
      await recordAudit(tx, {
        actor: { kind: 'client', id: null },
        action: 'booking.created',
        subjectType: 'booking',
        subjectId: bookingId,
        detail: { status, type: ctx.type.slug },
        at: now,
      });
      await notifyBookingChange(tx, { bookingId, change: { event: 'booked' }, now });
      return { created: true };
    });
    if ('done' in outcome) return outcome.done;
    // Taken (or the day filled, or closed) between our check and the write.
    if ('unavailable' in outcome) return slotUnavailable(ctx, start, now, outcome.unavailable, 'raced');
    return { ok: true, bookingId, status, primaryToken: tokens.primary, partnerToken: tokens.partner, replayed: false };
  } catch (err) {
    const state = sqlStateOf(err);
    if (state === EXCLUSION_VIOLATION) return slotUnavailable(ctx, start, now, 'not_open', 'raced');
    if (state === UNIQUE_VIOLATION) {
      // Belt and braces (the form lock above prevents it): answer as the original did.
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
 * A refused time, said as what happened, with the nearest free times. Re-reads busy time (the
 * context we hold predates the booking that beat us), for the same clinician when rescheduling;
 * beyond the horizon the nearest times are the latest bookable ones.
 */
async function slotUnavailable(
  ctx: AvailabilityContext,
  start: Date,
  now: Date,
  why: SlotRefusal,
  when: 'checked' | 'raced',
  scope: { clinicianId?: string; excludeBookingId?: string } = {},
): Promise<SlotUnavailable> {
  const target = why === 'too_far' ? new Date(now.getTime() + ctx.type.horizonDays * DAY_MS - 1) : start;
  const fresh = await loadAvailability(await getDb(), {
    typeSlug: ctx.type.slug,
    practiceSlug: ctx.practice.slug,
    from: new Date(target.getTime() - ALTERNATIVES_WINDOW_MS),
    to: new Date(target.getTime() + ALTERNATIVES_WINDOW_MS),
    clinicianId: scope.clinicianId,
    excludeBookingId: scope.excludeBookingId,
    includeInactiveType: scope.excludeBookingId !== undefined,
  });
  return {
    ok: false,
    reason: 'slot_taken',
    why,
    message: unavailableMessage(why, ctx.type, when),
    alternatives: fresh ? nearestSlots(fresh, target, now) : [],
  };
}

/**
 * A resubmission (double click, retry after a dropped response, a concurrent copy) carries the
 * same idempotency key: answer with the same booking and the same links (derived again, see
 * form-link-tokens), writing nothing.
 */
async function replayIfDuplicate(db: Executor, input: BookingDetailsInput): Promise<BookResult | null> {
  const [existing] = await db
    .select({ id: bookings.id, status: bookings.status, clientEmail: bookings.clientEmail })
    .from(bookings)
    .where(eq(bookings.idempotencyKey, input.idempotencyKey))
    .limit(1);
  if (!existing) return null;
  const used: BookResult = { ok: false, reason: 'invalid', message: 'This form was already used. Please reload the page and try again.' };
  if (existing.clientEmail !== input.email || (existing.status !== 'requested' && existing.status !== 'confirmed')) return used;
  const tokens = await liveFormLinkTokens(db, existing.id, input.idempotencyKey);
  if (!tokens) return used;
  return { ok: true, bookingId: existing.id, status: existing.status, primaryToken: tokens.primary, partnerToken: tokens.partner, replayed: true };
}

/** Counts this attempt against the per-email and per-IP limits (in that order: a fixed lock order). */
async function checkRateLimits(db: Executor, email: string, requester: Requester, now: Date): Promise<BookResult | null> {
  const results = [await hitRateLimit(db, BOOKING_LIMITS.perEmail, email, now)];
  if (requester.ip) results.push(await hitRateLimit(db, BOOKING_LIMITS.perIp, requester.ip, now));
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
  | SlotUnavailable
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
  const scope = { clinicianId: booking.clinicianId, excludeBookingId: booking.id };
  const why = whyNotOpen(ctx, booking.clinicianId, start, now);
  if (why) return slotUnavailable(ctx, start, now, why, 'checked', scope);

  const { endsAt, blocked } = blockedRangeOf(ctx.type, start);
  try {
    const updated = await db.transaction(async (tx) => {
      const recheck = {
        typeSlug: booking.consultationType.slug,
        practiceSlug: booking.practice.slug,
        clinicianId: booking.clinicianId,
        excludeBookingId: booking.id,
        includeInactiveType: true,
        timeZone: ctx.practice.timeZone,
        movingFrom: booking.startsAt,
        ...dayAround(start),
      };
      const stillWhy = await recheckInTransaction(tx, recheck, start, now);
      if (stillWhy) return stillWhy;
      const rows = await tx
        .update(bookings)
        .set({ startsAt: start, endsAt, blocked, rescheduleCount: booking.rescheduleCount + 1, updatedAt: now })
        .where(and(eq(bookings.id, booking.id), inArray(bookings.status, [...ACTIVE_STATUSES]), eq(bookings.startsAt, booking.startsAt)))
        .returning({ id: bookings.id });
      if (rows.length === 0) return false;
      await rememberHolderTimeZone(tx, link, parsed.data.clientTimeZone);
      await recordAudit(tx, {
        actor: { kind: 'client', id: link.linkId },
        action: 'booking.rescheduled',
        subjectType: 'booking',
        subjectId: booking.id,
        detail: { holder: link.holder, from: booking.startsAt.toISOString(), to: start.toISOString() },
        at: now,
      });
      await notifyBookingChange(tx, { bookingId: booking.id, change: { event: 'rescheduled', by: link.holder }, now });
      return true;
    });
    if (typeof updated === 'string') return slotUnavailable(ctx, start, now, updated, 'raced', scope);
    if (!updated) return { ok: false, reason: 'closed', message: 'This consultation changed while you were choosing. Please reload the page.' };
    return { ok: true };
  } catch (err) {
    if (sqlStateOf(err) === EXCLUSION_VIOLATION) return slotUnavailable(ctx, start, now, 'not_open', 'raced', scope);
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
      .set({ status: 'cancelled', cancelledAt: now, cancelledBy: 'client', cancelTextCiphertext: sealCancelText('client', booking.id, parsed.data.reason), updatedAt: now })
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
    await notifyBookingChange(tx, { bookingId: booking.id, change: { event: 'cancelled', by: link.holder }, now });
    return true;
  });
  return done ? { ok: true } : { ok: false, reason: 'closed', message: refusalMessage('closed', cutoff, booking.practice.phone) };
}

