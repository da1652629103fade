import 'server-only';
import { cache } from 'react';
import { getPublicPractice } from '@/lib/practice/queries';
import type { PublicPractice } from '@/lib/bookings/dto';

/** The practice, loaded once per request however many components ask (layout, page, footer). */
export const loadPractice = cache((): Promise<PublicPractice> => getPublicPractice());

/**
 * For the site chrome (header, footer, not-found pages): never let a database hiccup turn the
 * frame of the page into an error; the page itself reports failures through error.tsx.
 */
export const loadPracticeOrNull = cache(async (): Promise<PublicPractice | null> => {
  try {
    return await loadPractice();
  } catch (err) {
    console.error('[haven] practice unavailable for page chrome', err instanceof Error ? err.name : 'unknown');
    return null;
  }
});
