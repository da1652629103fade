import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { bookings, consultationTypes, practices } from '../../db/schema';
import { resolveLink, type LinkActor, type ResolvedLink } from '../bookings/link-access';
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

export async function loadIntakeScope(db: Executor, actor: LinkActor): Promise<IntakeScope | null> {
  const link = await resolveLink(db, actor);
  if (!link) return null;
  const [row] = await db
    .select({
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
    })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(practices, eq(practices.id, bookings.practiceId))
    .where(eq(bookings.id, link.bookingId))
    .limit(1);
  if (!row) return null;
  const partner = link.holder === 'partner';
  // The booker said "no email": no code goes to them (the page says to call the practice).
  const holderEmail = partner ? row.partnerEmail : row.okToEmail ? row.clientEmail : null;
  return {
    link,
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
  };
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
