import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Notice } from '@/components/ui/notice';
import { getStaffSession } from '@/lib/auth/session';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '@/lib/auth/sessions';
import { describeSignInError } from '@/lib/auth/sign-in-messages';
import { landingPathFor, parseSignInReason, safeCallbackPath, signInNotice, twoStepHref } from '@/lib/auth/staff-paths';
import { single, type SearchParams } from '../../_lib/params';
import { SignInForm } from './_components/sign-in-form';

export const metadata: Metadata = { title: 'Staff sign-in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(single(query.callbackUrl));

  // Already signed in: straight on (this also finishes a sign-in that needs two-step set-up).
  const state = await getStaffSession();
  if (state.status === 'active') redirect(landingPathFor(state.actor.role, callbackUrl));
  if (state.status === 'enrolment_required') redirect(twoStepHref(callbackUrl));

  const reason = parseSignInReason(single(query.reason)) ?? (state.status === 'expired' ? state.reason : null);
  const notice = reason
    ? signInNotice(reason, { idleMinutes: IDLE_TIMEOUT_MS / 60_000, absoluteHours: ABSOLUTE_TIMEOUT_MS / 3_600_000 })
    : null;
  // next-auth's own error redirect (`?error=`), e.g. after a failed sign-in without JavaScript.
  const error = single(query.error);

  return (
    <div className="mx-auto max-w-md px-5 py-12 sm:px-0 sm:py-16">
      <h1 className="font-serif text-3xl font-semibold text-ink">Staff sign-in</h1>
      <p className="mt-2 text-ink-muted">For the practice&apos;s clinicians and front desk.</p>
      {notice ? (
        <Notice tone="info" role="status" title={notice.title} testId="sign-in-notice" className="mt-6">
          {notice.body}
        </Notice>
      ) : null}
      <SignInForm className="mt-8" callbackUrl={callbackUrl} initialError={error ? describeSignInError(error).message : null} />
    </div>
  );
}
