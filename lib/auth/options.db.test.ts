import { eq } from 'drizzle-orm';
import type { JWT } from 'next-auth/jwt';
import { staffSessions } from '../../db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { openTestDatabase } from '../../tests/support/test-db';
import { ADDRESS_CHAIN_HEADER, UNRESOLVED_CLIENT } from '../abuse/client-address';
import { authOptions, clientIpFromHeaders } from './options';
import { isStaffSessionLive, revokeAllSessions, touchStaffSession } from './sessions';
import { describeSignInError } from './sign-in-messages';
import { totpCode } from './totp';
import { addClinician, createAuthPractice, createUser, enrolTotp, nextIp } from './testing/staff-fixture';

/**
 * The next-auth glue, exercised without a Next.js server: the Credentials provider's authorize,
 * the JWT and session callbacks, and the sign-out event. (The pages and route handler are
 * app/'s; e2e covers them through a browser.)
 */
type Authorize = (credentials: Record<string, string> | undefined, req: { headers: Record<string, string> }) => Promise<{ id: string; role: string; sessionId: string; name?: string | null } | null>;
const provider = authOptions.providers[0] as unknown as { id: string; options: { authorize: Authorize } };
const authorize = (credentials: Record<string, string>, ip = nextIp()) => provider.options.authorize(credentials, { headers: { [ADDRESS_CHAIN_HEADER]: ip } });
const thrown = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e as Error).message);

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof createAuthPractice>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  fx = await createAuthPractice(handle.db);
});
afterAll(async () => {
  await handle.close();
});

