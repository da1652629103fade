import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MESSAGE_KINDS } from '../kinds';
import { documentOf, renderMessage } from './render';
import {
  clientView,
  describeView,
  everyView,
  htmlProblems,
  htmlText,
  kindsOf,
  PARTNER_LINK,
  practiceView,
  PRIMARY_LINK,
  STAFF_LINK,
} from './test-support';
import type { MessageView } from './view';

const FORBIDDEN = /therapy|therapist|sex|couple|session/i;
const ALL = everyView();

describe('every kind × recipient × modality renders', () => {
  it('covers every kind', () => {
    expect(kindsOf(ALL)).toEqual(new Set(MESSAGE_KINDS));
    expect(ALL.length).toBeGreaterThan(250);
  });

  it.each(ALL.map((v) => [describeView(v), v] as const))('%s', (_name, view) => {
    const { subject, text, html } = renderMessage(view);
    const doc = documentOf(view);

    expect(subject.length).toBeGreaterThan(5);
    expect(subject.length).toBeLessThan(80);
    expect(subject).not.toMatch(/[\r\n]/);
    // The first line of the text and the first words of the HTML are the (neutral) heading.
    expect(text.split('\n')[0]).toBe(doc.heading);
    expect(htmlText(html).startsWith(doc.heading)).toBe(true);

    // The link, in both parts, and no other address.
    if (view.link) {
      expect(text).toContain(view.link);
      expect(html).toContain(`href="${view.link}"`);
      expect(htmlText(html)).toContain(view.link);
    } else {
      expect(text).toMatch(/use the private link you were given when you booked, or call the practice at \(555\) 010-0100/);
      expect(text).not.toContain('Keep this link private');
    }
    const urls = new Set([...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]));
    expect([...urls]).toEqual(view.link ? [view.link] : []);
    const hrefs = new Set([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]));
    expect([...hrefs]).toEqual(view.link ? [view.link] : []);

    // No word of the forbidden kind anywhere.
    for (const part of [subject, text, html]) expect(part).not.toMatch(FORBIDDEN);

    // Accessible, self-contained HTML.
    expect(htmlProblems(html)).toEqual([]);
    expect(html).toContain('<html lang="en-US">');
    expect(html).toContain(`<title>${escape(subject)}</title>`);
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(img|script|style|link|iframe|object|form|input)\b|\bsrc=|url\(|@import|class=/i);

    // The practice's footer.
    expect(text).toContain('-- \nMaple Street Practice\n12 Maple St\nSuite 3\nSpringfield, IL 62701\n(555) 010-0100\n');
    expect(htmlText(html)).toContain('Maple Street Practice 12 Maple St Suite 3 Springfield, IL 62701 (555) 010-0100');

    // One source: every string of the document is in both parts.
    for (const piece of pieces(view)) {
      expect(text).toContain(piece);
      expect(htmlText(html)).toContain(piece);
    }
  });
});

