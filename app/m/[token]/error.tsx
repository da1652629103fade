'use client';

import { Button } from '@/components/ui/button';

export default function PrivateLinkError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div>
      <h1 className="font-serif text-3xl font-semibold text-ink">Sorry, we couldn&apos;t load your consultation</h1>
      <p className="mt-4 text-lg text-ink-muted">
        Something went wrong on our side; your booking itself is not affected. Please try again in a moment, or call the
        practice.
      </p>
      <Button className="mt-8" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
