'use server';

import type { ActionResult } from '@/lib/action';
import { messageSettingsFormSchema } from '@/lib/practice/message-settings-schema';
import { videoRoomFormSchema } from '@/lib/practice/video-room-schema';
import { updateMessageSettings, type MessageSettings } from '@/lib/staff/message-settings';
import { updateOwnVideoRoom } from '@/lib/staff/video-room';
import { refusal, runStaffAction } from '../../_lib/staff-action';

/** The practice's sender name and reminder hours (any clinician of the practice; a stale save carries the saved settings). */
export async function saveMessageSettingsAction(input: unknown): Promise<ActionResult<{ settings: MessageSettings; changed: boolean }>> {
  return runStaffAction(
    messageSettingsFormSchema,
    input,
    async (actor, values) => {
      const result = await updateMessageSettings({ actor, input: values });
      return result.ok ? { ok: true, data: { settings: result.settings, changed: result.changed } } : refusal(result);
    },
    { subject: 'practice' },
  );
}

/** The signed-in clinician's own video room link (or '' to remove it). */
export async function saveVideoRoomAction(input: unknown): Promise<ActionResult<{ videoRoomUrl: string; changed: boolean }>> {
  return runStaffAction(
    videoRoomFormSchema,
    input,
    async (actor, values) => {
      const result = await updateOwnVideoRoom({ actor, input: values });
      return result.ok ? { ok: true, data: { videoRoomUrl: result.videoRoomUrl, changed: result.changed } } : refusal(result);
    },
    { subject: 'clinician' },
  );
}
