import type { PublicPractice } from '@/lib/bookings/dto';
import { formatAddress } from '@/components/booking/format';
import { DEFAULT_CRISIS_LINE } from '@/lib/practice/crisis-line';
import { CrisisLine } from './crisis-line';

export function SiteFooter({ practice }: { practice: PublicPractice | null }) {
  const address = practice ? formatAddress(practice.address) : [];
  return (
    <footer className="mt-16 border-t border-line bg-surface/70">
      <div className="mx-auto grid max-w-5xl gap-8 px-5 py-10 text-sm text-ink-muted sm:grid-cols-2 sm:px-8">
        <div>
          <p className="font-serif text-base font-semibold text-ink">{practice?.name ?? 'Haven'}</p>
          {address.length ? (
            <address className="mt-2 not-italic">
              {address.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          ) : null}
          <ul className="mt-2 space-y-1">
            {practice?.phone ? (
              <li>
                Phone:{' '}
                <a href={`tel:${practice.phone.replace(/[^\d+]/g, '')}`} className="text-accent underline underline-offset-4">
                  {practice.phone}
                </a>
              </li>
            ) : null}
            {practice?.email ? (
              <li>
                Email:{' '}
                <a href={`mailto:${practice.email}`} className="text-accent underline underline-offset-4">
                  {practice.email}
                </a>
              </li>
            ) : null}
          </ul>
        </div>
        <div className="space-y-3">
          <p>
            <strong className="font-semibold text-ink">What you share is private.</strong> Your details are seen only by
            the practice, and only your clinician reads what you write about why you&apos;re reaching out.
          </p>
          <CrisisLine lines={practice?.crisisLine ?? DEFAULT_CRISIS_LINE} />
        </div>
      </div>
    </footer>
  );
}
