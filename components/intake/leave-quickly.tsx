'use client';

import { useEffect, useRef } from 'react';
import { cx } from '@/components/ui/cx';
import { NEUTRAL_SITE } from './neutral-site';

/** Two presses of Esc within this long leave, like the button. */
const ESC_TWICE_MS = 1_500;

/**
 * "Leave quickly": on every intake page. Tells the server to forget this device (a beacon to
 * `leaveUrl`, which outlives the page; with the newest unsaved answers when the form gives them, so
 * nothing typed is lost), then replaces the page with a neutral site — `location.replace`, so
 * the intake is not left in the tab's back history. Esc pressed twice does the same.
 *
 * `beforeLeave` runs first: the form uses it to drop its "unsaved changes" prompt and to hand
 * over its newest draft (JSON) for the beacon.
 */
export function LeaveQuickly({ leaveUrl, beforeLeave, className }: { leaveUrl: string; beforeLeave?: () => string | null; className?: string }) {
  const beforeLeaveRef = useRef(beforeLeave);
  beforeLeaveRef.current = beforeLeave;

  useEffect(() => {
    let lastEsc = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') {
        lastEsc = 0;
        return;
      }
      const now = Date.now();
      if (now - lastEsc <= ESC_TWICE_MS) {
        event.preventDefault();
        leaveNow(leaveUrl, beforeLeaveRef.current);
      } else {
        lastEsc = now;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [leaveUrl]);

  return (
    <div className={cx('flex flex-col items-end gap-1', className)}>
      <button
        type="button"
        onClick={() => leaveNow(leaveUrl, beforeLeaveRef.current)}
        className="inline-flex min-h-11 items-center justify-center rounded-lg bg-ink px-4 py-2 font-medium text-white hover:bg-ink/85"
        data-testid="leave-quickly"
      >
        Leave quickly
      </button>
      <p className="text-xs text-ink-muted">or press Esc twice</p>
    </div>
  );
}

/** Forget this device on the server (best effort, survives the page), then go — at once. */
export function leaveNow(leaveUrl: string, beforeLeave?: () => string | null): void {
  let body: string | null = null;
  try {
    body = beforeLeave?.() ?? null;
  } catch {
    body = null;
  }
  const send = (payload: string | null): boolean => {
    try {
      return navigator.sendBeacon(leaveUrl, payload === null ? undefined : new Blob([payload], { type: 'application/json' }));
    } catch {
      return false;
    }
  };
  // A beacon is refused above ~64 kB: then at least forget the device.
  if (!send(body) && !(body !== null && send(null))) {
    void fetch(leaveUrl, { method: 'POST', keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
  }
  window.location.replace(NEUTRAL_SITE);
}
