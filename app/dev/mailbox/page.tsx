import Link from 'next/link';
import { formatMoment } from '@/components/booking/format';
import { findDevMailboxMessages } from '@/lib/messaging/dev-mailbox';
import { orNotFound } from './_lib/or-not-found';
import { loadPracticeOrNull } from '../../_lib/practice';
import { getRequestLocale } from '../../_lib/request-locale';

/** Every message the demo has "sent", newest first: to whom, the subject, when. */
export default async function DevMailboxPage() {
  const messages = await orNotFound(() => findDevMailboxMessages());
  const zone = (await loadPracticeOrNull())?.timeZone ?? 'UTC';
  const locale = await getRequestLocale();
  return (
    <div className="mx-auto max-w-5xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Development mailbox — messages the demo would have emailed</h1>
      <p className="mt-3 text-ink-muted">
        No mail server is set up (<code>SMTP_URL</code>), so nothing leaves this machine: each message the app would have sent is kept
        here instead. They arrive a second or two after the change that caused them; reload to see new ones. Times are the
        practice&apos;s ({zone}).
      </p>
      {messages.length === 0 ? (
        <p className="mt-8" data-testid="mailbox-empty">
          No messages yet. <Link href="/">Book a consultation</Link> and the confirmation, the practice&apos;s notice and the rest appear here.
        </p>
      ) : (
        <table className="mt-8 w-full border-collapse text-left text-sm">
          <caption className="sr-only">Messages, newest first</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-4 font-semibold">
                To
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Subject
              </th>
              <th scope="col" className="py-2 font-semibold">
                When
              </th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} className="border-b border-line align-top">
                <td className="py-2 pr-4 break-all">{m.to}</td>
                <td className="py-2 pr-4">
                  <Link href={`/dev/mailbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td className="py-2 whitespace-nowrap">
                  <time dateTime={m.deliveredAt}>{formatMoment(Date.parse(m.deliveredAt), zone, locale)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
