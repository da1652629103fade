import { CLIENT_NOTE } from './booking-seed';

/**
 * Texts the suite types into notes, reasons, decline messages and intake answers, wherever it
 * does: no message the run delivers (e2e/mail-privacy.spec.ts) and no line a server under test
 * prints (e2e/log-privacy.spec.ts) may contain one. Compared without regard to case.
 */
export const SUITE_SECRETS: readonly string[] = [
  'Sentinel', // e2e/messages.spec.ts: notes, reasons, decline texts; every intake spec's free-text answers
  'Hoping to talk things through', // every UI booking's note (e2e/fixtures.ts newPerson)
  CLIENT_NOTE, // e2e/support/booking-seed.ts
  'Matrix: a private worry', // the authorization matrix's note
  'moving away', // cancellation reasons (unsent-messages.spec.ts and others)
];
