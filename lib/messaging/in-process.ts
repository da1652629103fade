import { getDatabaseHandle } from '../../db/client';
import { env } from '../env';
import { startWorker } from './worker';

type Shared = { started?: boolean };
const shared = ((globalThis as { __havenInProcessWorker?: Shared }).__havenInProcessWorker ??= {});

/**
 * Starts the queue's worker inside the app process when this deployment runs it there
 * (`env().workerMode`: the embedded database, development, or HAVEN_WORKER=in-process). Opens the
 * database at start-up rather than on the first request, so messages owed from before a restart
 * go out without waiting for a visitor. A failure is logged, not thrown: pages keep working, and
 * the staff pages show messages waiting.
 */
export function startInProcessWorker(): void {
  if (shared.started) return;
  let mode: string;
  try {
    const e = env();
    mode = e.workerMode;
    if (e.mailTransport === 'none') {
      console.warn('[haven] email: SMTP_URL is not set, so no message can be sent: clients are not told of bookings or changes. Set SMTP_URL (see the README).');
    }
  } catch {
    return; // An invalid environment is reported by the first request, plainly.
  }
  if (mode !== 'in-process') return;
  shared.started = true;
  void (async () => {
    try {
      const handle = await getDatabaseHandle();
      await startWorker(handle);
      console.log('[haven] job queue: worker running in this process.');
    } catch (err) {
      shared.started = false;
      console.error(`[haven] job queue: the in-process worker did not start: ${(err as Error).message.split('\n')[0]}`);
    }
  })();
}
