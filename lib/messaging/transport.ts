import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/client';
import { devMailbox } from '../../db/schema';
import { env } from '../env';

/** One outgoing email, fully rendered. `calendar` is an iCalendar invitation (REQUEST / CANCEL). */
export type OutgoingMail = {
  /** Stable per message row, so a duplicate delivery is recognisable as the same message. */
  messageId: string;
  /** The messages row this is (the development mailbox links back to it). */
  messageRowId: string;
  from: { name: string; address: string };
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
};

export type Transport = { kind: 'smtp' | 'mailbox'; send(mail: OutgoingMail): Promise<void> };

/** Thrown when there is nowhere to send (production, no SMTP_URL): the message fails with this, plainly. */
export class MailNotConfiguredError extends Error {
  constructor() {
    super('Email is not set up on this server (SMTP_URL is missing).');
  }
}

type Shared = { smtp?: { url: string; transporter: Transporter } };
const shared = ((globalThis as { __havenMail?: Shared }).__havenMail ??= {});

/** nodemailer over SMTP_URL with pooled connections (1–3 ms a message against ~110 ms on a fresh one). */
function smtpTransporter(url: string): Transporter {
  if (shared.smtp?.url !== url) {
    shared.smtp?.transporter.close();
    shared.smtp = {
      url,
      transporter: nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: 3,
        // A connection that drops mid-send is not re-sent by the pool on its own: the queue's
        // claim and retry decide (deliver.ts), so a message is never sent outside that record.
        maxRequeues: 0,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    };
  }
  return shared.smtp.transporter;
}

export function transportFor(db: Database): Transport {
  const e = env();
  if (e.mailTransport === 'smtp') {
    const transporter = smtpTransporter(e.SMTP_URL!);
    return {
      kind: 'smtp',
      async send(mail) {
        await transporter.sendMail({
          messageId: mail.messageId,
          from: mail.from,
          replyTo: mail.replyTo,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, filename: 'invite.ics', content: mail.calendar.content } } : {}),
          // No tracking, no auto-replies: a discreet, transactional message.
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        });
      },
    };
  }
  if (e.mailTransport === 'mailbox') {
    return {
      kind: 'mailbox',
      async send(mail) {
        await db.insert(devMailbox).values({
          messageId: mail.messageRowId,
          toAddress: mail.to,
          fromAddress: `${mail.from.name} <${mail.from.address}>`,
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: mail.html,
          calendar: mail.calendar?.content ?? null,
        });
      },
    };
  }
  return {
    kind: 'smtp',
    async send() {
      throw new MailNotConfiguredError();
    },
  };
}

/** The envelope sender address: MAIL_FROM, else no-reply@ the public host. */
export function fromAddress(): string {
  const e = env();
  return e.MAIL_FROM ?? `no-reply@${new URL(e.publicOrigin).hostname}`;
}

/** Closes pooled SMTP connections (worker shutdown). */
export function closeTransports(): void {
  shared.smtp?.transporter.close();
  shared.smtp = undefined;
}
