import { asc, count, eq } from 'drizzle-orm';
import type { Database } from './client';
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
  type NewConsultationType,
} from './schema';
import { addDaysToDate, localDateOf, weekdayOfDate, zonedTimeToUtc } from '../lib/scheduling/zoned-time';
import { createHash } from 'node:crypto';
import { blockedRangeOf } from '../lib/bookings/blocked-range';
import { seedDemoStaff } from './seed-staff';
import { parseKeyring, type Keyring } from '../lib/crypto/envelope';
import { env } from '../lib/env';
import type { Answers } from '../lib/intake/types';
import { gad7Answers, insertIntake, phq9Answers } from './seed-intakes';

export const DEMO_PRACTICE_SLUG = 'demo';
const ZONE = 'America/New_York';

/** Seeds the demo practice when the database has no practice at all. Returns whether it did. */
export async function seedDemoIfEmpty(db: Database, now = new Date()): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(practices);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemoPractice(db, { now });
  return true;
}

/**
 * For local databases seeded before staff sign-in existed (`npm run dev` / `npm run demo` only):
 * adds the demo staff to the demo practice when it has no staff user at all. Returns whether it did.
 */
export async function seedDemoStaffIfMissing(db: Database, now = new Date()): Promise<boolean> {
  const [practice] = await db.select({ id: practices.id }).from(practices).where(eq(practices.slug, DEMO_PRACTICE_SLUG));
  if (!practice) return false;
  const [staff] = await db.select({ n: count() }).from(staffUsers).where(eq(staffUsers.practiceId, practice.id));
  if ((staff?.n ?? 0) > 0) return false;
  const [clinician] = await db
    .select({ id: clinicians.id })
    .from(clinicians)
    .where(eq(clinicians.practiceId, practice.id))
    .orderBy(asc(clinicians.createdAt))
    .limit(1);
  if (!clinician) return false;
  const seeded = await seedDemoStaff(db, { practiceId: practice.id, clinicianId: clinician.id, now });
  return seeded.clinicianUserId !== null || seeded.frontDeskUserId !== null;
}

/**
 * A New York practice: one clinician who sees individuals and couples, in person on Tuesdays
 * and Thursdays, by video on Mondays, Wednesdays and Fridays; a free 15-minute phone
 * consultation, 50-minute individual and 80-minute couples consultations; a few bookings and
 * some time off relative to `now`; a demo clinician and front-desk sign-in (db/seed-staff.ts).
 */
