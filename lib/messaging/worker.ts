import type { JobResult, JobWithMetadata } from 'pg-boss';
import type { DatabaseHandle } from '../../db/client';
import { deliverMessage } from './deliver';
import { enqueueOncePer } from './enqueue';
import { runHousekeeping, type HousekeepingCounts } from './housekeeping';
import { bossFor, HOUSEKEEPING_CRON, QUEUES } from './queue';

export type WorkerOptions = {
  /** Deliveries handled at once by this process. */
  localConcurrency?: number;
  /** How often an idle worker looks for due jobs (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
};

export type Worker = { stop(): Promise<void> };

/**
 * Deliveries fetched at once per slot and sent side by side (the SMTP pool queues beyond its
 * connections). Small, so a batch never outlives the queue's 120 s expiry on a slow server.
 */
const DELIVERY_BATCH = 3;

/**
 * Works the queue in this process: deliveries, housekeeping (scheduled hourly, HOUSEKEEPING_CRON)
 * and pg-boss's own maintenance (expiry, pruning of old job rows) and cron. Any number of workers
 * may run against one server database — a message is claimed before it is sent (deliver.ts), the
 * schedule is one row whichever worker writes it, and pg-boss's cron hands each slot's job out
 * once — but only one process can own an embedded PGlite database, so there the app process is
 * the worker.
 */
export async function startWorker(handle: DatabaseHandle, options: WorkerOptions = {}): Promise<Worker> {
  const boss = await bossFor(handle, { supervise: true });
  const deliveryWorker = await boss.work(
    QUEUES.deliver,
    {
      includeMetadata: true,
      perJobResults: true,
      batchSize: DELIVERY_BATCH,
      // While fetches come back full there is a backlog: fetch again at once instead of waiting a
      // polling interval (pg-boss waits one between fetches by default, found or not: with one job a
      // fetch that capped a worker at localConcurrency deliveries a second).
      burstWhenBatchFull: true,
      localConcurrency: options.localConcurrency ?? 2,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
    },
    async (jobs: JobWithMetadata<{ messageId: string }>[]): Promise<JobResult[]> =>
      // Each job its own outcome: one failed delivery retries alone, and its batch-mates are neither
      // failed with it nor charged a retry they did not use.
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            await runDelivery(handle, job);
            return { id: job.id, status: 'completed' };
          } catch (err) {
            return { id: job.id, status: 'failed', output: { message: firstLine(err) } };
          }
        }),
      ),
  );
  await boss.schedule(QUEUES.housekeeping, HOUSEKEEPING_CRON);
  const housekeepingWorker = await boss.work(QUEUES.housekeeping, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    reportHousekeeping(await runHousekeeping(handle.db));
  });
  return {
    async stop() {
      await boss.offWork(QUEUES.deliver, { id: deliveryWorker, wait: true });
      await boss.offWork(QUEUES.housekeeping, { id: housekeepingWorker, wait: true });
    },
  };
}

/** One delivery job: the job carries the message id only. */
export async function runDelivery(handle: DatabaseHandle, job: Pick<JobWithMetadata<{ messageId: string }>, 'data' | 'retryCount' | 'retryLimit'>): Promise<void> {
  const outcome = await deliverMessage(handle.db, { messageId: job.data.messageId, retryCount: job.retryCount, retryLimit: job.retryLimit });
  // Another worker holds a fresh claim on it: fail this copy so the queue looks again later.
  if (outcome === 'busy') throw new Error('The message is being sent by another worker.');
}

export type DueWorkSummary = {
  /** Delivery jobs run to completion (sent, skipped or already done) / failed (to be retried). */
  delivered: number;
  failed: number;
  /** Whether housekeeping ran in this call (once an hour across every caller). */
  housekept: boolean;
  /** Whether this call stopped on its time or job budget with work possibly left. */
  budgetSpent: boolean;
  ms: number;
};

const HOUSEKEEPING_SLOT_SECONDS = 3600;

/**
 * Works what is due now and returns, for a caller with no process of its own (the cron route a
 * serverless scheduler calls every minute or so): housekeeping when this hour's has not run
 * (one throttled job per hour, however many callers), then due deliveries one at a time until
 * none is left or the budget is spent, then pg-boss's maintenance (expiry, retries of stuck jobs,
 * pruning old job rows), which long-running workers run on a timer. Several calls at once are
 * safe: each job is handed to one caller, each message claimed before it is sent.
 */
export async function workDueJobs(handle: DatabaseHandle, budget: { ms: number; jobs: number }): Promise<DueWorkSummary> {
  const started = performance.now();
  const boss = await bossFor(handle);
  const summary: DueWorkSummary = { delivered: 0, failed: 0, housekept: false, budgetSpent: false, ms: 0 };

  await handle.db.transaction((tx) => enqueueOncePer(tx, QUEUES.housekeeping, 'hourly', HOUSEKEEPING_SLOT_SECONDS));
  const [housekeeping] = await boss.fetch(QUEUES.housekeeping, { batchSize: 1 });
  if (housekeeping) {
    try {
      reportHousekeeping(await runHousekeeping(handle.db));
      await boss.complete(QUEUES.housekeeping, housekeeping.id);
      summary.housekept = true;
    } catch (err) {
      await boss.fail(QUEUES.housekeeping, housekeeping.id, { message: firstLine(err) });
    }
  }

  for (;;) {
    if (summary.delivered + summary.failed >= budget.jobs || performance.now() - started >= budget.ms) {
      summary.budgetSpent = true;
      break;
    }
    const [job] = await boss.fetch<{ messageId: string }>(QUEUES.deliver, { batchSize: 1, includeMetadata: true });
    if (!job) break;
    try {
      await runDelivery(handle, job);
      await boss.complete(QUEUES.deliver, job.id);
      summary.delivered += 1;
    } catch (err) {
      await boss.fail(QUEUES.deliver, job.id, { message: firstLine(err) });
      summary.failed += 1;
    }
  }

  await boss.supervise();
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

function firstLine(err: unknown): string {
  return ((err as Error)?.message ?? String(err)).split('\n')[0]!.slice(0, 300);
}

/** Counts only (no content): one line when anything was pruned. */
function reportHousekeeping(counts: HousekeepingCounts): void {
  const pruned = Object.entries(counts).filter(([, n]) => n > 0);
  if (pruned.length > 0) console.log(`[haven] housekeeping: pruned ${pruned.map(([k, n]) => `${k} ${n}`).join(', ')}.`);
}
