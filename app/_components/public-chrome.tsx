import type { ReactNode } from 'react';
import { loadPracticeOrNull } from '../_lib/practice';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/**
 * The frame of every client-facing page: the practice header, the main landmark (the root
 * layout's skip link targets `#main`) and the footer with the privacy and crisis lines. Staff
 * pages have their own frame (app/(staff)/layout.tsx, app/(auth)/layout.tsx).
 */
export async function PublicChrome({ children }: { children: ReactNode }) {
  const practice = await loadPracticeOrNull();
  return (
    <>
      <SiteHeader practice={practice} />
      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        {children}
      </main>
      <SiteFooter practice={practice} />
    </>
  );
}
