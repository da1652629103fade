import type { StaffRole } from '../../db/schema/staff';

/**
 * Where staff go: the sign-in page and its return address (`callbackUrl`), the two-step set-up
 * page, and each role's home. Pure and client-safe (the sign-in form, proxy.ts and the staff
 * layout all use it).
 *
 * A `callbackUrl` comes from the address bar, so it is untrusted: only a same-origin relative
 * path is ever followed (never `//host`, `/\host`, `https://…`, control characters), and never
 * back to the sign-in or two-step pages or an API route.
 */
export const STAFF_HOME: Record<StaffRole, string> = { clinician: '/clinician', front_desk: '/desk' };

export const SIGN_IN_PATH = '/sign-in';
export const TWO_STEP_PATH = '/two-step';

/** Request header proxy.ts sets on staff requests: the path (and query) being opened. */
export const STAFF_PATH_HEADER = 'x-haven-path';

/** Why the sign-in page is shown, when it is not a first visit (the `reason` query parameter). */
export const SIGN_IN_REASONS = ['idle', 'absolute', 'revoked', 'signed_out', 'signed_out_everywhere'] as const;
export type SignInReason = (typeof SIGN_IN_REASONS)[number];

const MAX_CALLBACK_LENGTH = 1024;
const PROBE_ORIGIN = 'http://haven.invalid';

/** A same-origin path to return to after signing in, normalised; null when it isn't one. */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CALLBACK_LENGTH) return null;
  // Only "/something": not "//host", "/\host" (browsers read both as another host), no controls.
  if (value[0] !== '/' || value[1] === '/' || value.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  if (url.searchParams.has('_rsc')) url.searchParams.delete('_rsc'); // Next's internal cache-busting parameter
  const path = url.pathname;
  if (isWithin(path, SIGN_IN_PATH) || isWithin(path, TWO_STEP_PATH) || isWithin(path, '/api')) return null;
  return `${path}${url.search}${url.hash}`;
}

/** The staff workspaces (proxy.ts redirects signed-out page loads there to the sign-in page). */
export function isStaffPath(pathname: string): boolean {
  return Object.values(STAFF_HOME).some((home) => isWithin(pathname, home));
}

/** `/clinician` and `/clinician/…`, not `/clinicians`. */
function isWithin(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

function pathnameOf(path: string): string {
  return new URL(path, PROBE_ORIGIN).pathname;
}

/**
 * Where a signed-in staff member lands: the return address when it is safe and meant for their
 * role, else their home (clinicians `/clinician`, the front desk `/desk`). The clinician area is
 * never offered to the front desk (it would only say "not found").
 */
export function landingPathFor(role: StaffRole, callbackUrl: unknown): string {
  const path = safeCallbackPath(callbackUrl);
  if (!path) return STAFF_HOME[role];
  if (role !== 'clinician' && isWithin(pathnameOf(path), STAFF_HOME.clinician)) return STAFF_HOME[role];
  return path;
}

function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function signInHref(options: { callbackUrl?: string | null; reason?: SignInReason | null } = {}): string {
  return withQuery(SIGN_IN_PATH, { callbackUrl: safeCallbackPath(options.callbackUrl), reason: options.reason });
}

export function twoStepHref(callbackUrl?: string | null): string {
  return withQuery(TWO_STEP_PATH, { callbackUrl: safeCallbackPath(callbackUrl) });
}

export function parseSignInReason(value: unknown): SignInReason | null {
  return typeof value === 'string' && (SIGN_IN_REASONS as readonly string[]).includes(value) ? (value as SignInReason) : null;
}

/** What the sign-in page says about why the person is there (a calm notice, not an error). */
export function signInNotice(reason: SignInReason, options: { idleMinutes: number; absoluteHours: number }): { title: string; body: string } {
  switch (reason) {
    case 'idle':
      return {
        title: `You were signed out after ${options.idleMinutes} minutes without activity`,
        body: 'This keeps client information private on an unattended screen. Sign in again to go back to where you were.',
      };
    case 'absolute':
      return {
        title: `You were signed out ${options.absoluteHours} hours after signing in`,
        body: 'For privacy, every sign-in ends after a working day. Sign in again to go back to where you were.',
      };
    case 'revoked':
      return { title: 'You were signed out', body: 'Your sign-in was ended, perhaps from another device. Please sign in again.' };
    case 'signed_out':
      return { title: "You're signed out", body: 'Thank you. You can close this window, or sign in again below.' };
    case 'signed_out_everywhere':
      return { title: "You're signed out everywhere", body: 'Every browser and device where you were signed in has been signed out.' };
  }
}
