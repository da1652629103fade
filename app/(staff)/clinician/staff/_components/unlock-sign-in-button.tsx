'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import { noteStaffActivity } from '../../../_components/session-channel';
import { unlockStaffSignInAction } from '../actions';

/**
 * "Unlock" for one staff member: clears their failed sign-ins and pauses, then says so. The
 * button shows only while there is something to clear; the confirmation stays after the refresh.
 */
export function UnlockSignInButton({ staffUserId, displayName, needed }: { staffUserId: string; displayName: string; needed: boolean }) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();

  const unlock = () =>
    startTransition(async () => {
      setOutcome(null);
      const result = await unlockStaffSignInAction({ staffUserId });
      noteStaffActivity();
      if (!result.ok) {
        setOutcome({ tone: 'danger', text: result.formError ?? 'Sign-in could not be unlocked. Please try again.' });
        return;
      }
      setOutcome({ tone: 'success', text: `${result.data.displayName} can sign in again now.` });
      router.refresh();
    });

  return (
    <div className="space-y-2">
      {needed ? (
        <Button type="button" variant="secondary" onClick={unlock} disabled={pending} aria-label={`Unlock sign-in for ${displayName}`}>
          {pending ? 'Unlocking…' : 'Unlock'}
        </Button>
      ) : null}
      <ActionOutcome outcome={outcome} title={{ success: 'Sign-in unlocked', failure: 'Not unlocked' }} />
    </div>
  );
}
