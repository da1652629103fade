'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action';
import { markIntakeReviewed } from '@/lib/intake/review';
import { refusal, runStaffAction } from '../../_lib/staff-action';

const intakeRefSchema = z.object({ intakeId: z.uuid() });

/** "Mark reviewed" on a sent intake: its booking's own clinician only (the data layer decides). */
export async function markIntakeReviewedAction(input: { intakeId: string }): Promise<ActionResult<{ reviewedAt: string; changed: boolean }>> {
  return runStaffAction(
    intakeRefSchema,
    input,
    async (actor, { intakeId }) => {
      const result = await markIntakeReviewed({ actor, intakeId });
      return result.ok ? { ok: true, data: { reviewedAt: result.reviewedAt, changed: result.changed } } : refusal(result);
    },
    { subject: 'intake', invalidInput: 'not_found' },
  );
}
