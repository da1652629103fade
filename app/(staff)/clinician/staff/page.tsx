import type { Metadata } from 'next';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { getStaffPractice } from '@/lib/staff/practice';
import { findStaffSignInStates, type StaffSignInState } from '@/lib/staff/sign-in-state';
import { requireStaffPage } from '../../_lib/staff-guard';
import { ROLE_LABEL } from '../../_components/staff-header';
import { formatDateTime } from '../_lib/format';
import { UnlockSignInButton } from './_components/unlock-sign-in-button';

export const metadata: Metadata = { title: 'Staff sign-in' };

function describeState(state: StaffSignInState, zone: string, locale: string): string {
  if (state.pausedUntil) {
    const until = formatDateTime(state.pausedUntil, zone, locale);
    return state.pausedEverywhere
      ? `Sign-in paused from every address until ${until}, after failed attempts from many addresses.`
      : `Sign-in paused until ${until} from ${state.failureAddresses === 1 ? 'one address' : 'some addresses'} with repeated failed attempts. Other addresses can still sign in.`;
  }
  if (state.recentFailures > 0) {
    return `${state.recentFailures} failed attempt${state.recentFailures === 1 ? '' : 's'} in the last day; sign-in works.`;
  }
  return 'Sign-in works; no failed attempts.';
}

/**
 * The practice's staff and whether each can sign in now, with "Unlock" for anyone paused or with
 * failed attempts. Clinicians only ('staff.manage_sign_in'; the front desk gets "not found").
 */
export default async function StaffSignInPage() {
  const { actor } = await requireStaffPage('staff.manage_sign_in');
  const [staff, practice] = await Promise.all([findStaffSignInStates({ actor }), getStaffPractice({ actor })]);
  const zone = practice.timeZone;
  const locale = await getRequestLocale();

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Staff sign-in</h1>
      <p className="mt-2 max-w-3xl text-ink-muted">
        Repeated failed sign-ins pause sign-in from the address they come from, for longer each time; failures from many
        addresses pause it everywhere for 15 minutes. Unlock lets the person sign in again at once. Times are in the
        practice&apos;s time zone ({zone}).
      </p>
      <ul className="mt-6 divide-y divide-line rounded-lg border border-line bg-surface" aria-label="Staff">
        {staff.map((person) => (
          <li key={person.id} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4" data-testid="staff-sign-in-row">
            <div className="min-w-0">
              <p className="font-medium text-ink">
                {person.displayName} <span className="font-normal text-ink-muted">· {ROLE_LABEL[person.role]}</span>
              </p>
              <p className="text-sm text-ink-muted">{person.email}</p>
              <p className="mt-1 text-ink">{describeState(person, zone, locale)}</p>
            </div>
            <UnlockSignInButton staffUserId={person.id} displayName={person.displayName} needed={person.pausedUntil !== null || person.recentFailures > 0} />
          </li>
        ))}
      </ul>
    </div>
  );
}