describe('discretion', () => {
  /** Names chosen so that any of them in the wrong place is found. */
  const SENTINELS = {
    recipientName: 'Zorblaxa',
    otherPersonName: 'Quintavius',
    clinicianName: 'Dr. Velvetine Okonkwo-Marsh',
    practiceName: 'Brightwater Wellness Group',
    address: '77 Obsidian Lane',
    phone: '+1 555 0199 777',
    practiceEmail: 'frontdesk-sentinel@brightwater.example',
  };
  const sentinelView = (view: MessageView): MessageView => ({
    ...view,
    recipientName: view.recipient === 'practice' ? null : SENTINELS.recipientName,
    otherPersonName: view.otherPersonName ? SENTINELS.otherPersonName : null,
    clinicianName: SENTINELS.clinicianName,
    practice: { name: SENTINELS.practiceName, addressLines: [SENTINELS.address, 'Springfield'], phone: SENTINELS.phone, email: SENTINELS.practiceEmail },
  });

  it.each(ALL.map((v) => [describeView(v), sentinelView(v)] as const))('%s: subject and preview say no name', (_name, view) => {
    const { subject, text, html } = renderMessage(view);
    const doc = documentOf(view);
    for (const name of Object.values(SENTINELS)) {
      expect(subject).not.toContain(name);
      expect(doc.heading).not.toContain(name);
    }
    // What a lock screen or inbox preview shows (~the first 140 characters): no clinician, no practice.
    for (const preview of [text.slice(0, 140), htmlText(html).slice(0, 140)]) {
      for (const name of [SENTINELS.clinicianName, SENTINELS.practiceName, SENTINELS.address, SENTINELS.phone]) expect(preview).not.toContain(name);
    }
    // The practice's own email address is never written (replies go to it by header).
    expect(text + html).not.toContain(SENTINELS.practiceEmail);
    // The practice is never told a client's name.
    if (view.recipient === 'practice') expect(text + html).not.toMatch(/Zorblaxa|Quintavius/);
  });

  it('subjects are only the practice word, a fixed phrase, a date and time, and (for staff) the reference', () => {
    const allowed =
      /^(?:(?:Appointment (?:confirmed|request received|moved|cancelled|reminder)|New appointment B-0B9C4E|New request B-0B9C4E|Appointment cancelled B-0B9C4E): (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} (?:AM|PM)|Before your appointment: (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} (?:AM|PM)|Your code(?:: \d{6})?|Needs your attention: B-0B9C4E|About your appointment request|Your new private link|Email not delivered: B-0B9C4E)$/;
    for (const view of ALL) expect(renderMessage(view).subject).toMatch(allowed);
  });

  it('fields that are not in the view are never read: a note, a reason, a type name handed in anyway do not appear', () => {
    const smuggled = {
      typeName: 'SENTINEL-TYPE-Intimacy-Consult',
      consultationTypeName: 'SENTINEL-TYPE-2',
      note: 'SENTINEL-NOTE-my-private-words',
      reason: 'SENTINEL-REASON-why-I-cancelled',
      cancelText: 'SENTINEL-CANCEL-TEXT',
      declineText: 'SENTINEL-DECLINE-TEXT',
      intake: { answer: 'SENTINEL-INTAKE' },
      score: 'SENTINEL-SCORE-27',
      email: 'sentinel-client@example.com',
      partnerEmail: 'sentinel-partner@example.com',
    };
    for (const view of ALL) {
      const { subject, text, html } = renderMessage({ ...view, ...smuggled } as MessageView);
      expect(subject + text + html).not.toMatch(/SENTINEL|sentinel-/);
    }
  });

  it('the view has no field that could hold a note, a reason, a type name or intake content', () => {
    // Adding a field to MessageView fails here on purpose: decide whether a message may say it.
    expectTypeOf<keyof MessageView>().toEqualTypeOf<
      | 'kind'
      | 'recipient'
      | 'recipientName'
      | 'changedBy'
      | 'timeZone'
      | 'locale'
      | 'startsAt'
      | 'endsAt'
      | 'modality'
      | 'status'
      | 'word'
      | 'practice'
      | 'intakeCode'
      | 'asksForIntake'
      | 'clinicianName'
      | 'link'
      | 'hasMessageOnPage'
      | 'otherPersonName'
      | 'failed'
      | 'reference'
    >();
    expect(Object.keys(clientView()).sort()).toEqual(
      ['kind', 'recipient', 'recipientName', 'changedBy', 'timeZone', 'locale', 'startsAt', 'endsAt', 'modality', 'status', 'word', 'practice', 'clinicianName', 'link', 'hasMessageOnPage', 'otherPersonName', 'failed', 'reference'].sort(),
    );
  });

  it('the line about the intake appears only where the view asks for it (a confirmation, an approval, a move)', () => {
    const line = "Before you meet, please answer the practice's questions on your private page.";
    const asking = ALL.filter((v) => v.asksForIntake);
    expect(new Set(asking.map((v) => v.kind))).toEqual(new Set(['booking_confirmed', 'request_approved', 'booking_rescheduled']));
    for (const view of asking) expect(renderMessage(view).text.replace(/\s+/g, ' ')).toContain(line);
    for (const view of ALL.filter((v) => !v.asksForIntake)) expect(renderMessage(view).text.replace(/\s+/g, ' ')).not.toContain(line);
  });

  it('a partner is only ever given their own link; the booker only theirs', () => {
    for (const view of ALL.filter((v) => v.recipient === 'partner' && v.link)) {
      const { text, html } = renderMessage(view);
      expect(text + html).toContain(PARTNER_LINK);
      expect(text + html).not.toContain(PRIMARY_LINK);
      expect(text).toContain('This link is yours alone; Alex has their own.');
    }
    for (const view of ALL.filter((v) => v.recipient === 'primary' && v.link)) {
      const { text, html } = renderMessage(view);
      expect(text + html).not.toContain(PARTNER_LINK);
    }
  });

  it('the practice word is the practice’s: subjects, headings and sentences use it', () => {
    const r = renderMessage(clientView({ word: '  Visit\n' }));
    expect(r.subject).toBe('Visit confirmed: Tue, Dec 8, 10:00 AM');
    expect(r.text.split('\n')[0]).toBe('Your visit is confirmed');
    expect(r.text).toContain('See or change your visit:');
    expect(renderMessage(clientView({ kind: 'reminder', word: 'TEAM' })).text.split('\n')[0]).toBe('A reminder of your TEAM');
    expect(renderMessage(clientView({ word: '' })).subject).toBe('Appointment confirmed: Tue, Dec 8, 10:00 AM');
    expect(renderMessage(practiceView({ word: 'Visit' })).subject).toBe('New visit B-0B9C4E: Tue, Dec 8, 10:00 AM');
  });

  it('property: whatever the names, the subject holds none of them and no forbidden word comes from the templates', () => {
    const neutralName = fc.stringMatching(/^[A-Z][a-z]{2,10}( [A-Z][a-z]{2,10})?$/).filter((s) => !FORBIDDEN.test(s));
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL),
        neutralName,
        neutralName,
        neutralName,
        fc.constantFrom('America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'),
        fc.constantFrom('en-US', 'en-GB', 'de-DE', 'fr-CA'),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }),
        (base, name, other, clinician, timeZone, locale, start) => {
          const view: MessageView = {
            ...base,
            recipientName: base.recipient === 'practice' ? null : name,
            otherPersonName: base.otherPersonName ? other : null,
            clinicianName: clinician,
            timeZone,
            locale,
            startsAt: new Date(start),
            endsAt: new Date(start + 50 * 60_000),
          };
          const { subject, text, html } = renderMessage(view);
          for (const n of [name, other, clinician]) expect(subject).not.toContain(n);
          for (const part of [subject, text, html]) expect(part).not.toMatch(FORBIDDEN);
          expect(htmlProblems(html)).toEqual([]);
        },
      ),
      { seed: 20_261_130, numRuns: 400 },
    );
  });
});

