'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { signInHref, type SignInReason } from '@/lib/auth/staff-paths';
import { signOutEverywhereAction } from '../actions';
import { postSessionMessage } from './session-channel';

/**
 * "Sign out" ends this browser's sign-in (next-auth's signOut event revokes the session row);
 * "Sign out everywhere" first ends every session of the person, on every device. Both finish
 * with a full page load of the sign-in page, so nothing of the staff area stays in memory, and
 * tell this browser's other staff tabs to leave too.
 */
export function SignOutButtons() {
  const [pending, setPending] = useState<'here' | 'everywhere' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function finish(reason: SignInReason) {
    await signOut({ redirect: false }).catch(() => undefined);
    postSessionMessage({ type: 'signed_out', reason });
    window.location.assign(signInHref({ reason }));
  }

  async function signOutEverywhere() {
    setPending('everywhere');
    setProblem(null);
    const result = await signOutEverywhereAction().catch(() => null);
    if (!result || (!result.ok && result.code !== 'signed_out')) {
      setPending(null);
      setProblem("Couldn't sign out everywhere. Please check your connection and try again.");
      return;
    }
    await finish('signed_out_everywhere');
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <Button
        variant="secondary"
        disabled={pending !== null}
        onClick={() => {
          setPending('here');
          void finish('signed_out');
        }}
      >
        {pending === 'here' ? 'Signing out…' : 'Sign out'}
      </Button>
      <Button variant="quiet" disabled={pending !== null} onClick={() => void signOutEverywhere()}>
        {pending === 'everywhere' ? 'Signing out everywhere…' : 'Sign out everywhere'}
      </Button>
      {problem ? (
        <p role="alert" aria-label="Sign-out problem" className="w-full text-sm font-medium text-danger">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
