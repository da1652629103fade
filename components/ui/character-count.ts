/**
 * "812 of 1,000" under a limited text field, and a plain "too long" when over. Pure: the field
 * renders it, the form passes what is typed. Counts what the server's zod schema counts (the
 * trimmed string's length), so the counter and the server never disagree. Fields carry no
 * `maxLength`: a browser silently cuts a paste at that length, and nothing typed may be lost.
 */
import { formatCount } from '@/lib/text/length';

const number = { format: formatCount };

export type CharacterCount = { length: number; max: number; over: boolean; text: string; announcement: string };

export function characterCount(value: string, max: number): CharacterCount {
  const length = value.trim().length;
  const over = length > max;
  const text = over
    ? `${number.format(length)} of ${number.format(max)}: ${number.format(length - max)} too many. Please shorten it; nothing is sent until it fits.`
    : `${number.format(length)} of ${number.format(max)}`;
  const announcement = over ? `Too long by ${number.format(length - max)} ${length - max === 1 ? 'character' : 'characters'}.` : '';
  return { length, max, over, text, announcement };
}
