import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { bookingLinks, bookings, consultationTypes, intakeDevices, practices } from '../../db/schema';
import type { LinkActor, ResolvedLink } from '../bookings/link-access';
import { hashLinkToken, isWellFormedLinkToken, sameHash } from '../bookings/link-tokens';
import type { IntakeForm } from './types';

/**
 * What a private link reaches for its intake: the link (one holder of one booking), the booking's
 * facts, and the consultation type's intake form (null: the type asks for none). Every client
 * intake function starts here, so a link only ever reaches its own holder's intake.
 */
export type IntakeScope = {
  link: ResolvedLink;
  booking: {
    id: string;
    practiceId: string;
    status: 'requested' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';
    startsAt: Date;
    endsAt: Date;
    modality: 'video' | 'in_person' | 'phone';
    /** This holder's own name and address (never the other person's). */
    holderName: string;
    holderEmail: string | null;
    practiceEmail: string;
  };
  form: IntakeForm | null;
};

/**
 * The link's scope in one query (link, booking, type, practice) and, when a device token is
 * given, whether that device opens this link's intake at `now` (`deviceOpens`). Unknown,
 * malformed and revoked links are null alike (as resolveLink).
 */
export async function loadIntakeScope(
  db: Executor,
  actor: LinkActor,
  device?: { token: string | null | undefined; now: Date },
): Promise<(IntakeScope & { deviceOpens: boolean }) | null> {
  if (actor.kind !== 'link' || !isWellFormedLinkToken(actor.token)) return null;
  const tokenHash = hashLinkToken(actor.token);
  const deviceHash = device?.token && DEVICE_TOKEN.test(device.token) ? deviceTokenHash(device.token) : null;
  const [row] = await db
    .select({
      linkId: bookingLinks.id,
      tokenHash: bookingLinks.tokenHash,
      holder: bookingLinks.holder,
      timeZone: bookingLinks.timeZone,
      id: bookings.id,
      practiceId: bookings.practiceId,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      clientName: bookings.clientName,
      clientEmail: bookings.clientEmail,
      okToEmail: bookings.okToEmail,
      partnerName: bookings.partnerName,
      partnerEmail: bookings.partnerEmail,
      modality: consultationTypes.modality,
      form: consultationTypes.intakeForm,
      practiceEmail: practices.email,
      deviceId: intakeDevices.id,
    })
    .from(bookingLinks)
    .innerJoin(bookings, eq(bookings.id, bookingLinks.bookingId))
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(practices, eq(practices.id, bookings.practiceId))
    .leftJoin(
      intakeDevices,
      and(
        eq(intakeDevices.linkId, bookingLinks.id),
        // No token: '' matches no row (hashes are 64 hex digits).
        eq(intakeDevices.tokenHash, deviceHash ?? ''),
        isNull(intakeDevices.revokedAt),
        gt(intakeDevices.expiresAt, device?.now ?? new Date(0)),
      ),
    )
    .where(and(eq(bookingLinks.tokenHash, tokenHash), isNull(bookingLinks.revokedAt)))
    .limit(1);
  if (!row || !sameHash(row.tokenHash, tokenHash)) return null;
  const partner = row.holder === 'partner';
  // The booker said "no email": no code goes to them (the page says to call the practice).
  const holderEmail = partner ? row.partnerEmail : row.okToEmail ? row.clientEmail : null;
  return {
    link: { linkId: row.linkId, bookingId: row.id, holder: row.holder, timeZone: row.timeZone },
    booking: {
      id: row.id,
      practiceId: row.practiceId,
      status: row.status,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      modality: row.modality,
      holderName: (partner ? row.partnerName : row.clientName) ?? '',
      holderEmail: holderEmail ? holderEmail.toLowerCase() : null,
      practiceEmail: row.practiceEmail,
    },
    form: row.form,
    deviceOpens: row.deviceId !== null,
  };
}

/** A device token as the cookie holds it (256 random bits, base64url). */
export const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function deviceTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A device (and the intake) is good until the day after the consultation. */
export const AFTER_CONSULTATION_MS = 24 * 3_600_000;

export function intakeAccessEndsAt(scope: IntakeScope): Date {
  return new Date(scope.booking.endsAt.getTime() + AFTER_CONSULTATION_MS);
}

/** New answers are taken while the booking stands (requested or confirmed) and has not ended. */
export function intakeAcceptsAnswers(scope: IntakeScope, now: Date): boolean {
  return (scope.booking.status === 'requested' || scope.booking.status === 'confirmed') && now.getTime() < scope.booking.endsAt.getTime();
}
