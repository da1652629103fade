import Link from 'next/link';
import type { PublicPractice } from '@/lib/bookings/dto';

export function SiteHeader({ practice }: { practice: PublicPractice | null }) {
  return (
    <header className="border-b border-line bg-surface/70">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-1 px-5 py-4 sm:px-8">
        <Link href="/" className="font-serif text-xl font-semibold tracking-tight text-ink no-underline hover:text-accent">
          {practice?.name ?? 'Haven'}
        </Link>
        {practice?.phone ? (
          <p className="text-sm text-ink-muted">
            Questions? Call{' '}
            <a href={`tel:${practice.phone.replace(/[^\d+]/g, '')}`} className="font-medium text-accent underline underline-offset-4">
              {practice.phone}
            </a>
          </p>
        ) : null}
      </div>
    </header>
  );
}
