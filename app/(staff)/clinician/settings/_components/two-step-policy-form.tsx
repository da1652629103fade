'use client';

import { useState, useTransition } from 'react';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import { noteStaffActivity } from '../../../_components/session-channel';
import { setTwoFactorForAllAction } from '../actions';

/** The practice's sign-in rule: clinicians always use two-step sign-in; this extends it to everyone. */
export function TwoStepPolicyForm({ initial }: { initial: boolean }) {
  const [required, setRequired] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();

  const save = () =>
    startTransition(async () => {
      setOutcome(null);
      const result = await setTwoFactorForAllAction({ required });
      noteStaffActivity();
      if (!result.ok) {
        setOutcome({ tone: 'danger', text: result.formError ?? 'The sign-in rule could not be saved. Please try again.' });
        return;
      }
      setSaved(result.data.requireTwoFactorForAll);
      setOutcome({
        tone: 'success',
        text: result.data.requireTwoFactorForAll
          ? 'Everyone now needs two-step sign-in. Anyone without an authenticator app sets one up on their next page.'
          : 'Two-step sign-in is required for clinicians only.',
      });
    });

  return (
    <form
      aria-label="Sign-in rule"
      className="mt-3 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label className="flex min-h-11 items-start gap-3 text-ink">
        <input
          type="checkbox"
          className="mt-1 size-5 accent-accent"
          checked={required}
          onChange={(event) => setRequired(event.target.checked)}
          aria-describedby="two-step-policy-hint"
        />
        <span>Require two-step sign-in for everyone, the front desk too</span>
      </label>
      <p id="two-step-policy-hint" className="-mt-2 text-sm text-ink-muted">
        Clinicians always need it. Staff without an authenticator app are asked to set one up (with recovery codes) before they can continue.
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending || required === saved}>
          {pending ? 'Saving…' : 'Save sign-in rule'}
        </Button>
      </div>
      <ActionOutcome outcome={outcome} title={{ success: 'Sign-in rule saved', failure: 'Sign-in rule not saved' }} />
    </form>
  );
}
