import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getStaffActor } from '@/lib/auth/session';
import { IDLE_TIMEOUT_MS, LAST_SEEN_WRITE_INTERVAL_MS } from '@/lib/auth/sessions';
import { getStaffPractice } from '@/lib/staff/practice';
import { IdleTimeout } from './_components/idle-timeout';
import { env } from '@/lib/env';
import { MailSetupBanner } from './_components/mail-setup-banner';
import { StaffHeader } from './_components/staff-header';
import { requireActiveStaffSession } from './_lib/staff-guard';

// Per person and per request: never prerendered, never indexed.
export const dynamic = 'force-dynamic';

/**
 * Titles name the signed-in person's own practice ("Schedule · Their Practice"), not the
 * deployment's default one that the root layout's template uses. No valid session: just "Haven"
 * (the layout then sends the person to sign in).
 */
export async function generateMetadata(): Promise<Metadata> {
  const actor = await getStaffActor();
  const name = actor ? (await getStaffPractice({ actor })).name : 'Haven';
  return { title: { default: name, template: `%s · ${name}` }, robots: { index: false, follow: false } };
}

/**
 * The staff workspace frame: only for an active staff session (signed out or expired → sign-in
 * with the return address; two-step set-up pending → the set-up page). Each page checks again
 * with `requireStaffPage` (lib in ./_lib/staff-guard.ts): this layout is not re-rendered on
 * navigations between staff pages.
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const session = await requireActiveStaffSession();
  // The signed-in person's own practice (not the deployment's default one).
  const practice = await getStaffPractice({ actor: session.actor });
  const now = Date.now();
  return (
    <>
      <StaffHeader practiceName={practice.name} displayName={session.displayName} role={session.actor.role} />
      <MailSetupBanner transport={env().mailTransport} />
      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        {children}
      </main>
      <IdleTimeout
        sessionTag={session.absoluteExpiresAt.toISOString()}
        idleExpiresInMs={session.idleExpiresAt.getTime() - now}
        absoluteExpiresInMs={session.absoluteExpiresAt.getTime() - now}
        idleTimeoutMs={IDLE_TIMEOUT_MS}
        lastSeenIntervalMs={LAST_SEEN_WRITE_INTERVAL_MS}
      />
    </>
  );
}
