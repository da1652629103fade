'use client';

import { useState, useTransition } from 'react';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import { noteStaffActivity } from '../../../../../_components/session-channel';
import { markIntakeReviewedAction } from '../../../../intakes/actions';

/**
 * "Mark reviewed" on one sent intake. It does not reload the page: every render of the intake view
 * opens (and audits) the intakes again, and marking is not reading. The button gives way to the
 * outcome once marked.
 */
export function MarkReviewedButton({ intakeId, personName }: { intakeId: string; personName: string }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [done, setDone] = useState(false);
  return (
    <div>
      {done ? null : (
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              setOutcome(null);
              const result = await markIntakeReviewedAction({ intakeId });
              noteStaffActivity();
              if (!result.ok) {
                setOutcome({ tone: 'danger', text: result.formError ?? 'Something went wrong. Please try again.' });
                return;
              }
              setDone(true);
              setOutcome({ tone: 'success', text: `${personName}’s intake is marked as reviewed.` });
            })
          }
        >
          {pending ? 'Marking…' : 'Mark reviewed'}
        </Button>
      )}
      <ActionOutcome outcome={outcome} title={{ success: 'Intake reviewed', failure: 'Intake not marked' }} className="mt-2" />
    </div>
  );
}
