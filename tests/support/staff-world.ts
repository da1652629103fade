import { afterAll, beforeAll } from 'vitest';
import type { Database, DatabaseHandle } from '../../db/client';
import { bookingLinks, bookings, clinicians, consultationRecords, staffUsers } from '../../db/schema';
import type { StaffActor } from '../../lib/auth/actor';
import { blockedRangeOf } from '../../lib/bookings/blocked-range';
import { noteAssociatedData } from '../../lib/bookings/commands';
import { hashLinkToken, newLinkToken } from '../../lib/bookings/link-tokens';
import { encryptText, parseKeyring } from '../../lib/crypto/envelope';
import { clinicianNotesAssociatedData } from '../../lib/staff/clinical-notes';
import type { ConsultationOutcome } from '../../lib/staff/dto';
import { createTestPractice } from './practice-fixture';
import { openTestDatabase } from './test-db';
import { TEST_DATA_KEYS } from './test-env';

/**
 * Test data for lib/staff: a practice (createTestPractice: clinician "A", Mon–Fri 09:00–17:00
 * New York, three types) with a second clinician and a front desk member, plus a second practice
 * with its own clinician. Staff rows are inserted directly (no password hashing: these tests never
 * sign in) and the actors are built as getStaffActor would build them.
 */
export type StaffWorld = Awaited<ReturnType<typeof createStaffWorld>>;
export type ActorName = 'own clinician' | 'other clinician' | 'front desk' | 'other practice';
export const ACTOR_NAMES: readonly ActorName[] = ['own clinician', 'other clinician', 'front desk', 'other practice'];

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${crypto.randomUUID().slice(0, 6)}`;

async function insertStaff(db: Database, practiceId: string, role: 'clinician' | 'front_desk', clinicianId: string | null): Promise<StaffActor> {
  const [user] = await db
    .insert(staffUsers)
    .values({
      practiceId,
      email: `${role}-${unique()}@example.test`,
      displayName: `Test ${role}`,
      role,
      clinicianId,
      passwordHash: 'not-a-hash: these users never sign in',
    })
    .returning({ id: staffUsers.id });
  return { kind: 'staff', userId: user!.id, role, practiceId, clinicianId, sessionId: crypto.randomUUID() };
}

export async function createStaffWorld(db: Database) {
  const fx = await createTestPractice(db);
  const [otherClinician] = await db.insert(clinicians).values({ practiceId: fx.practice.id, displayName: `Dr. Other ${unique()}` }).returning();
  const elsewhere = await createTestPractice(db);
  const actors: Record<ActorName, StaffActor> = {
    'own clinician': await insertStaff(db, fx.practice.id, 'clinician', fx.clinician.id),
    'other clinician': await insertStaff(db, fx.practice.id, 'clinician', otherClinician!.id),
    'front desk': await insertStaff(db, fx.practice.id, 'front_desk', null),
    'other practice': await insertStaff(db, elsewhere.practice.id, 'clinician', elsewhere.clinician.id),
  };
  return { ...fx, otherClinician: otherClinician!, elsewhere, actors, slots: slotAllocator() };
}

/**
 * Distinct weekday starts inside the fixture's hours (09:00, 11:00, 13:00, 15:00 New York, EST
 * in Dec–Jan), from Thursday 3 December 2026: two hours apart, so even an 80-minute type with its
 * 10-minute buffer never overlaps the next one. Every call gives a time nobody else in the file got.
 */
export function slotAllocator(firstDay = '2026-12-03') {
  const times = ['14:00', '16:00', '18:00', '20:00']; // UTC
  let day = new Date(`${firstDay}T00:00:00Z`);
  let index = 0;
  return function next(): Date {
    for (;;) {
      if (index === times.length) {
        index = 0;
        day = new Date(day.getTime() + 86_400_000);
      }
      const weekday = day.getUTCDay();
      if (weekday === 0 || weekday === 6) {
        index = times.length;
        continue;
      }
      return new Date(`${day.toISOString().slice(0, 10)}T${times[index++]}:00.000Z`);
    }
  };
}

export const CLIENT_NOTE = 'CLIENT-NOTE: we keep arguing about intimacy';
export const CLINICIAN_NOTES = 'CLINICIAN-NOTES: attachment themes, consider EFT';

export type SeededBooking = { id: string; startsAt: Date; clientName: string; primaryToken: string; partnerToken: string | null };

/**
 * Inserts a booking straight into the database (the booking rules are tested in lib/bookings),
 * with a client note, live links whose tokens the test knows, and optionally a clinician record.
 */
export async function seedBooking(
  db: Database,
  world: Pick<StaffWorld, 'practice' | 'clinician' | 'types'>,
  opts: {
    startsAt: Date;
    typeSlug?: 'solo-video' | 'couple-video' | 'couple-request';
    status?: 'requested' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';
    clinicianId?: string;
    clientName?: string;
    clientEmail?: string;
    clientPhone?: string;
    clinicianNotes?: string;
    outcome?: ConsultationOutcome;
    createdAt?: Date;
  },
): Promise<SeededBooking> {
  const slug = opts.typeSlug ?? 'solo-video';
  const type = world.types.get(slug)!;
  const couple = type.audience === 'couple';
  const id = crypto.randomUUID();
  const keyring = parseKeyring(TEST_DATA_KEYS);
  const clientName = opts.clientName ?? `Client ${unique()}`;
  const { endsAt, blocked } = blockedRangeOf(type, opts.startsAt);
  const status = opts.status ?? (type.bookingMode === 'request' ? 'requested' : 'confirmed');
  await db.insert(bookings).values({
    id,
    practiceId: world.practice.id,
    clinicianId: opts.clinicianId ?? world.clinician.id,
    consultationTypeId: type.id,
    startsAt: opts.startsAt,
    endsAt,
    blocked,
    status,
    clientTimeZone: 'Europe/Berlin',
    clientName,
    clientEmail: opts.clientEmail ?? `client-${unique()}@example.com`,
    clientPhone: opts.clientPhone ?? '+1 (646) 555-0199',
    preferredChannel: 'email',
    okToEmail: true,
    partnerName: couple ? 'Riley Partner' : null,
    partnerEmail: couple ? `partner-${unique()}@example.com` : null,
    clientNoteCiphertext: encryptText(keyring, CLIENT_NOTE, noteAssociatedData(id)),
    consentedAt: opts.createdAt ?? opts.startsAt,
    idempotencyKey: crypto.randomUUID(),
    createdAt: opts.createdAt ?? new Date('2026-11-20T12:00:00Z'),
    ...(status === 'cancelled' ? { cancelledAt: opts.startsAt, cancelledBy: 'client' as const } : {}),
  });
  const primaryToken = newLinkToken();
  const partnerToken = couple ? newLinkToken() : null;
  await db.insert(bookingLinks).values([
    { bookingId: id, holder: 'primary' as const, timeZone: 'Europe/Berlin', tokenHash: hashLinkToken(primaryToken) },
    ...(partnerToken ? [{ bookingId: id, holder: 'partner' as const, tokenHash: hashLinkToken(partnerToken) }] : []),
  ]);
  if (opts.clinicianNotes !== undefined || opts.outcome) {
    await db.insert(consultationRecords).values({
      bookingId: id,
      clinicianNotesCiphertext: opts.clinicianNotes ? encryptText(keyring, opts.clinicianNotes, clinicianNotesAssociatedData(id)) : null,
      outcome: opts.outcome ?? null,
      outcomeRecordedAt: opts.outcome ? endsAt : null,
    });
  }
  return { id, startsAt: opts.startsAt, clientName, primaryToken, partnerToken };
}

/**
 * The usual set-up of a lib/staff db test file: the run's database (migrated) and a staff world
 * in it, opened before the file's tests and closed after them.
 */
export function withStaffWorld(ready: (handle: DatabaseHandle, world: StaffWorld) => void): void {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase();
    ready(handle, await createStaffWorld(handle.db));
  });
  afterAll(async () => {
    await handle?.close();
  });
}
