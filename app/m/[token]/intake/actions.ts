'use server';

import { cookies } from 'next/headers';
import type { ActionResult } from '@/lib/action';
import { isWellFormedLinkToken } from '@/lib/bookings/link-tokens';
import { requestIntakeCode, verifyIntakeCode } from '@/lib/intake/device-access';
import { saveIntakeDraft, submitIntake } from '@/lib/intake/client-intake';
import type { SafetyFlag } from '@/lib/intake/types';
import { requesterIp } from '../../../_lib/request';
import { intakeCodeSchema } from './_lib/code-schema';
import { DEVICE_COOKIE, deviceCookieOptions, deviceTokenFromCookie } from './_lib/device-cookie';

/**
 * The intake's server actions. Each takes the private link's token (the capability) and, past
 * the code gate, the device cookie; the data layer (lib/intake/device-access.ts,
 * client-intake.ts) decides. Results carry codes and plain words — never an answer.
 */

const NOT_ACTIVE = "This link isn't active any more. If you were sent a new one, please use that.";
const SERVER_TROUBLE = 'Something went wrong on our side. Please try again in a moment.';

type Failure = Extract<ActionResult<never>, { ok: false }>;

function notActive(): Failure {
  return { ok: false, code: 'not_found', formError: NOT_ACTIVE };
}

function minutesText(seconds: number | undefined): string {
  const minutes = Math.max(1, Math.ceil((seconds ?? 600) / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Emails a 6-digit code to the link holder's own address. */
export async function requestIntakeCodeAction(token: string): Promise<ActionResult<{ maskedEmail: string }>> {
  if (typeof token !== 'string' || !isWellFormedLinkToken(token)) return notActive();
  try {
    const result = await requestIntakeCode({ actor: { kind: 'link', token }, now: new Date(), clientAddress: await requesterIp() });
    if (result.ok) return { ok: true, data: { maskedEmail: result.maskedEmail } };
    if (result.code === 'rate_limited') {
      return {
        ok: false,
        code: 'rate_limited',
        formError: `You've asked for several codes in a short time. Please try again in ${minutesText(result.retryAfterSeconds)}, or use the last code we sent.`,
        data: { retryAfterSeconds: result.retryAfterSeconds ?? null },
      };
    }
    if (result.code === 'no_email') {
      return { ok: false, code: 'no_email', formError: "We don't have an email address for you, so we can't send a code. Please call the practice and they'll help." };
    }
    return notActive();
  } catch (err) {
    console.error('[haven] requestIntakeCodeAction failed', err instanceof Error ? err.name : typeof err);
    return { ok: false, code: 'server_error', formError: `${SERVER_TROUBLE} No code was sent.` };
  }
}

/** Checks the code; on success remembers this device for this link holder (the cookie). */
export async function verifyIntakeCodeAction(token: string, values: unknown): Promise<ActionResult<null>> {
  if (typeof token !== 'string' || !isWellFormedLinkToken(token)) return notActive();
  const parsed = intakeCodeSchema.safeParse(values);
  if (!parsed.success) return { ok: false, code: 'invalid', fieldErrors: { code: parsed.error.issues[0]?.message ?? 'Please type the 6 digits from the email.' } };
  try {
    const result = await verifyIntakeCode({ actor: { kind: 'link', token }, code: parsed.data.code, now: new Date() });
    if (result.ok) {
      (await cookies()).set(DEVICE_COOKIE, result.deviceToken, deviceCookieOptions(token, result.expiresAt));
      return { ok: true, data: null };
    }
    switch (result.code) {
      case 'wrong': {
        const left = result.attemptsLeft;
        const tries = left === undefined ? '' : left === 1 ? ' You have 1 more try with this code.' : ` You have ${left} more tries with this code.`;
        return { ok: false, code: 'wrong', fieldErrors: { code: `That code isn't right. Please check the email and type it again.${tries}` } };
      }
      case 'expired':
        return { ok: false, code: 'expired', fieldErrors: { code: 'That code has expired (codes work for 10 minutes). Please send a new one.' } };
      case 'too_many_tries':
        return { ok: false, code: 'too_many_tries', fieldErrors: { code: 'That code was typed wrongly too many times, so it no longer works. Please send a new one.' } };
      default:
        return notActive();
    }
  } catch (err) {
    console.error('[haven] verifyIntakeCodeAction failed', err instanceof Error ? err.name : typeof err);
    return { ok: false, code: 'server_error', formError: SERVER_TROUBLE };
  }
}

/** Autosave: the answers so far and the step (one save at a time from the page). */
export async function saveIntakeDraftAction(token: string, draft: unknown): Promise<ActionResult<{ savedAt: string; flags: SafetyFlag[] }>> {
  if (typeof token !== 'string' || !isWellFormedLinkToken(token)) return notActive();
  try {
    const result = await saveIntakeDraft({ actor: { kind: 'link', token }, deviceToken: await deviceTokenFromCookie(), draft, now: new Date() });
    if (result.ok) return { ok: true, data: { savedAt: result.savedAt, flags: result.flags } };
    return { ok: false, code: result.code, fieldErrors: result.fieldErrors };
  } catch (err) {
    console.error('[haven] saveIntakeDraftAction failed', err instanceof Error ? err.name : typeof err);
    return { ok: false, code: 'server_error' };
  }
}

/** Sends the intake (idempotent by `submitKey`, made once per page load). */
export async function submitIntakeAction(token: string, input: unknown): Promise<ActionResult<{ submittedAt: string }>> {
  if (typeof token !== 'string' || !isWellFormedLinkToken(token)) return notActive();
  const { answers, submitKey } = (input && typeof input === 'object' ? input : {}) as { answers?: unknown; submitKey?: unknown };
  try {
    const result = await submitIntake({
      actor: { kind: 'link', token },
      deviceToken: await deviceTokenFromCookie(),
      answers,
      submitKey: typeof submitKey === 'string' ? submitKey : '',
      now: new Date(),
    });
    if (result.ok) return { ok: true, data: { submittedAt: result.submittedAt } };
    return { ok: false, code: result.code, fieldErrors: result.fieldErrors };
  } catch (err) {
    console.error('[haven] submitIntakeAction failed', err instanceof Error ? err.name : typeof err);
    return { ok: false, code: 'server_error', formError: SERVER_TROUBLE };
  }
}
