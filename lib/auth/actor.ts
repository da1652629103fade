import type { StaffRole } from '../../db/schema/staff';

/**
 * A signed-in staff member, as the data layer sees them. Built by `getStaffActor()`
 * (lib/auth/session.ts) from the database on every request — never from the cookie alone — so a
 * role change or a revoked session takes effect at once.
 */
export type StaffActor = {
  kind: 'staff';
  userId: string;
  role: StaffRole;
  practiceId: string;
  /** The clinician this user is (clinicians only). */
  clinicianId: string | null;
  sessionId: string;
};

/**
 * Every staff permission, and who holds it: the one place for the role rule. Data-layer
 * functions ask `can()` / `canForClinician()`; pages may ask too, to hide what would be refused.
 *
 * `scope: 'own_clinician'` marks clinical content: a clinician holds it only for their own
 * bookings and calendar (check with `canForClinician`). The front desk holds no clinical
 * permission at all, so no function can hand it a note, an intake or a score.
 */
export const PERMISSIONS = {
  /** Day/week schedule: times, type, modality, client and partner names, status. */
  'schedule.read': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** Contact details and contact preferences of a booking. */
  'booking.read_contact': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** Search bookings by client name, email or phone. */
  'booking.search': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** The client's note, the clinician's private notes, intake answers, scores and flags. */
  'booking.read_clinical': { roles: ['clinician'], scope: 'own_clinician' },
  /** Write private clinician notes and the consultation outcome. */
  'booking.write_clinical': { roles: ['clinician'], scope: 'own_clinician' },
  /** Whether an intake is done (no content). */
  'booking.read_intake_status': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** Approve or decline a request-mode booking. */
  'booking.decide_request': { roles: ['clinician'], scope: 'own_clinician' },
  'booking.reschedule': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** Reschedule inside minimum notice / the client-facing cutoff (never into an overlap). */
  'booking.reschedule_override': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  'booking.cancel': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** Mark completed / no-show. */
  'booking.set_status': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** Issue a new private link to the client (the old one stops working). */
  'booking.reissue_link': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** Send a message about a booking again (a new copy of a sent or failed one; never its content to the screen). */
  'booking.resend_message': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  'availability.read': { roles: ['clinician', 'front_desk'], scope: 'practice' },
  /** Weekly hours, time off, extra hours. */
  'availability.edit': { roles: ['clinician'], scope: 'own_clinician' },
  /** Consultation type settings (duration, fee, notice, horizon, buffers, …). */
  'consultation_types.edit': { roles: ['clinician'], scope: 'practice' },
  'audit.read': { roles: ['clinician'], scope: 'practice' },
  /** The practice's sign-in rules: two-step sign-in for everyone, not only clinicians. */
  'practice.edit_security': { roles: ['clinician'], scope: 'practice' },
  /** What clients' pages say: the neutral title of shareable pages, the footer's crisis wording. */
  'practice.edit_client_pages': { roles: ['clinician'], scope: 'practice' },
  /** See the practice's staff and their sign-in state; unlock a paused sign-in. */
  'staff.manage_sign_in': { roles: ['clinician'], scope: 'practice' },
  /** A clinician's own private calendar feed: make or replace its address, turn it off, names or initials. */
  'calendar_feed.manage': { roles: ['clinician'], scope: 'own_clinician' },
  /** How the practice's emails read and when reminders go: the sender name, reminder hours. */
  'practice.edit_messages': { roles: ['clinician'], scope: 'practice' },
  /** The practice's intake questionnaires: which one each consultation type asks, sections off, its own questions. */
  'practice.edit_intake': { roles: ['clinician'], scope: 'practice' },
  /** A clinician's own profile: their video room link (only their own record). */
  'clinician.edit_own_profile': { roles: ['clinician'], scope: 'own_clinician' },
} as const satisfies Record<string, { roles: readonly StaffRole[]; scope: 'practice' | 'own_clinician' }>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** Does the actor's role hold this permission at all? */
export function can(actor: Pick<StaffActor, 'role'> | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  const rule: { roles: readonly StaffRole[] } | undefined = PERMISSIONS[permission];
  return rule !== undefined && rule.roles.includes(actor.role);
}

/**
 * The permission for a record of a given clinician: for `own_clinician` permissions the actor
 * must be that clinician; practice-wide ones only need the role.
 */
export function canForClinician(
  actor: Pick<StaffActor, 'role' | 'clinicianId'> | null | undefined,
  permission: Permission,
  clinicianId: string,
): boolean {
  if (!actor || !can(actor, permission)) return false;
  return PERMISSIONS[permission].scope === 'practice' || (actor.clinicianId !== null && actor.clinicianId === clinicianId);
}

/** Two-step sign-in: always for clinicians, and for everyone when the practice requires it. */
export function twoFactorRequired(role: StaffRole, requireTwoFactorForAll: boolean): boolean {
  return role === 'clinician' || requireTwoFactorForAll;
}
