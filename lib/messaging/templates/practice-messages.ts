import type { MessageKind } from '../kinds';
import { maskEmail } from '../mask';
import type { Draft } from './client-messages';
import type { TemplateContext } from './context';
import type { Block, Fact } from './document';

/**
 * What the practice is told. A practice inbox is often shared and read on phones, so these carry
 * the booking's reference, the time, the clinician and the way of meeting, and a link to the
 * booking in Haven: no client name, no email address in full, no reason or note (the view holds
 * none). The time is in the practice's own zone.
 */
export type PracticeKind = Extract<MessageKind, `practice_${string}`>;

export const PRACTICE_MESSAGES: Record<PracticeKind, (ctx: TemplateContext) => Draft> = {
  practice_new_booking: (ctx) => ({
    subject: `New ${ctx.lower} ${ctx.view.reference}: ${ctx.when.short}`,
    heading: `New ${ctx.lower} booked`,
    blocks: [
      p(`A client booked the ${ctx.lower} below online. It is confirmed.`),
      facts(ctx),
      ...openInHaven(ctx, `Open ${ctx.view.reference} in Haven`),
    ],
  }),

  practice_new_request: (ctx) => ({
    subject: `New request ${ctx.view.reference}: ${ctx.when.short}`,
    heading: `New ${ctx.lower} request`,
    blocks: [
      p('A client asked for the time below. It stays held for them until it is approved or declined in Haven.'),
      facts(ctx, 'Requested time'),
      ...openInHaven(ctx, `Review ${ctx.view.reference} in Haven`),
    ],
  }),

  practice_intake_attention: (ctx) => ({
    subject: `Needs your attention: ${ctx.view.reference}`,
    heading: 'An intake needs your attention',
    blocks: [
      p(`An intake for ${ctx.view.reference} needs your attention. Please sign in to Haven to see it.`),
      facts(ctx),
      ...openInHaven(ctx, `Open ${ctx.view.reference} in Haven`),
    ],
  }),

  practice_client_cancelled: (ctx) => ({
    subject: `${ctx.word} cancelled ${ctx.view.reference}: ${ctx.when.short}`,
    heading: `A client cancelled`,
    blocks: [
      p(`The client cancelled the ${ctx.lower} below from their private page.`),
      facts(ctx),
      ...openInHaven(ctx, `Open ${ctx.view.reference} in Haven`),
    ],
  }),

  practice_delivery_failed: (ctx) => {
    const failed = ctx.view.failed ?? null;
    const what = failed ? `The ${KIND_LABELS[failed.kind]} email` : 'An email';
    const to = failed?.maskedAddress ? ` to ${failed.maskedAddress}` : '';
    const extra: Fact[] = failed
      ? [
          { label: 'Email', lines: [capitalize(KIND_LABELS[failed.kind])] },
          { label: 'To', lines: [failed.maskedAddress || 'unknown address'] },
          { label: 'Mail server said', lines: [maskAddresses(failed.error) || 'no reason given'] },
        ]
      : [];
    return {
      subject: `Email not delivered: ${ctx.view.reference}`,
      heading: 'An email could not be delivered',
      blocks: [
        p(`${what} about ${ctx.view.reference}${to} could not be delivered, even after several attempts.`),
        facts(ctx, 'When', extra),
        p('Please check the address with the client (by phone is best), then send the email again from the booking in Haven.'),
        ...openInHaven(ctx, `Open ${ctx.view.reference} in Haven`),
      ],
    };
  },
};

/** What each message is called when the practice is told it could not be delivered. */
export const KIND_LABELS: Record<MessageKind, string> = {
  booking_confirmed: 'booking confirmation',
  request_received: 'request received',
  request_approved: 'request approved',
  request_declined: 'request declined',
  booking_rescheduled: 'new time',
  booking_cancelled: 'cancellation',
  link_issued: 'new private link',
  reminder: 'reminder',
  intake_code: 'intake code',
  intake_reminder: 'intake reminder',
  practice_new_booking: 'new booking notice',
  practice_new_request: 'new request notice',
  practice_client_cancelled: 'client cancellation notice',
  practice_delivery_failed: 'delivery failure notice',
  practice_intake_attention: 'intake attention notice',
};

const MODALITY_WORDS = { in_person: 'In person', video: 'By video', phone: 'By phone' } as const;

function p(text: string): Block {
  return { type: 'paragraph', text };
}

function facts(ctx: TemplateContext, whenLabel = 'When', before: Fact[] = []): Block {
  return {
    type: 'facts',
    facts: [
      { label: 'Reference', lines: [ctx.view.reference] },
      ...before,
      { label: whenLabel, lines: [ctx.when.date, ctx.when.rangeWithZone] },
      ...(ctx.clinician ? [{ label: 'With', lines: [ctx.clinician] }] : []),
      { label: 'How', lines: [MODALITY_WORDS[ctx.view.modality]] },
    ],
  };
}

function openInHaven(ctx: TemplateContext, label: string): Block[] {
  if (!ctx.view.link) return [p(`Find ${ctx.view.reference} in Haven for the details.`)];
  return [
    { type: 'action', label, href: ctx.view.link },
    { type: 'small', text: 'The client’s details are in Haven (sign-in required), not in this email.' },
  ];
}

/** A mail server's reply often repeats the address it refused: mask it like the rest. */
export function maskAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g, (found) => {
    const trailing = /[.]+$/.exec(found)?.[0] ?? '';
    return maskEmail(found.slice(0, found.length - trailing.length)) + trailing;
  });
}

function capitalize(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}
