/**
 * The footer's crisis line. 988 and 911 are US numbers: a viewer whose zone is in the US sees
 * them, everyone else is told to call their local emergency number and pointed to an
 * international directory of helplines. The practice may reword both (settings); empty means the
 * default. Pure: the footer (a client component: it needs the viewer's zone) and the settings use it.
 */
export type CrisisRegion = 'us' | 'elsewhere';

export const HELPLINE_DIRECTORY_URL = 'https://findahelpline.com';

export const DEFAULT_CRISIS_LINE: Record<CrisisRegion, string> = {
  us: 'This site is not for emergencies. If you are in crisis, call or text 988 (Suicide & Crisis Lifeline), or call 911.',
  elsewhere: `This site is not for emergencies. If you are in crisis or in danger, call your local emergency number now, or find a helpline in your country at ${HELPLINE_DIRECTORY_URL}.`,
};

/**
 * IANA zones of the 50 states and DC (tz database zone1970.tab, country US), with their legacy
 * aliases. US territories have their own lines and are left to the directory.
 */
const US_ZONES = new Set([
  'America/New_York', 'America/Detroit', 'America/Kentucky/Louisville', 'America/Kentucky/Monticello',
  'America/Indiana/Indianapolis', 'America/Indiana/Vincennes', 'America/Indiana/Winamac', 'America/Indiana/Marengo',
  'America/Indiana/Petersburg', 'America/Indiana/Vevay', 'America/Indiana/Tell_City', 'America/Indiana/Knox',
  'America/Chicago', 'America/Menominee', 'America/North_Dakota/Center', 'America/North_Dakota/New_Salem',
  'America/North_Dakota/Beulah', 'America/Denver', 'America/Boise', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'America/Juneau', 'America/Sitka', 'America/Metlakatla', 'America/Yakutat', 'America/Nome',
  'America/Adak', 'Pacific/Honolulu',
  // Aliases browsers may still report.
  'America/Fort_Wayne', 'America/Indianapolis', 'America/Knox_IN', 'America/Louisville', 'America/Shiprock', 'Navajo',
  'America/Atka', 'US/Eastern', 'US/Central', 'US/Mountain', 'US/Pacific', 'US/Alaska', 'US/Hawaii', 'US/Arizona',
  'US/East-Indiana', 'US/Indiana-Starke', 'US/Michigan', 'US/Aleutian', 'Pacific/Johnston',
]);

/** Which crisis line a viewer in `timeZone` gets; an unknown zone gets the international one. */
export function crisisRegionOf(timeZone: string | null | undefined): CrisisRegion {
  return timeZone && US_ZONES.has(timeZone) ? 'us' : 'elsewhere';
}

/** The practice's wording with the defaults applied. */
export function crisisLineOf(practice: { crisisLineUs: string; crisisLineElsewhere: string }): Record<CrisisRegion, string> {
  return {
    us: practice.crisisLineUs.trim() || DEFAULT_CRISIS_LINE.us,
    elsewhere: practice.crisisLineElsewhere.trim() || DEFAULT_CRISIS_LINE.elsewhere,
  };
}

export type CrisisTextPart = { kind: 'text'; text: string } | { kind: 'tel'; text: string; href: string } | { kind: 'url'; text: string; href: string };

const LINKABLE = /(https:\/\/[^\s<>"]+[^\s<>".,;:!?)])|((?<![\w+])\+?\d(?:[\d -]{1,16}\d)?(?![\w]))/g;

/** Splits wording into text, phone numbers (tel: links; three digits or more) and https addresses. */
export function crisisTextParts(text: string): CrisisTextPart[] {
  const parts: CrisisTextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINKABLE)) {
    const [token, url, phone] = match;
    const at = match.index;
    if (phone && phone.replace(/\D/g, '').length < 3) continue;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    parts.push(url ? { kind: 'url', text: url, href: url } : { kind: 'tel', text: token, href: `tel:${token.replace(/[^\d+]/g, '')}` });
    last = at + token.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
