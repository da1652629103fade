/**
 * Bookings whose consultation type asks for an intake, straight in the database of the app under
 * test, in a practice of their own (its own address, so its "needs your attention" email can be
 * told apart), for the intake specs (e2e/intake-*.spec.ts). A couple's booking gets the partner's
 * own link, sealed beside its hash as the app seals it. Codes are read from the SMTP sink.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { bookingLinks, bookings, practices } from '../../db/schema';
import { hashLinkToken, newLinkToken } from '../../lib/bookings/link-tokens';
import { encryptText, parseKeyring } from '../../lib/crypto/envelope';
import { referenceOf } from '../../lib/staff/mappers';
import { BookingSeed } from './booking-seed';
import { E2E_ENV } from './e2e-env';
import { waitForMail, type ReceivedMail } from './mailbox';
import type { StaffDb } from './staff-fixture';

const DAY = 86_400_000;

export type IntakeHolder = { token: string; name: string; firstName: string; email: string };

export type IntakeBooking = {
  practiceId: string;
  /** Where the practice's notices go. */
  practiceEmail: string;
  bookingId: string;
  reference: string;
  primary: IntakeHolder;
  partner: IntakeHolder | null;
  remove(): Promise<void>;
};

export async function seedIntakeBooking(
  staffDb: StaffDb,
  options: { form: 'individual' | 'couples'; modality?: 'video' | 'in_person'; startsInDays?: number; okToEmail?: boolean },
): Promise<IntakeBooking> {
  const { db } = staffDb;
  const tag = crypto.randomBytes(5).toString('hex');
  const practiceEmail = `practice.${tag}@example.com`;
  const [practice] = await db
    .insert(practices)
    .values({ slug: `e2e-intake-${tag}`, name: `Intake practice ${tag}`, timeZone: 'America/New_York', email: practiceEmail, phone: '(212) 555-0147' })
    .returning({ id: practices.id });
  const practiceId = practice!.id;
  const couples = options.form === 'couples';
  const seed = await BookingSeed.create(staffDb, {
    practiceId,
    type: {
      title: couples ? 'Couples consultation' : 'Individual consultation',
      audience: couples ? 'couple' : 'individual',
      modality: options.modality ?? 'video',
      intakeForm: options.form,
    },
  });
  const primaryName = `Jordan Intake ${tag}`;
  const booked = await seed.add(new Date(Math.ceil((Date.now() + (options.startsInDays ?? 5) * DAY) / 3_600_000) * 3_600_000), {
    clientName: primaryName,
    clientEmail: `jordan.${tag}@example.com`,
    preferredChannel: 'email',
  });
  if (options.okToEmail === false) await db.update(bookings).set({ okToEmail: false }).where(eq(bookings.id, booked.id));

  let partner: IntakeHolder | null = null;
  if (couples) {
    const name = `Casey Partner ${tag}`;
    const email = `casey.${tag}@example.com`;
    await db.update(bookings).set({ partnerName: name, partnerEmail: email }).where(eq(bookings.id, booked.id));
    const token = newLinkToken();
    const tokenHash = hashLinkToken(token);
    const tokenCiphertext = encryptText(parseKeyring(E2E_ENV.HAVEN_DATA_KEYS), token, `booking-link-token:${tokenHash}`);
    await db.insert(bookingLinks).values({ bookingId: booked.id, holder: 'partner', tokenHash, tokenCiphertext });
    partner = { token, name, firstName: 'Casey', email };
  }

  return {
    practiceId,
    practiceEmail,
    bookingId: booked.id,
    reference: referenceOf(booked.id),
    primary: { token: booked.primaryToken, name: primaryName, firstName: 'Jordan', email: booked.clientEmail },
    partner,
    async remove() {
      await seed.remove();
      await staffDb.removePractices([practiceId]);
    },
  };
}

/** The 6-digit code in an intake code email. */
export function intakeCodeIn(mail: ReceivedMail): string {
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`No 6-digit code in message ${mail.file} "${mail.subject}"`);
  return code;
}

/**
 * The newest code emailed to `address` after `since` (the sink's file names sort by arrival), as a
 * person reads it from their inbox.
 */
export async function waitForIntakeCode(address: string, seen: ReadonlySet<string> = new Set()): Promise<{ code: string; mail: ReceivedMail }> {
  const mail = await waitForMail(address, (m) => /code/i.test(m.subject) && !seen.has(m.file));
  return { code: intakeCodeIn(mail), mail };
}
