'use client';

import { signOut } from 'next-auth/react';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { signInHref, type SignInReason } from '@/lib/auth/staff-paths';
import { staySignedInAction } from '../actions';
import { onSessionMessage, onStaffActivity, postSessionMessage } from './session-channel';

/** The warning opens this long before the sign-in ends. */
const WARN_BEFORE_MS = 60_000;

type Props = {
  /** Names this sign-in across tabs (its absolute expiry, from the server). */
  sessionTag: string;
  /** Time left, measured on the server when the page was made (durations: clocks may differ). */
  idleExpiresInMs: number;
  absoluteExpiresInMs: number;
  /** IDLE_TIMEOUT_MS and LAST_SEEN_WRITE_INTERVAL_MS of lib/auth/sessions.ts. */
  idleTimeoutMs: number;
  lastSeenIntervalMs: number;
};

type Warning = { secondsLeft: number; limit: 'idle' | 'absolute' };

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

/**
 * The idle-timeout warning of the staff area. The server ends a sign-in after 15 minutes without
 * a request (lib/auth/sessions.ts); this only tells the person a minute before, and never polls
 * — a check would itself count as activity. It knows the deadline from the server (page load,
 * "Stay signed in"), and moves it on for every page navigation in the staff area (each one is a
 * request that checked the session; the server records activity at most once a minute, so a
 * navigation is counted as 14 minutes, never more than the server will allow).
 *
 * At the deadline it signs out (so the screen stops showing client information even if the
 * server's clock has a few seconds left) and opens the sign-in page with the return address;
 * signing in again comes back to the same page. Unsaved form contents are lost with the page:
 * staff forms should autosave drafts to sessionStorage (a later issue).
 */