describe('who made the change', () => {
  const moved = (over: Partial<MessageView> & { couple?: boolean }) => renderMessage(clientView({ kind: 'booking_rescheduled', ...over })).text;
  const cancelled = (over: Partial<MessageView> & { couple?: boolean }) => renderMessage(clientView({ kind: 'booking_cancelled', ...over })).text;

  it('by the practice, by you, by the other partner', () => {
    expect(moved({ changedBy: 'staff' })).toContain('The practice moved your appointment to a new time.');
    expect(moved({ changedBy: 'primary' })).toContain('You moved your appointment to a new time. This email confirms it.');
    expect(moved({ changedBy: 'primary', recipient: 'partner', couple: true })).toContain('Alex moved your appointment to a new time.');
    expect(moved({ changedBy: 'partner', recipient: 'primary', couple: true })).toContain('Sam moved your appointment to a new time.');
    expect(moved({ changedBy: 'system' })).toContain('Your appointment has a new time.');
    expect(cancelled({ changedBy: 'staff' })).toContain('The practice cancelled your appointment on Tuesday, December 8, 2026 at 10:00 AM (Eastern Standard Time).');
    expect(cancelled({ changedBy: 'partner', recipient: 'partner', couple: true })).toContain('You cancelled your appointment on');
    expect(cancelled({ changedBy: 'partner', couple: true })).toContain('Sam cancelled your appointment on');
  });

  it('a cancellation says a message waits on the page only when there is one', () => {
    expect(cancelled({ changedBy: 'staff', hasMessageOnPage: true })).toContain('There is a message for you from the practice. You can read it on your private page.');
    expect(cancelled({ changedBy: 'staff', hasMessageOnPage: true })).toContain('Read the message on your private page:');
    expect(cancelled({ changedBy: 'staff', hasMessageOnPage: false })).not.toContain('message for you');
  });

  it('a declined request says a message from the clinician waits on the page, never what it says', () => {
    const { text, subject } = renderMessage(clientView({ kind: 'request_declined', changedBy: 'staff' }));
    expect(subject).toBe('About your appointment request');
    expect(text).toContain('Dr. Ana Rivera left a message for you. You can read it on your private page.');
    expect(text).toContain(`Read the message on your private page:\n${PRIMARY_LINK}`);
  });

  it('a couple reads "you and Sam"', () => {
    expect(renderMessage(clientView({ couple: true })).text).toContain('Who:   You and Sam');
    expect(renderMessage(clientView({ couple: true, recipient: 'partner' })).text).toContain('Who:   You and Alex');
    expect(renderMessage(clientView()).text).not.toContain('Who:');
  });
});

