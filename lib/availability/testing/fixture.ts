import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import {
  availabilityOverrides,
  availabilityRules,
  bookingLinks,
  bookings,
  clinicianConsultationTypes,
  clinicians,
  consultationTypes,
  practices,
  staffUsers,
  type ConsultationType,
  type NewConsultationType,
} from '../../../db/schema';
import type { StaffActor } from '../../auth/actor';
import { blockedRangeOf } from '../../bookings/blocked-range';
import type { Modality } from '../../scheduling/types';

/**
 * Test data for the availability and audit data-layer tests, inserted straight into the
 * database with unique identities (tests share a server database): a practice in an explicit
 * zone, two clinicians, a clinician user for each and a front-desk user, three types.
 * Staff users get a placeholder password hash: these tests never sign in.
 */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${crypto.randomUUID().slice(0, 6)}`;

export type SchedulingFixture = Awaited<ReturnType<typeof createSchedulingPractice>>;

export async function createSchedulingPractice(db: Database, opts: { timeZone: string }) {
  const slug = `avail-${unique()}`;
  const [practice] = await db.insert(practices).values({ slug, name: `Availability practice ${slug}`, timeZone: opts.timeZone }).returning();
  const practiceId = practice!.id;
  const [clinician, otherClinician] = await db
    .insert(clinicians)
    .values([
      { practiceId, displayName: 'Dr. Avery Stone', sortOrder: 1 },
      { practiceId, displayName: 'Dr. Blake Moss', sortOrder: 2 },
    ])
    .returning();
  const base = { practiceId, minNoticeMinutes: 60, horizonDays: 60, incrementMinutes: 30, bufferAfterMinutes: 10 } satisfies Partial<NewConsultationType>;
  const types = await db
    .insert(consultationTypes)
    .values([
      { ...base, slug: 'video-50', title: 'Individual (video)', durationMinutes: 50, modality: 'video', audience: 'individual', sortOrder: 1 },
      { ...base, slug: 'in-person-80', title: 'Couples (in person)', durationMinutes: 80, modality: 'in_person', audience: 'couple', bookingMode: 'request', sortOrder: 2 },
      { ...base, slug: 'phone-15', title: 'Free phone call', durationMinutes: 15, modality: 'phone', audience: 'individual', bufferAfterMinutes: 0, sortOrder: 3 },
    ])
    .returning();
  const bySlug = new Map(types.map((t) => [t.slug, t]));
  await db.insert(clinicianConsultationTypes).values([
    ...types.map((t) => ({ clinicianId: clinician!.id, consultationTypeId: t.id })),
    { clinicianId: otherClinician!.id, consultationTypeId: bySlug.get('video-50')!.id },
  ]);

  const user = async (role: 'clinician' | 'front_desk', displayName: string, clinicianId: string | null) => {
    const [row] = await db
      .insert(staffUsers)
      .values({ practiceId, email: `${role}-${unique()}@example.test`, displayName, role, clinicianId, passwordHash: 'unused-in-these-tests' })
      .returning({ id: staffUsers.id, role: staffUsers.role, clinicianId: staffUsers.clinicianId, practiceId: staffUsers.practiceId });
    return row!;
  };
  const users = {
    clinician: await user('clinician', 'Avery Stone', clinician!.id),
    otherClinician: await user('clinician', 'Blake Moss', otherClinician!.id),
    frontDesk: await user('front_desk', 'Casey Desk', null),
  };
  return {
    practice: practice!,
    clinician: clinician!,
    otherClinician: otherClinician!,
    types: bySlug as Map<string, ConsultationType>,
    type: (slug: 'video-50' | 'in-person-80' | 'phone-15') => bySlug.get(slug)!,
    users,
    actors: {
      clinician: staffActor(users.clinician),
      otherClinician: staffActor(users.otherClinician),
      frontDesk: staffActor(users.frontDesk),
    },
  };
}

export function staffActor(user: { id: string; role: 'clinician' | 'front_desk'; practiceId: string; clinicianId: string | null }): StaffActor {
  return { kind: 'staff', userId: user.id, role: user.role, practiceId: user.practiceId, clinicianId: user.clinicianId, sessionId: crypto.randomUUID() };
}

export async function setWeeklyRules(
  db: Database,
  clinicianId: string,
  rules: Array<{ weekday: number; start: string; end: string; modalities: Modality[] }>,
): Promise<void> {
  await db.delete(availabilityRules).where(eq(availabilityRules.clinicianId, clinicianId));
  if (rules.length === 0) return;
  await db.insert(availabilityRules).values(rules.map((r) => ({ clinicianId, weekday: r.weekday, startTime: r.start, endTime: r.end, modalities: r.modalities })));
}

export const ALL_MODALITIES: Modality[] = ['in_person', 'video', 'phone'];

export async function insertOverride(
  db: Database,
  values: { clinicianId: string; date: string; kind: 'time_off' | 'extra_hours'; start?: string | null; end?: string | null; modalities?: Modality[]; label?: string },
) {
  const [row] = await db
    .insert(availabilityOverrides)
    .values({
      clinicianId: values.clinicianId,
      date: values.date,
      kind: values.kind,
      startTime: values.start ?? null,
      endTime: values.end ?? null,
      modalities: values.modalities ?? [],
      label: values.label ?? '',
    })
    .returning();
  return row!;
}

/** A booking straight into the table (the exclusion constraint still applies). */
export async function insertBooking(
  db: Database,
  values: {
    practiceId: string;
    clinicianId: string;
    type: ConsultationType;
    startsAt: string;
    status?: 'requested' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';
    clientName?: string;
    partnerLink?: boolean;
  },
) {
  const start = new Date(values.startsAt);
  const { endsAt, blocked } = blockedRangeOf(values.type, start);
  const [row] = await db
    .insert(bookings)
    .values({
      practiceId: values.practiceId,
      clinicianId: values.clinicianId,
      consultationTypeId: values.type.id,
      startsAt: start,
      endsAt,
      blocked,
      status: values.status ?? 'confirmed',
      clientTimeZone: 'Europe/Berlin',
      clientName: values.clientName ?? 'Jordan Ellis',
      clientEmail: `client-${unique()}@example.com`,
      clientPhone: '+1 212 555 0100',
      preferredChannel: 'email',
      consentedAt: new Date('2026-01-01T00:00:00Z'),
      idempotencyKey: crypto.randomUUID(),
    })
    .returning({ id: bookings.id, clientEmail: bookings.clientEmail });
  const [link] = await db
    .insert(bookingLinks)
    .values({ bookingId: row!.id, holder: values.partnerLink ? 'partner' : 'primary', tokenHash: `test-${unique()}` })
    .returning({ id: bookingLinks.id });
  return { id: row!.id, clientEmail: row!.clientEmail, linkId: link!.id };
}

/** The clinician's availability edit version as saved now (what a freshly loaded form would send). */
export async function availabilityVersionOf(db: Database, clinicianId: string): Promise<number> {
  const [row] = await db.select({ version: clinicians.availabilityVersion }).from(clinicians).where(eq(clinicians.id, clinicianId));
  return row?.version ?? 1;
}

/** A consultation type's edit version as saved now. */
export async function typeVersionOf(db: Database, typeId: string): Promise<number> {
  const [row] = await db.select({ version: consultationTypes.version }).from(consultationTypes).where(eq(consultationTypes.id, typeId));
  return row?.version ?? 1;
}
