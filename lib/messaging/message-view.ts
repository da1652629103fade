import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { bookingLinks, bookings, clinicians, consultationTypes, intakeCodes, intakes, messages, practices } from '../../db/schema';
import { openLinkToken } from '../bookings/link-token-seal';
import { openCode } from '../intake/intake-crypto';
import { DEFAULT_LOCALE } from '../i18n/locale';
import { publicUrl } from '../public-url';
import { referenceOf } from '../staff/mappers';
import { maskEmail } from './mask';
import type { MessageView } from './templates/view';

/** A message row with what its delivery needs: the view to render, the address, the calendar facts. */
export type LoadedMessage = {
  id: string;
  state: string;
  kind: MessageView['kind'];
  recipient: MessageView['recipient'];
  to: string | null;
  /** Why it must not go out after all (the booking moved on since it was written), or null. */
  stale: string | null;
  view: MessageView;
  calendar: {
    bookingId: string;
    sequence: number;
    status: MessageView['status'];
    startsAt: Date;
    endsAt: Date;
    organizer: { name: string; email: string };
    attendee: { name: string; email: string } | null;
    address: { addressLine1: string; addressLine2: string; city: string; region: string; postalCode: string };
  };
  senderName: string;
  replyTo: string | null;
};

/**
 * Loads a message and its booking, in one query plus the link and (for a failure notice) the
 * failed message; an intake code message opens its code (`now` decides whether it is still valid),
 * an intake reminder looks whether that person's intake was sent meanwhile.
 */
