/** A practice of its own for a test or a benchmark (no test runner needed): see practice-fixture.ts for the vitest wrapper. */
import type { Database } from '../../db/client';
import {
  availabilityRules,
  clinicianConsultationTypes,
  clinicians,
  consultationTypes,
  practices,
  type NewConsultationType,
} from '../../db/schema';
import type { BookingDetailsInput } from '../../lib/bookings/schemas';

export const FIXTURE_ZONE = 'America/New_York';

/**
 * A practice of its own per test (unique slug), so tests never see each other's rows:
 * one clinician, Mon–Fri 09:00–17:00 New York time for every modality, three types.
 */
export async function createTestPractice(db: Database, overrides: { maxOpenBookingsPerEmail?: number; cutoffHours?: number } = {}) {
  const slug = `t-${crypto.randomUUID().slice(0, 12)}`;
  const [practice] = await db
    .insert(practices)
    .values({
      slug,
      name: `Test practice ${slug}`,
      timeZone: FIXTURE_ZONE,
      phone: '(212) 555-0100',
      email: `${slug}@practice.example.com`,
      maxOpenBookingsPerEmail: overrides.maxOpenBookingsPerEmail ?? 3,
      clientChangeCutoffHours: overrides.cutoffHours ?? 24,
    })
    .returning();
  const [clinician] = await db.insert(clinicians).values({ practiceId: practice!.id, displayName: 'Dr. Test' }).returning();
  const base = { practiceId: practice!.id, minNoticeMinutes: 60, horizonDays: 60, incrementMinutes: 30, bufferAfterMinutes: 10 } satisfies Partial<NewConsultationType>;
  const types = await db
    .insert(consultationTypes)
    .values([
      { ...base, slug: 'solo-video', title: 'Individual (video)', durationMinutes: 50, modality: 'video', audience: 'individual', bookingMode: 'instant' },
      { ...base, slug: 'couple-video', title: 'Couples (video)', durationMinutes: 80, modality: 'video', audience: 'couple', bookingMode: 'instant' },
      { ...base, slug: 'couple-request', title: 'Couples (in person)', durationMinutes: 80, modality: 'in_person', audience: 'couple', bookingMode: 'request' },
    ])
    .returning();
  await db.insert(clinicianConsultationTypes).values(types.map((t) => ({ clinicianId: clinician!.id, consultationTypeId: t.id })));
  await db.insert(availabilityRules).values(
    [1, 2, 3, 4, 5].map((weekday) => ({
      clinicianId: clinician!.id,
      weekday,
      startTime: '09:00',
      endTime: '17:00',
      modalities: ['video' as const, 'in_person' as const, 'phone' as const],
    })),
  );
  return { practice: practice!, clinician: clinician!, types: new Map(types.map((t) => [t.slug, t])) };
}

let counter = 0;

/** Valid form input for a booking; override any field. */
export function bookingInput(overrides: Partial<BookingDetailsInput> & Pick<BookingDetailsInput, 'typeSlug' | 'startsAt' | 'clinicianId'>): BookingDetailsInput {
  counter += 1;
  return {
    clientTimeZone: 'Europe/Berlin',
    idempotencyKey: crypto.randomUUID(),
    name: 'Test Client',
    email: `client${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    phone: '+1 212 555 0100',
    preferredChannel: 'email',
    okToLeaveVoicemail: false,
    okToText: false,
    okToEmail: true,
    consent: true,
    ...overrides,
  };
}

/** Adds a consultation type to a test practice, offered by its clinician (e.g. a capped phone call). */
export async function addConsultationType(
  db: Database,
  fx: { practice: { id: string }; clinician: { id: string } },
  values: Omit<NewConsultationType, 'practiceId'>,
) {
  const [type] = await db.insert(consultationTypes).values({ ...values, practiceId: fx.practice.id }).returning();
  await db.insert(clinicianConsultationTypes).values({ clinicianId: fx.clinician.id, consultationTypeId: type!.id });
  return type!;
}

export type TestPractice = Awaited<ReturnType<typeof createTestPractice>>;
