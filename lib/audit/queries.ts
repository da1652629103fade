import 'server-only';
import { and, desc, eq, gte, isNotNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '../../db/client';
import { auditEvents, bookingLinks, bookings, clinicians, consultationTypes, intakes, staffUsers } from '../../db/schema';
import { can, type StaffActor } from '../auth/actor';
import { AppError } from '../errors';
import type { AuditEventDto, AuditPage } from './dto';
import { auditFilterSchema, type AuditFilterFormValues } from './schemas';

/*
 * Practice scoping. `audit_events` has no practice column, so an event belongs to a practice
 * through what it is about or who did it:
 * - its subject: a booking, an intake, staff user, clinician or consultation type of the practice, or
 *   the practice itself (subject_type 'practice');
 * - or its actor: a staff user of the practice.
 * Anything else is not shown (fails closed): e.g. a failed sign-in for an unknown email belongs
 * to no practice. A new subject type must be added here to appear in the view. Each test is a
 * LEFT JOIN on a primary key that also carries the practice, so one query answers and
 * resolves display names at once. (A `practice_id` column on audit_events, filled by
 * recordAudit, would make this an index range scan: proposed for a later migration.)
 */
const subjectBooking = alias(bookings, 'subject_booking');
const subjectStaff = alias(staffUsers, 'subject_staff');
const subjectClinician = alias(clinicians, 'subject_clinician');
const subjectType = alias(consultationTypes, 'subject_consultation_type');
const subjectIntake = alias(intakes, 'subject_intake');
const actorStaff = alias(staffUsers, 'actor_staff');
const actorLink = alias(bookingLinks, 'actor_link');

/** Keyset position: the event's exact timestamp (microseconds, as Postgres stores it) and id. */
const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new AppError('INVALID', 'That page link is not valid. Please start from the newest events.');
  return { at: match[1]!, id: match[2]! };
}

/**
 * The practice's audit log, newest first, `limit` at a time (keyset pagination on
 * (occurred_at, id), so pages stay stable while new events arrive). Clinicians only
 * ('audit.read'); anyone else gets NOT_FOUND. Invalid filters throw AppError('INVALID').
 */
export async function findAuditEvents(params: { actor: StaffActor } & AuditFilterFormValues): Promise<AuditPage> {
  const { actor, ...filters } = params;
  if (!can(actor, 'audit.read')) throw new AppError('NOT_FOUND', 'Not found.');
  const parsed = auditFilterSchema.safeParse(filters);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? 'Please check the filters.');
  const { from, to, action, limit, cursor } = parsed.data;
  const after = cursor ? decodeCursor(cursor) : null;
  const practiceId = actor.practiceId;

  const db = await getDb();
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      cursorAt: sql<string>`to_char(${auditEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      action: auditEvents.action,
      actorKind: auditEvents.actorKind,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      detail: auditEvents.detail,
      actorStaffId: actorStaff.id,
      actorStaffName: actorStaff.displayName,
      actorLinkHolder: actorLink.holder,
      subjectBookingId: subjectBooking.id,
      subjectStaffName: subjectStaff.displayName,
      subjectClinicianName: subjectClinician.displayName,
      subjectTypeTitle: subjectType.title,
      subjectIntakeBookingId: subjectIntake.bookingId,
      subjectIntakeHolder: subjectIntake.holder,
    })
    .from(auditEvents)
    .leftJoin(
      subjectBooking,
      and(eq(auditEvents.subjectType, 'booking'), eq(subjectBooking.id, auditEvents.subjectId), eq(subjectBooking.practiceId, practiceId)),
    )
    .leftJoin(
      subjectStaff,
      and(eq(auditEvents.subjectType, 'staff_user'), eq(subjectStaff.id, auditEvents.subjectId), eq(subjectStaff.practiceId, practiceId)),
    )
    .leftJoin(
      subjectClinician,
      and(eq(auditEvents.subjectType, 'clinician'), eq(subjectClinician.id, auditEvents.subjectId), eq(subjectClinician.practiceId, practiceId)),
    )
    .leftJoin(
      subjectType,
      and(eq(auditEvents.subjectType, 'consultation_type'), eq(subjectType.id, auditEvents.subjectId), eq(subjectType.practiceId, practiceId)),
    )
    .leftJoin(
      subjectIntake,
      and(eq(auditEvents.subjectType, 'intake'), eq(subjectIntake.id, auditEvents.subjectId), eq(subjectIntake.practiceId, practiceId)),
    )
    .leftJoin(
      actorStaff,
      and(eq(auditEvents.actorKind, 'staff'), sql`${actorStaff.id}::text = ${auditEvents.actorId}`, eq(actorStaff.practiceId, practiceId)),
    )
    .leftJoin(
      actorLink,
      and(eq(auditEvents.actorKind, 'client'), sql`${actorLink.id}::text = ${auditEvents.actorId}`, eq(actorLink.bookingId, subjectBooking.id)),
    )
    .where(
      and(
        or(
          isNotNull(subjectBooking.id),
          isNotNull(subjectStaff.id),
          isNotNull(subjectClinician.id),
          isNotNull(subjectType.id),
          isNotNull(subjectIntake.id),
          and(eq(auditEvents.subjectType, 'practice'), eq(auditEvents.subjectId, practiceId)),
          isNotNull(actorStaff.id),
        ),
        from ? gte(auditEvents.occurredAt, from) : undefined,
        to ? lt(auditEvents.occurredAt, to) : undefined,
        action ? eq(auditEvents.action, action) : undefined,
        after ? sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map((r): AuditEventDto => ({
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      action: r.action,
      actor: {
        kind: r.actorKind,
        staffUserId: r.actorStaffId,
        displayName: actorName(r.actorKind, r.actorStaffName, r.actorLinkHolder),
      },
      subject: {
        type: r.subjectType,
        id: r.subjectId,
        label:
          r.subjectStaffName ??
          r.subjectClinicianName ??
          r.subjectTypeTitle ??
          (r.subjectBookingId ? `Booking ${r.subjectBookingId.slice(0, 8).toUpperCase()}` : null) ??
          (r.subjectIntakeBookingId
            ? `Intake of booking ${r.subjectIntakeBookingId.slice(0, 8).toUpperCase()}${r.subjectIntakeHolder === 'partner' ? ' (partner)' : ''}`
            : null) ??
          (r.subjectType === 'practice' ? 'Practice' : null),
      },
      detail: plainDetail(r.detail),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}

function actorName(kind: 'client' | 'staff' | 'system', staffName: string | null, linkHolder: 'primary' | 'partner' | null): string {
  if (kind === 'staff') return staffName ?? 'Unknown';
  if (kind === 'client') return linkHolder === 'partner' ? "Client's partner" : 'Client';
  return 'System';
}

/** Only flat primitive values pass (the column's contract; enforced here too). */
function plainDetail(detail: unknown): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return out;
  for (const [key, value] of Object.entries(detail)) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}
