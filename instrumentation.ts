/** Runs once per server process, before any request (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installLogScrubber } = await import('./lib/observability/scrub-logs');
    installLogScrubber();
  }
}