export async function seedDemoPractice(db: Database, opts: { now: Date; slug?: string; name?: string; keyring?: Keyring }) {
  return db.transaction(async (tx) => {
    const [practice] = await tx
      .insert(practices)
      .values({
        slug: opts.slug ?? DEMO_PRACTICE_SLUG,
        name: opts.name ?? 'Maya Lindqvist Therapy',
        tagline: 'Psychotherapy and sex therapy for adults and couples in New York City and by video.',
        about:
          'A calm, confidential space to talk about relationships, intimacy, anxiety and change. ' +
          'Individual adults and couples of every orientation and identity are welcome.',
        timeZone: ZONE,
        addressLine1: '200 West 57th Street',
        addressLine2: 'Suite 1100',
        city: 'New York',
        region: 'NY',
        postalCode: '10019',
        phone: '(212) 555-0147',
        email: 'hello@example.com',
      })
      .returning();
    if (!practice) throw new Error('seed: practice insert returned nothing');

    const [clinician] = await tx
      .insert(clinicians)
      .values({
        practiceId: practice.id,
        displayName: 'Maya Lindqvist, LCSW',
        credentials: 'Licensed clinical social worker · AASECT-certified sex therapist',
        pronouns: 'she/her',
        bio: 'Maya works with individuals and couples on desire, intimacy, communication, sexual health and life transitions, with warmth and without judgement.',
      })
      .returning();
    if (!clinician) throw new Error('seed: clinician insert returned nothing');

    const common = { practiceId: practice.id, horizonDays: 60 } satisfies Partial<NewConsultationType>;
    const types = await tx
      .insert(consultationTypes)
      .values([
        { ...common, slug: 'free-phone-call', title: 'Free 15-minute phone call', description: 'A short, no-cost call to ask questions and see whether working together feels right.', durationMinutes: 15, modality: 'phone', audience: 'individual', feeCents: 0, bookingMode: 'instant', minNoticeMinutes: 240, incrementMinutes: 15, bufferAfterMinutes: 5, dailyCap: 4, sortOrder: 0 },
        { ...common, intakeForm: 'individual', slug: 'individual-video', title: 'Individual consultation by video', description: 'A first 50-minute conversation about what brings you here and what you hope will change.', durationMinutes: 50, modality: 'video', audience: 'individual', feeCents: 20000, bookingMode: 'instant', minNoticeMinutes: 1440, incrementMinutes: 30, bufferAfterMinutes: 10, sortOrder: 1 },
        { ...common, intakeForm: 'individual', slug: 'individual-in-person', title: 'Individual consultation in person', description: 'A first 50-minute conversation at the Midtown office.', durationMinutes: 50, modality: 'in_person', audience: 'individual', feeCents: 20000, bookingMode: 'instant', minNoticeMinutes: 1440, incrementMinutes: 30, bufferAfterMinutes: 10, sortOrder: 2 },
        { ...common, intakeForm: 'couples', slug: 'couples-video', title: 'Couples consultation by video', description: 'An 80-minute first session for you and your partner, each joining from wherever is comfortable.', durationMinutes: 80, modality: 'video', audience: 'couple', feeCents: 27500, bookingMode: 'instant', minNoticeMinutes: 1440, incrementMinutes: 30, bufferAfterMinutes: 10, sortOrder: 3 },
        { ...common, intakeForm: 'couples', slug: 'couples-in-person', title: 'Couples consultation in person', description: 'An 80-minute first session together at the Midtown office. The practice confirms each request personally.', durationMinutes: 80, modality: 'in_person', audience: 'couple', feeCents: 27500, bookingMode: 'request', minNoticeMinutes: 2880, incrementMinutes: 30, bufferAfterMinutes: 10, dailyCap: 2, sortOrder: 4 },
      ])
      .returning();
    await tx.insert(clinicianConsultationTypes).values(types.map((t) => ({ clinicianId: clinician.id, consultationTypeId: t.id })));

    await tx.insert(availabilityRules).values([
      ...[1, 3, 5].map((weekday) => ({ clinicianId: clinician.id, weekday, startTime: '09:00', endTime: '17:00', modalities: ['video' as const, 'phone' as const] })),
      ...[2, 4].map((weekday) => ({ clinicianId: clinician.id, weekday, startTime: '10:00', endTime: '18:00', modalities: ['in_person' as const, 'phone' as const] })),
    ]);

    // Time off: the second Friday from now (whole day) and a Wednesday morning.
    const today = localDateOf(opts.now.getTime(), ZONE);
    const nextWeekday = (weekday: number, weeksAhead: number) => {
      let d = addDaysToDate(today, 1);
      while (weekdayOfDate(d) !== weekday) d = addDaysToDate(d, 1);
      return addDaysToDate(d, 7 * weeksAhead);
    };
    await tx.insert(availabilityOverrides).values([
      { clinicianId: clinician.id, date: nextWeekday(5, 1), kind: 'time_off', label: 'Conference' },
      { clinicianId: clinician.id, date: nextWeekday(3, 2), kind: 'time_off', startTime: '09:00', endTime: '12:00', label: 'Supervision' },
      { clinicianId: clinician.id, date: nextWeekday(6, 2), kind: 'extra_hours', startTime: '10:00', endTime: '13:00', modalities: ['video', 'phone'], label: 'Saturday video hours' },
    ]);

    const bySlug = new Map(types.map((t) => [t.slug, t]));
    const demoBookings = [
      { slug: 'individual-video', date: nextWeekday(1, 0), time: '10:00', name: 'Jordan Ellis', email: 'jordan@example.com' },
      { slug: 'individual-in-person', date: nextWeekday(2, 0), time: '14:00', name: 'Sam Rivera', email: 'sam@example.com' },
      { slug: 'couples-video', date: nextWeekday(3, 1), time: '13:00', name: 'Alex Chen', email: 'alex@example.com', partner: ['Riley Chen', 'riley@example.com'] as const },
      { slug: 'free-phone-call', date: nextWeekday(4, 0), time: '16:00', name: 'Casey Morgan', email: 'casey@example.com' },
      { slug: 'couples-in-person', date: nextWeekday(4, 1), time: '11:00', name: 'Dana Brooks', email: 'dana@example.com', partner: ['Kai Brooks', 'kai@example.com'] as const },
    ];
    const bookingIdByName = new Map<string, string>();
    for (const b of demoBookings) {
      const type = bySlug.get(b.slug)!;
      const startsAt = new Date(zonedTimeToUtc(b.date, b.time, ZONE));
      const { endsAt, blocked } = blockedRangeOf(type, startsAt);
      const [row] = await tx
        .insert(bookings)
        .values({
          practiceId: practice.id,
          clinicianId: clinician.id,
          consultationTypeId: type.id,
          startsAt,
          endsAt,
          blocked,
          status: type.bookingMode === 'request' ? 'requested' : 'confirmed',
          clientTimeZone: ZONE,
          clientName: b.name,
          clientEmail: b.email,
          clientPhone: '(917) 555-0100',
          preferredChannel: 'email',
          okToEmail: true,
          partnerName: b.partner?.[0] ?? null,
          partnerEmail: b.partner?.[1] ?? null,
          consentedAt: opts.now,
          idempotencyKey: crypto.randomUUID(),
        })
        .returning({ id: bookings.id });
      bookingIdByName.set(b.name, row!.id);
      // Demo links are not shown anywhere; their tokens are random and discarded.
      await tx.insert(bookingLinks).values({ bookingId: row!.id, holder: 'primary', tokenHash: createHash('sha256').update(crypto.randomUUID()).digest('hex') });
    }

    // Staff sign-in (issue 3): the demo clinician (two-step sign-in set up with the README's
    // secret) and the demo front desk. Production refuses to start with their passwords.
    await seedDemoStaff(tx, { practiceId: practice.id, clinicianId: clinician.id, now: opts.now });

    // Intakes (issue 9), so the clinician's inbox has something to show: a sent one with scores, a
    // flagged one, one in progress, and a couple who have both sent theirs. Sealed like the app's.
    const keyring = opts.keyring ?? parseKeyring(env().HAVEN_DATA_KEYS);
    const hoursAgo = (h: number) => new Date(opts.now.getTime() - h * 3_600_000);
    for (const intake of demoIntakes()) {
      await insertIntake(tx, { keyring, bookingId: bookingIdByName.get(intake.booking)!, holder: intake.holder, status: intake.status, answers: intake.answers, at: hoursAgo(intake.hoursAgo) });
    }
    return { practice, clinician, types };
  });
}

