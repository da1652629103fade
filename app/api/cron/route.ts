import { createHash, timingSafeEqual } from 'node:crypto';
import { getDatabaseHandle } from '@/db/client';
import { requestClientAddress } from '@/lib/abuse/client-address';
import { CRON_LIMITS, hitRateLimit } from '@/lib/abuse/rate-limit';
import { env } from '@/lib/env';
import { workDueJobs } from '@/lib/messaging/worker';

/**
 * The job queue's worker for a deployment with no long-running process: a scheduler (Vercel Cron,
 * GitHub Actions, cron + curl) POSTs here every minute or so with
 * `Authorization: Bearer $HAVEN_CRON_SECRET`. Each call works what is due for up to WORK_BUDGET
 * (housekeeping once an hour, deliveries, pg-boss's maintenance) and answers counts only.
 *
 * No secret configured: 404, as if the route did not exist. A wrong or missing secret: 401 with
 * no detail (compared in constant time), and after CRON_LIMITS.failuresPerIp of them from one
 * address, 429. Only POST: anything else is 405 (Next.js answers other methods itself).
 */
export const dynamic = 'force-dynamic';
/** Serverless platforms stop a function after its maxDuration: the budget leaves room for the last send. */
export const maxDuration = 60;

const WORK_BUDGET = { ms: 20_000, jobs: 500 };
const NO_STORE = { 'Cache-Control': 'no-store' };

export async function POST(request: Request): Promise<Response> {
  const secret = env().HAVEN_CRON_SECRET;
  if (!secret) return new Response(null, { status: 404, headers: NO_STORE });
  const handle = await getDatabaseHandle();
  if (!bearerMatches(request.headers.get('authorization'), secret)) {
    const limit = await hitRateLimit(handle.db, CRON_LIMITS.failuresPerIp, requestClientAddress((name) => request.headers.get(name)), new Date());
    if (!limit.allowed) return new Response(null, { status: 429, headers: { ...NO_STORE, 'Retry-After': String(limit.retryAfterSeconds) } });
    return new Response(null, { status: 401, headers: { ...NO_STORE, 'WWW-Authenticate': 'Bearer' } });
  }
  const summary = await workDueJobs(handle, WORK_BUDGET);
  return Response.json(summary, { headers: NO_STORE });
}

export function GET(): Response {
  return new Response(null, { status: 405, headers: { ...NO_STORE, Allow: 'POST' } });
}

/** `Bearer <secret>`, compared in constant time (digests of equal length, whatever was sent). */
function bearerMatches(header: string | null, secret: string): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(secret)) && match !== null;
}
