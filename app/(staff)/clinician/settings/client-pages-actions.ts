'use server';

import type { ActionResult } from '@/lib/action';
import { clientPagesFormSchema } from '@/lib/practice/client-pages-schema';
import { updateClientPageSettings, type ClientPageSettings } from '@/lib/staff/client-pages';
import { refusal, runStaffAction } from '../../_lib/staff-action';

/** The wording of clients' pages: the neutral title of shareable pages and the crisis lines (any clinician of the practice). */
export async function saveClientPageSettingsAction(input: unknown): Promise<ActionResult<{ settings: ClientPageSettings; changed: boolean }>> {
  return runStaffAction(
    clientPagesFormSchema,
    input,
    async (actor, values) => {
      const result = await updateClientPageSettings({ actor, input: values });
      return result.ok ? { ok: true, data: { settings: result.settings, changed: result.changed } } : refusal(result);
    },
    { subject: 'practice' },
  );
}
