/** The element id of a question's control (its first radio / checkbox for choices): what the error summary links to. */
export function fieldId(linkId: string): string {
  return `q-${linkId}`;
}

/** Default limits when an item carries no `maxLength` (the server's schema counts the same: lib/intake/schema.ts). */
export const STRING_MAX = 300;
export const TEXT_MAX = 5_000;
