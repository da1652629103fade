import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { authSecret, useSecureAuthCookies } from './lib/auth/secrets';
import { STAFF_PATH_HEADER, safeCallbackPath, signInHref } from './lib/auth/staff-paths';

/**
 * Early redirects only (STYLE.md): a request for a staff page without a staff session cookie is
 * sent to the sign-in page with its return address, before anything renders. Whether the
 * session is still valid (idle 15 min, 12 h, revoked, two-step sign-in) is decided by the data
 * layer on every request — `getStaffSession()` in the staff layout and in each page — never here
 * (no database in the proxy).
 *
 * It also tells those pages which path was opened (STAFF_PATH_HEADER), so that a session that
 * turns out to be expired can come back to the same place after signing in again.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = safeCallbackPath(`${pathname}${search}`) ?? pathname;

  const token = await getToken({ req: request, secret: authSecret(), secureCookie: useSecureAuthCookies() });
  // Only page loads are redirected: a server action (POST with a Next-Action header) answers for
  // itself — it authenticates and tells the page, which then redirects.
  const isPageLoad = (request.method === 'GET' || request.method === 'HEAD') && !request.headers.has('next-action');
  if (!token?.sessionId && isPageLoad) {
    return NextResponse.redirect(new URL(signInHref({ callbackUrl: path }), request.url));
  }

  const headers = new Headers(request.headers);
  headers.set(STAFF_PATH_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

// Staff areas only: never `/`, `/book/*`, `/m/*`, `/api/*`, `/sign-in`, static assets.
export const config = {
  matcher: ['/clinician/:path*', '/desk/:path*'],
};
