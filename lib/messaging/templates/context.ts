import { formatLongDate, formatShortDate, formatTime, formatTimeRange, formatZoneName } from '../../i18n/format-date';
import { dateLocaleFor } from '../../i18n/locale';
import type { MessageView } from './view';

/**
 * What every template needs from a view, cleaned once: names and the practice's words with their
 * whitespace collapsed (a name with a line break cannot forge a line of the text part), the
 * practice's word in both cases, and the time written in the recipient's own zone and locale.
 */
export type TemplateContext = {
  view: MessageView;
  lang: string;
  /** The practice's word as it starts a subject ("Appointment") and inside a sentence ("appointment"). */
  word: string;
  lower: string;
  recipientName: string | null;
  otherName: string | null;
  clinician: string;
  practiceName: string;
  practicePhone: string | null;
  practiceAddress: string[];
  when: When;
};

export type When = {
  /** "Tue, Dec 8, 10:00 AM" (en-US), "Tue 8 Dec, 10:00" (en-GB): subjects. */
  short: string;
  /** "Tuesday, December 8, 2026" */
  date: string;
  /** "10:00 AM – 10:50 AM" */
  range: string;
  /** "Eastern Standard Time" (at the start) */
  zone: string;
  /**
   * "10:00 AM – 10:50 AM (Eastern Standard Time)"; when the clocks change during the appointment
   * each end names its own: "1:30 AM (Eastern Daylight Time) – 1:20 AM (Eastern Standard Time)".
   */
  rangeWithZone: string;
  /** "Tuesday, December 8, 2026 at 10:00 AM (Eastern Standard Time)": inside a sentence. */
  sentence: string;
};

export function contextOf(view: MessageView): TemplateContext {
  const word = clean(view.word) || 'Appointment';
  return {
    view,
    lang: dateLocaleFor(view.locale).locale,
    word: word[0]!.toUpperCase() + word.slice(1),
    lower: lowerWord(word),
    recipientName: cleanOrNull(view.recipientName),
    otherName: cleanOrNull(view.otherPersonName),
    clinician: clean(view.clinicianName),
    practiceName: clean(view.practice.name),
    practicePhone: cleanOrNull(view.practice.phone),
    practiceAddress: view.practice.addressLines.map(clean).filter(Boolean),
    when: whenOf(view.startsAt, view.endsAt, view.timeZone, view.locale),
  };
}

export function whenOf(startsAt: Date, endsAt: Date, timeZone: string, locale: string): When {
  const start = startsAt.getTime();
  const date = formatLongDate(start, timeZone, locale);
  const time = formatTime(start, timeZone, locale);
  const zone = formatZoneName(start, timeZone, locale);
  const endZone = formatZoneName(endsAt.getTime(), timeZone, locale);
  const range = formatTimeRange(start, endsAt.getTime(), timeZone, locale);
  const [from, to] = range.split(' – ');
  return {
    short: `${formatShortDate(start, timeZone, locale)}, ${time}`,
    date,
    range,
    zone,
    rangeWithZone: endZone === zone || to === undefined ? `${range} (${zone})` : `${from} (${zone}) – ${to} (${endZone})`,
    sentence: `${date} at ${time} (${zone})`,
  };
}

/** "Appointment" → "appointment", "Visit" → "visit"; a word written in capitals ("TEAM") stays as written. */
export function lowerWord(word: string): string {
  if (word.length > 1 && word[1] === word[1]!.toUpperCase() && word[1] !== word[1]!.toLowerCase()) return word;
  return word[0]!.toLowerCase() + word.slice(1);
}

export function clean(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function cleanOrNull(value: string | null | undefined): string | null {
  const cleaned = value ? clean(value) : '';
  return cleaned === '' ? null : cleaned;
}
