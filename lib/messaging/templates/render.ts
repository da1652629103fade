import { CLIENT_MESSAGES, type ClientKind, type Draft } from './client-messages';
import { contextOf, type TemplateContext } from './context';
import { toHtml, toText, type EmailDocument } from './document';
import { PRACTICE_MESSAGES, type PracticeKind } from './practice-messages';
import type { MessageView, RenderedMessage } from './view';

/**
 * Subject, plain text and accessible HTML of a message, from one source per kind
 * (./client-messages.ts, ./practice-messages.ts). Neutral by construction: the view holds no
 * note, reason, decline text, type name or intake content, and the subject and first lines say
 * no more than the practice's word and a time.
 */
export function renderMessage(view: MessageView): RenderedMessage {
  const doc = documentOf(view);
  return { subject: doc.subject, text: toText(doc), html: toHtml(doc) };
}

export function documentOf(view: MessageView): EmailDocument {
  const ctx = contextOf(view);
  const draft: Draft = isPracticeKind(view.kind) ? PRACTICE_MESSAGES[view.kind](ctx) : CLIENT_MESSAGES[view.kind as ClientKind](ctx);
  return { lang: ctx.lang, ...draft, footer: footerOf(ctx) };
}

function isPracticeKind(kind: MessageView['kind']): kind is PracticeKind {
  return kind in PRACTICE_MESSAGES;
}

function footerOf(ctx: TemplateContext): string[] {
  const lines = [ctx.practiceName, ...ctx.practiceAddress, ...(ctx.practicePhone ? [ctx.practicePhone] : [])].filter(Boolean);
  if (ctx.view.recipient === 'practice') return [...lines, 'Sent by Haven to the practice’s address.'];
  return [...lines, `You are receiving this email because this address was given when booking with the practice.`];
}
