import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { isDevMailboxOpen } from '@/lib/messaging/dev-mailbox';

// The development mailbox: never indexed, never prerendered, and only where the demo delivers to it.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { absolute: 'Development mailbox' }, robots: { index: false, follow: false } };

/**
 * A frame of its own (not the practice's public chrome, not the staff area): a developer's view
 * of what the demo would have emailed. With SMTP set up, or in production on a server database,
 * there is no such page (404).
 */
export default function DevMailboxLayout({ children }: { children: ReactNode }) {
  if (!isDevMailboxOpen()) notFound();
  return (
    <>
      <header className="border-b border-line bg-surface/70">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-6 px-5 py-4 sm:px-8">
          <Link href="/dev/mailbox" className="font-serif text-xl font-semibold tracking-tight text-ink no-underline hover:text-accent">
            Development mailbox
          </Link>
          <Link href="/" className="text-sm">
            The practice page
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        {children}
      </main>
    </>
  );
}
