import type { StaffRole } from '@/db/schema/staff';
import { SignOutButtons } from './sign-out-buttons';
import { StaffNav, type StaffNavItem } from './staff-nav';

/** What each role's navigation offers. The pages themselves check the permission again. */
const NAV: Record<StaffRole, StaffNavItem[]> = {
  clinician: [
    { href: '/clinician', label: 'Today & week' },
    { href: '/clinician/requests', label: 'Requests' },
    { href: '/clinician/intakes', label: 'Intakes' },
    { href: '/clinician/availability', label: 'Availability' },
    { href: '/clinician/calendar-feed', label: 'Calendar feed' },
    { href: '/clinician/settings', label: 'Consultation types' },
    { href: '/clinician/settings/intake', label: 'Intake questions' },
    { href: '/clinician/audit', label: 'Audit log' },
    { href: '/clinician/staff', label: 'Staff sign-in' },
  ],
  front_desk: [{ href: '/desk', label: 'Schedule' }],
};

export const ROLE_LABEL: Record<StaffRole, string> = { clinician: 'Clinician', front_desk: 'Front desk' };

export function StaffHeader({ practiceName, displayName, role }: { practiceName: string; displayName: string; role: StaffRole }) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto max-w-6xl px-5 sm:px-8">
        <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 py-3">
          <p className="font-serif text-lg font-semibold tracking-tight text-ink">{practiceName}</p>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <p className="text-sm leading-tight" data-testid="staff-identity">
              <span className="block font-medium text-ink">{displayName}</span>
              <span className="block text-ink-muted">{ROLE_LABEL[role]}</span>
            </p>
            <SignOutButtons />
          </div>
        </div>
        <div className="pb-2">
          <StaffNav items={NAV[role]} />
        </div>
      </div>
    </header>
  );
}
