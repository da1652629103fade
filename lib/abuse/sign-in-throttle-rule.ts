/**
 * The staff sign-in throttle's rule, pure (the database side is sign-in-throttle.ts).
 *
 * Per email and client address: ADDRESS_FREE_FAILURES failures are free; the failure that
 * reaches it starts a 1-minute pause, and each further failure doubles it (1, 2, 4 … minutes),
 * capped at an hour. Failures are remembered for a day (or until a success from that address).
 *
 * Per email, from anywhere: ACCOUNT_PAUSE_MIN_FAILURES failures from at least
 * ACCOUNT_PAUSE_MIN_ADDRESSES addresses within ACCOUNT_WINDOW_MS pause the email everywhere for
 * ACCOUNT_PAUSE_MS, so a guess spread over many addresses is still slowed.
 */
export const ADDRESS_FREE_FAILURES = 3;
export const ADDRESS_PAUSE_BASE_MS = 60_000;
export const ADDRESS_PAUSE_MAX_MS = 60 * 60_000;
export const FAILURE_MEMORY_MS = 24 * 60 * 60_000;

export const ACCOUNT_PAUSE_MIN_FAILURES = 20;
export const ACCOUNT_PAUSE_MIN_ADDRESSES = 5;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_PAUSE_MS = 15 * 60_000;

/** How long sign-in from one address pauses after its `failures`-th failure (0: no pause). */
export function addressPauseMs(failures: number): number {
  if (failures < ADDRESS_FREE_FAILURES) return 0;
  const doublings = Math.min(failures - ADDRESS_FREE_FAILURES, 10);
  return Math.min(ADDRESS_PAUSE_BASE_MS * 2 ** doublings, ADDRESS_PAUSE_MAX_MS);
}
