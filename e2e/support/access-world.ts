/**
 * The people of the authorization matrix (e2e/authorization-matrix.spec.ts), in a practice of
 * their own, straight in the database of the app under test:
 *
 * - `anonymous`: no cookie, no link;
 * - `linkA` / `linkB`: clients holding the private link of booking A / booking B (nothing else);
 * - `frontDesk`, `clinician`: staff of the practice; the clinician is booking A's and the past
 *   booking's clinician;
 * - `otherClinician`: a second clinician of the same practice (clinical content is per clinician);
 * - `foreignDesk`: the front desk of another practice.
 *
 * Staff sessions are real: a `staff_sessions` row and a next-auth JWT cookie signed with the
 * server's secret, exactly what a password + TOTP sign-in produces (that flow has its own specs,
 * e2e/staff-auth.spec.ts; minting here keeps a matrix of hundreds of requests fast).
 */
import crypto from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import * as schema from '../../db/schema';
import { blockedRangeOf } from '../../lib/bookings/blocked-range';
import { hashLinkToken, newLinkToken } from '../../lib/bookings/link-tokens';
import { encryptText, parseKeyring } from '../../lib/crypto/envelope';
import { referenceOf } from '../../lib/staff/mappers';
import { insertIntake } from '../../db/seed-intakes';
import { E2E_ENV } from './e2e-env';
import type { StaffDb } from './staff-fixture';

const { availabilityOverrides, bookingLinks, bookings, clinicians, consultationTypes, intakeDevices, messages, practices, staffSessions, staffUsers } = schema;

export const ACTORS = ['anonymous', 'linkA', 'linkB', 'frontDesk', 'clinician', 'otherClinician', 'foreignDesk'] as const;
export type Actor = (typeof ACTORS)[number];
type StaffActorName = Extract<Actor, 'frontDesk' | 'clinician' | 'otherClinician' | 'foreignDesk'>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** What the client wrote when booking: no staff page but the clinician's may ever show it. */
export const CLIENT_NOTE = 'Matrix: a private worry only the clinician may read';
const SESSION_COOKIE = 'next-auth.session-token';

export type WorldBooking = { id: string; reference: string; token: string };

export type AccessWorld = {
  practiceId: string;
  /** Booking A (confirmed, in 3 days, the clinician's), booking B (confirmed, in 4 days, the other clinician's). */
  a: WorldBooking;
  b: WorldBooking;
  /** A request waiting for the clinician's decision (in 5 days). */
  request: WorldBooking;
  /** The clinician's consultation that started two hours ago. */
  past: WorldBooking;
  /** A booking of another practice. */
  foreign: WorldBooking;
  /** The practices' names: staff pages show the person's own practice, never another. */
  practiceNames: { home: string; elsewhere: string };
  /** The practice's instant consultation type (50 minutes, video). */
  typeId: string;
  /** The front desk's staff user id (the one a clinician may unlock). */
  frontDeskUserId: string;
  /** Time off of booking A's clinician, 20 days ahead (New York date). */
  timeOffId: string;
  /** A practice-local date far enough ahead for new time off / extra hours (YYYY-MM-DD). */
  freeDate: string;
  /** A well-formed private-link token that belongs to no booking. */
  unknownToken: string;
  /** The live calendar feed token of booking A's clinician (lib/calendar/feed.ts): a capability, like a private link. */
  feedToken: string;
  /** Booking A's confirmation to the client, sent (what "Send again" is offered on). */
  sentMessageId: string;
  /** The past booking's client's sent intake (one answer is CLIENT_NOTE: only the clinician's pages may show it). */
  intakeId: string;
  /** A development-mailbox message left in the table: a server with SMTP shows it to nobody. */
  devMailboxId: string;
  /** Booking A's earlier private link, replaced (revoked) since: it opens nothing, not even with its remembered device. */
  revokedToken: string;
  /**
   * The Cookie header of a device that proved itself (the emailed code) for booking A's holder
   * (`'a'`) or for the revoked link (`'revoked'`): a fresh device every call, as the intake's code
   * gate would remember it (lib/intake/device-access.ts).
   */
  intakeDeviceCookie(of: 'a' | 'revoked'): Promise<string>;
  /** The Cookie header for each staff actor: a fresh session every call. */
  cookieFor(actor: Actor): Promise<string | undefined>;
  /** The private-link token an actor holds, or the unknown one. */
  tokenFor(actor: Actor): string;
  /** Everything an action could change in this world (bookings, links, notes, intakes, questionnaire versions, sessions, drafts, hours, types, practice settings), to compare before and after. */
  snapshot(): Promise<unknown>;
  remove(): Promise<void>;
};

