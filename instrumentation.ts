/** Runs once per server process, before any request (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installLogScrubber } = await import('./lib/observability/scrub-logs');
    installLogScrubber();
    // Before any request: rate limits need the socket address, which Next.js doesn't expose.
    const { installPeerAddressHeader } = await import('./lib/abuse/peer-address');
    await installPeerAddressHeader();
    // The job queue's worker lives in this process on the embedded database (only one process
    // can own it) and in development; elsewhere `npm run worker` processes or /api/cron work it.
    if (process.env.NEXT_PHASE !== 'phase-production-build') {
      const { startInProcessWorker } = await import('./lib/messaging/in-process');
      startInProcessWorker();
    }
  }
}
