import { z } from 'zod';

/** Forms that keep unsaved drafts, and the record each draft belongs to (`clinical-notes:<booking id>`). */
export const DRAFT_FORMS = ['clinical-notes', 'decline-request', 'desk-cancel'] as const;
export type DraftForm = (typeof DRAFT_FORMS)[number];

/** The largest draft kept (its JSON): the longest form (notes, 20 000 characters) fits with room to spare. */
export const MAX_DRAFT_BYTES = 64 * 1024;

/** How long a draft is kept: a sign-in lasts at most 12 hours, so an older draft has no one to return to. */
export const DRAFT_LIFETIME_MS = 12 * 3_600_000;

export function draftKey(form: DraftForm, recordId: string): string {
  return `${form}:${recordId}`;
}

export const draftKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}:[0-9a-z-]{1,80}$/, 'Unknown form.')
  .refine((key) => (DRAFT_FORMS as readonly string[]).includes(key.split(':')[0]!), 'Unknown form.');

/** Form values as a form holds them: text, numbers, booleans, null, and lists/objects of those. */
type DraftValue = string | number | boolean | null | DraftValue[] | { [key: string]: DraftValue };
const draftValue: z.ZodType<DraftValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(draftValue), z.record(z.string(), draftValue)]),
);

export const draftValuesSchema = z
  .record(z.string(), draftValue)
  .refine((values) => new TextEncoder().encode(JSON.stringify(values)).length <= MAX_DRAFT_BYTES, 'This draft is too long to keep.');
export type DraftValues = z.infer<typeof draftValuesSchema>;

export const saveDraftSchema = z.object({ formKey: draftKeySchema, values: draftValuesSchema });
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const discardDraftSchema = z.object({ formKey: draftKeySchema });
