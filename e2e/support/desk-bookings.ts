/**
 * Bookings for the front desk's specs, straight in the database of the app under test: a
 * clinician who works every day around the clock (so there are free times whatever the hour the
 * suite runs), one 50-minute video type with the usual 24-hour minimum notice, and bookings
 * inserted at given starts. Each spec's practice is its own (the staff fixture makes one per user).
 */
import crypto from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { availabilityRules, bookingLinks, bookings, clinicianConsultationTypes, clinicians, consultationTypes } from '../../db/schema';
import { blockedRangeOf } from '../../lib/bookings/blocked-range';
import { hashLinkToken, newLinkToken } from '../../lib/bookings/link-tokens';
import { encryptText, parseKeyring } from '../../lib/crypto/envelope';
import { E2E_ENV } from './e2e-env';
import type { StaffDb } from './staff-fixture';

export const CLIENT_NOTE = 'Private worry that only the clinician may read';
const TYPE = { durationMinutes: 50, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, incrementMinutes: 15, minNoticeMinutes: 24 * 60 } as const;

export type DeskBooking = { id: string; clientName: string; primaryToken: string };

export class DeskBookings {
  private readonly ids: string[] = [];

  private constructor(
    private readonly staffDb: StaffDb,
    readonly practiceId: string,
    readonly clinicianId: string,
    readonly typeId: string,
    readonly tag: string,
  ) {}

  /** A clinician offering one video type, open 00:00–24:00 every day in the practice's zone. */
  static async create(staffDb: StaffDb, practiceId: string): Promise<DeskBookings> {
    const db = staffDb.db;
    const tag = crypto.randomBytes(4).toString('hex');
    const [clinician] = await db.insert(clinicians).values({ practiceId, displayName: `Dr. Rowan ${tag}` }).returning({ id: clinicians.id });
    const [type] = await db
      .insert(consultationTypes)
      .values({ practiceId, slug: `desk-${tag}`, title: 'Individual consultation', modality: 'video', audience: 'individual', ...TYPE })
      .returning({ id: consultationTypes.id });
    await db.insert(clinicianConsultationTypes).values({ clinicianId: clinician!.id, consultationTypeId: type!.id });
    await db
      .insert(availabilityRules)
      .values([0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ clinicianId: clinician!.id, weekday, startTime: '00:00', endTime: '24:00', modalities: ['video' as const] })));
    return new DeskBookings(staffDb, practiceId, clinician!.id, type!.id, tag);
  }

  /** A confirmed booking with this clinician at `startsAt` (the client in Chicago), with a private link. */
  async add(startsAt: Date, clientName = `Avery Client ${this.ids.length} ${this.tag}`): Promise<DeskBooking> {
    const id = crypto.randomUUID();
    const { endsAt, blocked } = blockedRangeOf(TYPE, startsAt);
    await this.staffDb.db.insert(bookings).values({
      id,
      practiceId: this.practiceId,
      clinicianId: this.clinicianId,
      consultationTypeId: this.typeId,
      startsAt,
      endsAt,
      blocked,
      status: 'confirmed',
      clientTimeZone: 'America/Chicago',
      clientName,
      clientEmail: `avery${this.ids.length}.${this.tag}@example.com`,
      clientPhone: '+1 (646) 555-0142',
      preferredChannel: 'phone',
      clientNoteCiphertext: encryptText(parseKeyring(E2E_ENV.HAVEN_DATA_KEYS), CLIENT_NOTE, `booking-note:${id}`),
      consentedAt: new Date(),
      idempotencyKey: crypto.randomUUID(),
    });
    this.ids.push(id);
    const primaryToken = newLinkToken();
    await this.staffDb.db.insert(bookingLinks).values({ bookingId: id, holder: 'primary', tokenHash: hashLinkToken(primaryToken) });
    return { id, clientName, primaryToken };
  }

  async startOf(bookingId: string): Promise<Date> {
    const [row] = await this.staffDb.db.select({ startsAt: bookings.startsAt }).from(bookings).where(eq(bookings.id, bookingId));
    if (!row) throw new Error(`No booking ${bookingId}`);
    return row.startsAt;
  }

  /** Bookings hold the practice (no cascade): they go before the staff fixture removes it. */
  async remove(): Promise<void> {
    if (this.ids.length) await this.staffDb.db.delete(bookings).where(inArray(bookings.id, this.ids));
  }
}
