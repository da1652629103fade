import 'server-only';
import type { Metadata } from 'next';
import { loadPracticeOrNull } from './practice';

export const DEFAULT_SHARED_PAGE_TITLE = 'Appointment';

/**
 * The <head> of every page a client is asked to keep or send on (private links and the dead-link
 * page). Chat apps build link previews and lock-screen notifications from the title, the
 * description and og:/twitter: tags, so all say only the practice's neutral wording (default
 * "Appointment"): no practice name, no "consultation", no tagline, nothing else to preview.
 */
export async function sharedPageMetadata(): Promise<Metadata> {
  const practice = await loadPracticeOrNull();
  const neutral = practice?.sharedPageTitle.trim() || DEFAULT_SHARED_PAGE_TITLE;
  return {
    title: { absolute: neutral },
    description: neutral,
    openGraph: null,
    twitter: null,
    robots: { index: false, follow: false },
  };
}
