import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { authSecret, useSecureAuthCookies } from './lib/auth/secrets';
import { STAFF_PATH_HEADER, isStaffPath, safeCallbackPath, signInHref } from './lib/auth/staff-paths';
import { refuseUnreadableAction } from './lib/http/action-request-guard';
import { contentSecurityPolicy, newNonce } from './lib/http/content-security-policy';
import { env } from './lib/env';

/**
 * Early redirects only (STYLE.md): a request for a staff page without a staff session cookie is
 * sent to the sign-in page with its return address, before anything renders. Whether the
 * session is still valid (idle 15 min, 12 h, revoked, two-step sign-in) is decided by the data
 * layer on every request — `getStaffSession()` in the staff layout and in each page — never here
 * (no database in the proxy).
 *
 * It also tells those pages which path was opened (STAFF_PATH_HEADER), so that a session that
 * turns out to be expired can come back to the same place after signing in again.
 *
 * Every page gets a Content-Security-Policy with a fresh nonce (lib/http/content-security-policy.ts):
 * on the request, where Next.js reads it and puts the nonce on its scripts, and on the response.
 */
export async function proxy(request: NextRequest) {
  const refused = await refuseUnreadableAction(request);
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
  const e = env();
  const csp = contentSecurityPolicy({ nonce: newNonce(), development: e.NODE_ENV === 'development', https: e.publicOrigin.startsWith('https:') });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const next = () => {
    const response = NextResponse.next({ request: { headers } });
    response.headers.set('Content-Security-Policy', csp);
    return response;
  };
  if (!isStaffPath(pathname)) return next();
  const path = safeCallbackPath(`${pathname}${search}`) ?? pathname;

  const token = await getToken({ req: request, secret: authSecret(), secureCookie: useSecureAuthCookies() });
  // Only page loads are redirected: a server action (POST with a Next-Action header) answers for
  // itself — it authenticates and tells the page, which then redirects.
  const isPageLoad = (request.method === 'GET' || request.method === 'HEAD') && !request.headers.has('next-action');
  if (!token?.sessionId && isPageLoad) {
    return NextResponse.redirect(new URL(signInHref({ callbackUrl: path }), request.url));
  }

  headers.set(STAFF_PATH_HEADER, path);
  return next();
}

// Every page (server actions are posted to pages); never API routes or static assets. Only
// staff areas are redirected (isStaffPath).
export const config = {
  matcher: ['/((?!api/|_next/|favicon.ico|icon.svg).*)'],
};
