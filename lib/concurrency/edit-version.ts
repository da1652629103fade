import { z } from 'zod';

/**
 * Optimistic concurrency for staff forms that edit shared state (clinical notes, availability,
 * consultation types, practice settings) — the one mechanism, in two halves:
 *
 * - each edited thing has an integer edit version (a `version`-like column, bumped by every save);
 *   the page loads it with the form, the form sends it back with its values;
 * - the data layer writes with the version in the UPDATE's WHERE (lib/concurrency/versioned-write.ts)
 *   and, when no row matched, saves nothing and answers `stale` with what is saved now, so the
 *   person sees both theirs and the saved one and chooses (nothing typed is lost).
 *
 * This file is shared by client forms and the server (no server imports).
 */

/** A form's copy of the version it was loaded at (0: nothing was saved yet). */
export const editVersionSchema = z
  .number({ message: 'This form is missing its version. Please reload the page.' })
  .int()
  .min(0)
  .max(2_147_483_647);

export type EditVersion = z.infer<typeof editVersionSchema>;

/** `{ version }` beside a form's own fields (`formSchema.and(versionFieldSchema)`). */
export const versionFieldSchema = z.object({ version: editVersionSchema });

/** The refusal: someone saved in between (another tab, or another person). `current` is what is saved now. */
export type StaleRefusal<C> = { ok: false; reason: 'stale'; message: string; current: C };

/** `what` names the thing in a sentence: "These notes", "Your availability", "This consultation type". */
export function staleRefusal<C>(what: string, current: C): StaleRefusal<C> {
  return {
    ok: false,
    reason: 'stale',
    message: `${what} changed after you opened this page (in another tab or window, or by someone else). Nothing was saved.`,
    current,
  };
}
