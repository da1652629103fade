import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { LocaleProvider } from '@/components/locale/locale-context';
import { ZodJitless } from './_components/zod-jitless';
import { loadPracticeOrNull } from './_lib/practice';
import { getRequestLocale } from './_lib/request-locale';
import './globals.css';

// Metadata and every frame read the practice from the database: never prerender at build time.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const practice = await loadPracticeOrNull();
  const name = practice?.name ?? 'Haven';
  return {
    title: { default: `${name}: book a consultation`, template: `%s · ${name}` },
    description: practice?.tagline || 'Book a private consultation with a therapist, in person or by video.',
    formatDetection: { telephone: false, email: false, address: false },
  };
}

export const viewport: Viewport = {
  themeColor: '#f8f6f2',
  width: 'device-width',
  initialScale: 1,
};

/**
 * The document. Each area brings its own frame with the `#main` landmark the skip link targets:
 * client pages `PublicChrome` (header, footer), staff pages app/(staff) and app/(auth).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col antialiased">
        <ZodJitless />
        <a
          href="#main"
          className="sr-only z-50 rounded-lg bg-surface px-4 py-2 font-medium text-accent shadow focus:not-sr-only focus:absolute focus:top-3 focus:left-3"
        >
          Skip to main content
        </a>
        <LocaleProvider locale={locale}>{children}</LocaleProvider>
      </body>
    </html>
  );
}
