import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/** The body of every error.tsx: calm words, no error details, a way to retry and to call. */
export function FriendlyError({
  title,
  retry,
  children,
  home = { href: '/', label: 'Go to the practice page' },
}: {
  title: string;
  retry: () => void;
  children?: ReactNode;
  /** Where "away from here" leads: the practice page by default, a workspace for staff. */
  home?: { href: string; label: string };
}) {
  return (
    <div className="mx-auto max-w-2xl px-5 py-16 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">{title}</h1>
      <div className="mt-4 space-y-3 text-lg text-ink-muted">
        {children ?? (
          <p>
            Something went wrong on our side. Nothing you entered has been shared. Please try again in a moment; if it
            keeps happening, call the practice and we&apos;ll help you by phone.
          </p>
        )}
      </div>
      <div className="mt-8 flex flex-wrap gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <a href={home.href} className="inline-flex min-h-11 items-center px-1 text-accent underline underline-offset-4">
          {home.label}
        </a>
      </div>
    </div>
  );
}
