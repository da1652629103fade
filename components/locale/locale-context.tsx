'use client';

import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { DEFAULT_LOCALE, pickLocale } from '@/lib/i18n/locale';

/**
 * The viewer's locale in client components. The server renders with the request's locale
 * (Accept-Language, app/_lib/request-locale.ts) and hands it down here; during hydration React
 * uses that same value (getServerSnapshot), so the markup matches, and then re-renders with the
 * browser's own navigator.languages when they differ. Both go through lib/i18n/locale.ts.
 */
const ServerLocale = createContext<string>(DEFAULT_LOCALE);

export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  return <ServerLocale.Provider value={locale}>{children}</ServerLocale.Provider>;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('languagechange', onChange);
  return () => window.removeEventListener('languagechange', onChange);
}

let picked: { from: string; locale: string } | null = null;

/** The browser's locale, picked again only when its language list changes (every useLocale() render asks). */
function browserLocale(): string {
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const from = languages.join(',');
  if (picked?.from !== from) picked = { from, locale: pickLocale(languages) };
  return picked.locale;
}

export function useLocale(): string {
  const serverLocale = useContext(ServerLocale);
  return useSyncExternalStore(subscribe, browserLocale, () => serverLocale);
}
