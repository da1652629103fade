/**
 * Limits of the client's free-text fields. A module of its own, without zod, so the forms can
 * show their counters without loading the schemas up front (the details form loads them lazily).
 */
export const NAME_MAX = 120;
export const NOTE_MAX = 1000;
export const CANCEL_REASON_MAX = 500;
