'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { BookingStatus } from '@/lib/staff/dto';
import { setBookingStatusAction } from '../_lib/booking-status-actions';
import { noteStaffActivity } from './session-channel';

type Result = { tone: 'success' | 'danger'; title: string; body?: string } | null;

const STATUS_DONE: Record<'completed' | 'no_show', string> = {
  completed: 'Marked as completed.',
  no_show: 'Marked as a no-show.',
};

/**
 * "After the consultation": mark it completed or a no-show, once it has started (a mark can be
 * corrected later). Shared by the front desk's booking page and the clinician's consultation
 * page; the server action checks the session and the permission itself, and the page data is
 * refreshed so the status shown elsewhere on the page follows.
 */
export function BookingStatusControl({
  bookingId,
  status,
  started,
  headingLevel = 3,
  className,
}: {
  bookingId: string;
  status: BookingStatus;
  started: boolean;
  /** Where the control sits in the page's outline (the desk nests it under "Actions"). */
  headingLevel?: 2 | 3;
  className?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const markAs = (next: 'completed' | 'no_show') =>
    startTransition(async () => {
      const outcome = await setBookingStatusAction({ bookingId, status: next });
      noteStaffActivity();
      if (outcome.ok) {
        setResult({ tone: 'success', title: STATUS_DONE[outcome.data.status] });
        router.refresh();
      } else {
        setResult({ tone: 'danger', title: 'That didn’t work', body: outcome.formError ?? 'Please try again.' });
      }
    });

  const open = status === 'requested' || status === 'confirmed';
  const canMark = started && (status === 'confirmed' || status === 'completed' || status === 'no_show');
  if (!canMark && !(open && !started)) return null;

  return (
    <div className={className}>
      {headingLevel === 2 ? (
        <h2 className="font-serif text-xl font-semibold text-ink">After the consultation</h2>
      ) : (
        <h3 className="font-semibold text-ink">After the consultation</h3>
      )}
      <div ref={resultRef} tabIndex={-1} aria-live="polite" className="outline-none">
        {result ? (
          <Notice tone={result.tone} title={result.title} role={result.tone === 'success' ? 'status' : 'alert'} testId="status-outcome" className="mt-2">
            {result.body}
          </Notice>
        ) : null}
      </div>
      {canMark ? (
        <div className="mt-2 flex flex-wrap gap-3">
          <Button variant="secondary" disabled={pending || status === 'completed'} onClick={() => markAs('completed')}>
            Mark completed
          </Button>
          <Button variant="secondary" disabled={pending || status === 'no_show'} onClick={() => markAs('no_show')}>
            Mark no-show
          </Button>
        </div>
      ) : (
        <p className="mt-1 text-sm text-ink-muted">Completed and no-show can be marked once the consultation has started.</p>
      )}
    </div>
  );
}
