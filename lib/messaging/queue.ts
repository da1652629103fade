import { PgBoss, fromPglite, type ConstructorOptions, type Db, type Queue } from 'pg-boss';
import type { DatabaseHandle, RawConnection } from '../../db/client';

/**
 * The job queue: pg-boss on the database the data layer already uses — the same PGlite instance
 * (one process, one connection: pg-boss's PGlite adapter) or the same pool (whose `error` events
 * db/client.ts already watches; pg-boss attaches none to a pool it is given). Nothing outside
 * lib/messaging talks to pg-boss: jobs are created only by `enqueue(tx, …)` (./enqueue.ts),
 * inside the transaction that makes the change they report.
 */

export const QUEUES = {
  /** One job per message row: render, send, record (./deliver.ts). */
  deliver: 'deliver-message',
  /** Hourly pruning of expired rows (./housekeeping.ts). */
  housekeeping: 'housekeeping',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const DAY_S = 86_400;

/** Queue-level defaults; a delivery's retry schedule is set per job (./enqueue.ts). */
const QUEUE_OPTIONS: Record<QueueName, Omit<Queue, 'name'>> = {
  [QUEUES.deliver]: { expireInSeconds: 120, deleteAfterSeconds: 14 * DAY_S, retentionSeconds: 400 * DAY_S },
  [QUEUES.housekeeping]: { expireInSeconds: 300, deleteAfterSeconds: 2 * DAY_S, retryLimit: 1 },
};

/** Runs every hour at :17 (pg-boss cron, in UTC). */
export const HOUSEKEEPING_CRON = '17 * * * *';

/** pg-boss's IDatabase over the handle's own connection. */
export function queueDatabase(raw: RawConnection): Db {
  if (raw.kind === 'pglite') return fromPglite(raw.client);
  return { executeSql: (text, values) => raw.pool.query(text, values) as ReturnType<Db['executeSql']> };
}

function bossOptions(handle: Pick<DatabaseHandle, 'raw'>, extra: Partial<ConstructorOptions>): ConstructorOptions {
  return {
    db: queueDatabase(handle.raw),
    ...(handle.raw.kind === 'pglite' ? { backend: 'pglite' as const } : {}),
    schema: 'pgboss',
    ...extra,
  };
}

/**
 * Installs or upgrades pg-boss's schema and creates Haven's queues. Run by the migrator (under
 * its lock on a server), so an app instance or a test never starts against a missing queue.
 */
export async function installQueue(handle: Pick<DatabaseHandle, 'raw'>): Promise<void> {
  const boss = new PgBoss(bossOptions(handle, { supervise: false, schedule: false, migrate: true }));
  boss.on('error', reportQueueError);
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
      if (existing.has(name)) await boss.updateQueue(name, options);
      else await boss.createQueue(name, options);
    }
  } finally {
    await boss.stop({ close: false, graceful: false });
  }
}

export type QueueRole = {
  /** Run maintenance (expiry, retention, pruning of old job rows) and cron schedules here. */
  supervise: boolean;
};

type Shared = { bosses: WeakMap<DatabaseHandle, Promise<PgBoss>> };
const shared = ((globalThis as { __havenQueue?: Shared }).__havenQueue ??= { bosses: new WeakMap() });

/**
 * The process's pg-boss for a database handle, started once. `supervise` is decided by the first
 * caller: the worker (./worker.ts) starts it with maintenance and cron; an app instance that only
 * enqueues starts it without (several instances would otherwise all supervise).
 */
export function bossFor(handle: DatabaseHandle, role: QueueRole = { supervise: false }): Promise<PgBoss> {
  let pending = shared.bosses.get(handle);
  if (!pending) {
    pending = (async () => {
      const boss = new PgBoss(bossOptions(handle, { supervise: role.supervise, schedule: role.supervise, migrate: false }));
      boss.on('error', reportQueueError);
      await boss.start();
      handle.beforeClose(() => boss.stop({ close: false, graceful: true, timeout: 5_000 }));
      return boss;
    })();
    pending.catch(() => shared.bosses.delete(handle));
    shared.bosses.set(handle, pending);
  }
  return pending;
}

/** One line per error: pg-boss's own errors carry no message content of ours (jobs hold ids). */
function reportQueueError(err: Error & { code?: string }): void {
  console.error(`[haven] job queue: ${[err.code, (err.message ?? '').split('\n')[0]].filter(Boolean).join(' ')}`);
}
