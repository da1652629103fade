'use client';

import { useParams } from 'next/navigation';
import { LeaveQuickly } from '@/components/intake/leave-quickly';
import { Button } from '@/components/ui/button';

export default function IntakeError({ retry }: { error: unknown; retry: () => void }) {
  const { token } = useParams<{ token: string }>();
  return (
    <div className="space-y-6">
      <div className="flex justify-end">
        <LeaveQuickly leaveUrl={`/m/${token}/intake/leave`} />
      </div>
      <h1 className="font-serif text-3xl font-semibold text-ink">Sorry, we couldn&apos;t load your questions</h1>
      <p className="text-lg text-ink-muted">
        Something went wrong on our side. Whatever was saved is safe. Please try again in a moment, or call the practice.
      </p>
      <Button onClick={() => retry()}>Try again</Button>
    </div>
  );
}
