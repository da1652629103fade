import type { JobWithMetadata } from 'pg-boss';
import type { DatabaseHandle } from '../../db/client';
import { deliverMessage } from './deliver';
import { bossFor, QUEUES } from './queue';

export type WorkerOptions = {
  /** Deliveries handled at once by this process. */
  localConcurrency?: number;
  /** How often an idle worker looks for due jobs (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
};

export type Worker = { stop(): Promise<void> };

/**
 * Works the queue in this process: deliveries (and, with maintenance on, pg-boss's own expiry and
 * pruning and the cron schedules). Any number of workers may run against one server database —
 * a message is claimed before it is sent (deliver.ts) — but only one process can own an embedded
 * PGlite database, so there the app process is the worker.
 */
export async function startWorker(handle: DatabaseHandle, options: WorkerOptions = {}): Promise<Worker> {
  const boss = await bossFor(handle, { supervise: true });
  const workerId = await boss.work(
    QUEUES.deliver,
    { includeMetadata: true, batchSize: 1, localConcurrency: options.localConcurrency ?? 2, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
    async (jobs: JobWithMetadata<{ messageId: string }>[]) => {
      for (const job of jobs) await runDelivery(handle, job);
    },
  );
  return {
    async stop() {
      await boss.offWork(QUEUES.deliver, { id: workerId, wait: true });
    },
  };
}

/** One delivery job: the job carries the message id only. */
export async function runDelivery(handle: DatabaseHandle, job: Pick<JobWithMetadata<{ messageId: string }>, 'data' | 'retryCount' | 'retryLimit'>): Promise<void> {
  const outcome = await deliverMessage(handle.db, { messageId: job.data.messageId, retryCount: job.retryCount, retryLimit: job.retryLimit });
  // Another worker holds a fresh claim on it: fail this copy so the queue looks again later.
  if (outcome === 'busy') throw new Error('The message is being sent by another worker.');
}
