/**
 * lib/auth README — staff sign-in with next-auth v4 (Credentials + JWT), issue 3.
 *
 * Route handler (owned by app/): `app/api/auth/[...nextauth]/route.ts` must be exactly
 *
 *     import NextAuth from 'next-auth';
 *     import { authOptions } from '@/lib/auth/options';
 *
 *     const handler = NextAuth(authOptions);
 *     export { handler as GET, handler as POST };
 *     export const dynamic = 'force-dynamic';
 *
 * Sign-in page (`/sign-in`): a form posting `email`, `password` and `code` (the 6-digit TOTP
 * code or a recovery code; empty on the first step) through `signIn('credentials', { …,
 * redirect: false, callbackUrl })`. A failure comes back as `error` (or `?error=` when
 * redirecting): a short code — turn it into words with `describeSignInError` from
 * `lib/auth/sign-in-messages.ts`. `totp_required` means the password was right: keep it and
 * show the code field. Staff who must set up two-step sign-in are signed in, but
 * `getStaffSession()` reports `enrolment_required` until they finish
 * (`startTotpEnrolment` / `confirmTotpEnrolment` in lib/auth/enrolment.ts).
 *
 * Pages and actions: `getStaffActor()` (lib/auth/session.ts) — null unless the session is valid
 * in the database (idle 15 min, absolute 12 h, not revoked) and two-step sign-in is satisfied.
 * Authorization is `can()` / `canForClinician()` in lib/auth/actor.ts, inside the data layer.
 * Sign out everywhere: `revokeAllSessions({ actor })` (lib/auth/sessions.ts), then next-auth's
 * `signOut()`.
 *
 * `proxy.ts` (early redirects only): `getToken({ req, secret: authSecret(), secureCookie:
 * useSecureAuthCookies() })` with both from `lib/auth/secrets.ts` (no database there).
 *
 * Environment: NEXTAUTH_SECRET (or AUTH_SECRET) and NEXTAUTH_URL — required in production with a
 * DATABASE_URL; elsewhere the secret is derived from HAVEN_HASH_SECRET (lib/auth/secrets.ts).
 */
import 'server-only';
import type { NextAuthOptions, Session } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { StaffRole } from '../../db/schema';
import { requestClientAddress } from '../abuse/client-address';
import { ABSOLUTE_TIMEOUT_MS, createStaffSession, isStaffSessionLive, revokeStaffSession } from './sessions';
import { authSecret, useSecureAuthCookies } from './secrets';
import { verifyStaffCredentials } from './sign-in';
import { encodeSignInError } from './sign-in-messages';

declare module 'next-auth' {
  interface User {
    role: StaffRole;
    sessionId: string;
  }
  interface Session {
    user?: { id: string; name?: string | null; role: StaffRole };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: StaffRole;
    sessionId?: string;
  }
}

const SESSION_MAX_AGE_SECONDS = ABSOLUTE_TIMEOUT_MS / 1000;

/** The client's address as booking's rate limits see it (lib/abuse/client-address.ts), from next-auth's header object. */
export function clientIpFromHeaders(headers: Record<string, unknown> | undefined): string {
  return requestClientAddress((name) => {
    const value = headers?.[name];
    return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
  });
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * An unexpected failure (database down, undecryptable secret): log it here, and give next-auth
 * — which would put the message in the error URL — only a neutral code.
 */
function unexpected(err: unknown): never {
  console.error('[auth] sign-in failed unexpectedly', err);
  throw new Error('unavailable');
}

export const authOptions: NextAuthOptions = {
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Haven staff',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
        code: { label: 'Authentication code', type: 'text' },
      },
      async authorize(credentials, req) {
        const ip = clientIpFromHeaders(req.headers);
        const result = await verifyStaffCredentials({
          email: text(credentials?.email),
          password: text(credentials?.password),
          code: text(credentials?.code),
          ip,
        }).catch(unexpected);
        if (!result.ok) {
          // next-auth puts this message in the error URL: a code, never user data.
          const minutes = result.retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
          throw new Error(encodeSignInError(result.reason, minutes));
        }
        const { sessionId } = await createStaffSession({ userId: result.user.id, ip }).catch(unexpected);
        return { id: result.user.id, name: result.user.displayName, role: result.user.role, sessionId };
      },
    }),
  ],
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  callbacks: {
    jwt({ token, user }) {
      // `user` is present only right after authorize(): copy what the server needs.
      if (user) {
        token.sub = user.id;
        token.name = user.name ?? null;
        token.role = user.role;
        token.sessionId = user.sessionId;
      }
      return token;
    },
    async session({ session, token }) {
      // What the browser may see (useSession, /api/auth/session): no session id, no email — and
      // nothing at all once the session has ended in the database (signed out everywhere, idle,
      // 12 hours, account disabled): the cookie alone proves nothing. Checked without counting as
      // activity. An empty object is next-auth's own "no session" answer.
      const live = typeof token.sessionId === 'string' && (await isStaffSessionLive({ sessionId: token.sessionId }));
      if (!live || !token.sub || !token.role) return {} as Session;
      return { expires: session.expires, user: { id: token.sub, name: token.name ?? null, role: token.role } };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sessionId === 'string') await revokeStaffSession({ sessionId: token.sessionId });
    },
  },
  // Read at request time (not import time), so `next build` needs no secrets.
  get secret() {
    return authSecret();
  },
  get useSecureCookies() {
    return useSecureAuthCookies();
  },
  debug: false,
  logger: {
    // next-auth's default logger prints metadata objects; print codes and messages only.
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : metadata?.error;
      console.error(`[next-auth] ${code}${error instanceof Error ? `: ${error.message}` : ''}`);
    },
    warn(code) {
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
};