export async function loadMessage(db: Executor, messageId: string, now: Date = new Date()): Promise<LoadedMessage | null> {
  const [row] = await db
    .select({
      id: messages.id,
      kind: messages.kind,
      recipient: messages.recipient,
      state: messages.state,
      changedBy: messages.changedBy,
      linkId: messages.linkId,
      dedupeKey: messages.dedupeKey,
      aboutMessageId: messages.aboutMessageId,
      intakeCodeId: messages.intakeCodeId,
      bookingId: bookings.id,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      clientTimeZone: bookings.clientTimeZone,
      clientName: bookings.clientName,
      clientEmail: bookings.clientEmail,
      okToEmail: bookings.okToEmail,
      partnerName: bookings.partnerName,
      partnerEmail: bookings.partnerEmail,
      declined: bookings.declined,
      cancelledBy: bookings.cancelledBy,
      hasCancelText: bookings.cancelTextCiphertext,
      calendarSequence: bookings.calendarSequence,
      modality: consultationTypes.modality,
      intakeForm: consultationTypes.intakeForm,
      clinicianName: clinicians.displayName,
      practiceTimeZone: practices.timeZone,
      addressLine1: practices.addressLine1,
      addressLine2: practices.addressLine2,
      city: practices.city,
      region: practices.region,
      postalCode: practices.postalCode,
      phone: practices.phone,
      practiceEmail: practices.email,
      senderName: practices.emailSenderName,
      word: practices.sharedPageTitle,
    })
    .from(messages)
    .innerJoin(bookings, eq(bookings.id, messages.bookingId))
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(clinicians, eq(clinicians.id, bookings.clinicianId))
    .innerJoin(practices, eq(practices.id, messages.practiceId))
    .where(eq(messages.id, messageId))
    .limit(1);
  if (!row) return null;

  const link = row.linkId
    ? (await db
        .select({ tokenHash: bookingLinks.tokenHash, tokenCiphertext: bookingLinks.tokenCiphertext, timeZone: bookingLinks.timeZone, locale: bookingLinks.locale, revokedAt: bookingLinks.revokedAt })
        .from(bookingLinks)
        .where(eq(bookingLinks.id, row.linkId))
        .limit(1))[0]
    : undefined;
  const token = link && !link.revokedAt ? openLinkToken(link) : null;

  const isPartner = row.recipient === 'partner';
  const isPractice = row.recipient === 'practice';
  const to = isPractice ? row.practiceEmail || null : isPartner ? row.partnerEmail : row.clientEmail;
  const name = isPractice ? null : isPartner ? row.partnerName : row.clientName;
  const otherName = isPractice ? null : isPartner ? row.clientName : row.partnerName;

  let failed: MessageView['failed'] = null;
  if (row.kind === 'practice_delivery_failed' && row.aboutMessageId) {
    const [about] = await db
      .select({ kind: messages.kind, recipient: messages.recipient, sentTo: messages.sentTo, lastError: messages.lastError })
      .from(messages)
      .where(eq(messages.id, row.aboutMessageId))
      .limit(1);
    if (about) {
      const address = about.recipient === 'partner' ? row.partnerEmail : row.clientEmail;
      failed = { kind: about.kind, recipient: about.recipient, maskedAddress: maskEmail(about.sentTo ?? address ?? ''), error: about.lastError ?? '' };
    }
  }

  // The code, opened only while it can still be used: a used, replaced or expired code is not sent.
  let intakeCode: string | null = null;
  let intakeStale: string | null = null;
  if (row.kind === 'intake_code') {
    const [code] = row.intakeCodeId
      ? await db
          .select({ id: intakeCodes.id, ciphertext: intakeCodes.codeCiphertext, usedAt: intakeCodes.usedAt, expiresAt: intakeCodes.expiresAt })
          .from(intakeCodes)
          .where(eq(intakeCodes.id, row.intakeCodeId))
          .limit(1)
      : [];
    if (!code || code.usedAt || !code.ciphertext || code.expiresAt.getTime() <= now.getTime()) intakeStale = 'code_expired';
    else intakeCode = openCode(code.id, code.ciphertext);
  }
  // An intake reminder is not sent to a person whose intake is sent; a confirmation mentions the
  // intake's questions only to a person who still has them to answer.
  let asksForIntake = false;
  const mentionsIntake = row.kind === 'intake_reminder' || (INTAKE_LINE_KINDS.has(row.kind) && row.status === 'confirmed');
  if (mentionsIntake && (row.recipient === 'primary' || row.recipient === 'partner')) {
    const sent = row.intakeForm
      ? (
          await db
            .select({ id: intakes.id })
            .from(intakes)
            .where(and(eq(intakes.bookingId, row.bookingId), eq(intakes.holder, row.recipient), inArray(intakes.status, ['sent', 'reviewed'])))
            .limit(1)
        ).length > 0
      : false;
    if (row.kind === 'intake_reminder') intakeStale = !row.intakeForm ? 'no_intake' : sent ? 'intake_sent' : null;
    else asksForIntake = row.intakeForm !== null && !sent;
  }

  // "Springfield, IL 62701", as the practice's pages write it.
  const cityLine = [row.city, [row.region, row.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const addressLines = [row.addressLine1, row.addressLine2, cityLine].filter((l) => l.trim() !== '');
  const view: MessageView = {
    kind: row.kind,
    recipient: row.recipient,
    recipientName: name ? firstName(name) : null,
    changedBy: (row.changedBy as MessageView['changedBy']) ?? null,
    timeZone: isPractice ? row.practiceTimeZone : (link?.timeZone ?? row.clientTimeZone),
    locale: link?.locale ?? DEFAULT_LOCALE,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    modality: row.modality,
    status: row.status,
    word: row.word || 'Appointment',
    // Messages name the practice by its sender name (neutral by default, the practice's to set):
    // a practice's own name often says what it is ("… Therapy"), and an inbox is not private.
    practice: { name: row.senderName || 'Appointments', addressLines, phone: row.phone, email: row.practiceEmail },
    clinicianName: row.clinicianName,
    link: isPractice ? publicUrl(`/clinician/bookings/${row.bookingId}`) : token ? publicUrl(`/m/${token}`) : null,
    hasMessageOnPage: row.cancelledBy === 'staff' && row.hasCancelText !== null,
    otherPersonName: otherName ? firstName(otherName) : null,
    failed,
    reference: referenceOf(row.bookingId),
    ...(row.kind === 'intake_code' ? { intakeCode } : {}),
    ...(asksForIntake ? { asksForIntake } : {}),
  };

  return {
    id: row.id,
    state: row.state,
    kind: row.kind,
    recipient: row.recipient,
    to: to ? to.toLowerCase() : null,
    stale: staleness(row) ?? intakeStale,
    view,
    calendar: {
      bookingId: row.bookingId,
      sequence: row.calendarSequence,
      status: row.status,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      organizer: { name: row.senderName || 'Appointments', email: row.practiceEmail },
      attendee: to && name ? { name, email: to.toLowerCase() } : null,
      address: { addressLine1: row.addressLine1, addressLine2: row.addressLine2, city: row.city, region: row.region, postalCode: row.postalCode },
    },
    senderName: row.senderName || 'Appointments',
    replyTo: row.practiceEmail || null,
  };
}

/** Client messages that may carry the one line about the intake's questions. */
const INTAKE_LINE_KINDS: ReadonlySet<string> = new Set(['booking_confirmed', 'request_approved', 'booking_rescheduled']);

/**
 * A reminder (and an intake reminder) is for one start time of a confirmed booking: if the
 * booking was moved, cancelled or has begun since the reminder was written, it is not sent (the
 * change wrote its own messages).
 */
function staleness(row: { kind: string; dedupeKey: string | null; status: string; startsAt: Date; recipient: string; okToEmail: boolean }): string | null {
  if (row.recipient === 'primary' && !row.okToEmail) return 'no_email_consent';
  if (row.kind !== 'reminder' && row.kind !== 'intake_reminder') return null;
  if (row.status !== 'confirmed') return 'superseded';
  if (row.dedupeKey && !row.dedupeKey.includes(`:${row.startsAt.toISOString()}:`)) return 'superseded';
  return null;
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
