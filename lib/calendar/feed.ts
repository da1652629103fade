import 'server-only';
import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import { getDb, type Executor } from '../../db/client';
import { bookings, clinicians, consultationTypes, practices } from '../../db/schema';
import { canForClinician, type StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { hashLinkToken, newLinkToken } from '../bookings/link-tokens';
import { isUuid, notFound } from '../errors';
import { publicUrl } from '../public-url';
import { buildFeedCalendar, FEED_FUTURE_DAYS, FEED_PAST_DAYS, type FeedEntry } from './feed-calendar';

/**
 * A clinician's private, revocable calendar feed (`/api/calendar/<token>.ics`): 256 random bits,
 * base64url, like a private link; only the SHA-256 is stored (clinicians.calendar_feed_token_hash),
 * so the address is shown once, when it is made. Making a new one replaces the old at once;
 * turning it off clears the hash.
 *
 * Staff functions act on one clinician's own feed ('calendar_feed.manage', own_clinician scope):
 * anyone else — a colleague, the front desk, another practice — gets NOT_FOUND and nothing
 * changes. Every change is audited (on the clinician; never the token or the address).
 */

/** Whether the feed is on, full names or initials, and the practice's word its titles start with. */
export type CalendarFeedSettings = { enabled: boolean; showsNames: boolean; title: string };
export type IssuedCalendarFeed = { url: string; replaced: boolean };

const DAY = 86_400_000;
const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The feed's public address for a token. The `.ics` ending helps calendar apps recognise it. */
export function calendarFeedUrl(token: string): string {
  return publicUrl(`/api/calendar/${token}.ics`);
}

/** The token in a feed address's last segment (`<token>.ics`, or the bare token), or null when it cannot be one. */
export function feedTokenFromSegment(segment: string): string | null {
  const token = segment.endsWith('.ics') ? segment.slice(0, -4) : segment;
  return FEED_TOKEN.test(token) ? token : null;
}

function assertOwnFeed(actor: StaffActor | null | undefined, clinicianId: unknown): asserts clinicianId is string {
  if (!actor || actor.kind !== 'staff' || !isUuid(actor.practiceId) || !isUuid(clinicianId)) throw notFound();
  if (!canForClinician(actor, 'calendar_feed.manage', clinicianId)) throw notFound();
}

/** The clinician's row, in the actor's practice, optionally locked for the rest of the transaction. */
async function loadFeedRow(db: Executor, actor: StaffActor, clinicianId: string, forUpdate = false) {
  const query = db
    .select({ tokenHash: clinicians.calendarFeedTokenHash, showsNames: clinicians.calendarFeedShowsNames })
    .from(clinicians)
    .where(and(eq(clinicians.id, clinicianId), eq(clinicians.practiceId, actor.practiceId)))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

const auditActor = (actor: StaffActor) => ({ kind: 'staff' as const, id: actor.userId });

/** Whether the clinician's feed is on, and whether it shows full names. One query. */
export async function getCalendarFeedSettings(params: { actor: StaffActor; clinicianId: string }): Promise<CalendarFeedSettings> {
  const { actor, clinicianId } = params;
  assertOwnFeed(actor, clinicianId);
  const db = await getDb();
  const [row] = await db
    .select({ tokenHash: clinicians.calendarFeedTokenHash, showsNames: clinicians.calendarFeedShowsNames, title: practices.sharedPageTitle })
    .from(clinicians)
    .innerJoin(practices, eq(practices.id, clinicians.practiceId))
    .where(and(eq(clinicians.id, clinicianId), eq(clinicians.practiceId, actor.practiceId)))
    .limit(1);
  if (!row) throw notFound();
  return { enabled: row.tokenHash !== null, showsNames: row.showsNames, title: row.title };
}

/**
 * Makes the feed's address (or a new one: the old stops working at once) and returns it — the
 * only time it can be shown. Audited as 'calendar_feed.created' or 'calendar_feed.regenerated'.
 */
export async function createCalendarFeed(params: { actor: StaffActor; clinicianId: string; now?: Date }): Promise<IssuedCalendarFeed> {
  const { actor, clinicianId } = params;
  assertOwnFeed(actor, clinicianId);
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await loadFeedRow(tx, actor, clinicianId, true);
    const token = newLinkToken();
    await tx.update(clinicians).set({ calendarFeedTokenHash: hashLinkToken(token) }).where(eq(clinicians.id, clinicianId));
    const replaced = before.tokenHash !== null;
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: replaced ? 'calendar_feed.regenerated' : 'calendar_feed.created',
      subjectType: 'clinician',
      subjectId: clinicianId,
      at: now,
    });
    return { url: calendarFeedUrl(token), replaced };
  });
}

