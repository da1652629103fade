/**
 * Autosave for the intake form, without React (use-autosave.ts wraps it): the newest draft is
 * kept in memory, saved about 2 s after typing stops (or at once on `flush`, when a field is left),
 * one save at a time — whatever changed while a save was in flight goes next, never an older
 * state after a newer one. A failed save is retried after 1, 2, 4 … 30 s (and at once when the
 * browser says it is back online); nothing typed is dropped: the draft stays here until a save
 * of exactly it (or of something newer) succeeds.
 *
 * Nothing is written to localStorage or any other browser storage: intakes are filled in on
 * shared devices.
 */

export const AUTOSAVE_DELAY_MS = 2_000;
export const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000] as const;

/** What a save answered: saved (with the server's time and flags), or why not. */
export type SaveOutcome<TFlags = unknown> =
  | { ok: true; savedAt: string; flags: TFlags }
  /** `retry`: a network or server problem (try again later); the others wait for a new change or need the person. */
  | { ok: false; code: 'retry' | 'invalid' | StopReason; fieldErrors?: Record<string, string> };

/** Why saving stopped for good: sent (elsewhere), this device or link no longer allowed, or no answers taken any more (cancelled, past). */
export type StopReason = 'sent' | 'not_found' | 'closed';

export type AutosaveStatus<TFlags = unknown> =
  | { state: 'idle'; savedAt: string | null }
  | { state: 'saving'; savedAt: string | null }
  | { state: 'saved'; savedAt: string; flags: TFlags }
  /** Not saved; the next try is at `retryAt` (epoch ms). */
  | { state: 'retrying'; savedAt: string | null; retryAt: number; attempt: number }
  | { state: 'invalid'; savedAt: string | null; fieldErrors: Record<string, string> }
  /** The intake was sent (on another device) or this device / link is no longer allowed: stop. */
  | { state: 'stopped'; savedAt: string | null; reason: StopReason };

export type Timers = {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
};

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class Autosave<TDraft, TFlags = unknown> {
  private latest: TDraft;
  private latestJson: string;
  private savedJson: string;
  private inFlight = false;
  /** A flush asked for while a save was in flight: the next save goes as soon as it ends. */
  private flushAfter = false;
  private timer: unknown = null;
  private attempt = 0;
  private status: AutosaveStatus<TFlags>;
  private lastSavedAt: string | null;
  private readonly listeners = new Set<(status: AutosaveStatus<TFlags>) => void>();

  constructor(
    private readonly save: (draft: TDraft) => Promise<SaveOutcome<TFlags>>,
    initial: { draft: TDraft; savedAt: string | null },
    private readonly timers: Timers = realTimers,
    private readonly delayMs: number = AUTOSAVE_DELAY_MS,
  ) {
    this.latest = initial.draft;
    this.latestJson = JSON.stringify(initial.draft);
    this.savedJson = this.latestJson;
    this.lastSavedAt = initial.savedAt;
    this.status = { state: 'idle', savedAt: initial.savedAt };
  }

  /** Changes not yet saved (or being saved): the page warns before it is left. */
  get dirty(): boolean {
    return this.latestJson !== this.savedJson;
  }

  get current(): AutosaveStatus<TFlags> {
    return this.status;
  }

  /** The newest draft, as typed. */
  get draft(): TDraft {
    return this.latest;
  }

  subscribe(listener: (status: AutosaveStatus<TFlags>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change (a keystroke): saved once typing has stopped for the delay. */
  change(draft: TDraft): void {
    this.latest = draft;
    this.latestJson = JSON.stringify(draft);
    if (this.status.state === 'stopped') return;
    if (this.status.state === 'invalid') this.setStatus({ state: 'idle', savedAt: this.lastSavedAt });
    // A pending retry keeps its back-off; a plain wait restarts.
    if (this.status.state === 'retrying') return;
    this.schedule(this.delayMs);
  }

  /** Save now (a field was left, a step changed, the browser is back online). */
  flush(): void {
    if (this.status.state === 'stopped') return;
    this.cancelTimer();
    if (this.inFlight) this.flushAfter = true;
    else void this.run();
  }

  /** Stop for good (the intake was sent from this page; the person left). */
  stop(reason: StopReason): void {
    this.cancelTimer();
    this.savedJson = this.latestJson;
    this.setStatus({ state: 'stopped', savedAt: this.lastSavedAt, reason });
  }

  dispose(): void {
    this.cancelTimer();
    this.listeners.clear();
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private stopped(): boolean {
    return this.status.state === 'stopped';
  }

  private setStatus(status: AutosaveStatus<TFlags>): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }

  private async run(): Promise<void> {
    // One save at a time: the one in flight sends whatever is newest when it finishes.
    if (this.inFlight || !this.dirty || this.status.state === 'stopped') return;
    this.inFlight = true;
    const sending = this.latest;
    const sendingJson = this.latestJson;
    this.setStatus({ state: 'saving', savedAt: this.lastSavedAt });
    let outcome: SaveOutcome<TFlags>;
    try {
      outcome = await this.save(sending);
    } catch {
      outcome = { ok: false, code: 'retry' };
    }
    this.inFlight = false;
    if (this.stopped()) return; // stopped while the save was out (sent from this page)

    if (outcome.ok) {
      this.attempt = 0;
      this.savedJson = sendingJson;
      this.lastSavedAt = outcome.savedAt;
      this.setStatus({ state: 'saved', savedAt: outcome.savedAt, flags: outcome.flags });
      // Changed while it was saving: save that too (at once if a field was left meanwhile, else after the usual pause).
      if (this.dirty && this.flushAfter) {
        this.flushAfter = false;
        this.cancelTimer();
        void this.run();
      } else if (this.dirty && this.timer === null) this.schedule(this.delayMs);
      this.flushAfter = false;
      return;
    }
    this.flushAfter = false;
    if (outcome.code === 'retry') {
      const delay = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)]!;
      this.attempt += 1;
      this.setStatus({ state: 'retrying', savedAt: this.lastSavedAt, retryAt: this.timers.now() + delay, attempt: this.attempt });
      this.schedule(delay);
      return;
    }
    if (outcome.code === 'invalid') {
      // Retrying the same answers cannot help: wait for the next change (which clears this).
      this.attempt = 0;
      this.setStatus({ state: 'invalid', savedAt: this.lastSavedAt, fieldErrors: outcome.fieldErrors ?? {} });
      return;
    }
    this.cancelTimer();
    this.setStatus({ state: 'stopped', savedAt: this.lastSavedAt, reason: outcome.code });
  }
}
