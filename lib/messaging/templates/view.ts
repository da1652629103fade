import type { Modality } from '../../scheduling/types';
import type { ChangedBy, MessageKind, MessageRecipient } from '../kinds';

/**
 * Everything a message may say, loaded by the delivery job when it runs (./../message-view.ts)
 * and nothing more: no note, no reason, no decline text, no type name, no intake content exists
 * here, so no template can leak one. Times are instants; each template formats them in
 * `timeZone` (the recipient's own) with `locale`.
 */
export type MessageView = {
  kind: MessageKind;
  recipient: MessageRecipient;
  /** The recipient's first name or full name as given (the practice: null). */
  recipientName: string | null;
  /** Who made the change this message reports. */
  changedBy: ChangedBy | null;
  /** The recipient's IANA zone (their link's, else the booking's; the practice: its own). */
  timeZone: string;
  locale: string;
  startsAt: Date;
  endsAt: Date;
  /** In person at the office, by video, or by phone. */
  modality: Modality;
  status: 'requested' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';
  /** The practice's neutral word for a consultation ("Appointment"): subjects, titles. */
  word: string;
  practice: { name: string; addressLines: string[]; phone: string; email: string };
  clinicianName: string;
  /**
   * The recipient's own private page (https://…/m/<token>), or null when no live link can be
   * sealed into a message (a link from before messaging existed): the message then says to use
   * the link they were given or call the practice. Practice messages: the staff page of the booking.
   */
  link: string | null;
  /**
   * intake_code only: the 6-digit code, opened from its sealed row when the message is rendered
   * (never stored in `messages`); null when the code was used or has expired (then nothing is sent).
   */
  intakeCode?: string | null;
  /**
   * booking_confirmed / request_approved / booking_rescheduled: the consultation type asks for an
   * intake and this person has not sent theirs yet (one neutral line: answer the practice's
   * questions on the private page). Never what they answered.
   */
  asksForIntake?: boolean;
  /** request_declined / booking_cancelled by the practice: a message from the clinician waits on the private page. */
  hasMessageOnPage: boolean;
  /** Couples: the other person's first name (for "you and Sam"); never their address or link. */
  otherPersonName: string | null;
  /** practice_delivery_failed: which message could not be delivered and to whom (masked). */
  failed?: { kind: MessageKind; recipient: MessageRecipient; maskedAddress: string; error: string } | null;
  /** Booking reference shown to staff (short, e.g. "B-1A2B3C"); never shown to clients. */
  reference: string;
};

export type RenderedMessage = { subject: string; text: string; html: string };