/** Turns the feed off: its address answers "not found" from now on. `revoked: false` when it was already off (nothing audited). */
export async function revokeCalendarFeed(params: { actor: StaffActor; clinicianId: string; now?: Date }): Promise<{ revoked: boolean }> {
  const { actor, clinicianId } = params;
  assertOwnFeed(actor, clinicianId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await loadFeedRow(tx, actor, clinicianId, true);
    if (before.tokenHash === null) return { revoked: false };
    await tx.update(clinicians).set({ calendarFeedTokenHash: null }).where(eq(clinicians.id, clinicianId));
    await recordAudit(tx, { actor: auditActor(actor), action: 'calendar_feed.revoked', subjectType: 'clinician', subjectId: clinicianId, at: params.now });
    return { revoked: true };
  });
}

/** Clients' full names in the feed's titles, or initials only (the default). Audited when it changes. */
export async function setCalendarFeedShowsNames(params: {
  actor: StaffActor;
  clinicianId: string;
  showsNames: boolean;
  now?: Date;
}): Promise<{ showsNames: boolean; changed: boolean }> {
  const { actor, clinicianId, showsNames } = params;
  assertOwnFeed(actor, clinicianId);
  if (typeof showsNames !== 'boolean') throw notFound();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await loadFeedRow(tx, actor, clinicianId, true);
    if (before.showsNames === showsNames) return { showsNames, changed: false };
    await tx.update(clinicians).set({ calendarFeedShowsNames: showsNames }).where(eq(clinicians.id, clinicianId));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'calendar_feed.names_changed',
      subjectType: 'clinician',
      subjectId: clinicianId,
      detail: { showsNames },
      at: params.now,
    });
    return { showsNames, changed: true };
  });
}

const FEED_STATUSES = ['requested', 'confirmed', 'completed', 'no_show'] as const;

/**
 * The feed behind a token, as iCalendar, or null when no live feed has that token (unknown,
 * replaced, turned off, malformed: all alike). The token is the only credential: it is checked
 * for shape before the database is asked. One query, allow-listed columns: the clinician's
 * bookings from FEED_PAST_DAYS back to FEED_FUTURE_DAYS ahead (cancelled ones left out), with
 * the practice's word and address — never the type's name, the client's contact details, a
 * note or a reason.
 */
export async function buildCalendarFeed(params: { token: string; now?: Date }): Promise<string | null> {
  if (typeof params.token !== 'string' || !FEED_TOKEN.test(params.token)) return null;
  const now = params.now ?? new Date();
  const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY);
  const to = new Date(now.getTime() + FEED_FUTURE_DAYS * DAY);
  const db = await getDb();
  const rows = await db
    .select({
      showsNames: clinicians.calendarFeedShowsNames,
      title: practices.sharedPageTitle,
      addressLine1: practices.addressLine1,
      addressLine2: practices.addressLine2,
      city: practices.city,
      region: practices.region,
      postalCode: practices.postalCode,
      bookingId: bookings.id,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      updatedAt: bookings.updatedAt,
      sequence: bookings.calendarSequence,
      clientName: bookings.clientName,
      partnerName: bookings.partnerName,
      modality: consultationTypes.modality,
    })
    .from(clinicians)
    .innerJoin(practices, eq(practices.id, clinicians.practiceId))
    .leftJoin(
      bookings,
      and(
        eq(bookings.clinicianId, clinicians.id),
        eq(bookings.practiceId, clinicians.practiceId),
        inArray(bookings.status, [...FEED_STATUSES]),
        gt(bookings.endsAt, from),
        lt(bookings.startsAt, to),
      ),
    )
    .leftJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    // A clinician who left the practice (inactive) has no feed any more.
    .where(and(eq(clinicians.calendarFeedTokenHash, hashLinkToken(params.token)), eq(clinicians.active, true)))
    .orderBy(asc(bookings.startsAt));
  const first = rows[0];
  if (!first) return null;
  const entries: FeedEntry[] = [];
  for (const r of rows) {
    if (!r.bookingId || !r.status || r.status === 'cancelled' || !r.startsAt || !r.endsAt || !r.updatedAt || r.sequence === null || r.clientName === null || !r.modality) continue;
    entries.push({
      bookingId: r.bookingId,
      sequence: r.sequence,
      status: r.status,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      updatedAt: r.updatedAt,
      clientName: r.clientName,
      partnerName: r.partnerName,
      modality: r.modality,
      url: publicUrl(`/clinician/bookings/${r.bookingId}`),
    });
  }
  return buildFeedCalendar({
    title: first.title,
    showsNames: first.showsNames,
    address: { addressLine1: first.addressLine1, addressLine2: first.addressLine2, city: first.city, region: first.region, postalCode: first.postalCode },
    entries,
    stampedAt: now,
  });
}
