import { z } from 'zod';

/** "Send again" on one message (lib/messaging/delivery-status.ts `resendMessage`). */
export const resendMessageSchema = z.object({ messageId: z.string().uuid() });
export type ResendMessageInput = z.infer<typeof resendMessageSchema>;
