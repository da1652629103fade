'use client';

import { FriendlyError } from '../../../../_components/friendly-error';

/**
 * The consultation page has its own words: a failure here must not leave the clinician wondering
 * whether their saved notes were lost.
 */
export default function ConsultationError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <FriendlyError title="Sorry, this consultation didn't load" retry={retry} home={{ href: '/clinician', label: 'Back to Today & week' }}>
      <p>Something went wrong on our side. Notes you saved before are safe, and nothing has been changed.</p>
    </FriendlyError>
  );
}
