import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import type { StaleRefusal } from '../concurrency/edit-version';
import { messageSettingsFormSchema, type MessageSettingsFormInput } from '../practice/message-settings-schema';
import { assertStaffCan, invalidInput, notFound } from './access';
import { savePracticeFields } from './practice-fields-write';
import type { StaffRefusal } from './dto';

/** The practice's message settings as saved, with the practice settings' edit version (`version`). */
export type MessageSettings = MessageSettingsFormInput & {
  /** The practice's neutral word (set with what clients' pages say): the emails' subjects use it. Read-only here. */
  sharedPageTitle: string;
};

const columns = {
  emailSenderName: practices.emailSenderName,
  reminderHoursBefore: practices.reminderHoursBefore,
  sharedPageTitle: practices.sharedPageTitle,
  version: practices.settingsVersion,
};

/** The actor's practice's sender name and reminder hours (clinicians: 'practice.edit_messages'). One query. */
export async function getMessageSettings(params: { actor: StaffActor }): Promise<MessageSettings> {
  assertStaffCan(params.actor, 'practice.edit_messages');
  const db = await getDb();
  const [row] = await db.select(columns).from(practices).where(eq(practices.id, params.actor.practiceId)).limit(1);
  if (!row) throw notFound();
  return row;
}

/**
 * Saves the sender name and reminder hours of the actor's own practice, under the practice
 * settings' edit version (practices.settings_version, shared with the sign-in rule): a stale one
 * saves nothing and answers `stale` with what is saved now. Audited as 'practice.settings_changed'
 * with the names of the fields that changed. New reminder hours apply to bookings made or changed
 * from now on (each change schedules its own reminders).
 */
export async function updateMessageSettings(params: {
  actor: StaffActor;
  input: unknown;
  now?: Date;
}): Promise<{ ok: true; settings: MessageSettings; changed: boolean } | StaffRefusal | StaleRefusal<MessageSettings>> {
  const { actor } = params;
  assertStaffCan(actor, 'practice.edit_messages');
  const parsed = messageSettingsFormSchema.safeParse(params.input);
  if (!parsed.success) return invalidInput(parsed.error.issues);
  const { version, ...next } = parsed.data;
  return savePracticeFields<MessageSettings>({ actor, what: 'The practice’s settings', columns, versionKey: 'settingsVersion', next, version, now: params.now ?? new Date() });
}
