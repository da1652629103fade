import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { getStaffActor } from '@/lib/auth/session';
import { STAFF_HOME } from '@/lib/auth/staff-paths';

export const metadata: Metadata = { title: 'Page not found' };

/** Inside the staff frame: something this person can't see, or that isn't there (they look the same). */
export default async function StaffNotFound() {
  const actor = await getStaffActor();
  return (
    <div className="mx-auto max-w-2xl px-5 py-16 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">We couldn&apos;t find that page</h1>
      <p className="mt-4 text-lg text-ink-muted">The address may be mistyped, or the page isn&apos;t part of your workspace.</p>
      <ButtonLink href={actor ? STAFF_HOME[actor.role] : '/sign-in'} className="mt-8">
        Go to your workspace
      </ButtonLink>
    </div>
  );
}
