import Link from 'next/link';

/**
 * Says on every staff page when clients are not being emailed: no SMTP server in production
 * ('none'), or that messages go to the development mailbox instead (development and the embedded
 * demo, `npm run demo` included, where a newcomer wants to see what clients would receive).
 */
export function MailSetupBanner({ transport }: { transport: 'smtp' | 'mailbox' | 'none' }) {
  if (transport === 'none') {
    return (
      <div className="border-b border-warning/30 bg-warning-soft" role="note" aria-label="Email is not set up" data-testid="mail-setup-banner">
        <p className="mx-auto max-w-6xl px-5 py-2 text-sm text-ink sm:px-8">
          <span className="font-semibold">Email is not set up:</span> clients are not being told of changes. Set <code>SMTP_URL</code>.
        </p>
      </div>
    );
  }
  if (transport === 'mailbox') {
    return (
      <div className="border-b border-line bg-surface" role="note" aria-label="Development mailbox" data-testid="mail-setup-banner">
        <p className="mx-auto max-w-6xl px-5 py-1.5 text-sm text-ink-muted sm:px-8">
          Demo and development: nothing is emailed; messages go to the{' '}
          <Link href="/dev/mailbox" prefetch={false} className="text-accent underline underline-offset-4">
            test mailbox
          </Link>
          .
        </p>
      </div>
    );
  }
  return null;
}
