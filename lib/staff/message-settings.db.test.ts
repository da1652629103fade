import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, practices } from '../../db/schema';
import { type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { getMessageSettings, updateMessageSettings } from './message-settings';
import { getStaffPractice, setTwoFactorForAll } from './practice';

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

describe(`the practice's message settings, on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('starts neutral, saves under the practice settings version, and refuses a stale save with what is saved now', async () => {
    const clinician = world.actors['own clinician'];
    const first = await getMessageSettings({ actor: clinician });
    expect(first).toMatchObject({ emailSenderName: 'Appointments', reminderHoursBefore: 24, sharedPageTitle: 'Appointment' });

    const saved = await updateMessageSettings({ actor: clinician, input: { emailSenderName: '  Front office  ', reminderHoursBefore: '48', version: first.version } });
    expect(saved).toEqual({ ok: true, changed: true, settings: { emailSenderName: 'Front office', reminderHoursBefore: 48, sharedPageTitle: 'Appointment', version: first.version + 1 } });
    const [row] = await handle.db.select({ name: practices.emailSenderName, hours: practices.reminderHoursBefore }).from(practices).where(eq(practices.id, world.practice.id));
    expect(row).toEqual({ name: 'Front office', hours: 48 });
    const [audit] = await handle.db
      .select({ detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'practice.settings_changed'), eq(auditEvents.subjectId, world.practice.id)));
    expect(audit!.detail).toEqual({ changed: 'emailSenderName,reminderHoursBefore' });

    // The sign-in rule shares the version: saving it makes an older copy of this form stale.
    await setTwoFactorForAll({ actor: world.actors['other clinician'], required: true, version: first.version + 1 });
    const stale = await updateMessageSettings({ actor: clinician, input: { emailSenderName: 'Reception', reminderHoursBefore: 0, version: first.version + 1 } });
    expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { emailSenderName: 'Front office', reminderHoursBefore: 48, version: first.version + 2 } });
    expect((await getMessageSettings({ actor: clinician })).emailSenderName).toBe('Front office');
    // Reminders off is a valid choice; the same values again change nothing.
    const off = await updateMessageSettings({ actor: clinician, input: { emailSenderName: 'Front office', reminderHoursBefore: 0, version: first.version + 2 } });
    expect(off).toMatchObject({ ok: true, changed: true, settings: { reminderHoursBefore: 0 } });
    expect(await updateMessageSettings({ actor: clinician, input: { emailSenderName: 'Front office', reminderHoursBefore: 0, version: first.version + 3 } })).toMatchObject({ ok: true, changed: false });
    expect((await getStaffPractice({ actor: clinician })).settingsVersion).toBe(first.version + 3);
  });

  it('refuses a sender name that is not one short line of plain text, and odd reminder hours', async () => {
    const clinician = world.actors['own clinician'];
    const { version } = await getMessageSettings({ actor: clinician });
    const cases: Array<[unknown, string]> = [
      [{ emailSenderName: 'Dr <x@y.com>', reminderHoursBefore: 24, version }, 'emailSenderName'],
      [{ emailSenderName: 'Line one\nBcc: x@y.com', reminderHoursBefore: 24, version }, 'emailSenderName'],
      [{ emailSenderName: '   ', reminderHoursBefore: 24, version }, 'emailSenderName'],
      [{ emailSenderName: 'x'.repeat(61), reminderHoursBefore: 24, version }, 'emailSenderName'],
      [{ emailSenderName: 'Appointments', reminderHoursBefore: -1, version }, 'reminderHoursBefore'],
      [{ emailSenderName: 'Appointments', reminderHoursBefore: 1.5, version }, 'reminderHoursBefore'],
      [{ emailSenderName: 'Appointments', reminderHoursBefore: 500, version }, 'reminderHoursBefore'],
    ];
    for (const [input, field] of cases) {
      const result = await updateMessageSettings({ actor: clinician, input });
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { [field]: expect.any(String) } });
    }
    expect((await getMessageSettings({ actor: clinician })).version).toBe(version);
  });

  it('is for clinicians of the practice only', async () => {
    await expect(getMessageSettings({ actor: world.actors['front desk'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateMessageSettings({ actor: world.actors['front desk'], input: { emailSenderName: 'X', reminderHoursBefore: 2, version: 1 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Another practice's clinician reads and writes their own practice, never this one.
    expect((await getMessageSettings({ actor: world.actors['other practice'] })).emailSenderName).toBe('Appointments');
  });
});
