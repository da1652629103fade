import { z } from 'zod';
import { versionFieldSchema } from '../concurrency/edit-version';

export const MAX_SHARED_PAGE_TITLE = 60;
export const MAX_CRISIS_LINE = 500;

const plain = (max: number, tooLong: string) =>
  z
    .string()
    .transform((v) => v.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim())
    .pipe(z.string().max(max, { message: tooLong }));

/**
 * What clients' pages say, as the practice words it. The shared-page title is what chat apps show
 * when a private link is sent (keep it neutral); an empty crisis line means Haven's default.
 */
export const clientPageSettingsSchema = z.object({
  sharedPageTitle: plain(MAX_SHARED_PAGE_TITLE, `Please keep the title to ${MAX_SHARED_PAGE_TITLE} characters.`).pipe(
    z.string().min(1, { message: 'Please give a title, for example "Appointment".' }),
  ),
  crisisLineUs: plain(MAX_CRISIS_LINE, `Please keep this to ${MAX_CRISIS_LINE} characters.`),
  crisisLineElsewhere: plain(MAX_CRISIS_LINE, `Please keep this to ${MAX_CRISIS_LINE} characters.`),
});
export type ClientPageSettingsInput = z.infer<typeof clientPageSettingsSchema>;
export type ClientPageSettingsFormValues = z.input<typeof clientPageSettingsSchema>;

/** The form's values: the wording and the edit version it was loaded at (a stale one is refused). */
export const clientPagesFormSchema = clientPageSettingsSchema.extend(versionFieldSchema.shape);
export type ClientPagesFormInput = z.infer<typeof clientPagesFormSchema>;
export type ClientPagesFormValues = z.input<typeof clientPagesFormSchema>;
