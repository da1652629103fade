'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { resendMessageAction } from '../_lib/message-actions';
import { noteStaffActivity } from './session-channel';

/** "Send again" on one message; says what happened, then refreshes the list (the new copy appears). */
export function ResendMessageButton({ messageId, what }: { messageId: string; what: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);

  function resend() {
    startTransition(async () => {
      const result = await resendMessageAction({ messageId });
      noteStaffActivity();
      if (result.ok) {
        const who = result.data.recipient === 'partner' ? 'the partner' : 'the client';
        setOutcome({ tone: 'success', text: `Sent again to ${who} at ${result.data.maskedAddress} — it should arrive in a minute.` });
        router.refresh();
      } else {
        setOutcome({ tone: 'danger', text: result.formError ?? 'It could not be sent again.' });
      }
    });
  }

  return (
    <div className="flex max-w-sm flex-col items-end gap-2">
      <Button variant="secondary" onClick={resend} disabled={pending} aria-label={`Send the ${what.toLowerCase()} again`}>
        {pending ? 'Sending…' : 'Send again'}
      </Button>
      <div aria-live="polite">
        {outcome ? (
          <Notice tone={outcome.tone} role={outcome.tone === 'success' ? 'status' : 'alert'} title={outcome.tone === 'success' ? 'Sent again' : 'Not sent again'} testId="resend-outcome">
            {outcome.text}
          </Notice>
        ) : null}
      </div>
    </div>
  );
}
