'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { declineRequestSchema } from '@/lib/staff/schemas';
import { draftKey } from '@/lib/drafts/schemas';
import { noteStaffActivity } from '../../_components/session-channel';
import { draftStateText, useStaffDraftOfValues } from '../../_components/use-staff-draft';
import { toldSentences } from '@/lib/messaging/delivery-words';
import { approveRequestAction, declineRequestAction } from '../actions';

type Outcome = { tone: 'success' | 'danger'; text: string } | null;

/**
 * Approve, or decline with a short message to the client; says what happened. A message typed
 * but not sent is kept as a draft (`draftMessage` brings it back, e.g. after an idle sign-out).
 */
export function RequestDecision({
  bookingId,
  who,
  isPast,
  draftMessage,
}: {
  bookingId: string;
  who: string;
  isPast: boolean;
  draftMessage: string | null;
}) {
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [declining, setDeclining] = useState(draftMessage !== null);
  const [message, setMessage] = useState(draftMessage ?? '');
  const kept = useStaffDraftOfValues({
    formKey: draftKey('decline-request', bookingId),
    values: { message },
    baseline: { message: draftMessage ?? '' },
  });
  const [messageError, setMessageError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [done, setDone] = useState(false);
  const messageRef = useRef<HTMLTextAreaElement>(null);

  function approve() {
    startTransition(async () => {
      const result = await approveRequestAction({ bookingId });
      noteStaffActivity();
      if (result.ok) {
        setDone(true);
        setOutcome({ tone: 'success', text: `Approved: ${who}'s consultation is confirmed. ${toldSentences(result.data.told).join(' ')}` });
      } else {
        setOutcome({ tone: 'danger', text: result.formError ?? 'The request could not be approved.' });
      }
    });
  }

  function decline() {
    const parsed = declineRequestSchema.safeParse({ bookingId, message });
    if (!parsed.success) {
      setMessageError(parsed.error.issues.find((i) => i.path[0] === 'message')?.message ?? parsed.error.issues[0]?.message);
      messageRef.current?.focus();
      return;
    }
    setMessageError(undefined);
    startTransition(async () => {
      const result = await declineRequestAction(parsed.data);
      noteStaffActivity();
      if (result.ok) {
        void kept.settle({ message: '' });
        setDone(true);
        setDeclining(false);
        setOutcome({ tone: 'success', text: `Declined: ${who} will see your message. ${toldSentences(result.data.told).join(' ')}` });
      } else if (result.fieldErrors?.message) {
        setMessageError(result.fieldErrors.message);
        messageRef.current?.focus();
      } else {
        setOutcome({ tone: 'danger', text: result.formError ?? 'The request could not be declined.' });
      }
    });
  }

  return (
    <div className="mt-3">
      <div aria-live="polite">
        {outcome ? (
          <Notice tone={outcome.tone} role={outcome.tone === 'success' ? 'status' : 'alert'} title="Request" className="mb-3">
            {outcome.text}
          </Notice>
        ) : null}
      </div>
      {done ? null : declining ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            decline();
          }}
          noValidate
        >
          <TextAreaField
            id={`${id}-message`}
            ref={messageRef}
            label="Message to the client"
            hint="A short, kind note: it is shown to the client with the decline."
            value={message}
            error={messageError}
            onChange={(event) => setMessage(event.target.value)}
            maxLength={1000}
            autoFocus={draftMessage === null}
          />
          {draftMessage !== null && message === draftMessage ? (
            <p className="mt-1 text-sm text-ink-muted" data-testid="decline-draft-restored">
              Your unsent message is back; it has not been sent yet.
            </p>
          ) : null}
          <div className="mt-3 flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? 'Declining…' : 'Send and decline'}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setDeclining(false);
                setMessage('');
                void kept.settle({ message: '' });
              }}
              disabled={pending}
            >
              Keep the request
            </Button>
            <span className="self-center text-sm text-ink-muted" aria-live="polite">
              {draftStateText(kept.state)}
            </span>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-3">
          {isPast ? null : (
            <Button onClick={approve} disabled={pending}>
              {pending ? 'Approving…' : 'Approve'}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setDeclining(true)} disabled={pending}>
            Decline…
          </Button>
        </div>
      )}
    </div>
  );
}
