import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { loadPracticeOrNull } from '../_lib/practice';

// Staff sign-in and two-step set-up: never indexed, never prerendered.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const practice = await loadPracticeOrNull();
  return (
    <>
      <header className="border-b border-line bg-surface/70">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-6 px-5 py-4 sm:px-8">
          <Link href="/" className="font-serif text-xl font-semibold tracking-tight text-ink no-underline hover:text-accent">
            {practice?.name ?? 'Haven'}
          </Link>
          <p className="text-sm text-ink-muted">Staff</p>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        {children}
      </main>
    </>
  );
}
