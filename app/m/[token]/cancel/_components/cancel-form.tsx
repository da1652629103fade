'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { AlertBox } from '@/components/ui/alert-box';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { CANCEL_REASON_MAX } from '@/lib/bookings/limits';
import { cancelBookingAction, type CancelFormState } from '../actions';

export function CancelForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(cancelBookingAction.bind(null, token), null as CancelFormState);
  // Controlled, because React resets uncontrolled fields after a form action: keep what was typed.
  const [reason, setReason] = useState('');
  const errorRef = useRef<HTMLDivElement>(null);
  const reasonError = state?.fieldErrors?.reason;

  useEffect(() => {
    if (state?.formError) errorRef.current?.focus();
  }, [state]);

  return (
    <form action={formAction} className="space-y-6">
      <TextAreaField
        id="reason"
        name="reason"
        label="Would you like to tell us why?"
        optional
        hint="Only the practice sees this. You don't need to give a reason."
        limit={{ max: CANCEL_REASON_MAX, value: reason }}
        rows={3}
        error={reasonError}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus={Boolean(reasonError)}
      />
      {state?.formError ? (
        <AlertBox ref={errorRef} label="Cancellation problem" testId="cancel-error">
          {state.formError}
        </AlertBox>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" variant="danger" size="lg" disabled={pending}>
          {pending ? 'Cancelling…' : 'Confirm cancellation'}
        </Button>
        <a href={`/m/${token}`} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
          Keep my consultation
        </a>
      </div>
    </form>
  );
}
