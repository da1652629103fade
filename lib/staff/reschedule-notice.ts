/**
 * When the desk's reschedule needs the notice override. Pure: the desk's slot picker (a client
 * component) uses it on confirm, so the audit says "notice overridden" only when it was needed.
 */

/** Slack for the minutes spent on the phone between loading the times and confirming, and for rounding. */
export const OVERRIDE_MARGIN_MS = 15 * 60_000;

/** Whether a start lies before the earliest time a client could pick. */
export function isInsideUsualNotice(startMs: number, noticeEndsMs: number): boolean {
  return startMs < noticeEndsMs;
}

/**
 * True when moving to `startMs` needs 'booking.reschedule_override': the new time is inside the
 * usual notice, or the client's cutoff has passed. Both instants come from the server's clock when
 * the page loaded; `elapsedMs` is how long the page has been open (a difference of two browser
 * clock readings, so a browser clock that is off does not matter). The margin errs towards
 * overriding: a time that slips inside the notice while the receptionist is on the phone is still
 * moved, not refused.
 */
export function needsNoticeOverride(params: {
  startMs: number;
  loadedAtMs: number;
  noticeEndsMs: number;
  clientCutoffMs: number;
  elapsedMs: number;
}): boolean {
  const elapsed = Math.max(0, params.elapsedMs) + OVERRIDE_MARGIN_MS;
  return params.loadedAtMs + elapsed >= params.clientCutoffMs || params.startMs < params.noticeEndsMs + elapsed;
}
