import { sql } from 'drizzle-orm';
import { databaseOptionsFromEnv, getDatabaseHandle } from '@/db/client';

export const dynamic = 'force-dynamic';

const TIMEOUT_MS = 10_000;

type Health = {
  status: 'ok' | 'unavailable';
  database: { driver: string | null; reachable: boolean; latencyMs: number };
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function configuredDriver(): string | null {
  try {
    return databaseOptionsFromEnv().driver;
  } catch {
    return null;
  }
}

/** Liveness of the app and its database: `select 1`. Never reveals error details. */
export async function GET() {
  const started = performance.now();
  let driver: string | null = null;
  let reachable = false;
  try {
    const handle = await withTimeout(getDatabaseHandle(), TIMEOUT_MS);
    driver = handle.driver;
    await withTimeout(handle.db.execute(sql`select 1`), TIMEOUT_MS);
    reachable = true;
  } catch (err) {
    console.error('[haven] health check: database unreachable', err instanceof Error ? err.name : typeof err);
    driver ??= configuredDriver();
  }
  const body: Health = {
    status: reachable ? 'ok' : 'unavailable',
    database: { driver, reachable, latencyMs: Math.round(performance.now() - started) },
  };
  return Response.json(body, { status: reachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
