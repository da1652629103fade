import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { startTotpEnrolment } from '@/lib/auth/enrolment';
import { getStaffSession } from '@/lib/auth/session';
import { landingPathFor, safeCallbackPath, signInHref } from '@/lib/auth/staff-paths';
import { single, type SearchParams } from '../../_lib/params';
import { TwoStepSetup } from './_components/two-step-setup';

export const metadata: Metadata = { title: 'Set up two-step sign-in' };

/**
 * First sign-in of someone who must use two-step sign-in (every clinician; everyone when the
 * practice requires it): add Haven to an authenticator app, prove it with a code, keep the
 * recovery codes. Nothing is stored until the code matches; reloading shows a new key.
 */
export default async function TwoStepPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(single(query.callbackUrl));
  const state = await getStaffSession();
  if (state.status === 'active') redirect(landingPathFor(state.actor.role, callbackUrl));
  if (state.status !== 'enrolment_required') {
    redirect(signInHref({ callbackUrl, reason: state.status === 'expired' ? state.reason : null }));
  }

  const enrolment = await startTotpEnrolment({ actor: state.actor });

  return (
    <div className="mx-auto max-w-2xl px-5 py-12 sm:px-8 sm:py-16">
      <h1 className="font-serif text-3xl font-semibold text-ink">Set up two-step sign-in</h1>
      <p className="mt-3 text-lg text-ink-muted">
        Hello, {state.displayName}. Because you can see client information, each sign-in is confirmed with a code from an
        authenticator app on your phone — such as 1Password, Google Authenticator, Microsoft Authenticator or Authy. It takes
        about a minute.
      </p>

      <TwoStepSetup className="mt-10" qrSvg={enrolment.qrSvg} secret={enrolment.secret} callbackUrl={callbackUrl} />
    </div>
  );
}
