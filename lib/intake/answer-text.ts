/**
 * How a stored answer reads on the review page, the read-only sent view and the clinician's view.
 */
import { optionsOf } from './engine';
import type { AnswerValue, QuestionnaireItem } from './types';

export const NOT_ANSWERED = 'Not answered';

function displayOf(item: QuestionnaireItem, code: string): string {
  return optionsOf(item).find((option) => option.code === code)?.display ?? code;
}

function dateText(value: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function isList(value: AnswerValue): value is readonly string[] {
  return Array.isArray(value);
}

/** The answer in words: choices by their display text, yes/no, dates written out. */
export function answerText(item: QuestionnaireItem, value: AnswerValue | undefined, locale = 'en-US'): string {
  if (value === undefined || value === null || value === '') return NOT_ANSWERED;
  if (isList(value)) return value.length === 0 ? NOT_ANSWERED : value.map((code) => displayOf(item, code)).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (item.type === 'choice') return displayOf(item, value);
  if (item.type === 'date') return dateText(value, locale);
  return value;
}
