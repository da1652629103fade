'use client';

import { useSyncExternalStore } from 'react';
import { isValidTimeZone } from '@/lib/scheduling/zoned-time';
import { canonicalZone } from './format';

const subscribe = () => () => {};

/** The browser's IANA zone, or null during server rendering and hydration. */
export function useDetectedTimeZone(): string | null {
  return useSyncExternalStore(subscribe, detectTimeZone, () => null);
}

function detectTimeZone(): string | null {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && isValidTimeZone(zone) ? canonicalZone(zone, isValidTimeZone) : null;
  } catch {
    return null;
  }
}

/** True once hydrated in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
