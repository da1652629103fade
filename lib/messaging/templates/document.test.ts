import { describe, expect, it } from 'vitest';
import { lowerWord } from './context';
import { COLOUR_PAIRS, toHtml, toText, type EmailDocument } from './document';
import { escapeHtml, html, SafeHtml } from './html';
import { maskAddresses } from './practice-messages';
import { renderMessage } from './render';
import { clientView, everyView, htmlProblems, htmlText, practiceView } from './test-support';
import type { MessageView } from './view';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quoted" \'single\'';

describe('escaping', () => {
  it('the html tag escapes what it is given and keeps what it built', () => {
    expect(html`<p>${'<b>&'}</p>`.value).toBe('<p>&lt;b&gt;&amp;</p>');
    expect(html`<p title="${`"x" 'y'`}">${html`<b>${'<i>'}</b>`}</p>`.value).toBe('<p title="&quot;x&quot; &#39;y&#39;"><b>&lt;i&gt;</b></p>');
    expect(html`${['<a>', html`<br>`, 3]}`.value).toBe('&lt;a&gt;<br>3');
    expect(new SafeHtml('<x>').toString()).toBe('<x>');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it.each(everyView().filter((_, i) => i % 7 === 0).map((v) => [`${v.kind}/${v.recipient}/${v.modality}`, v] as const))(
    '%s: a hostile name anywhere in the view is text, never markup',
    (_name, base) => {
      const view: MessageView = {
        ...base,
        recipientName: base.recipient === 'practice' ? null : HOSTILE,
        otherPersonName: base.otherPersonName ? HOSTILE : null,
        clinicianName: HOSTILE,
        word: `Visit ${HOSTILE}`,
        practice: { name: HOSTILE, addressLines: [HOSTILE, HOSTILE], phone: HOSTILE, email: 'desk@example.com' },
        reference: base.reference,
        failed: base.failed ? { ...base.failed, error: HOSTILE, maskedAddress: HOSTILE } : null,
      };
      const { subject, html: markup } = renderMessage(view);
      expect(markup).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
      expect(markup).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(htmlProblems(markup)).toEqual([]);
      expect(htmlText(markup)).toContain(HOSTILE);
      expect(markup).toContain(`<title>${escapeHtml(subject)}</title>`);
    },
  );

  it('a link that is not http(s) is never put in an href', () => {
    const { html: markup, text } = renderMessage(clientView({ link: 'javascript:alert(1)' }));
    expect(markup).not.toMatch(/href=/);
    expect(text).toContain('javascript:alert(1)'); // written out as text only
  });

  it('a name with line breaks cannot forge lines of the text part', () => {
    const { text, subject } = renderMessage(clientView({ recipientName: 'Alex\n\nhttps://evil.example/m/x\n-- \nFake', couple: true, otherPersonName: 'Sam\r\nBcc: x' }));
    expect(text).toContain('Hello Alex https://evil.example/m/x -- Fake,');
    expect(text).toContain('Who:   You and Sam Bcc: x');
    expect(text.match(/^-- $/gm)).toHaveLength(1);
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe('the HTML checker used by these tests can fail', () => {
  it.each([
    ['<!doctype html><p><b>x</p></b>', '</p> closes <b>'],
    ['<!doctype html><p>x', 'unclosed: p'],
    ['<!doctype html><p>a < b</p>', 'malformed tag'],
    ['<!doctype html><p>a > b</p>', 'bare < or > in text'],
    ['<!doctype html><p>Tom & Jerry</p>', 'bare &'],
    ['<!doctype html><p class=x>y</p>', 'malformed tag'],
    ['<p>no doctype</p>', 'no doctype first'],
  ])('%s', (markup, problem) => {
    expect(htmlProblems(markup).join(' | ')).toContain(problem);
  });
  it('accepts a well-formed page', () => {
    expect(htmlProblems('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>a &amp; b<br>c</p></body></html>')).toEqual([]);
  });
});

describe('layout', () => {
  const doc: EmailDocument = {
    lang: 'en-GB',
    subject: 'Appointment confirmed: Tue 8 Dec, 10:00',
    heading: 'Your appointment is confirmed',
    blocks: [
      { type: 'paragraph', text: 'Hello Sam,' },
      { type: 'facts', facts: [{ label: 'When', lines: ['Tuesday, 8 December 2026', '10:00 – 10:50'] }, { label: 'With', lines: ['Dr. Rivera'] }] },
      { type: 'action', label: 'See or change your appointment', href: 'https://haven.example/m/abc' },
      { type: 'small', text: 'Keep this link private.' },
    ],
    footer: ['Maple Street Practice', '(555) 010-0100'],
  };

  it('text: heading first, aligned facts, the link written out, a signature separator', () => {
    expect(toText(doc)).toBe(
      [
        'Your appointment is confirmed',
        '',
        'Hello Sam,',
        '',
        'When: Tuesday, 8 December 2026',
        '      10:00 – 10:50',
        'With: Dr. Rivera',
        '',
        'See or change your appointment:',
        'https://haven.example/m/abc',
        '',
        'Keep this link private.',
        '',
        '-- ',
        'Maple Street Practice',
        '(555) 010-0100',
        '',
      ].join('\n'),
    );
  });

  it('HTML: lang, viewport, a real title, one h1, a definition list, a button with the address written out, a phone-width card', () => {
    const markup = toHtml(doc);
    expect(htmlProblems(markup)).toEqual([]);
    expect(markup).toContain('<html lang="en-GB">');
    expect(markup).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(markup).toContain('<title>Appointment confirmed: Tue 8 Dec, 10:00</title>');
    expect(markup).toMatch(/<h1 style="[^"]*">Your appointment is confirmed<\/h1>/);
    expect(markup).toMatch(/<dl style="[^"]*">\n<dt style="[^"]*">When<\/dt>\n<dd style="[^"]*">Tuesday, 8 December 2026<br>10:00 – 10:50<\/dd>/);
    expect(markup).toMatch(/<a href="https:\/\/haven.example\/m\/abc" style="display:inline-block;[^"]*">See or change your appointment<\/a>/);
    expect(markup).toContain('Or copy this address into your browser:<br><a href="https://haven.example/m/abc"');
    expect(markup).toContain('>https://haven.example/m/abc</a>');
    expect(markup).toContain('max-width:560px');
    expect(markup).toContain('role="presentation"');
    expect(markup).not.toMatch(/<style|class=|<img|src=/);
    // Only inline styles: every element that is styled carries its own style attribute.
    expect(markup.match(/style="/g)!.length).toBeGreaterThan(10);
  });

  it('every text/background colour pair passes WCAG AA (4.5:1)', () => {
    for (const [fg, bg] of COLOUR_PAIRS) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('the colours used in the HTML are the tested ones', () => {
    const markup = renderMessage(clientView()).html + renderMessage(practiceView()).html;
    const used = new Set(markup.match(/#[0-9a-f]{6}/gi));
    const tested = new Set(COLOUR_PAIRS.flat().concat(['#d4d4d8'])); // the card's border is not text
    for (const colour of used) expect(tested.has(colour), colour).toBe(true);
  });
});

describe('helpers', () => {
  it('lowerWord keeps a word written in capitals', () => {
    expect(lowerWord('Appointment')).toBe('appointment');
    expect(lowerWord('Visit')).toBe('visit');
    expect(lowerWord('TEAM')).toBe('TEAM');
    expect(lowerWord('A')).toBe('a');
  });

  it('maskAddresses masks every address in a mail server’s reply', () => {
    expect(maskAddresses('550 5.1.1 <sam.lee@example.com>: Recipient address rejected.')).toBe('550 5.1.1 <s•••@example.com>: Recipient address rejected.');
    expect(maskAddresses('user alex@example.org. unknown; also bo@x.io')).toBe('user a•••@example.org. unknown; also b•••@x.io');
    expect(maskAddresses('421 4.7.0 try again later')).toBe('421 4.7.0 try again later');
  });
});

function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
