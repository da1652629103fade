import type { SignInReason } from '@/lib/auth/staff-paths';

/**
 * The staff tabs of one browser share a sign-in (one cookie), so they share what they know about
 * it: activity in one tab keeps the others from warning, and signing out in one signs out all.
 * One channel per tab (a BroadcastChannel never hears its own messages).
 */
export type SessionMessage =
  /** `tag` names the sign-in (its absolute expiry instant); `idle` is epoch ms. */
  | { type: 'deadline'; tag: string; idle: number }
  | { type: 'signed_out'; reason: SignInReason };

const CHANNEL_NAME = 'haven-staff-session';
const ACTIVITY_EVENT = 'haven:staff-activity';

let channel: BroadcastChannel | null | undefined;

function sessionChannel(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
  return channel;
}

export function postSessionMessage(message: SessionMessage): void {
  sessionChannel()?.postMessage(message);
}

export function onSessionMessage(listener: (message: SessionMessage) => void): () => void {
  const ch = sessionChannel();
  if (!ch) return () => {};
  const handler = (event: MessageEvent) => {
    const data = event.data as Partial<SessionMessage> | null;
    if (data?.type === 'deadline' && typeof data.tag === 'string' && typeof data.idle === 'number') listener(data as SessionMessage);
    if (data?.type === 'signed_out' && typeof data.reason === 'string') listener(data as SessionMessage);
  };
  ch.addEventListener('message', handler);
  return () => ch.removeEventListener('message', handler);
}

/**
 * Staff code that calls a server action should call this afterwards: the action checked the
 * session (which keeps it alive), so the idle warning can move back. Page navigations are
 * noticed by themselves.
 */
export function noteStaffActivity(): void {
  window.dispatchEvent(new Event(ACTIVITY_EVENT));
}

export function onStaffActivity(listener: () => void): () => void {
  window.addEventListener(ACTIVITY_EVENT, listener);
  return () => window.removeEventListener(ACTIVITY_EVENT, listener);
}