describe('how they meet', () => {
  it('in person: the office address; video: the link is on the page; phone: the practice calls', () => {
    const inPerson = renderMessage(clientView({ modality: 'in_person' })).text;
    expect(inPerson).toContain('Where: 12 Maple St\n       Suite 3\n       Springfield, IL 62701');
    const video = renderMessage(clientView({ modality: 'video', kind: 'reminder' })).text;
    expect(video).toContain('How:  By video. The link to join will be on your private page from 24 hours before.');
    expect(video).not.toContain('Where:');
    const phone = renderMessage(clientView({ modality: 'phone' })).text;
    expect(phone).toContain('How:  By phone. The practice will call you at the number you gave.');
  });

  it('what to do next: reschedule or cancel on the page, which also says the cutoff', () => {
    for (const kind of ['booking_confirmed', 'request_approved', 'booking_rescheduled'] as const) {
      expect(renderMessage(clientView({ kind })).text).toContain('reschedule or cancel. The page also says until when changes can be made online.');
    }
    expect(renderMessage(clientView({ kind: 'link_issued' })).text).toContain('Any link you had before no longer works.');
    expect(renderMessage(clientView()).text).toContain('Keep this link private: anyone who has it can see and change your appointment.');
  });

  it('without a phone number the practice is still reachable in words', () => {
    const view = clientView({ link: null });
    const text = renderMessage({ ...view, practice: { ...view.practice, phone: '' } }).text;
    expect(text).toContain('Please use the private link you were given when you booked, or contact the practice.');
  });
});

