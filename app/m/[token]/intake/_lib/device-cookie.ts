import 'server-only';
import { cookies } from 'next/headers';
import { env } from '@/lib/env';

/**
 * The cookie that remembers a device for one link holder's intake (after the emailed code):
 * httpOnly, SameSite=Lax, Secure when the app is served over https, and sent only to that link's
 * own pages (Path=/m/<token>): another person's link in the same browser never carries it. It
 * holds a random token; the server stores only its hash (lib/intake/device-access.ts).
 */
export const DEVICE_COOKIE = 'haven_intake_device';

export function deviceCookiePath(token: string): string {
  return `/m/${token}`;
}

export function deviceCookieOptions(token: string, expires: Date) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: env().publicOrigin.startsWith('https:'),
    path: deviceCookiePath(token),
    expires,
  };
}

/** The device token this request carries for the link's intake, or null. */
export async function deviceTokenFromCookie(): Promise<string | null> {
  return (await cookies()).get(DEVICE_COOKIE)?.value ?? null;
}
