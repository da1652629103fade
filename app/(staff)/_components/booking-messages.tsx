import { formatShortDate, formatTime } from '@/components/booking/format';
import type { BookingDelivery, DeliveryMessage } from '@/lib/messaging/delivery-status';
import { MESSAGE_KIND_LABELS, RECIPIENT_LABELS, deliveryStateText } from '@/lib/messaging/delivery-words';
import { formatDateTime } from '../clinician/_lib/format';
import { ResendMessageButton } from './resend-message-button';

/** "Reminder (scheduled for Tue, Dec 8, 9:00 AM)" — what a message is, in the practice's zone. */
function whatItIs(m: DeliveryMessage, zone: string, locale: string): string {
  const label = MESSAGE_KIND_LABELS[m.kind];
  if (m.kind === 'reminder' && m.sendAfter && (m.state === 'queued' || m.state === 'retrying')) {
    const at = Date.parse(m.sendAfter);
    return `${label} (scheduled for ${formatShortDate(at, zone, locale)}, ${formatTime(at, zone, locale)})`;
  }
  return label;
}

/**
 * The "Messages" section of a booking's staff page: every email owed about it, to whom (masked),
 * and what became of it, in plain words; "Send again" where that makes sense. Never content.
 */
export function BookingMessages({
  delivery,
  timeZone,
  locale,
  headingClassName,
}: {
  delivery: BookingDelivery;
  timeZone: string;
  locale: string;
  headingClassName: string;
}) {
  return (
    <section aria-labelledby="messages-heading" className="mt-8" data-testid="booking-messages">
      <h2 id="messages-heading" className={headingClassName}>
        Messages
      </h2>
      {delivery.messages.length === 0 ? (
        <p className="mt-2 text-ink-muted">No messages about this booking yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-line rounded-xl border border-line bg-surface">
          {delivery.messages.map((m) => {
            const state = deliveryStateText(m, { sentAt: m.sentAt ? formatDateTime(m.sentAt, timeZone, locale) : null });
            return (
              <li key={m.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3" data-testid="message-row" data-state={m.state} data-kind={m.kind}>
                <div className="min-w-0">
                  <p className="font-medium text-ink">{whatItIs(m, timeZone, locale)}</p>
                  <p className="text-sm text-ink-muted">
                    To {RECIPIENT_LABELS[m.recipient]}
                    {m.maskedAddress ? ` · ${m.maskedAddress}` : ''}
                  </p>
                  <p className={m.state === 'failed' ? 'text-sm text-danger' : 'text-sm text-ink'} data-testid="message-state">
                    {state}
                  </p>
                  {!m.resend.allowed && m.resend.why && (m.state === 'sent' || m.state === 'failed') ? (
                    <p className="text-sm text-ink-muted">Not offered again: {m.resend.why}</p>
                  ) : null}
                </div>
                {m.resend.allowed ? <ResendMessageButton messageId={m.id} what={MESSAGE_KIND_LABELS[m.kind]} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
