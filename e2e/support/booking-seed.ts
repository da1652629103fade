/**
 * Bookings for staff specs, straight in the database of the app under test — the one place that
 * writes clinicians' hours, consultation types and bookings for the e2e suite.
 *
 * A `BookingSeed` belongs to one practice (the staff fixture makes one per account) and one
 * clinician: the practice's first (a signed-in clinician's own) or a new one. Its consultation
 * types are offered by that clinician; the first booking makes a 50-minute individual video type
 * unless one is named (or `addType` makes others). Each booking gets a primary private link.
 */
import crypto from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { availabilityRules, bookingLinks, bookings, clinicianConsultationTypes, clinicians, consultationTypes } from '../../db/schema';
import { blockedRangeOf } from '../../lib/bookings/blocked-range';
import { hashLinkToken, newLinkToken } from '../../lib/bookings/link-tokens';
import { encryptText, parseKeyring } from '../../lib/crypto/envelope';
import { E2E_ENV } from './e2e-env';
import type { StaffDb } from './staff-fixture';

/** A note only the clinician may read: the front desk's pages must never show it. */
export const CLIENT_NOTE = 'Private worry that only the clinician may read';

const DAY = 86_400_000;

export type SeededBooking = { id: string; clientName: string; clientEmail: string; primaryToken: string; clinicianId: string };

export type TypeValues = Partial<Omit<typeof consultationTypes.$inferInsert, 'practiceId'>>;
export type SeededType = { id: string; title: string; durationMinutes: number; bufferBeforeMinutes: number; bufferAfterMinutes: number };
export type Modality = 'in_person' | 'video' | 'phone';

export type BookingSeedOptions = {
  practiceId: string;
  /** 'first' (the default): the practice's first clinician, made if there is none; 'new': always a new one. */
  clinician?: 'first' | 'new';
  /** Open 00:00–24:00 every day for video, in the practice's zone (free times whatever the hour the suite runs). */
  availableAllDay?: boolean;
  /** The default type's settings, over a 50-minute individual video type (instant, no buffers). */
  type?: TypeValues;
  /** Every booking's client note unless the booking says otherwise; none by default. */
  clientNote?: string;
};

export type BookingValues = {
  /** Default: `Avery Client<n> <tag>`. */
  clientName?: string;
  /** Default: `avery<n>.<tag>@example.com`. */
  clientEmail?: string;
  /** Default: 'confirmed'. */
  status?: 'confirmed' | 'requested';
  /** The client's note (encrypted like the app does); default: the seed's `clientNote`. */
  clientNote?: string;
  /** Default: America/Chicago. */
  clientTimeZone?: string;
  /** Default: phone, with voicemail allowed. */
  preferredChannel?: 'phone' | 'email';
  /** A type from `addType`; default: the seed's own type (made with the first booking). */
  typeId?: string;
};

export class BookingSeed {
  private readonly types = new Map<string, SeededType>();
  private defaultType: SeededType | undefined;
  private count = 0;

  private constructor(
    private readonly staffDb: StaffDb,
    readonly practiceId: string,
    readonly clinicianId: string,
    /** Unique to this seed: in slugs, names and emails. */
    readonly tag: string,
    private readonly options: BookingSeedOptions,
  ) {}

  static async create(staffDb: StaffDb, options: BookingSeedOptions): Promise<BookingSeed> {
    const { db } = staffDb;
    const tag = crypto.randomBytes(4).toString('hex');
    const [existing] =
      options.clinician === 'new'
        ? []
        : await db.select({ id: clinicians.id }).from(clinicians).where(eq(clinicians.practiceId, options.practiceId)).orderBy(asc(clinicians.createdAt)).limit(1);
    const clinicianId =
      existing?.id ?? (await db.insert(clinicians).values({ practiceId: options.practiceId, displayName: `Dr. Rowan ${tag}` }).returning({ id: clinicians.id }))[0]!.id;
    const seed = new BookingSeed(staffDb, options.practiceId, clinicianId, tag, options);
    if (options.availableAllDay) {
      for (const weekday of [0, 1, 2, 3, 4, 5, 6]) await seed.addRule({ weekday, start: '00:00', end: '24:00', modalities: ['video'] });
    }
    return seed;
  }

  /** A consultation type of the practice (50-minute individual video unless `values` say otherwise), offered by the clinician. */
  async addType(values: TypeValues = {}): Promise<SeededType> {
    const { db } = this.staffDb;
    const [type] = await db
      .insert(consultationTypes)
      .values({
        slug: `e2e-${this.tag}-${this.types.size}`,
        title: 'Individual consultation',
        durationMinutes: 50,
        modality: 'video',
        audience: 'individual',
        bookingMode: 'instant',
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        ...values,
        practiceId: this.practiceId,
      })
      .returning({
        id: consultationTypes.id,
        title: consultationTypes.title,
        durationMinutes: consultationTypes.durationMinutes,
        bufferBeforeMinutes: consultationTypes.bufferBeforeMinutes,
        bufferAfterMinutes: consultationTypes.bufferAfterMinutes,
      });
    await db.insert(clinicianConsultationTypes).values({ clinicianId: this.clinicianId, consultationTypeId: type!.id });
    this.types.set(type!.id, type!);
    return type!;
  }

