'use server';

import type { ActionResult } from '@/lib/action';
import { resendMessage } from '@/lib/messaging/delivery-status';
import { resendMessageSchema } from '@/lib/messaging/delivery-schemas';
import type { MessageRecipient } from '@/lib/messaging/kinds';
import { refusal, runStaffAction } from './staff-action';

/**
 * Sends a message about a booking again (front desk and clinicians of the practice:
 * 'booking.resend_message'). The data layer writes a new message and its delivery job; the answer
 * says to whom (masked), never what.
 */
export async function resendMessageAction(input: { messageId: string }): Promise<ActionResult<{ recipient: MessageRecipient; maskedAddress: string }>> {
  return runStaffAction(
    resendMessageSchema,
    input,
    async (actor, { messageId }) => {
      const result = await resendMessage({ actor, messageId });
      return result.ok ? { ok: true, data: { recipient: result.recipient, maskedAddress: result.maskedAddress } } : refusal(result);
    },
    { subject: 'message', invalidInput: 'not_found' },
  );
}
