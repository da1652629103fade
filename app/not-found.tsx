import { ButtonLink } from '@/components/ui/button';
import { PublicChrome } from './_components/public-chrome';
import { sharedPageMetadata } from './_lib/shared-page-metadata';

// Often a private link copied incompletely: the same neutral <head> as the private pages.
export const generateMetadata = sharedPageMetadata;

/** An address that matches no page: shown outside every route group's layout, so it brings its own frame. */
export default function NotFound() {
  return (
    <PublicChrome>
      <div className="mx-auto max-w-2xl px-5 py-16 sm:px-8">
        <h1 className="font-serif text-3xl font-semibold text-ink">We couldn&apos;t find that page</h1>
        <p className="mt-4 text-lg text-ink-muted">The address may be mistyped, or the page may have moved.</p>
        <ButtonLink href="/" className="mt-8">
          Go to the practice page
        </ButtonLink>
      </div>
    </PublicChrome>
  );
}
