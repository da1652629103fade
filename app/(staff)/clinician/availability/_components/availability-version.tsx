'use client';

import { createContext, useContext, useRef, type ReactNode } from 'react';
import type { SavedAvailability } from '@/lib/availability/dto';

/**
 * The availability's edit version (lib/concurrency/edit-version.ts) for every form on the page:
 * weekly hours, time off, extra hours and removals share one version, so each save's new version
 * must reach the others (or this tab's next save would look stale to itself).
 */
type VersionHolder = {
  get: () => number;
  set: (version: number) => void;
  /** A stale refusal's saved state: the overrides list shows it (registered by the list). */
  showSaved: (saved: SavedAvailability) => void;
  onSaved: (listener: (saved: SavedAvailability) => void) => void;
};

const AvailabilityVersion = createContext<VersionHolder | null>(null);

export function AvailabilityVersionProvider({ initial, children }: { initial: number; children: ReactNode }) {
  const version = useRef(initial);
  const listener = useRef<((saved: SavedAvailability) => void) | null>(null);
  const holder = useRef<VersionHolder>({
    get: () => version.current,
    set: (v) => {
      version.current = v;
    },
    showSaved: (saved) => {
      version.current = saved.version;
      listener.current?.(saved);
    },
    onSaved: (l) => {
      listener.current = l;
    },
  });
  return <AvailabilityVersion.Provider value={holder.current}>{children}</AvailabilityVersion.Provider>;
}

export function useAvailabilityVersion(): VersionHolder {
  const holder = useContext(AvailabilityVersion);
  if (!holder) throw new Error('useAvailabilityVersion outside AvailabilityVersionProvider');
  return holder;
}

/** A stale refusal's `data` as the saved availability, or null when it is not one. */
export function asSavedAvailability(result: { ok: false; code?: string; data?: unknown }): SavedAvailability | null {
  if (result.code !== 'stale' || !result.data || typeof result.data !== 'object') return null;
  const d = result.data as Partial<SavedAvailability>;
  return typeof d.version === 'number' && Array.isArray(d.weeklyRules) && Array.isArray(d.overrides) ? (d as SavedAvailability) : null;
}
