import { env } from './env';

/**
 * Absolute URLs for people (private links in emails, the desk's reissued link), always
 * on the configured public origin (APP_URL). Never built from a request's Host or
 * X-Forwarded-Host: those are whatever the sender wrote, and a forged one would hand a client a
 * link to someone else's site.
 */
export function publicUrl(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error('publicUrl takes an absolute path');
  return `${env().publicOrigin}${path}`;
}
