/** Lengths as people read them ("1,000"), and the one message for text over its limit. */
const grouped = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return grouped.format(n);
}

/** The server's message for an over-long field (zod `max`), in the same words as the field's counter. */
export function tooLongMessage(length: number, max: number): string {
  return `This is ${formatCount(length)} characters; the limit is ${formatCount(max)}. Please shorten it by ${formatCount(length - max)}.`;
}

/** zod's `max` option for a limited text: the specific message above, from the checked (trimmed) value. */
export function maxLengthError(max: number) {
  return { error: (issue: { input?: unknown }) => tooLongMessage(typeof issue.input === 'string' ? issue.input.length : max + 1, max) };
}