export function IdleTimeout({ sessionTag, idleExpiresInMs, absoluteExpiresInMs, idleTimeoutMs, lastSeenIntervalMs }: Props) {
  const pathname = usePathname();
  const deadline = useRef({ idle: 0, absolute: 0 });
  const lastPath = useRef(pathname);
  const popped = useRef(false);
  /** Another tab signed in afresh: at the deadline, let the server decide instead of signing out. */
  const superseded = useRef(false);
  const leaving = useRef(false);
  const dismissedAbsolute = useRef(false);
  const [warning, setWarning] = useState<Warning | null>(null);
  const [staying, setStaying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);

  const share = useCallback(() => postSessionMessage({ type: 'deadline', tag: sessionTag, idle: deadline.current.idle }), [sessionTag]);

  const extendTo = useCallback(
    (idle: number) => {
      const d = deadline.current;
      const next = Math.min(d.absolute, Math.max(d.idle, idle));
      if (next > d.idle) {
        d.idle = next;
        share();
      }
    },
    [share],
  );

  const leave = useCallback(async (reason: SignInReason | null, options: { signOut: boolean }) => {
    if (leaving.current) return;
    leaving.current = true;
    const callbackUrl = `${window.location.pathname}${window.location.search}`;
    if (options.signOut && superseded.current) {
      window.location.reload();
      return;
    }
    if (options.signOut) {
      await signOut({ redirect: false }).catch(() => undefined);
      if (reason) postSessionMessage({ type: 'signed_out', reason });
    }
    // A full page load: nothing of this page stays in memory.
    window.location.assign(signInHref({ callbackUrl, reason }));
  }, []);

  // Exact times from the server: on the first load, and whenever the layout is rendered again.
  useEffect(() => {
    const now = Date.now();
    deadline.current = { idle: now + idleExpiresInMs, absolute: now + absoluteExpiresInMs };
    superseded.current = false;
    share();
  }, [idleExpiresInMs, absoluteExpiresInMs, share]);

  // A navigation to another staff page was a request that kept the session alive (not so for
  // back/forward, which Next serves from its cache).
  useEffect(() => {
    const onPop = () => {
      popped.current = true;
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    if (popped.current) {
      popped.current = false;
      return;
    }
    extendTo(Date.now() + idleTimeoutMs - lastSeenIntervalMs);
  }, [pathname, extendTo, idleTimeoutMs, lastSeenIntervalMs]);

  useEffect(() => onStaffActivity(() => extendTo(Date.now() + idleTimeoutMs - lastSeenIntervalMs)), [extendTo, idleTimeoutMs, lastSeenIntervalMs]);

  useEffect(
    () =>
      onSessionMessage((message) => {
        if (message.type === 'signed_out') {
          void leave(message.reason, { signOut: false });
          return;
        }
        if (message.tag !== sessionTag) {
          superseded.current = true;
          return;
        }
        const d = deadline.current;
        if (message.idle > d.idle) d.idle = Math.min(d.absolute, message.idle);
      }),
    [sessionTag, leave],
  );

  // One clock for the warning and the deadline. Background tabs tick late; Date.now() keeps it right.
  useEffect(() => {
    const tick = () => {
      const d = deadline.current;
      if (leaving.current || d.idle === 0) return;
      const left = d.idle - Date.now();
      const limit = d.idle >= d.absolute ? 'absolute' : 'idle';
      if (left <= 0) {
        void leave(limit, { signOut: true });
        return;
      }
      if (left <= WARN_BEFORE_MS && !(limit === 'absolute' && dismissedAbsolute.current)) {
        const secondsLeft = Math.ceil(left / 1000);
        setWarning((w) => (w && w.secondsLeft === secondsLeft && w.limit === limit ? w : { secondsLeft, limit }));
      } else {
        setWarning((w) => (w ? null : w));
      }
    };
    tick();
    const id = window.setInterval(tick, 1000);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(id);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [leave]);

  const open = warning !== null;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      primaryRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      setProblem(null);
      setAnnouncement('');
    }
  }, [open]);

  // The dialog's description is read when it opens; say the time again near the end.
  const secondsLeft = warning?.secondsLeft;
  useEffect(() => {
    if (secondsLeft === 30 || secondsLeft === 10) setAnnouncement(`${seconds(secondsLeft)} left.`);
  }, [secondsLeft]);

  async function stay() {
    setStaying(true);
    setProblem(null);
    const result = await staySignedInAction().catch(() => null);
    setStaying(false);
    if (!result) {
      setProblem("We couldn't reach the server. Please check your connection and try again.");
      return;
    }
    if (!result.ok) {
      const reason = result.code === 'idle' || result.code === 'absolute' || result.code === 'revoked' ? result.code : 'idle';
      void leave(reason, { signOut: true });
      return;
    }
    const now = Date.now();
    deadline.current = { idle: now + result.data.idleExpiresInMs, absolute: now + result.data.absoluteExpiresInMs };
    share();
    setWarning(null);
  }

  function dismiss() {
    dismissedAbsolute.current = true;
    setWarning(null);
  }

  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      aria-labelledby={warning ? 'idle-title' : undefined}
      aria-describedby={warning ? 'idle-description' : undefined}
      data-testid="idle-warning"
      onCancel={(event) => {
        // Escape: for the idle warning it means "I'm here".
        event.preventDefault();
        if (warning?.limit === 'absolute') dismiss();
        else void stay();
      }}
      className="m-auto w-[min(30rem,calc(100%-2rem))] rounded-2xl border border-line bg-surface p-6 text-ink shadow-xl backdrop:bg-ink/50 sm:p-8"
    >
      {warning ? (
        <>
          <h2 id="idle-title" className="font-serif text-2xl font-semibold text-ink">
            {warning.limit === 'idle' ? 'Are you still there?' : 'Your sign-in is ending'}
          </h2>
          <p id="idle-description" className="mt-3 text-lg text-ink">
            You&apos;ll be signed out in <span data-testid="idle-countdown">{seconds(warning.secondsLeft)}</span>{' '}
            {warning.limit === 'idle'
              ? 'for privacy.'
              : 'because every sign-in ends after 12 hours. Sign in again to carry on.'}{' '}
            Anything not yet saved on this page will be lost.
          </p>
          <p className="sr-only" aria-live="polite">
            {announcement}
          </p>
          {problem ? (
            <p role="alert" aria-label="Couldn't stay signed in" className="mt-3 font-medium text-danger">
              {problem}
            </p>
          ) : null}
          <div className="mt-6 flex flex-wrap items-center gap-3">
            {warning.limit === 'idle' ? (
              <>
                <Button ref={primaryRef} size="lg" disabled={staying} aria-disabled={staying || undefined} onClick={() => void stay()}>
                  {staying ? 'Staying signed in…' : 'Stay signed in'}
                </Button>
                <Button variant="quiet" onClick={() => void leave('signed_out', { signOut: true })}>
                  Sign out now
                </Button>
              </>
            ) : (
              <>
                <Button ref={primaryRef} size="lg" onClick={() => void leave('absolute', { signOut: true })}>
                  Sign in again now
                </Button>
                <Button variant="quiet" onClick={dismiss}>
                  Not yet
                </Button>
              </>
            )}
          </div>
        </>
      ) : null}
    </dialog>
  );
}