describe('times in the recipient’s own zone, across DST changes', () => {
  const at = (iso: string, timeZone: string, locale: string) =>
    renderMessage(clientView({ startsAt: new Date(iso), endsAt: new Date(new Date(iso).getTime() + 50 * 60_000), timeZone, locale }));

  it.each([
    // America/New_York: DST starts Sun 8 Mar 2026 02:00, ends Sun 1 Nov 2026 02:00.
    ['2026-03-07T15:00:00Z', 'America/New_York', 'en-US', 'Sat, Mar 7, 10:00 AM', 'Eastern Standard Time', '10:00 AM – 10:50 AM'],
    ['2026-03-08T14:00:00Z', 'America/New_York', 'en-US', 'Sun, Mar 8, 10:00 AM', 'Eastern Daylight Time', '10:00 AM – 10:50 AM'],
    ['2026-10-31T14:00:00Z', 'America/New_York', 'en-US', 'Sat, Oct 31, 10:00 AM', 'Eastern Daylight Time', '10:00 AM – 10:50 AM'],
    ['2026-11-01T15:00:00Z', 'America/New_York', 'en-US', 'Sun, Nov 1, 10:00 AM', 'Eastern Standard Time', '10:00 AM – 10:50 AM'],
    // The repeated hour: 01:30 EDT, then 01:30 EST an hour later.
    ['2026-11-01T06:30:00Z', 'America/New_York', 'en-US', 'Sun, Nov 1, 1:30 AM', 'Eastern Standard Time', '1:30 AM – 2:20 AM'],
    // Europe/Berlin (de-DE reads English words with a German clock: lib/i18n/locale.ts): summer time starts Sun 29 Mar 2026 02:00, ends Sun 25 Oct 2026 03:00.
    ['2026-03-28T09:00:00Z', 'Europe/Berlin', 'en-GB', 'Sat 28 Mar, 10:00', 'Central European Standard Time', '10:00 – 10:50'],
    ['2026-03-29T08:00:00Z', 'Europe/Berlin', 'en-GB', 'Sun 29 Mar, 10:00', 'Central European Summer Time', '10:00 – 10:50'],
    ['2026-10-24T08:00:00Z', 'Europe/Berlin', 'en-GB', 'Sat 24 Oct, 10:00', 'Central European Summer Time', '10:00 – 10:50'],
    ['2026-10-25T09:00:00Z', 'Europe/Berlin', 'de-DE', 'Sun, 25 Oct, 10:00', 'Central European Standard Time', '10:00 – 10:50'],
  ])('%s in %s (%s)', (iso, timeZone, locale, short, zone, range) => {
    const { subject, text, html } = at(iso, timeZone, locale);
    expect(subject).toBe(`Appointment confirmed: ${short}`);
    expect(text).toContain(`${range} (${zone})`);
    expect(htmlText(html)).toContain(`${range} (${zone})`);
  });

  it('the clocks change during the appointment: each end names its zone', () => {
    const { text } = at('2026-11-01T05:30:00Z', 'America/New_York', 'en-US');
    expect(text).toContain('1:30 AM (Eastern Daylight Time) – 1:20 AM (Eastern Standard Time)');
  });

  it('each partner reads the same instant in their own zone', () => {
    const startsAt = new Date('2026-10-30T14:00:00Z'); // NY still on EDT, Berlin already on CET
    const endsAt = new Date('2026-10-30T14:50:00Z');
    const alex = renderMessage(clientView({ couple: true, startsAt, endsAt }));
    const sam = renderMessage(clientView({ couple: true, recipient: 'partner', startsAt, endsAt, timeZone: 'Europe/Berlin', locale: 'en-GB' }));
    expect(alex.subject).toBe('Appointment confirmed: Fri, Oct 30, 10:00 AM');
    expect(sam.subject).toBe('Appointment confirmed: Fri 30 Oct, 15:00');
    expect(sam.text).toContain('Friday, 30 October 2026\n       15:00 – 15:50 (Central European Standard Time)');
    expect(sam.html).toContain('<html lang="en-GB">');
  });

  it('an appointment that ends after midnight says the end’s date', () => {
    const { text } = renderMessage(clientView({ startsAt: new Date('2026-12-09T04:30:00Z'), endsAt: new Date('2026-12-09T05:20:00Z') }));
    expect(text).toContain('11:30 PM – Wed, Dec 9, 12:20 AM (Eastern Standard Time)');
  });
});

describe('practice messages', () => {
  it('name the reference, link to the booking in Haven, and say the client’s details are not in the email', () => {
    const { subject, text } = renderMessage(practiceView({ kind: 'practice_new_request', modality: 'video' }));
    expect(subject).toBe('New request B-0B9C4E: Tue, Dec 8, 10:00 AM');
    expect(text).toContain('Reference:      B-0B9C4E');
    expect(text).toContain('How:            By video');
    expect(text).toContain(`Review B-0B9C4E in Haven:\n${STAFF_LINK}`);
    expect(text).toContain('The client’s details are in Haven (sign-in required), not in this email.');
  });

  it('a failed delivery: which message, the masked address, the server’s words with any address masked', () => {
    const { subject, text, html } = renderMessage(practiceView({ kind: 'practice_delivery_failed' }));
    expect(subject).toBe('Email not delivered: B-0B9C4E');
    expect(text).toContain('The booking confirmation email about B-0B9C4E to s•••@example.com could not be delivered, even after several attempts.');
    expect(text).toContain('Mail server said: 550 5.1.1 <s•••@example.com>: Recipient address rejected.');
    expect(text + html).not.toContain('sam.lee@example.com');
  });
});

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Every plain string of a view's document (paragraphs, fact lines, labels, link). */
function pieces(view: MessageView): string[] {
  const doc = documentOf(view);
  const out = [doc.heading, ...doc.footer];
  for (const block of doc.blocks) {
    if (block.type === 'facts') for (const f of block.facts) out.push(f.label, ...f.lines);
    else if (block.type === 'action') out.push(block.label, block.href);
    else out.push(block.text);
  }
  return out;
}
