import Link from 'next/link';

/**
 * Says on every staff page when clients are not being emailed: no SMTP server in production
 * ('none'), or — outside production — that messages go to the development mailbox instead.
 */
export function MailSetupBanner({ transport, production }: { transport: 'smtp' | 'mailbox' | 'none'; production: boolean }) {
  if (transport === 'none') {
    return (
      <div className="border-b border-warning/30 bg-warning-soft" role="note" aria-label="Email is not set up" data-testid="mail-setup-banner">
        <p className="mx-auto max-w-6xl px-5 py-2 text-sm text-ink sm:px-8">
          <span className="font-semibold">Email is not set up:</span> clients are not being told of changes. Set <code>SMTP_URL</code>.
        </p>
      </div>
    );
  }
  if (transport === 'mailbox' && !production) {
    return (
      <div className="border-b border-line bg-surface" role="note" aria-label="Development mailbox" data-testid="mail-setup-banner">
        <p className="mx-auto max-w-6xl px-5 py-1.5 text-sm text-ink-muted sm:px-8">
          Development: messages go to the{' '}
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
