'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action';
import { editVersionSchema } from '@/lib/concurrency/edit-version';
import { saveIntakeCustomization, setConsultationTypeIntake, type SavedCustomization } from '@/lib/intake/settings';
import { INTAKE_FORMS, type IntakeForm } from '@/lib/intake/types';
import { refusal, runStaffAction } from '../../../_lib/staff-action';

const customizationInputSchema = z.object({
  form: z.enum(INTAKE_FORMS),
  // Checked field by field by the data layer (lib/intake/questionnaires customizationSchema).
  customization: z.unknown(),
  expectedVersion: editVersionSchema,
});

/** Saves the practice's changes to a questionnaire as its next version (a stale save carries the saved one as `data`). */
export async function saveIntakeCustomizationAction(input: {
  form: IntakeForm;
  customization: unknown;
  expectedVersion: number;
}): Promise<ActionResult<{ changed: boolean; saved: SavedCustomization }>> {
  return runStaffAction(
    customizationInputSchema,
    input,
    async (actor, data) => {
      const result = await saveIntakeCustomization({ actor, ...data });
      return result.ok ? { ok: true, data: { changed: result.changed, saved: result.saved } } : refusal(result);
    },
    { subject: 'questionnaire' },
  );
}

const typeIntakeSchema = z.object({ typeId: z.uuid(), form: z.enum(INTAKE_FORMS).nullable() });

/** Which questionnaire a consultation type asks (or none). */
export async function setConsultationTypeIntakeAction(input: { typeId: string; form: IntakeForm | null }): Promise<ActionResult<{ changed: boolean; form: IntakeForm | null }>> {
  return runStaffAction(
    typeIntakeSchema,
    input,
    async (actor, data) => {
      const result = await setConsultationTypeIntake({ actor, ...data });
      return result.ok ? { ok: true, data: { changed: result.changed, form: result.form } } : refusal(result);
    },
    { subject: 'consultation type', invalidInput: 'not_found' },
  );
}
