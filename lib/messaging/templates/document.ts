import { html, isWebAddress, type SafeHtml } from './html';

/**
 * One email as a short document, written once per kind (./client-messages.ts,
 * ./practice-messages.ts) and turned into both parts here: the plain text and the HTML say the
 * same words in the same order. Every string is plain text; the HTML escapes it.
 */
export type Fact = { label: string; lines: string[] };

export type Block =
  | { type: 'paragraph'; text: string }
  /** Label/value pairs ("When", "Where"): a <dl> in HTML, aligned lines in text. */
  | { type: 'facts'; facts: Fact[] }
  /** A button-styled link with descriptive text, and the address written out beneath it. */
  | { type: 'action'; label: string; href: string }
  /** Smaller print (the "keep this link private" line). */
  | { type: 'small'; text: string };

export type EmailDocument = {
  /** BCP 47 tag of the words (English, in the recipient's region). */
  lang: string;
  subject: string;
  /** The first line of the text part and the <h1>: what a lock screen preview starts with. */
  heading: string;
  blocks: Block[];
  footer: string[];
};

const COPY_HINT = 'Or copy this address into your browser:';

export function toText(doc: EmailDocument): string {
  const parts = [doc.heading, ...doc.blocks.map(blockText)];
  const footer = doc.footer.length ? `\n\n-- \n${doc.footer.join('\n')}` : '';
  return `${parts.join('\n\n')}${footer}\n`;
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'small':
      return block.text;
    case 'facts': {
      const width = Math.max(...block.facts.map((f) => f.label.length)) + 2;
      return block.facts
        .map((f) => f.lines.map((line, i) => (i === 0 ? `${f.label}:`.padEnd(width) : ' '.repeat(width)) + line).join('\n'))
        .join('\n');
    }
    case 'action':
      return `${block.label}:\n${block.href}`;
  }
}

/** Every colour the HTML uses; each text/background pair passes WCAG AA (tested: document.test.ts). */
export const PALETTE = {
  text: '#18181b',
  muted: '#3f3f46',
  footer: '#52525b',
  accent: '#1d4ed8',
  onAccent: '#ffffff',
  card: '#ffffff',
  page: '#f4f4f5',
  border: '#d4d4d8',
} as const;
/** Text colour on background, as the HTML pairs them. */
export const COLOUR_PAIRS: ReadonlyArray<readonly [string, string]> = [
  [PALETTE.text, PALETTE.card],
  [PALETTE.text, PALETTE.page],
  [PALETTE.muted, PALETTE.card],
  [PALETTE.muted, PALETTE.page],
  [PALETTE.footer, PALETTE.page],
  [PALETTE.accent, PALETTE.card],
  [PALETTE.onAccent, PALETTE.accent],
];

const C = PALETTE;
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const S = {
  body: `margin:0;padding:0;background-color:${C.page};color:${C.text};`,
  outer: `border-collapse:collapse;background-color:${C.page};`,
  outerCell: 'padding:24px 12px;',
  card: `width:100%;max-width:560px;border-collapse:separate;background-color:${C.card};border:1px solid ${C.border};border-radius:8px;`,
  cardCell: `padding:28px 24px;font-family:${FONT};font-size:16px;line-height:1.5;color:${C.text};text-align:left;`,
  h1: `margin:0 0 20px;font-size:22px;line-height:1.3;font-weight:700;color:${C.text};`,
  p: 'margin:0 0 16px;',
  small: `margin:0 0 16px;font-size:14px;line-height:1.5;color:${C.muted};`,
  dl: `margin:0 0 20px;padding:12px 16px;background-color:${C.page};border-radius:6px;`,
  dt: `margin:0;font-size:14px;font-weight:700;color:${C.muted};`,
  dd: 'margin:0 0 10px;padding:0;',
  buttonP: 'margin:8px 0 8px;',
  button: `display:inline-block;padding:12px 20px;background-color:${C.accent};border:1px solid ${C.accent};border-radius:6px;color:${C.onAccent};font-size:16px;font-weight:700;line-height:1.3;text-decoration:none;`,
  link: `color:${C.accent};text-decoration:underline;word-break:break-all;`,
  footer: `margin:16px auto 0;max-width:560px;font-family:${FONT};font-size:13px;line-height:1.5;color:${C.footer};text-align:center;`,
};

export function toHtml(doc: EmailDocument): string {
  const page = html`<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${doc.subject}</title>
</head>
<body style="${S.body}">
<div role="article" aria-roledescription="email" aria-label="${doc.subject}" lang="${doc.lang}">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="${S.outer}">
<tr>
<td align="center" style="${S.outerCell}">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="${S.card}">
<tr>
<td style="${S.cardCell}">
<h1 style="${S.h1}">${doc.heading}</h1>
${doc.blocks.map(blockHtml)}</td>
</tr>
</table>
${doc.footer.length ? html`<p style="${S.footer}">${joinLines(doc.footer)}</p>\n` : ''}</td>
</tr>
</table>
</div>
</body>
</html>
`;
  return page.value;
}

function joinLines(lines: string[]): SafeHtml[] {
  return lines.map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
}

function blockHtml(block: Block): SafeHtml {
  switch (block.type) {
    case 'paragraph':
      return html`<p style="${S.p}">${block.text}</p>\n`;
    case 'small':
      return html`<p style="${S.small}">${block.text}</p>\n`;
    case 'facts':
      return html`<dl style="${S.dl}">\n${block.facts.map(
        (f) => html`<dt style="${S.dt}">${f.label}</dt>\n<dd style="${S.dd}">${joinLines(f.lines)}</dd>\n`,
      )}</dl>\n`;
    case 'action':
      if (!isWebAddress(block.href)) return html`<p style="${S.p}">${block.label}: ${block.href}</p>\n`;
      return html`<p style="${S.buttonP}"><a href="${block.href}" style="${S.button}">${block.label}</a></p>
<p style="${S.small}">${COPY_HINT}<br><a href="${block.href}" style="${S.link}">${block.href}</a></p>\n`;
  }
}
