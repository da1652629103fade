'use server';

import type { ActionResult } from '@/lib/action';
import { unlockStaffSignIn } from '@/lib/staff/sign-in-state';
import { unlockStaffSignInSchema } from '@/lib/staff/schemas';
import { runStaffAction } from '../../_lib/staff-action';

/** Lets a paused staff member sign in again at once (clinicians of their practice; the data layer checks). */
export async function unlockStaffSignInAction(input: { staffUserId: string }): Promise<ActionResult<{ displayName: string }>> {
  return runStaffAction(
    unlockStaffSignInSchema,
    input,
    async (actor, { staffUserId }) => {
      const result = await unlockStaffSignIn({ actor, staffUserId });
      return { ok: true, data: { displayName: result.displayName } };
    },
    { subject: 'staff member', invalidInput: 'not_found' },
  );
}
