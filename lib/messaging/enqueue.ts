import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, type Db, type JobInsert, type SendOptions } from 'pg-boss';
import type { Transaction } from '../../db/client';
import { QUEUES, type QueueName } from './queue';

/**
 * The only door to the job queue. A job is written by the caller's own transaction (pg-boss's
 * drizzle adapter), so it exists if and only if the change it reports commits: a rolled-back
 * booking leaves no job, on every driver. Calling pg-boss's `send` any other way inside a
 * transaction deadlocks PGlite (its one connection is held by the transaction) and leaves an
 * orphan job after a rollback on a server (STACK-NOTES), hence one function, here.
 *
 * The sender is one pg-boss instance per process that is never started (no timers, no
 * connection of its own): every statement it runs goes through the transaction of the call in
 * progress, including its one lookup of a queue's row on first use, so it can never wait on the
 * connection that transaction holds. (A fresh instance per call also works but repeats that
 * lookup every time: 13.6 ms p50 on PGlite against ~2 ms.) Jobs carry ids, never content.
 */
export async function enqueue(tx: Transaction, queue: QueueName, data: Record<string, string>, options: Omit<SendOptions, 'db'> = {}): Promise<string> {
  const db = fromDrizzle(tx as Parameters<typeof fromDrizzle>[0], sql);
  const id = await currentTransaction.run(db, () => sender.send(queue, data, { ...options, db }));
  if (!id) throw new Error(`The job queue refused a ${queue} job.`);
  return id;
}

/** Several jobs of one queue in one statement (a booking's messages: one insert, not one per message). */
export async function enqueueMany(tx: Transaction, queue: QueueName, jobs: Array<Omit<JobInsert<Record<string, string>>, 'id'>>): Promise<void> {
  if (jobs.length === 0) return;
  const db = fromDrizzle(tx as Parameters<typeof fromDrizzle>[0], sql);
  await currentTransaction.run(db, () => sender.insert(queue, jobs, { db }));
}

const currentTransaction = new AsyncLocalStorage<Db>();
const throughCurrentTransaction: Db = {
  executeSql(text, values) {
    const db = currentTransaction.getStore();
    if (!db) throw new Error('The job queue is written only inside a transaction (enqueue).');
    return db.executeSql(text, values);
  },
};
const sender = new PgBoss({ db: throughCurrentTransaction, schema: 'pgboss', supervise: false, schedule: false, migrate: false });

/**
 * At most one job per key and time slot (pg-boss's throttle: `singletonKey` + `singletonSeconds`),
 * through the same door: null when this slot has its job already. For work that is due "once an
 * hour" without a clock of its own (housekeeping from the cron route).
 */
export async function enqueueOncePer(tx: Transaction, queue: QueueName, key: string, seconds: number): Promise<string | null> {
  const db = fromDrizzle(tx as Parameters<typeof fromDrizzle>[0], sql);
  return currentTransaction.run(db, () => sender.send(queue, {}, { singletonKey: key, singletonSeconds: seconds, db }));
}

/** The retry schedule of a delivery: first retry after `firstDelaySeconds`, doubling to an hour, 10 tries (≈ 4 h at 30 s). */
export function deliveryRetryOptions(firstDelaySeconds: number): Pick<SendOptions, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'retryDelayMax'> {
  return { retryLimit: 10, retryDelay: firstDelaySeconds, retryBackoff: true, retryDelayMax: 3600 };
}

export { QUEUES };
