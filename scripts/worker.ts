/**
 * `npm run worker`: works the job queue (deliveries, hourly housekeeping, pg-boss's maintenance)
 * in a process of its own, against the server database in DATABASE_URL. Run as many as you like:
 * each job is handed to one worker and each message is claimed before it is sent.
 *
 * The embedded database is refused: only one process can open it, and that process is the app
 * (`npm run dev` / `npm run demo`), which works the queue itself.
 *
 * SIGINT / SIGTERM stop it gracefully: no new jobs are taken, the ones in hand finish, pooled
 * SMTP connections and the database are closed, and it exits 0. A second signal exits at once.
 *
 * Runs under `--conditions=react-server` (package.json), like the app's server code, so the
 * data layer's `server-only` guard resolves to its empty server build.
 */
import { loadDotEnv } from '../db/scripts-env';

async function main(): Promise<void> {
  // The same scrubbing as the app's processes (instrumentation.ts): a driver error that echoes
  // SQL parameters never reaches this process's log either.
  const { installLogScrubber } = await import('../lib/observability/scrub-logs');
  installLogScrubber();
  loadDotEnv();
  const { env } = await import('../lib/env');
  const e = env();
  if (e.databaseDriver === 'pglite') {
    console.error(
      'npm run worker needs a server database (DATABASE_URL). The embedded database can be opened by one process only: there the app (npm run dev / npm run demo) is its own worker.',
    );
    process.exit(2);
  }
  const { openDatabase, databaseOptionsFromEnv } = await import('../db/client');
  const { startWorker } = await import('../lib/messaging/worker');
  const { closeTransports } = await import('../lib/messaging/transport');

  const handle = await openDatabase(databaseOptionsFromEnv());
  const worker = await startWorker(handle);
  console.log(`[haven] worker ${process.pid}: working the job queue on the ${handle.driver} database; mail by ${e.mailTransport}${e.mailTransport === 'none' ? ' (SMTP_URL is not set: messages will fail until it is)' : ''}.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`[haven] worker ${process.pid}: ${signal} again, exiting now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`[haven] worker ${process.pid}: ${signal}, finishing the jobs in hand.`);
    try {
      await worker.stop(); // no new jobs; waits for the ones in hand
      await handle.close(); // stops pg-boss (graceful), then the pool
      closeTransports();
      console.log(`[haven] worker ${process.pid}: stopped.`);
      process.exit(0);
    } catch (err) {
      console.error(`[haven] worker ${process.pid}: while stopping: ${(err as Error).message.split('\n')[0]}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`[haven] worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
