import { formatLongDate, formatTimeWithZoneName } from '../../../components/booking/format';
import type { MessageView, RenderedMessage } from './view';

/**
 * Subject and body of every message kind, as plain text and accessible HTML from one source.
 * Neutral by construction: the view holds no note, reason, type name or intake content.
 */
export function renderMessage(view: MessageView): RenderedMessage {
  const when = `${formatLongDate(view.startsAt.getTime(), view.timeZone, view.locale)}, ${formatTimeWithZoneName(view.startsAt.getTime(), view.timeZone, view.locale)}`;
  const { subject, lines } = content(view, when);
  const greeting = view.recipientName ? `Hello ${view.recipientName},` : 'Hello,';
  const linkLine = view.link
    ? view.recipient === 'practice'
      ? `Open it in Haven: ${view.link}`
      : `Your private page (keep this link to yourself): ${view.link}`
    : `Please use the private link you were given, or call ${view.practice.phone || 'the practice'}.`;
  const footer = [view.practice.name, ...view.practice.addressLines, view.practice.phone].filter(Boolean);
  const paragraphs = [greeting, ...lines, linkLine];
  const text = `${paragraphs.join('\n\n')}\n\n--\n${footer.join('\n')}\n`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">${paragraphs
    .map((p) => `<p>${escapeHtml(p).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`)
    .join('')}<hr><p style="color:#4b5563">${footer.map(escapeHtml).join('<br>')}</p></body></html>`;
  return { subject, text, html };
}

function content(view: MessageView, when: string): { subject: string; lines: string[] } {
  const word = view.word;
  const lower = word.toLowerCase();
  switch (view.kind) {
    case 'booking_confirmed':
      return { subject: `${word} confirmed`, lines: [`Your ${lower} is confirmed for ${when}.`] };
    case 'request_received':
      return { subject: `${word} request received`, lines: [`We received your request for ${when}. You will hear from us once it is confirmed.`] };
    case 'request_approved':
      return { subject: `${word} confirmed`, lines: [`Your requested time, ${when}, is confirmed.`] };
    case 'request_declined':
      return { subject: `About your ${lower} request`, lines: [`We could not confirm your request for ${when}. There is a message for you on your private page.`] };
    case 'booking_rescheduled':
      return { subject: `${word} moved`, lines: [`Your ${lower} has moved to ${when}${byWhom(view)}.`] };
    case 'booking_cancelled':
      return {
        subject: `${word} cancelled`,
        lines: [`Your ${lower} on ${when} was cancelled${byWhom(view)}.`, ...(view.hasMessageOnPage ? ['There is a message for you on your private page.'] : [])],
      };
    case 'link_issued':
      return { subject: `Your new private link`, lines: [`Here is your new private link. Any earlier link no longer works.`] };
    case 'reminder':
      return { subject: `${word} reminder`, lines: [`A reminder: your ${lower} is on ${when}.`] };
    case 'practice_new_booking':
      return { subject: `New booking ${view.reference}`, lines: [`A new booking (${view.reference}) for ${when}.`] };
    case 'practice_new_request':
      return { subject: `New request ${view.reference}`, lines: [`A new request (${view.reference}) for ${when} is waiting for an answer.`] };
    case 'practice_client_cancelled':
      return { subject: `Cancelled ${view.reference}`, lines: [`The booking ${view.reference} for ${when} was cancelled by the client.`] };
    case 'practice_delivery_failed':
      return {
        subject: `A message could not be delivered (${view.reference})`,
        lines: [`A message to ${view.failed?.maskedAddress ?? 'a client'} about booking ${view.reference} could not be delivered: ${view.failed?.error ?? 'unknown error'}.`],
      };
  }
}

function byWhom(view: MessageView): string {
  if (view.changedBy === 'staff') return ' by the practice';
  if (view.changedBy === view.recipient) return ' by you';
  if (view.changedBy === 'primary' || view.changedBy === 'partner') return view.otherPersonName ? ` by ${view.otherPersonName}` : '';
  return '';
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
