'use client';

import { FriendlyError } from '../_components/friendly-error';

export default function StaffError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <FriendlyError title="Sorry, this page didn't load" retry={retry}>
      <p>Something went wrong on our side. Nothing has been changed. Please try again in a moment.</p>
    </FriendlyError>
  );
}
