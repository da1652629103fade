/**
 * What the e2e SMTP sink received (e2e/support/smtp-sink.mts): every message of the run, parsed
 * with mailparser — headers, text, HTML and attachments, the calendar invitation among them.
 * Waiting polls the sink's folder (no fixed sleeps).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import ICAL from 'ical.js';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { e2eMailDir } from './e2e-env';

export type ReceivedMail = {
  file: string;
  /** The SMTP envelope's recipients (lower-case): who the server was asked to deliver to. */
  envelopeTo: string[];
  /** The To: header's addresses (lower-case). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Every header line as sent (encoded words and all). */
  headerText: string;
  /** The text/calendar part, decoded, with its METHOD and SEQUENCE read off it. */
  calendar: { method: string | null; uid: string | null; sequence: number | null; content: string } | null;
  attachments: Array<{ contentType: string; filename: string | null; content: string }>;
  parsed: ParsedMail;
};

/** The sink's folder for this run: playwright.config.ts sets E2E_SMTP_PORT for the workers. */
export function mailDir(): string {
  const port = process.env.E2E_SMTP_PORT;
  if (!port) throw new Error('E2E_SMTP_PORT is not set: the SMTP sink runs from playwright.config.ts');
  return e2eMailDir(port);
}

const parsedFiles = new Map<string, ReceivedMail>();

/** Every message received so far in this run, oldest first. */
export async function allMail(): Promise<ReceivedMail[]> {
  const dir = mailDir();
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort() : [];
  const out: ReceivedMail[] = [];
  for (const name of names) {
    let mail = parsedFiles.get(name);
    if (!mail) {
      mail = await parseFile(dir, name);
      parsedFiles.set(name, mail);
    }
    out.push(mail);
  }
  return out;
}

async function parseFile(dir: string, name: string): Promise<ReceivedMail> {
  const raw = fs.readFileSync(path.join(dir, name));
  const envelope = JSON.parse(fs.readFileSync(path.join(dir, name.replace(/\.eml$/, '.json')), 'utf8')) as { to: string[] };
  const parsed = await simpleParser(raw);
  const attachments = parsed.attachments.map((a) => ({ contentType: a.contentType, filename: a.filename ?? null, content: a.content.toString('utf8') }));
  const ics = attachments.find((a) => a.contentType.toLowerCase().startsWith('text/calendar'));
  return {
    file: name,
    envelopeTo: envelope.to,
    to: addresses(parsed.to),
    from: parsed.from?.text ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html || '',
    headerText: parsed.headerLines.map((h) => h.line).join('\n'),
    calendar: ics ? readCalendar(ics.content) : null,
    attachments,
    parsed,
  };
}

/** The invitation read with a real iCalendar parser (ical.js): its METHOD, and its event's UID and SEQUENCE. */
function readCalendar(content: string): NonNullable<ReceivedMail['calendar']> {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const event = calendar.getFirstSubcomponent('vevent');
  const sequence = event?.getFirstPropertyValue('sequence');
  const uid = event?.getFirstPropertyValue('uid');
  return {
    method: String(calendar.getFirstPropertyValue('method') ?? '') || null,
    uid: typeof uid === 'string' ? uid : null,
    sequence: typeof sequence === 'number' ? sequence : null,
    content,
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase())).filter(Boolean);
}

/** Messages addressed (envelope and To:) to `address`, oldest first. */
export async function mailTo(address: string): Promise<ReceivedMail[]> {
  const a = address.toLowerCase();
  return (await allMail()).filter((m) => m.envelopeTo.includes(a) || m.to.includes(a));
}

/**
 * Waits until `address` has received a message that `match`es (default: any), and returns it.
 * Polls the sink's folder every 150 ms; the worker picks a job up within about a second.
 */
export async function waitForMail(address: string, match: (m: ReceivedMail) => boolean = () => true, timeout = 15_000): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailTo(address)).find(match);
        return found !== undefined;
      },
      { message: `a message to ${address}`, timeout, intervals: [150] },
    )
    .toBe(true);
  return found!;
}

/** Everything a reader of the message could see: headers, subject, text, HTML, every attachment. */
export function everythingIn(m: ReceivedMail): string {
  return [m.headerText, m.from, m.subject, m.text, m.html, ...m.attachments.map((a) => a.content)].join('\n');
}

/**
 * The discretion rule for any message: none of `secrets` (note, reason, decline text…), no
 * consultation type's name, and not the words therapy / sex / couples, anywhere in it (headers,
 * subject, text, HTML, every attachment — the invitation included). No exception: messages name
 * the practice by its neutral sender name, not by its own name (the demo's is "Maya Lindqvist Therapy").
 */
export const INDISCREET_WORDS = /therap|\bsex|couple/i;
export function expectDiscreet(m: ReceivedMail, rule: { secrets: readonly string[]; typeNames: readonly string[] }): void {
  const where = `message ${m.file} "${m.subject}" to ${m.to.join(', ')}`;
  const all = everythingIn(m);
  for (const s of [...rule.secrets, ...rule.typeNames]) expect(all.toLowerCase(), where).not.toContain(s.toLowerCase());
  expect(all, where).not.toMatch(INDISCREET_WORDS);
}

/** The private-link URL in a client's message (text part), e.g. http://127.0.0.1:3100/m/<43 chars>. */
export function privateLinkIn(m: ReceivedMail): string {
  const url = /https?:\/\/\S+\/m\/[A-Za-z0-9_-]{43}/.exec(m.text)?.[0];
  if (!url) throw new Error(`No private link in message ${m.file} "${m.subject}"`);
  return url;
}
