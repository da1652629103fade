import 'server-only';
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { rateLimitCounters } from '../../db/schema';
import { env } from '../env';

export type RateLimit = { name: string; limit: number; windowSeconds: number };

/** Booking attempts that reach the database (after validation and idempotent replays). */
export const BOOKING_LIMITS = {
  perIp: { name: 'book:ip', limit: 10, windowSeconds: 3600 },
  perEmail: { name: 'book:email', limit: 5, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimit>;

/** Staff sign-in attempts (each costs an argon2 check). The per-account lockout is in lib/auth/sign-in.ts. */
export const SIGN_IN_LIMITS = {
  perIp: { name: 'signin:ip', limit: 30, windowSeconds: 900 },
} as const satisfies Record<string, RateLimit>;

/** Refused calls to the cron route (a wrong or missing secret), per address: a guesser is slowed and cannot fill the logs. */
export const CRON_LIMITS = {
  failuresPerIp: { name: 'cron:ip', limit: 10, windowSeconds: 900 },
} as const satisfies Record<string, RateLimit>;

/**
 * New intake codes (lib/intake/device-access.ts): each one is an email to the holder, so a few an
 * hour per link (enough for a typo'd address fixed by the practice, a lost email, a second
 * device), and per client address across links (one sender cannot mail many people's inboxes).
 */
export const INTAKE_CODE_LIMITS = {
  perLink: { name: 'intake-code:link', limit: 5, windowSeconds: 3600 },
  perIp: { name: 'intake-code:ip', limit: 20, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimit>;

/** Every limit, for housekeeping (a counter is read for as long as its window lasts). */
export const ALL_RATE_LIMITS: readonly RateLimit[] = [
  ...Object.values(BOOKING_LIMITS),
  ...Object.values(SIGN_IN_LIMITS),
  ...Object.values(CRON_LIMITS),
  ...Object.values(INTAKE_CODE_LIMITS),
];

/** IPs and emails are personal data: buckets hold a keyed hash, never the value. */
export function bucketKey(limit: RateLimit, value: string): string {
  const secret = env().HAVEN_HASH_SECRET ?? 'haven-development-only';
  return `${limit.name}:${createHmac('sha256', secret).update(value.toLowerCase()).digest('base64url').slice(0, 32)}`;
}

/**
 * Counts one hit in a fixed window and says whether it is within the limit. One statement
 * (an upsert), so concurrent app instances share the count exactly.
 */
export async function hitRateLimit(
  db: Executor,
  limit: RateLimit,
  value: string,
  now: Date,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ bucket: bucketKey(limit, value), windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.bucket, rateLimitCounters.windowStart],
      set: { hits: sql`${rateLimitCounters.hits} + 1` },
    })
    .returning({ hits: rateLimitCounters.hits });
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: (row?.hits ?? 1) <= limit.limit, retryAfterSeconds };
}
