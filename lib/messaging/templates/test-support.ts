/**
 * Views and HTML checks shared by the template tests (render.test.ts, document.test.ts). Not
 * imported by the app.
 */
import { CLIENT_KINDS, MESSAGE_KINDS, type ChangedBy, type MessageKind, type MessageRecipient } from '../kinds';
import type { MessageView } from './view';

export const STAFF_LINK = 'https://haven.example/clinician/bookings/0b9c4e4e-1111-4a4a-9c9c-123456789abc';
export const PRIMARY_LINK = 'https://haven.example/m/PRIMARYtoken_0123456789abcdef';
export const PARTNER_LINK = 'https://haven.example/m/PARTNERtoken_0123456789abcdef';

export const CLIENT_KIND_LIST = MESSAGE_KINDS.filter((k) => CLIENT_KINDS.has(k));
export const PRACTICE_KIND_LIST = MESSAGE_KINDS.filter((k) => !CLIENT_KINDS.has(k));

/** A client's view: Alex books for one, or for Alex and Sam (`couple`). */
export function clientView(overrides: Partial<MessageView> & { couple?: boolean } = {}): MessageView {
  const { couple = false, ...rest } = overrides;
  const recipient: MessageRecipient = rest.recipient ?? 'primary';
  const base: MessageView = {
    kind: 'booking_confirmed',
    recipient,
    recipientName: recipient === 'partner' ? 'Sam' : 'Alex',
    changedBy: 'primary',
    timeZone: 'America/New_York',
    locale: 'en-US',
    startsAt: new Date('2026-12-08T15:00:00Z'),
    endsAt: new Date('2026-12-08T15:50:00Z'),
    modality: 'in_person',
    status: 'confirmed',
    word: 'Appointment',
    practice: {
      name: 'Maple Street Practice',
      addressLines: ['12 Maple St', 'Suite 3', 'Springfield, IL 62701'],
      phone: '(555) 010-0100',
      email: 'desk@maple.example',
    },
    clinicianName: 'Dr. Ana Rivera',
    link: recipient === 'partner' ? PARTNER_LINK : PRIMARY_LINK,
    hasMessageOnPage: false,
    otherPersonName: couple ? (recipient === 'partner' ? 'Alex' : 'Sam') : null,
    failed: null,
    reference: 'B-0B9C4E',
  };
  return { ...base, ...rest };
}

export function practiceView(overrides: Partial<MessageView> = {}): MessageView {
  return clientView({
    kind: 'practice_new_booking',
    recipient: 'practice',
    recipientName: null,
    otherPersonName: null,
    changedBy: 'primary',
    link: STAFF_LINK,
    failed:
      overrides.kind === 'practice_delivery_failed'
        ? { kind: 'booking_confirmed', recipient: 'partner', maskedAddress: 's•••@example.com', error: '550 5.1.1 <sam.lee@example.com>: Recipient address rejected.' }
        : null,
    ...overrides,
  });
}

/** Every kind × recipient × modality × changed-by × link/no link × message-on-page a template can meet. */
/** The messages that may carry the line about the intake's questions. */
const ASKS_FOR_INTAKE = new Set<MessageKind>(['booking_confirmed', 'request_approved', 'booking_rescheduled']);

export function everyView(): MessageView[] {
  const views: MessageView[] = [];
  const modalities = ['in_person', 'video', 'phone'] as const;
  const changers: Array<ChangedBy | null> = ['primary', 'partner', 'staff', 'system', null];
  for (const kind of CLIENT_KIND_LIST) {
    for (const [recipient, couple] of [['primary', false], ['primary', true], ['partner', true]] as const) {
      for (const modality of modalities) {
        // Who changed it matters to a move or a cancellation; a message on the page to a cancellation or decline.
        for (const changedBy of kind === 'booking_rescheduled' || kind === 'booking_cancelled' ? changers : (['primary', 'staff'] as const)) {
          for (const withLink of [true, false]) {
            for (const hasMessageOnPage of kind === 'booking_cancelled' || kind === 'request_declined' ? [false, true] : [false]) {
              const view = clientView({ kind, recipient, couple, modality, changedBy, hasMessageOnPage });
              views.push(withLink ? view : { ...view, link: null });
              if (withLink && ASKS_FOR_INTAKE.has(kind)) views.push({ ...view, asksForIntake: true });
            }
          }
        }
      }
    }
  }
  for (const kind of PRACTICE_KIND_LIST) {
    for (const modality of modalities) {
      views.push(practiceView({ kind, modality }));
      if (kind === 'practice_delivery_failed') {
        for (const failedKind of CLIENT_KIND_LIST) {
          views.push(practiceView({ kind, modality, failed: { kind: failedKind, recipient: 'primary', maskedAddress: 'a•••@example.com', error: '421 try again later' } }));
        }
        views.push(practiceView({ kind, modality, failed: null }));
      }
    }
  }
  return views;
}

export function describeView(v: MessageView): string {
  return `${v.kind}/${v.recipient}${v.otherPersonName ? '+couple' : ''}/${v.modality}/by:${v.changedBy}/${v.link ? 'link' : 'nolink'}${v.hasMessageOnPage ? '/msg' : ''}${v.asksForIntake ? '/intake' : ''}`;
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input', 'col', 'area', 'base', 'wbr', 'source']);
const ENTITY = /^&(?:amp|lt|gt|quot|#39|#\d+|#x[0-9a-f]+);/i;

/**
 * A small structural check of the HTML a template writes: one doctype, tags properly nested and
 * closed, every attribute value quoted, no bare `<`, `>` or `&` in text. Returns the problems.
 */
export function htmlProblems(markup: string): string[] {
  const problems: string[] = [];
  if (!markup.startsWith('<!doctype html>')) problems.push('no doctype first');
  const body = markup.replace(/^<!doctype html>/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-:]+(?:="[^"]*")?)*)\s*(\/?)>/y;
  let text = '';
  let i = 0;
  while (i < body.length) {
    if (body[i] === '<') {
      tag.lastIndex = i;
      const m = tag.exec(body);
      if (!m) {
        problems.push(`malformed tag at ${i}: ${body.slice(i, i + 40)}`);
        i++;
        continue;
      }
      const [whole, closing, rawName] = m;
      const name = rawName!.toLowerCase();
      if (closing) {
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
      } else if (!VOID.has(name)) {
        stack.push(name);
      }
      i += whole.length;
      continue;
    }
    text += body[i];
    i++;
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  if (/[<>]/.test(text)) problems.push('bare < or > in text');
  for (let j = text.indexOf('&'); j !== -1; j = text.indexOf('&', j + 1)) {
    if (!ENTITY.test(text.slice(j))) problems.push(`bare & at ${text.slice(j, j + 12)}`);
  }
  return problems;
}

/** The words of an HTML part as a reader sees them: tags dropped, entities decoded, spaces collapsed. */
export function htmlText(markup: string): string {
  const head = markup.replace(/<head>[\s\S]*<\/head>/, '');
  return decode(head.replace(/<br>/g, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

export function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function kindsOf(views: MessageView[]): Set<MessageKind> {
  return new Set(views.map((v) => v.kind));
}
