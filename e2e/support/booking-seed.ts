/**
 * Bookings for staff specs, straight in the database of the app under test: a clinician of the
 * practice (the first one, or a new one), a 50-minute video consultation type of the test's own,
 * and bookings at the given starts, each with a primary private link.
 */
import crypto from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { bookingLinks, bookings, clinicians, consultationTypes } from '../../db/schema';
import { blockedRangeOf } from '../../lib/bookings/blocked-range';
import { hashLinkToken, newLinkToken } from '../../lib/bookings/link-tokens';
import { encryptText, parseKeyring } from '../../lib/crypto/envelope';
import { E2E_ENV } from './e2e-env';
import type { StaffDb } from './staff-fixture';

export type SeededBooking = { id: string; clientName: string; clientEmail: string; primaryToken: string; clinicianId: string };

export type SeedOptions = {
  practiceId: string;
  starts: Date[];
  status?: 'confirmed' | 'requested';
  /** The client's note (encrypted like the app does); none by default. */
  clientNote?: string;
};

export async function seedBookings(staffDb: StaffDb, options: SeedOptions): Promise<SeededBooking[]> {
  const { db } = staffDb;
  const tag = crypto.randomBytes(4).toString('hex');
  const [existing] = await db
    .select({ id: clinicians.id })
    .from(clinicians)
    .where(eq(clinicians.practiceId, options.practiceId))
    .orderBy(asc(clinicians.createdAt))
    .limit(1);
  const clinicianId =
    existing?.id ?? (await db.insert(clinicians).values({ practiceId: options.practiceId, displayName: `Dr. Rowan ${tag}` }).returning({ id: clinicians.id }))[0]!.id;
  const type = { durationMinutes: 50, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
  const [consultationType] = await db
    .insert(consultationTypes)
    .values({
      practiceId: options.practiceId,
      slug: `e2e-${tag}`,
      title: 'Individual consultation',
      modality: 'video',
      audience: 'individual',
      bookingMode: options.status === 'requested' ? 'request' : 'instant',
      ...type,
    })
    .returning({ id: consultationTypes.id });
  const keyring = parseKeyring(E2E_ENV.HAVEN_DATA_KEYS);
  const seeded: SeededBooking[] = [];
  for (const [i, startsAt] of options.starts.entries()) {
    const id = crypto.randomUUID();
    const clientName = `Avery Client${i} ${tag}`;
    const clientEmail = `avery${i}.${tag}@example.com`;
    const { endsAt, blocked } = blockedRangeOf(type, startsAt);
    await db.insert(bookings).values({
      id,
      practiceId: options.practiceId,
      clinicianId,
      consultationTypeId: consultationType!.id,
      startsAt,
      endsAt,
      blocked,
      status: options.status ?? 'confirmed',
      clientTimeZone: 'America/Chicago',
      clientName,
      clientEmail,
      clientPhone: '+1 (646) 555-0142',
      preferredChannel: 'phone',
      okToLeaveVoicemail: true,
      clientNoteCiphertext: options.clientNote ? encryptText(keyring, options.clientNote, `booking-note:${id}`) : null,
      consentedAt: new Date(startsAt.getTime() - 3 * 86_400_000),
      idempotencyKey: crypto.randomUUID(),
    });
    const primaryToken = newLinkToken();
    await db.insert(bookingLinks).values({ bookingId: id, holder: 'primary', tokenHash: hashLinkToken(primaryToken) });
    seeded.push({ id, clientName, clientEmail, primaryToken, clinicianId });
  }
  return seeded;
}

/** Bookings hold the practice (no cascade): they go before the staff fixture removes it. */
export async function removeBookings(staffDb: StaffDb, seeded: readonly { id: string }[]): Promise<void> {
  if (seeded.length) await staffDb.db.delete(bookings).where(inArray(bookings.id, seeded.map((b) => b.id)));
}
