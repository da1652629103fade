import type { MessageKind, MessageRecipient, MessageState, Told } from './kinds';

/**
 * Plain words for staff screens about messages: what a message is, who it went to, what became of
 * it, and who was told of a change. Pure (no server imports): the booking pages, the command
 * confirmations and their tests share it.
 */

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  booking_confirmed: 'Confirmation',
  request_received: 'Request received',
  request_approved: 'Request approved',
  request_declined: 'Request declined',
  booking_rescheduled: 'New time',
  booking_cancelled: 'Cancellation',
  link_issued: 'New private link',
  reminder: 'Reminder',
  intake_code: 'Intake code',
  intake_reminder: 'Intake reminder',
  practice_new_booking: 'New booking (to the practice)',
  practice_new_request: 'New request (to the practice)',
  practice_client_cancelled: 'Cancelled by the client (to the practice)',
  practice_delivery_failed: 'A message could not be delivered (to the practice)',
  practice_intake_attention: 'An intake needs attention (to the practice)',
};

export const RECIPIENT_LABELS: Record<MessageRecipient, string> = { primary: 'Client', partner: 'Partner', practice: 'Practice' };

/** Why a message was not sent, as a sentence that ends "Not sent: …". Unknown codes read generically. */
const SKIP_REASONS: Record<string, string> = {
  no_email_consent: 'the client asked not to be emailed',
  superseded: 'superseded by a later change',
  no_practice_address: 'the practice has no email address',
  no_address: 'there is no email address for them',
};

export function skipReasonText(reason: string | null): string {
  return (reason && SKIP_REASONS[reason]) || 'not needed any more';
}

/** What a screen shows about one message's state. `when` is a formatted instant (sent at / scheduled for). */
export function deliveryStateText(m: { state: MessageState; skipReason: string | null; lastError: string | null; attempts: number }, when: { sentAt?: string | null }): string {
  switch (m.state) {
    case 'queued':
      return 'Waiting to send';
    case 'sending':
      return 'Sending';
    case 'sent':
      return when.sentAt ? `Sent ${when.sentAt}` : 'Sent';
    case 'retrying':
      return `Retrying — the mail server said “${m.lastError ?? 'no answer'}” (attempt ${Math.max(m.attempts, 1)})`;
    case 'failed':
      return `Failed — “${m.lastError ?? 'no answer'}”`;
    case 'skipped':
      return `Not sent: ${skipReasonText(m.skipReason)}`;
  }
}

/**
 * Who a change was told to, for the confirmation of a staff command: the people being emailed in
 * one sentence, then one sentence per person who is not ("…— please call them").
 */
export function toldSentences(told: Told): string[] {
  const clients = told.filter((t) => t.recipient !== 'practice');
  const emailing = clients.filter((t) => t.state === 'queued').map((t) => (t.recipient === 'partner' ? 'their partner' : 'the client'));
  const out: string[] = [];
  if (emailing.length === 2) out.push('We’re emailing the client and their partner.');
  else if (emailing.length === 1) out.push(emailing[0] === 'the client' ? 'We’re emailing the client.' : 'We’re emailing the client’s partner.');
  for (const t of clients) {
    if (t.state !== 'skipped') continue;
    const who = t.recipient === 'partner' ? 'the partner' : 'the client';
    if (t.skipReason === 'no_email_consent') out.push('Not emailed: the client asked not to be contacted by email — please call them.');
    else out.push(`Not emailed to ${who}: ${skipReasonText(t.skipReason)}.`);
  }
  if (clients.length === 0) out.push('Nobody was emailed about this.');
  return out;
}

/**
 * What the reissued-link screen says about the email carrying the new link: it went to the holder
 * (masked address), or it did not, and why — the link is still shown once, to read out.
 */
export function linkToldSentence(told: Told, holder: 'primary' | 'partner', maskedAddress: string | null): string {
  const entry = told.find((t) => t.recipient === holder);
  const who = holder === 'partner' ? 'the partner' : 'the client';
  if (entry?.state === 'queued') return `We’re emailing it to ${who}${maskedAddress ? ` at ${maskedAddress}` : ''}.`;
  if (entry?.skipReason === 'no_email_consent') return 'Not emailed: the client asked not to be contacted by email — read it out or send it another way.';
  return `Not emailed to ${who}: ${skipReasonText(entry?.skipReason ?? null)}. Read it out or send it another way.`;
}
