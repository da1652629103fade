'use server';

import type { ActionResult } from '@/lib/action';
import { updateConsultationType } from '@/lib/availability/commands';
import type { ConsultationTypeSettings, TypeChangeReport } from '@/lib/availability/dto';
import {
  TYPE_FORM_FIELD_OF,
  consultationTypeFormSchema,
  type ConsultationTypeFormValues,
  type ConsultationTypeSettingsValues,
} from '@/lib/availability/schemas';
import { setTwoFactorForAll } from '@/lib/staff/practice';
import { twoFactorPolicySchema } from '@/lib/staff/schemas';
import { refusal, runStaffAction } from '../../_lib/staff-action';

/** The data layer's field names (feeCents, minNoticeMinutes) → the form's (feeDollars, minNoticeHours). */
function toFormFieldErrors(fieldErrors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([key, message]) => [TYPE_FORM_FIELD_OF[key as keyof ConsultationTypeSettingsValues] ?? key, message]),
  );
}

/**
 * Saves one consultation type's settings (practice-wide; the data layer checks the permission and
 * keeps only what changed) and says what the change means for upcoming bookings of that type.
 */
export async function saveConsultationTypeAction(
  input: ConsultationTypeFormValues,
): Promise<ActionResult<{ type: ConsultationTypeSettings; report: TypeChangeReport }>> {
  // A stale save's refusal carries the saved settings (ConsultationTypeSettings) as `data`.
  return runStaffAction(
    consultationTypeFormSchema,
    input,
    async (actor, { typeId, version, patch }) => {
      const result = await updateConsultationType({ actor, typeId, version, patch });
      if (result.ok) return { ok: true, data: { type: result.type, report: result.report } };
      if (result.reason === 'stale') return refusal(result);
      return refusal({ ...result, fieldErrors: toFormFieldErrors(result.fieldErrors) });
    },
    { subject: 'consultation type' },
  );
}

/** Two-step sign-in for everyone in the practice (clinicians always have it). */
export async function setTwoFactorForAllAction(input: {
  required: boolean;
  version: number;
}): Promise<ActionResult<{ requireTwoFactorForAll: boolean; changed: boolean; settingsVersion: number }>> {
  return runStaffAction(
    twoFactorPolicySchema,
    input,
    async (actor, { required, version }) => {
      const result = await setTwoFactorForAll({ actor, required, version });
      if (!result.ok) return refusal(result);
      return { ok: true, data: { requireTwoFactorForAll: result.requireTwoFactorForAll, changed: result.changed, settingsVersion: result.settingsVersion } };
    },
    { subject: 'practice' },
  );
}
