'use client';

import { FriendlyError } from '../_components/friendly-error';

export default function PublicError({ retry }: { error: unknown; retry: () => void }) {
  return <FriendlyError title="Sorry, this page didn't load" retry={retry} />;
}
