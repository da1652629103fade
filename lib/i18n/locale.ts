/**
 * The one place that picks the locale dates and times are shown in. Pure and client-safe:
 * the server feeds it the request's Accept-Language (app/_lib/request-locale.ts), client
 * components navigator.languages (components/locale/locale-context.tsx).
 *
 * Haven's words are English; the viewer's locale decides the conventions — a 24-hour clock,
 * day-month order — not the language of month and day names (a German browser reads
 * "Wednesday, 2 December 2026, 14:00", not a German date inside an English sentence).
 */
export const DEFAULT_LOCALE = 'en-US';

const MAX_HEADER_LENGTH = 512;
const MAX_CANDIDATES = 20;

/** A canonical BCP 47 tag this runtime can format dates in, or null for anything else. */
export function normalizeLocale(tag: string | null | undefined): string | null {
  if (!tag || tag.length > 64 || tag === '*') return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return null;
    return Intl.DateTimeFormat.supportedLocalesOf([canonical]).length ? canonical : null;
  } catch {
    return null;
  }
}

/** The first usable locale of a preference list, else en-US. */
export function pickLocale(candidates: Iterable<string | null | undefined>): string {
  let seen = 0;
  for (const candidate of candidates) {
    if (++seen > MAX_CANDIDATES) break;
    const locale = normalizeLocale(candidate?.trim());
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** An Accept-Language header's tags, most preferred first (q=0 and malformed entries dropped). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, MAX_HEADER_LENGTH)
    .split(',')
    .slice(0, MAX_CANDIDATES)
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((e) => e.tag !== '' && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((e) => e.tag);
}

export function localeFromAcceptLanguage(header: string | null | undefined): string {
  return pickLocale(parseAcceptLanguage(header));
}

export interface DateLocale {
  /** The locale handed to Intl: English, with the viewer's region when they gave one. */
  locale: string;
  /** The viewer's clock: 12-hour ("9:05 AM") or 24-hour ("09:05"). */
  hourCycle: 'h12' | 'h23';
}

const dateLocales = new Map<string, DateLocale>();

/** How a viewer's locale is formatted: English words, the viewer's region and clock. */
export function dateLocaleFor(viewerLocale: string): DateLocale {
  let cached = dateLocales.get(viewerLocale);
  if (!cached) {
    const viewer = normalizeLocale(viewerLocale) ?? DEFAULT_LOCALE;
    const { language, region } = new Intl.Locale(viewer);
    const english = language === 'en' ? viewer : (normalizeLocale(region ? `en-${region}` : 'en') ?? DEFAULT_LOCALE);
    const cycle = new Intl.DateTimeFormat(viewer, { hour: 'numeric' }).resolvedOptions().hourCycle;
    cached = { locale: english, hourCycle: cycle === 'h11' || cycle === 'h12' ? 'h12' : 'h23' };
    if (dateLocales.size < 200) dateLocales.set(viewerLocale, cached);
  }
  return cached;
}