describe(`next-auth options on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('is a JWT session of at most 12 hours with the sign-in page at /sign-in', () => {
    expect(provider.id).toBe('credentials');
    expect(authOptions.session).toEqual({ strategy: 'jwt', maxAge: 12 * 3600 });
    expect(authOptions.jwt?.maxAge).toBe(12 * 3600);
    expect(authOptions.pages).toMatchObject({ signIn: '/sign-in', error: '/sign-in' });
    expect(authOptions.secret).toMatch(/\S{32,}/);
    expect(authOptions.useSecureCookies).toBe(false); // tests are not production
    expect(authOptions.debug).toBe(false);
  });

  it('signs in: creates a database session and puts only its id, the user id and role in the token', async () => {
    const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'front_desk' });
    const signedIn = await authorize({ email: user.email, password: user.password, code: '' });
    expect(signedIn).toEqual({ id: user.id, name: 'Test front_desk', role: 'front_desk', sessionId: expect.any(String) });
    expect(await touchStaffSession({ sessionId: signedIn!.sessionId })).toMatchObject({ status: 'valid', actor: { userId: user.id } });

    const jwt = authOptions.callbacks!.jwt!;
    const token = (await jwt({ token: { name: null, email: null, picture: null }, user: signedIn as never, account: null, trigger: 'signIn' } as never)) as JWT;
    expect(token).toMatchObject({ sub: user.id, role: 'front_desk', sessionId: signedIn!.sessionId });
    expect(JSON.stringify(token)).not.toContain(user.password);
    // Later requests: the token passes through unchanged.
    expect(await jwt({ token } as never)).toEqual(token);

    const session = await authOptions.callbacks!.session!({ session: { expires: '2099-01-01T00:00:00.000Z' }, token } as never);
    expect(session).toEqual({ expires: '2099-01-01T00:00:00.000Z', user: { id: user.id, name: 'Test front_desk', role: 'front_desk' } });
    expect(JSON.stringify(session)).not.toContain(signedIn!.sessionId);

    await authOptions.events!.signOut!({ token, session: session as never });
    expect(await touchStaffSession({ sessionId: signedIn!.sessionId })).toEqual({ status: 'expired', reason: 'revoked' });
    // The browser's view (/api/auth/session) follows the database: the same cookie now shows no one.
    expect(await authOptions.callbacks!.session!({ session: { expires: '2099-01-01T00:00:00.000Z' }, token } as never)).toEqual({});
  });

  it('the browser-facing session is empty after "sign out everywhere", and reading it is not activity', async () => {
    const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'front_desk' });
    const signedIn = await authorize({ email: user.email, password: user.password, code: '' });
    const token = { sub: user.id, name: 'Test front_desk', role: 'front_desk', sessionId: signedIn!.sessionId } as JWT;
    const browserSession = () => authOptions.callbacks!.session!({ session: { expires: '2099-01-01T00:00:00.000Z' }, token } as never);
    expect(await browserSession()).toMatchObject({ user: { id: user.id } });

    // Idle for 14 minutes; the browser polls /api/auth/session; the session still ends at 15.
    const signedInAt = new Date();
    await handle.db.update(staffSessions).set({ lastSeenAt: new Date(signedInAt.getTime() - 14 * 60_000) }).where(eq(staffSessions.id, signedIn!.sessionId));
    await browserSession();
    expect(await isStaffSessionLive({ sessionId: signedIn!.sessionId, now: new Date(signedInAt.getTime() + 61_000) })).toBe(false);

    await handle.db.update(staffSessions).set({ lastSeenAt: new Date() }).where(eq(staffSessions.id, signedIn!.sessionId));
    expect(await browserSession()).toMatchObject({ user: { id: user.id } });
    const actor = (await touchStaffSession({ sessionId: signedIn!.sessionId })) as Extract<Awaited<ReturnType<typeof touchStaffSession>>, { status: 'valid' }>;
    await revokeAllSessions({ actor: actor.actor });
    expect(await browserSession()).toEqual({});
    expect(await authOptions.callbacks!.session!({ session: { expires: '2099-01-01T00:00:00.000Z' }, token: { sub: user.id, role: 'front_desk' } } as never)).toEqual({});
  });

  it('fails with a short code the sign-in page can explain, never with user data', async () => {
    const clinician = await addClinician(handle.db, fx.practice.id);
    const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'clinician', clinicianId: clinician.id });
    const { secret } = await enrolTotp(handle.db, user.id, new Date());
    const ip = nextIp();

    expect(await thrown(authorize({ email: user.email, password: 'nope', code: '' }, ip))).toBe('invalid');
    expect(await thrown(authorize({ email: 'nobody@example.test', password: 'nope', code: '' }, ip))).toBe('invalid');
    expect(await thrown(authorize({ email: user.email, password: user.password, code: '' }, ip))).toBe('totp_required');
    expect(await thrown(authorize({ email: user.email, password: user.password, code: 'aaaa-bbbb-cccc' }, ip))).toBe('totp_invalid');
    for (let i = 0; i < 3; i++) await thrown(authorize({ email: user.email, password: 'nope' }, ip));
    const locked = await thrown(authorize({ email: user.email, password: user.password, code: totpCode(secret) }, ip));
    // The 3rd failure from this address paused it for a minute (lib/abuse/sign-in-throttle-rule.ts).
    expect(locked).toBe('locked:1');
    expect(describeSignInError(locked).message).toMatch(/try again in 1 minute\./);
  });

  it('works with missing or odd credential fields', async () => {
    expect(await thrown(provider.options.authorize(undefined, { headers: {} }))).toBe('invalid');
    expect(await thrown(authorize({ email: '', password: '' }))).toBe('invalid');
  });

  it('reads the client address like the rest of the app (the peer, with no trusted proxy hops by default)', () => {
    expect(clientIpFromHeaders({ [ADDRESS_CHAIN_HEADER]: '203.0.113.5, 10.0.0.1' })).toBe('10.0.0.1');
    // X-Forwarded-For and X-Real-IP alone are the client's own words: not an address, one shared bucket.
    expect(clientIpFromHeaders({ 'x-forwarded-for': '203.0.113.5', 'x-real-ip': '203.0.113.6' })).toBe(UNRESOLVED_CLIENT);
    expect(clientIpFromHeaders({})).toBe(UNRESOLVED_CLIENT);
    expect(clientIpFromHeaders(undefined)).toBe(UNRESOLVED_CLIENT);
  });
});
