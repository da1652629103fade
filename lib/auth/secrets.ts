import { createHmac } from 'node:crypto';
import { env } from '../env';

/**
 * Secrets the auth layer derives from the environment. Pure reads of `env()`; no database.
 * Importable from `proxy.ts` (which needs the same secret and cookie flavour for `getToken`).
 */
const DEVELOPMENT_HASH_SECRET = 'haven-development-only';

/**
 * The next-auth secret: NEXTAUTH_SECRET (or AUTH_SECRET). Production with a DATABASE_URL refuses
 * to start without one (lib/env.ts). Elsewhere — development, tests, the embedded-database demo —
 * it is derived from HAVEN_HASH_SECRET, which `npm run dev` writes into .env.local.
 */
export function authSecret(): string {
  const e = env();
  const configured = e.NEXTAUTH_SECRET ?? e.AUTH_SECRET;
  if (configured) return configured;
  if (e.NODE_ENV === 'production' && e.databaseDriver !== 'pglite') throw new Error('NEXTAUTH_SECRET is required in production.');
  return createHmac('sha256', e.HAVEN_HASH_SECRET ?? DEVELOPMENT_HASH_SECRET).update('haven:next-auth-secret').digest('base64url');
}

/**
 * Secure cookies (`__Secure-` prefix, `Secure` flag) in production, except when the public
 * origin is this machine over plain http (`npm run demo`, e2e against `next start`), where a
 * browser would drop them.
 */
export function useSecureAuthCookies(): boolean {
  const e = env();
  if (e.NODE_ENV !== 'production') return false;
  const origin = e.NEXTAUTH_URL ?? e.publicOrigin;
  try {
    const url = new URL(origin);
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return !(local && url.protocol === 'http:');
  } catch {
    return true;
  }
}

/** A keyed hash of personal data we only need to compare (an IP, an unknown email address). */
export function keyedHash(purpose: string, value: string): string {
  const secret = env().HAVEN_HASH_SECRET ?? DEVELOPMENT_HASH_SECRET;
  return createHmac('sha256', secret).update(`${purpose}:${value}`, 'utf8').digest('base64url').slice(0, 32);
}