export async function createAccessWorld(staffDb: StaffDb): Promise<AccessWorld> {
  const db = staffDb.db;
  const keyring = parseKeyring(E2E_ENV.HAVEN_DATA_KEYS);
  const tag = crypto.randomBytes(5).toString('hex');
  const now = Date.now();
  const practiceIds: string[] = [];
  const bookingIds: string[] = [];
  const linkIds = new Map<string, string>();

  async function practice(suffix: string) {
    const [row] = await db
      .insert(practices)
      .values({ slug: `e2e-matrix-${suffix}-${tag}`, name: `Matrix practice ${suffix} ${tag}`, timeZone: 'America/New_York' })
      .returning({ id: practices.id });
    practiceIds.push(row!.id);
    return row!.id;
  }
  async function clinician(practiceId: string, name: string) {
    const [row] = await db.insert(clinicians).values({ practiceId, displayName: `${name} ${tag}` }).returning({ id: clinicians.id });
    return row!.id;
  }
  async function type(practiceId: string, bookingMode: 'instant' | 'request') {
    const [row] = await db
      .insert(consultationTypes)
      .values({
        practiceId,
        slug: `matrix-${bookingMode}-${tag}`,
        title: 'Individual consultation',
        modality: 'video',
        audience: 'individual',
        bookingMode,
        durationMinutes: 50,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        // Every booking of the world asks for an intake: the intake pages and actions have something to guard.
        intakeForm: 'individual',
      })
      .returning({ id: consultationTypes.id });
    return row!.id;
  }
  async function booking(params: {
    practiceId: string;
    clinicianId: string;
    typeId: string;
    startsAt: Date;
    status: 'confirmed' | 'requested';
  }): Promise<WorldBooking> {
    const id = crypto.randomUUID();
    const { endsAt, blocked } = blockedRangeOf({ durationMinutes: 50, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 }, params.startsAt);
    await db.insert(bookings).values({
      id,
      practiceId: params.practiceId,
      clinicianId: params.clinicianId,
      consultationTypeId: params.typeId,
      startsAt: params.startsAt,
      endsAt,
      blocked,
      status: params.status,
      clientTimeZone: 'America/Chicago',
      clientName: `Matrix Client ${bookingIds.length} ${tag}`,
      clientEmail: `matrix${bookingIds.length}.${tag}@example.com`,
      clientPhone: '+1 (646) 555-0199',
      preferredChannel: 'email',
      clientNoteCiphertext: encryptText(keyring, CLIENT_NOTE, `booking-note:${id}`),
      consentedAt: new Date(now - 7 * DAY),
      idempotencyKey: crypto.randomUUID(),
    });
    bookingIds.push(id);
    const token = newLinkToken();
    const [link] = await db.insert(bookingLinks).values({ bookingId: id, holder: 'primary', tokenHash: hashLinkToken(token) }).returning({ id: bookingLinks.id });
    linkIds.set(id, link!.id);
    return { id, reference: referenceOf(id), token };
  }
  /** A staff user who never signs in with a password here (the hash is not a valid argon2 hash). */
  async function staff(practiceId: string, role: 'clinician' | 'front_desk', clinicianId: string | null, name: string) {
    const [row] = await db
      .insert(staffUsers)
      .values({
        practiceId,
        email: `${name.toLowerCase()}.${tag}@matrix.test`,
        displayName: `${name} ${tag}`,
        role,
        clinicianId,
        passwordHash: 'matrix-no-password',
        // Two-step sign-in counts as set up: the session is fully active, not waiting for enrolment.
        totpSecretCiphertext: 'matrix-not-a-secret',
        totpEnabledAt: new Date(now - DAY),
      })
      .returning({ id: staffUsers.id, displayName: staffUsers.displayName });
    return { id: row!.id, name: row!.displayName, role };
  }

  const home = await practice('home');
  const elsewhere = await practice('elsewhere');
  const drRowan = await clinician(home, 'Dr. Rowan');
  const drSage = await clinician(home, 'Dr. Sage');
  const drFar = await clinician(elsewhere, 'Dr. Far');
  const instant = await type(home, 'instant');
  const request = await type(home, 'request');
  const farType = await type(elsewhere, 'instant');

  const at = (days: number, hour = 15) => new Date(Math.floor((now + days * DAY) / (60 * MINUTE)) * 60 * MINUTE + (hour - 15) * 60 * MINUTE);
  const world = {
    a: await booking({ practiceId: home, clinicianId: drRowan, typeId: instant, startsAt: at(3), status: 'confirmed' }),
    b: await booking({ practiceId: home, clinicianId: drSage, typeId: instant, startsAt: at(4), status: 'confirmed' }),
    request: await booking({ practiceId: home, clinicianId: drRowan, typeId: request, startsAt: at(5), status: 'requested' }),
    past: await booking({ practiceId: home, clinicianId: drRowan, typeId: instant, startsAt: new Date(now - 2 * 60 * MINUTE), status: 'confirmed' }),
    foreign: await booking({ practiceId: elsewhere, clinicianId: drFar, typeId: farType, startsAt: at(3), status: 'confirmed' }),
  };

  const people: Record<StaffActorName, { id: string; name: string; role: 'clinician' | 'front_desk' }> = {
    frontDesk: await staff(home, 'front_desk', null, 'Desk'),
    clinician: await staff(home, 'clinician', drRowan, 'Rowan'),
    otherClinician: await staff(home, 'clinician', drSage, 'Sage'),
    foreignDesk: await staff(elsewhere, 'front_desk', null, 'Faraway'),
  };
  const revokedToken = newLinkToken();
  const [revokedLink] = await db
    .insert(bookingLinks)
    .values({ bookingId: world.a.id, holder: 'primary', tokenHash: hashLinkToken(revokedToken), revokedAt: new Date(now - DAY) })
    .returning({ id: bookingLinks.id });
  const unknownToken = newLinkToken();
  const feedToken = newLinkToken();
  await db.update(clinicians).set({ calendarFeedTokenHash: hashLinkToken(feedToken) }).where(eq(clinicians.id, drRowan));
  const nyDate = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(now + days * DAY));
  const [timeOff] = await db
    .insert(availabilityOverrides)
    .values({ clinicianId: drRowan, date: nyDate(20), kind: 'time_off', label: 'Matrix time off' })
    .returning({ id: availabilityOverrides.id });
  const [sent] = await db
    .insert(messages)
    .values({ practiceId: home, bookingId: world.a.id, kind: 'booking_confirmed', recipient: 'primary', state: 'sent', sentTo: 'matrix@example.com', sentAt: new Date(now - DAY) })
    .returning({ id: messages.id });
  const [mail] = await db
    .insert(schema.devMailbox)
    .values({ toAddress: `matrix.${tag}@example.com`, fromAddress: 'Appointments <no-reply@example.com>', subject: `Matrix mail ${tag}`, textBody: 'Matrix', htmlBody: '<p>Matrix</p>' })
    .returning({ id: schema.devMailbox.id });
  const intake = await insertIntake(db, {
    keyring,
    bookingId: world.past.id,
    holder: 'primary',
    status: 'sent',
    answers: { 'reasons-now': CLIENT_NOTE, 'phq9-9': 'LA6569-3' },
    at: new Date(now - DAY),
  });
  const clinicianIds = [drRowan, drSage, drFar];
  const typeIds = [instant, request, farType];

  return {
    practiceId: home,
    ...world,
    practiceNames: { home: `Matrix practice home ${tag}`, elsewhere: `Matrix practice elsewhere ${tag}` },
    typeId: instant,
    frontDeskUserId: people.frontDesk.id,
    timeOffId: timeOff!.id,
    freeDate: nyDate(30),
    unknownToken,
    revokedToken,
    async intakeDeviceCookie(of) {
      const token = crypto.randomBytes(32).toString('base64url');
      await db.insert(intakeDevices).values({
        linkId: of === 'a' ? linkIds.get(world.a.id)! : revokedLink!.id,
        // As lib/intake/device-access.ts's deviceTokenHash (a server-only module): SHA-256 hex of the token.
        tokenHash: crypto.createHash('sha256').update(token, 'utf8').digest('hex'),
        expiresAt: new Date(now + 10 * DAY),
      });
      return `haven_intake_device=${token}`;
    },
    feedToken,
    sentMessageId: sent!.id,
    intakeId: intake.id,
    devMailboxId: mail!.id,
    tokenFor(actor) {
      if (actor === 'linkA') return world.a.token;
      if (actor === 'linkB') return world.b.token;
      return unknownToken;
    },
    async cookieFor(actor) {
      if (!(actor in people)) return undefined;
      const person = people[actor as StaffActorName];
      const [session] = await db
        .insert(staffSessions)
        .values({ userId: person.id, createdAt: new Date(), lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 12 * 60 * MINUTE) })
        .returning({ id: staffSessions.id });
      const jwt = await encode({
        token: { sub: person.id, name: person.name, role: person.role, sessionId: session!.id },
        secret: E2E_ENV.NEXTAUTH_SECRET,
        maxAge: 12 * 60 * 60,
      });
      return `${SESSION_COOKIE}=${jwt}`;
    },
    async snapshot() {
      const userIds = Object.values(people).map((p) => p.id);
      const ids = sql.join(bookingIds.map((id) => sql`${id}::uuid`), sql`, `);
      const users = sql.join(userIds.map((id) => sql`${id}::uuid`), sql`, `);
      const clinicianSql = sql.join(clinicianIds.map((id) => sql`${id}::uuid`), sql`, `);
      const typeSql = sql.join(typeIds.map((id) => sql`${id}::uuid`), sql`, `);
      const practiceSql = sql.join(practiceIds.map((id) => sql`${id}::uuid`), sql`, `);
      // One statement: the rows as JSON, ordered, so two snapshots compare exactly.
      const result = (await db.execute(
        sql`select json_build_object(
            'bookings', (select json_agg(row_to_json(b) order by b.id) from bookings b where b.id in (${ids})),
            'links', (select json_agg(row_to_json(l) order by l.id) from booking_links l where l.booking_id in (${ids})),
            'messages', (select json_agg(json_build_object('id', m.id, 'state', m.state) order by m.id) from messages m where m.booking_id in (${ids})),
            'records', (select json_agg(row_to_json(r) order by r.booking_id) from consultation_records r where r.booking_id in (${ids})),
            'questionnaires', (select json_agg(json_build_object('id', q.id, 'version', q.version) order by q.id) from intake_questionnaires q where q.practice_id in (${practiceSql})),
            'sessions', (select json_agg(json_build_object('id', s.id, 'revoked', s.revoked_at) order by s.id) from staff_sessions s where s.user_id in (${users})),
            'drafts', (select json_agg(row_to_json(d) order by d.user_id, d.form_key) from staff_drafts d where d.user_id in (${users})),
            'rules', (select json_agg(row_to_json(r) order by r.id) from availability_rules r where r.clinician_id in (${clinicianSql})),
            'overrides', (select json_agg(row_to_json(o) order by o.id) from availability_overrides o where o.clinician_id in (${clinicianSql})),
            'types', (select json_agg(row_to_json(t) order by t.id) from consultation_types t where t.id in (${typeSql})),
            'practices', (select json_agg(row_to_json(p) order by p.id) from practices p where p.id in (${practiceSql})),
            'clinicians', (select json_agg(row_to_json(c) order by c.id) from clinicians c where c.id in (${clinicianSql})),
            'users', (select json_agg(json_build_object('id', u.id, 'validAfter', u.sessions_valid_after) order by u.id) from staff_users u where u.id in (${users})),
            'intakes', (select json_agg(json_build_object('id', i.id, 'status', i.status, 'revision', i.draft_revision, 'submitted', i.submitted_at, 'flagged', i.flagged_at, 'reviewedAt', i.reviewed_at, 'answers', i.answers_ciphertext) order by i.id) from intakes i where i.booking_id in (${ids})),
            'intakeDevices', (select json_agg(json_build_object('id', d.id, 'revoked', d.revoked_at) order by d.id) from intake_devices d join booking_links l on l.id = d.link_id where l.booking_id in (${ids})),
            'intakeCodes', (select json_agg(json_build_object('id', c.id, 'attempts', c.attempts, 'used', c.used_at) order by c.id) from intake_codes c join booking_links l on l.id = c.link_id where l.booking_id in (${ids}))
          ) as state`,
      )) as unknown as { rows: Array<{ state: unknown }> };
      return result.rows[0]!.state;
    },
    async remove() {
      // Bookings hold their practice (no cascade); staff, sessions and links go with the practice / booking.
      await db.delete(bookings).where(inArray(bookings.id, bookingIds));
      await staffDb.removePractices(practiceIds);
      await db.delete(schema.devMailbox).where(inArray(schema.devMailbox.id, [mail!.id]));
    },
  };
}
