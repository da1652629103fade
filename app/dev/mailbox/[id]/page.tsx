import type { Metadata } from 'next';
import Link from 'next/link';
import { formatMoment } from '@/components/booking/format';
import { env } from '@/lib/env';
import { getDevMailboxMessage } from '@/lib/messaging/dev-mailbox';
import { orNotFound } from '../_lib/or-not-found';
import { loadPracticeOrNull } from '../../../_lib/practice';
import { getRequestLocale } from '../../../_lib/request-locale';

export const metadata: Metadata = { title: { absolute: 'Development mailbox: a message' } };

/**
 * One message as it would have arrived: the HTML part in a sandboxed frame (no scripts, no
 * forms, no navigation, an opaque origin: `sandbox=""`), the plain-text part (this app's own links
 * made clickable, so a newcomer can follow a client's private link from here), and the calendar
 * invitation as text.
 */
export default async function DevMailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const message = await orNotFound(() => getDevMailboxMessage({ id }));
  const zone = (await loadPracticeOrNull())?.timeZone ?? 'UTC';
  const locale = await getRequestLocale();
  return (
    <div className="mx-auto max-w-5xl px-5 py-10 sm:px-8">
      <p>
        <Link href="/dev/mailbox">← All messages</Link>
      </p>
      <h1 className="mt-4 font-serif text-3xl font-semibold text-ink">{message.subject}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">From</dt>
        <dd data-testid="message-from">{message.from}</dd>
        <dt className="font-semibold">To</dt>
        <dd data-testid="message-to">{message.to}</dd>
        <dt className="font-semibold">When</dt>
        <dd>
          <time dateTime={message.deliveredAt}>{formatMoment(Date.parse(message.deliveredAt), zone, locale)}</time>
        </dd>
      </dl>

      <section aria-labelledby="html-part" className="mt-8">
        <h2 id="html-part" className="text-xl font-semibold">
          As HTML
        </h2>
        <iframe
          sandbox=""
          srcDoc={message.html}
          title="The message as HTML"
          className="mt-3 h-[28rem] w-full rounded-lg border border-line bg-white"
        />
      </section>

      <section aria-labelledby="text-part" className="mt-8">
        <h2 id="text-part" className="text-xl font-semibold">
          As plain text
        </h2>
        <pre data-testid="message-text" className="mt-3 overflow-x-auto rounded-lg border border-line bg-surface p-4 text-sm whitespace-pre-wrap">
          <LinkedText text={message.text} origin={env().publicOrigin} />
        </pre>
      </section>

      <section aria-labelledby="calendar-part" className="mt-8">
        <h2 id="calendar-part" className="text-xl font-semibold">
          Calendar invitation
        </h2>
        {message.calendar ? (
          <pre data-testid="message-calendar" className="mt-3 overflow-x-auto rounded-lg border border-line bg-surface p-4 text-sm">
            {message.calendar}
          </pre>
        ) : (
          <p className="mt-3 text-ink-muted">This message has no calendar invitation.</p>
        )}
      </section>
    </div>
  );
}

/** The text with links to this app (a private link, a staff page) as links; anything else as text. */
function LinkedText({ text, origin }: { text: string; origin: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && (part === origin || part.startsWith(`${origin}/`)) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
