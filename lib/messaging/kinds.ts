/**
 * Every kind of message Haven sends, as data. Subjects, bodies and who receives what are decided
 * from these (lib/messaging/templates, lib/messaging/booking-messages.ts); the database enum
 * `message_kind` is built from this list, so adding a kind is a migration.
 */
export const MESSAGE_KINDS = [
  // To a client (each partner of a couple gets their own, with their own link).
  'booking_confirmed',
  'request_received',
  'request_approved',
  'request_declined',
  'booking_rescheduled',
  'booking_cancelled',
  'link_issued',
  'reminder',
  /** The 6-digit code that opens an intake on a new device (rendered from intake_codes; never stored here). */
  'intake_code',
  /** Please finish your intake: 48 hours before, if it is not sent. */
  'intake_reminder',
  // To the practice.
  'practice_new_booking',
  'practice_new_request',
  'practice_client_cancelled',
  'practice_delivery_failed',
  /** "An intake needs your attention": a safety flag was raised (no content, no name). */
  'practice_intake_attention',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_RECIPIENTS = ['primary', 'partner', 'practice'] as const;
export type MessageRecipient = (typeof MESSAGE_RECIPIENTS)[number];

/**
 * queued → sending → sent; a failed attempt goes back to `retrying` (with the error) until the
 * queue gives up (`failed`); `skipped` was never sent on purpose (the person said no email, the
 * booking changed again before a reminder was due…).
 */
export const MESSAGE_STATES = ['queued', 'sending', 'retrying', 'sent', 'failed', 'skipped'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** Who made a change, as the messages about it say it. */
export type ChangedBy = 'primary' | 'partner' | 'staff' | 'system';

/** The kinds a client receives (every kind not addressed to the practice). */
export const CLIENT_KINDS: ReadonlySet<MessageKind> = new Set(MESSAGE_KINDS.filter((kind) => !kind.startsWith('practice_')));

/** Who was told of a change, for the screen that made it ("We emailed the client and their partner"). */
export type Told = Array<{ recipient: MessageRecipient; state: 'queued' | 'skipped'; skipReason: string | null }>;
