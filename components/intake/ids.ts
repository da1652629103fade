/** The element id of a question's control (its first radio / checkbox for choices): what the error summary links to. */
export function fieldId(linkId: string): string {
  return `q-${linkId}`;
}

import { DEFAULT_MAX_LENGTH } from '@/lib/intake/schema';

/** The longest answers the server's schema takes (an item's own `maxLength` may only lower them): lib/intake/schema.ts. */
export const STRING_MAX = DEFAULT_MAX_LENGTH.string;
export const TEXT_MAX = DEFAULT_MAX_LENGTH.text;
