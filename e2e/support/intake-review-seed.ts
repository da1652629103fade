/**
 * Intakes for staff specs, straight in the database of the app under test, sealed as the app
 * seals them (db/seed-intakes.ts with the e2e servers' key): a booking from a BookingSeed whose
 * type asks a questionnaire, then each person's intake in the state the test needs.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents, bookings } from '../../db/schema';
import { gad7Answers, insertIntake, phq9Answers } from '../../db/seed-intakes';
import { parseKeyring } from '../../lib/crypto/envelope';
import type { Answers } from '../../lib/intake/types';
import { E2E_ENV } from './e2e-env';
import type { StaffDb } from './staff-fixture';

export { gad7Answers, phq9Answers };

const keyring = parseKeyring(E2E_ENV.HAVEN_DATA_KEYS);

export async function seedIntake(
  staffDb: StaffDb,
  params: { bookingId: string; holder: 'primary' | 'partner'; status: 'in_progress' | 'sent' | 'reviewed'; answers: Answers; at?: Date },
): Promise<{ id: string }> {
  return insertIntake(staffDb.db, { keyring, at: params.at ?? new Date(Date.now() - 3_600_000), ...params });
}

/** A couple's booking needs its partner (the BookingSeed writes the booker only). */
export async function addPartner(staffDb: StaffDb, bookingId: string, name: string): Promise<void> {
  await staffDb.db
    .update(bookings)
    .set({ partnerName: name, partnerEmail: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com` })
    .where(eq(bookings.id, bookingId));
}

/** The audit rows about these intakes with this action (e.g. 'intake.viewed'). */
export async function intakeAuditCount(staffDb: StaffDb, intakeIds: string[], action: string): Promise<number> {
  const rows = await staffDb.db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectType, 'intake'), inArray(auditEvents.subjectId, intakeIds)));
  return rows.length;
}

/** A person's answers: a few plain ones, PHQ-9 and GAD-7 item by item (0–3). */
export function answers(params: { reason: string; phq9: number[]; gad7: number[]; extra?: Answers }): Answers {
  return { 'preferred-name': 'Pat', 'reasons-now': params.reason, ...phq9Answers(params.phq9), ...gad7Answers(params.gad7), ...params.extra };
}
