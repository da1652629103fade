'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import type { ActionResult } from '@/lib/action';
import type { BookingStatus } from '@/lib/staff/dto';
import { staffCancelSchema, type StaffCancelInput } from '@/lib/staff/schemas';
import { BookingStatusControl } from '../../../../_components/booking-status-control';
import { draftKey } from '@/lib/drafts/schemas';
import { noteStaffActivity } from '../../../../_components/session-channel';
import { draftStateText, useStaffDraft } from '../../../../_components/use-staff-draft';
import { linkToldSentence, toldSentences } from '@/lib/messaging/delivery-words';
import { cancelBookingAsStaffAction, reissueClientLinkAction } from '../actions';

type Outcome = { tone: 'success' | 'danger'; title: string; body?: string; told?: string[] } | null;
type NewLink = { holder: 'primary' | 'partner'; url: string; emailed: string } | null;

/**
 * What the front desk can do with one booking. Each button calls a server action that checks the
 * session and the permission itself; the result is announced, and the page data refreshed.
 */
export function BookingActions({
  bookingId,
  status,
  started,
  hasPartner,
  allowed,
  draftReason,
  maskedAddresses,
}: {
  bookingId: string;
  status: BookingStatus;
  started: boolean;
  hasPartner: boolean;
  allowed: { cancel: boolean; setStatus: boolean; reissueLink: boolean };
  /** A reason typed before but not submitted (kept as the person's draft). */
  draftReason: string | null;
  /** Where a new link is emailed (masked), to say so on screen. */
  maskedAddresses: { primary: string; partner: string | null };
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [newLink, setNewLink] = useState<NewLink>(null);
  const [copied, setCopied] = useState(false);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const restored = { bookingId, reason: draftReason ?? '' };
  const form = useForm<StaffCancelInput>({ resolver: zodResolver(staffCancelSchema), defaultValues: restored });
  const kept = useStaffDraft({ formKey: draftKey('desk-cancel', bookingId), watch: form.watch, getValues: form.getValues, baseline: restored });

  function finish<T>(result: ActionResult<T>, success: (data: T) => Outcome) {
    noteStaffActivity();
    if (result.ok) {
      setOutcome(success(result.data));
      router.refresh();
    } else {
      setOutcome({ tone: 'danger', title: 'That didn’t work', body: result.formError ?? 'Please check the details and try again.' });
    }
  }

  const onCancel = form.handleSubmit((values) => {
    startTransition(async () => {
      const result = await cancelBookingAsStaffAction(values);
      if (!result.ok && result.fieldErrors?.reason) {
        form.setError('reason', { message: result.fieldErrors.reason }, { shouldFocus: true });
        return;
      }
      finish(result, (data) => ({
        tone: 'success',
        title: 'Booking cancelled',
        body: 'The time is free again. The client’s link now shows the booking as cancelled.',
        told: toldSentences(data.told),
      }));
      if (result.ok) {
        form.reset({ bookingId, reason: '' });
        await kept.settle({ bookingId, reason: '' });
      }
    });
  });

  const reissue = (holder: 'primary' | 'partner') =>
    startTransition(async () => {
      setCopied(false);
      const result = await reissueClientLinkAction({ bookingId, holder });
      finish(result, (data) => {
        const emailed = linkToldSentence(data.told, data.holder, data.holder === 'partner' ? maskedAddresses.partner : maskedAddresses.primary);
        setNewLink({ holder: data.holder, url: data.url, emailed });
        return {
          tone: 'success',
          title: 'New private link issued',
          body: `The old ${data.holder === 'partner' ? 'partner’s' : 'client’s'} link has stopped working. The new one is below, shown only once, to read out on the phone if needed.`,
          told: [emailed],
        };
      });
    });

  async function copyLink() {
    if (!newLink) return;
    try {
      await navigator.clipboard.writeText(newLink.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const open = status === 'requested' || status === 'confirmed';
  const reasonError = form.formState.errors.reason?.message;

  return (
    <section aria-labelledby="actions-heading" className="mt-10 border-t border-line pt-8">
      <h2 id="actions-heading" className="text-xl font-semibold text-ink">
        Actions
      </h2>

      <div ref={outcomeRef} tabIndex={-1} aria-live="polite" className="mt-3 outline-none">
        {outcome ? (
          <Notice tone={outcome.tone} title={outcome.title} role={outcome.tone === 'success' ? 'status' : 'alert'} testId="action-outcome">
            {outcome.body}
            {outcome.told?.length ? (
              <span className="mt-1 block" data-testid="who-was-told">
                {outcome.told.join(' ')}
              </span>
            ) : null}
          </Notice>
        ) : null}
      </div>

      {newLink ? (
        <div className="mt-4 rounded-xl border border-line-strong bg-surface p-4">
          <label htmlFor="new-link" className="block font-medium text-ink">
            New private link ({newLink.holder === 'partner' ? 'partner' : 'client'})
          </label>
          <div className="mt-1.5 flex flex-wrap gap-2">
            <input
              id="new-link"
              readOnly
              value={newLink.url}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-lg border border-line-strong bg-surface px-3 py-2 font-mono text-sm"
            />
            <Button variant="secondary" onClick={copyLink}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          </div>
        </div>
      ) : null}

      {allowed.setStatus ? <BookingStatusControl bookingId={bookingId} status={status} started={started} className="mt-6" /> : null}

      {allowed.reissueLink ? (
        <div className="mt-6">
          <h3 className="font-semibold text-ink">Private link</h3>
          <p className="text-sm text-ink-muted">Issuing a new link stops the old one from working.</p>
          <div className="mt-2 flex flex-wrap gap-3">
            <Button variant="secondary" disabled={pending} onClick={() => reissue('primary')}>
              Issue a new client link
            </Button>
            {hasPartner ? (
              <Button variant="secondary" disabled={pending} onClick={() => reissue('partner')}>
                Issue a new partner link
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}

      {allowed.cancel && open ? (
        <form onSubmit={onCancel} noValidate className="mt-6 max-w-xl">
          <h3 className="font-semibold text-ink">Cancel this booking</h3>
          <input type="hidden" {...form.register('bookingId')} />
          <TextAreaField
            id="cancel-reason"
            label="Reason for cancelling"
            hint="Kept with the booking. Don’t include anything clinical."
            error={reasonError}
            className="mt-2"
            {...form.register('reason')}
          />
          {draftReason ? (
            <p className="mt-1 text-sm text-ink-muted" data-testid="cancel-draft-restored">
              Your unsaved reason is back; the booking has not been cancelled.
            </p>
          ) : null}
          <div className="mt-3 flex flex-wrap items-center gap-4">
            <Button type="submit" variant="danger" disabled={pending}>
              Cancel booking
            </Button>
            <span className="text-sm text-ink-muted" aria-live="polite">
              {draftStateText(kept.state)}
            </span>
          </div>
        </form>
      ) : null}
    </section>
  );
}
