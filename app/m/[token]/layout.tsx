import type { ReactNode } from 'react';
import { PublicChrome } from '../../_components/public-chrome';
import { sharedPageMetadata } from '../../_lib/shared-page-metadata';

// A private link: never indexed, never prerendered (next.config.js also sends no-store and
// no-referrer for /m/*), and a neutral <head> for link previews. Pages below set no title of their own.
export const dynamic = 'force-dynamic';
export const generateMetadata = sharedPageMetadata;

export default function PrivateLinkLayout({ children }: { children: ReactNode }) {
  return (
    <PublicChrome>
      <div className="mx-auto max-w-3xl px-5 py-10 sm:px-8 sm:py-14">{children}</div>
    </PublicChrome>
  );
}
