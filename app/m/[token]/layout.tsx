import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { PublicChrome } from '../../_components/public-chrome';

// A private link: never indexed, never prerendered (next.config.js also sends no-store and
// no-referrer for /m/*).
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function PrivateLinkLayout({ children }: { children: ReactNode }) {
  return (
    <PublicChrome>
      <div className="mx-auto max-w-3xl px-5 py-10 sm:px-8 sm:py-14">{children}</div>
    </PublicChrome>
  );
}