/** The demo's intakes: invented people, plain answers (scores in the comments). */
function demoIntakes(): Array<{ booking: string; holder: 'primary' | 'partner'; status: 'in_progress' | 'sent'; hoursAgo: number; answers: Answers }> {
  const person = (name: string, birthDate: string, extra: Answers): Answers => ({
    'preferred-name': name.split(' ')[0]!,
    'birth-date': birthDate,
    'contact-ok': ['email'],
    'emergency-name': 'A. Friend',
    'emergency-phone': '(917) 555-0111',
    'medications-any': false,
    'privacy-ack': 'acknowledged',
    'consent-treatment-signature': name,
    'telehealth-location': 'Brooklyn, NY',
    'telehealth-signature': name,
    'auditc-1': 'monthly-or-less',
    'auditc-2': '1-2',
    'auditc-3': 'never',
    ...extra,
  });
  return [
    {
      // PHQ-9 11 (moderate), GAD-7 9 (mild).
      booking: 'Jordan Ellis',
      holder: 'primary',
      status: 'sent',
      hoursAgo: 20,
      answers: person('Jordan Ellis', '1990-04-12', {
        pronouns: 'they/them',
        'sex-at-birth': 'prefer-not-to-say',
        'reasons-now': 'Since a breakup last spring I have been avoiding dating and feel flat most days.',
        'reasons-goals': 'To feel like myself again and to understand what keeps going wrong.',
        'prior-therapy': false,
        'relationship-status': 'single',
        ...phq9Answers([2, 2, 1, 2, 1, 1, 1, 1, 0]),
        ...gad7Answers([2, 1, 2, 1, 1, 1, 1]),
      }),
    },
    {
      // PHQ-9 17 (moderately severe) with item 9 above 0: the self-harm flag.
      booking: 'Sam Rivera',
      holder: 'primary',
      status: 'sent',
      hoursAgo: 3,
      answers: person('Sam Rivera', '1984-09-30', {
        pronouns: 'he/him',
        'sex-at-birth': 'male',
        'reasons-now': 'Work has fallen apart and my marriage is strained. I have not been sleeping.',
        'prior-therapy': true,
        'prior-therapy-details': 'Saw a counsellor in college; it helped to have somewhere to talk.',
        'relationship-status': 'married',
        ...phq9Answers([2, 3, 3, 2, 2, 2, 1, 1, 1]),
        ...gad7Answers([2, 2, 2, 2, 1, 2, 1]),
      }),
    },
    ...(['Alex Chen', 'Riley Chen'] as const).map((name, i) => ({
      booking: 'Alex Chen',
      holder: i === 0 ? ('primary' as const) : ('partner' as const),
      status: 'sent' as const,
      hoursAgo: 30 - i * 6,
      answers: person(name, i === 0 ? '1988-02-03' : '1987-11-21', {
        'sex-at-birth': i === 0 ? 'female' : 'male',
        'reasons-now': i === 0 ? 'We argue about the same things and have stopped being close.' : 'We have drifted apart since our daughter was born.',
        'relationship-status': 'married',
        'couple-hopes': i === 0 ? 'To talk without it turning into a fight.' : 'To feel like a team again.',
        'csi4-1': i === 0 ? 'a-little-unhappy' : 'happy',
        'csi4-2': i === 0 ? 'somewhat' : 'mostly',
        'csi4-3': i === 0 ? 'a-little' : 'somewhat',
        'csi4-4': i === 0 ? 'somewhat' : 'mostly',
        'sex-choice': i === 0 ? 'sometimes-duty' : 'mostly-chosen',
        'partner-safety': 'no',
        'no-secrets-signature': name,
        ...phq9Answers(i === 0 ? [1, 1, 1, 1, 0, 1, 0, 0, 0] : [0, 1, 0, 1, 0, 0, 1, 0, 0]),
        ...gad7Answers(i === 0 ? [1, 1, 1, 1, 0, 1, 0] : [1, 0, 1, 0, 0, 1, 0]),
      }),
    })),
    {
      // Started, not sent: the clinician sees "In progress" only.
      booking: 'Dana Brooks',
      holder: 'primary',
      status: 'in_progress',
      hoursAgo: 2,
      answers: { 'preferred-name': 'Dana', 'reasons-now': 'We would like help talking about intimacy.' },
    },
  ];
}
