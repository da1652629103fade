import 'server-only';
import { and, asc, desc, eq, gt, ilike, lt, ne, or, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { bookings, clinicians, consultationTypes, practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { AppError } from '../errors';
import { assertStaffCan, notFound } from './access';
import type { BookingSearchResult, Schedule } from './dto';
import { summaryColumns, toBookingSummary, type SummaryRow } from './mappers';
import { bookingSearchSchema, scheduleQuerySchema } from './schemas';

/**
 * The practice's schedule over [from, to): every consultation overlapping the range, across all
 * clinicians (or one, with `clinicianId`), with type, modality, client and partner names and
 * status, plus the practice's zone to render days in. Clinicians and the front desk both see the
 * whole practice ('schedule.read' is practice-wide); nothing clinical is selected.
 *
 * ONE query: the practice row left-joined to its bookings, so the zone comes back even on an
 * empty week. Cancelled consultations are left out unless `includeCancelled`.
 * A page showing "today and the week ahead" asks for a range with a day's margin either side
 * (e.g. now − 1 day to now + 8 days) and groups entries by practice-local date.
 */
export async function findSchedule(params: {
  actor: StaffActor;
  from: Date | string;
  to: Date | string;
  clinicianId?: string;
  includeCancelled?: boolean;
}): Promise<Schedule> {
  const { actor } = params;
  assertStaffCan(actor, 'schedule.read');
  const parsed = scheduleQuerySchema.safeParse({
    from: params.from,
    to: params.to,
    clinicianId: params.clinicianId,
    includeCancelled: params.includeCancelled,
  });
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? 'Please choose a valid range.');
  const { from, to, clinicianId, includeCancelled } = parsed.data;

  const db = await getDb();
  const rows = await db
    .select({ practiceName: practices.name, practiceTimeZone: practices.timeZone, ...summaryColumns })
    .from(practices)
    .leftJoin(
      bookings,
      and(
        eq(bookings.practiceId, practices.id),
        lt(bookings.startsAt, to),
        gt(bookings.endsAt, from),
        clinicianId ? eq(bookings.clinicianId, clinicianId) : undefined,
        includeCancelled ? undefined : ne(bookings.status, 'cancelled'),
      ),
    )
    .leftJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .leftJoin(clinicians, eq(clinicians.id, bookings.clinicianId))
    .where(eq(practices.id, actor.practiceId))
    .orderBy(asc(bookings.startsAt), asc(clinicians.displayName), asc(bookings.id));

  const first = rows[0];
  if (!first) throw notFound();
  return {
    practice: { name: first.practiceName, timeZone: first.practiceTimeZone },
    from: from.toISOString(),
    to: to.toISOString(),
    entries: rows.filter(isBookingRow).map(toBookingSummary),
  };
}

/** A left-joined row that carries a booking (bookings ⨝ types ⨝ clinicians are FK-bound). */
function isBookingRow<R extends { [K in keyof SummaryRow]: SummaryRow[K] | null }>(row: R): row is R & SummaryRow {
  return row.id !== null && row.typeTitle !== null && row.clinicianName !== null;
}

export const SEARCH_LIMIT = 25;

/** `%`, `_` and `\` typed by a person are literal characters, not LIKE wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Finds bookings by client (or partner) name or email, case-insensitively, or by phone: the
 * digits typed (3 or more) against the digits stored, so "(212) 555-0100", "212.555.0100" and
 * "2125550100" all match. At most 25, the latest appointment first. Any status.
 */
export async function searchBookings(params: { actor: StaffActor; query: string }): Promise<BookingSearchResult[]> {
  const { actor } = params;
  assertStaffCan(actor, 'booking.search');
  const parsed = bookingSearchSchema.safeParse({ query: params.query });
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? 'Please type a name, email or phone number.');
  const text = parsed.data.query;
  const pattern = `%${escapeLike(text)}%`;
  const digits = text.replace(/\D/g, '');

  const db = await getDb();
  const rows = await db
    .select({
      ...summaryColumns,
      clientEmail: bookings.clientEmail,
      clientPhone: bookings.clientPhone,
      partnerEmail: bookings.partnerEmail,
    })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(clinicians, eq(clinicians.id, bookings.clinicianId))
    .where(
      and(
        eq(bookings.practiceId, actor.practiceId),
        or(
          ilike(bookings.clientName, pattern),
          ilike(bookings.clientEmail, pattern),
          ilike(bookings.partnerName, pattern),
          ilike(bookings.partnerEmail, pattern),
          digits.length >= 3
            ? sql`regexp_replace(${bookings.clientPhone}, ${'[^0-9]'}, '', 'g') like ${`%${digits}%`}`
            : undefined,
        ),
      ),
    )
    .orderBy(desc(bookings.startsAt), desc(bookings.id))
    .limit(SEARCH_LIMIT);

  return rows.map((r) => ({
    ...toBookingSummary(r),
    clientEmail: r.clientEmail,
    clientPhone: r.clientPhone,
    partnerEmail: r.partnerEmail,
  }));
}