  /** Weekly hours for the clinician ("HH:MM", the practice's zone). */
  async addRule(rule: { weekday: number; start: string; end: string; modalities: Modality[] }): Promise<void> {
    await this.staffDb.db
      .insert(availabilityRules)
      .values({ clinicianId: this.clinicianId, weekday: rule.weekday, startTime: rule.start, endTime: rule.end, modalities: rule.modalities });
  }

  /** A booking with the clinician at `startsAt`, with a primary private link. */
  async add(startsAt: Date, values: BookingValues = {}): Promise<SeededBooking> {
    const type = values.typeId ? this.types.get(values.typeId) : (this.defaultType ??= await this.addType(this.options.type));
    if (!type) throw new Error(`Type ${values.typeId} is not one of this seed's`);
    const n = this.count++;
    const clientNote = values.clientNote ?? this.options.clientNote;
    const id = crypto.randomUUID();
    const clientName = values.clientName ?? `Avery Client${n} ${this.tag}`;
    const clientEmail = values.clientEmail ?? `avery${n}.${this.tag}@example.com`;
    const { endsAt, blocked } = blockedRangeOf(type, startsAt);
    const { db } = this.staffDb;
    await db.insert(bookings).values({
      id,
      practiceId: this.practiceId,
      clinicianId: this.clinicianId,
      consultationTypeId: type.id,
      startsAt,
      endsAt,
      blocked,
      status: values.status ?? 'confirmed',
      clientTimeZone: values.clientTimeZone ?? 'America/Chicago',
      clientName,
      clientEmail,
      clientPhone: '+1 (646) 555-0142',
      preferredChannel: values.preferredChannel ?? 'phone',
      okToLeaveVoicemail: (values.preferredChannel ?? 'phone') === 'phone',
      clientNoteCiphertext: clientNote ? encryptText(parseKeyring(E2E_ENV.HAVEN_DATA_KEYS), clientNote, `booking-note:${id}`) : null,
      // Consent comes before the booking, and never after now.
      consentedAt: new Date(Math.min(Date.now(), startsAt.getTime() - 3 * DAY)),
      idempotencyKey: crypto.randomUUID(),
    });
    const primaryToken = newLinkToken();
    // Sealed beside its hash as the app does (lib/bookings/link-token-seal.ts), so messages about it carry the link.
    const tokenHash = hashLinkToken(primaryToken);
    const tokenCiphertext = encryptText(parseKeyring(E2E_ENV.HAVEN_DATA_KEYS), primaryToken, `booking-link-token:${tokenHash}`);
    await db.insert(bookingLinks).values({ bookingId: id, holder: 'primary', tokenHash, tokenCiphertext });
    return { id, clientName, clientEmail, primaryToken, clinicianId: this.clinicianId };
  }

  async startOf(bookingId: string): Promise<Date> {
    const [row] = await this.staffDb.db.select({ startsAt: bookings.startsAt }).from(bookings).where(eq(bookings.id, bookingId));
    if (!row) throw new Error(`No booking ${bookingId}`);
    return row.startsAt;
  }

  /**
   * Every booking of the practice (the seed's, and any the test made through the app). Bookings hold
   * the practice (no cascade): they go before the staff fixture removes it.
   */
  async remove(): Promise<void> {
    await this.staffDb.db.delete(bookings).where(eq(bookings.practiceId, this.practiceId));
  }
}

/** Bookings at the given starts, all with one status (a 'requested' one gets a by-request type). */
export async function seedBookings(
  staffDb: StaffDb,
  options: { practiceId: string; starts: Date[]; status?: 'confirmed' | 'requested'; clientNote?: string },
): Promise<SeededBooking[]> {
  const seed = await BookingSeed.create(staffDb, {
    practiceId: options.practiceId,
    type: { bookingMode: options.status === 'requested' ? 'request' : 'instant' },
  });
  const seeded: SeededBooking[] = [];
  for (const startsAt of options.starts) seeded.push(await seed.add(startsAt, { status: options.status, clientNote: options.clientNote }));
  return seeded;
}

/** Bookings hold the practice (no cascade): they go before the staff fixture removes it. */
export async function removeBookings(staffDb: StaffDb, seeded: readonly { id: string }[]): Promise<void> {
  if (seeded.length) await staffDb.db.delete(bookings).where(inArray(bookings.id, seeded.map((b) => b.id)));
}
