import 'server-only';
import type { z } from 'zod';
import { fieldErrorsFrom, type ActionResult } from '@/lib/action';
import type { StaffActor } from '@/lib/auth/actor';
import { getStaffActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';

const SIGNED_OUT: ActionResult<never> = { ok: false, code: 'signed_out', formError: 'Your sign-in has ended. Please sign in again.' };
const FAILED: ActionResult<never> = { ok: false, code: 'failed', formError: 'Something went wrong on our side. Nothing was changed. Please try again.' };

/**
 * A data-layer refusal ({ ok: false, reason, message, fieldErrors? }) as an ActionResult; its messages are written for people.
 * A stale save (lib/concurrency/edit-version.ts) also carries what is saved now, as `data`, for the form to show beside the person's own.
 */
export function refusal(result: { reason: string; message: string; fieldErrors?: Record<string, string>; current?: unknown }): ActionResult<never> {
  return {
    ok: false,
    code: result.reason,
    formError: result.message,
    fieldErrors: result.fieldErrors,
    ...(result.reason === 'stale' ? { data: result.current } : {}),
  };
}

export type StaffActionOptions = {
  /** What "not found" (absent, or not this person's to see) is called in this action's message. */
  subject?: string;
  /** 'not_found' for inputs that only a tampered request gets wrong (ids); default: field errors. */
  invalidInput?: 'fields' | 'not_found';
};

/**
 * The one shape of every staff server action: resolve the actor from the session (signed out →
 * a plain message), parse the input with the shared zod schema, call the data layer — which
 * authorizes — and turn NOT_FOUND/FORBIDDEN (the same thing to the caller) and anything
 * unexpected into plain messages. Error details never leave the server; only the error's name is logged.
 */
export async function runStaffAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (actor: StaffActor, data: z.output<S>) => Promise<ActionResult<T>>,
  options: StaffActionOptions = {},
): Promise<ActionResult<T>> {
  const notFound: ActionResult<never> = {
    ok: false,
    code: 'not_found',
    formError: `This ${options.subject ?? 'booking'} could not be found.`,
  };
  const actor = await getStaffActor();
  if (!actor) return SIGNED_OUT;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    if (options.invalidInput === 'not_found') return notFound;
    return { ok: false, code: 'invalid', fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  }
  try {
    return await run(actor, parsed.data);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return notFound;
    // The data layer's INVALID messages are written for people (and never echo what was sent).
    if (error instanceof AppError && error.code === 'INVALID') return { ok: false, code: 'invalid', formError: error.message };
    console.error('staff action failed', error instanceof Error ? error.name : 'unknown');
    return FAILED;
  }
}
