'use client';

import { usePathname } from 'next/navigation';
import { FriendlyError } from '../_components/friendly-error';

/**
 * Every staff page's error boundary (clinician and desk segments have no error.tsx of their own
 * unless they need other words): it renders inside the staff frame, so the header and navigation
 * stay. Links back to the workspace the person was in, not to the public practice page.
 */
export default function StaffError({ retry }: { error: unknown; retry: () => void }) {
  const pathname = usePathname();
  const home = pathname.startsWith('/desk') ? '/desk' : '/clinician';
  return (
    <FriendlyError title="Sorry, this page didn't load" retry={retry} home={{ href: home, label: 'Back to your workspace' }}>
      <p>Something went wrong on our side. Nothing has been changed. Please try again in a moment.</p>
    </FriendlyError>
  );
}
