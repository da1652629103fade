import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, practices } from '../../db/schema';
import { type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { getStaffPractice, setTwoFactorForAll } from './practice';

let handle: DatabaseHandle;
let world: StaffWorld;

withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const NOW = new Date('2026-12-01T14:00:00Z');

describe(`the practice, for staff, on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it("gives each staff member their own practice's name, zone and sign-in rule, nothing more", async () => {
    for (const name of ['own clinician', 'front desk'] as const) {
      expect(await getStaffPractice({ actor: world.actors[name] })).toEqual({
        name: world.practice.name,
        timeZone: world.practice.timeZone,
        requireTwoFactorForAll: false,
        settingsVersion: 1,
      });
    }
    expect(await getStaffPractice({ actor: world.actors['other practice'] })).toMatchObject({
      name: world.elsewhere.practice.name,
      timeZone: world.elsewhere.practice.timeZone,
    });
  });

  it('is not found for a practice that is not there', async () => {
    const actor = { ...world.actors['own clinician'], practiceId: crypto.randomUUID() };
    await expect(getStaffPractice({ actor })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a clinician can require two-step sign-in for everyone; the change is audited once; the front desk cannot', async () => {
    const practiceAudits = () =>
      handle.db
        .select({ detail: auditEvents.detail })
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, world.practice.id), eq(auditEvents.action, 'practice.settings_changed')));
    await expect(setTwoFactorForAll({ actor: world.actors['front desk'], required: true, version: 1, now: NOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await practiceAudits()).toHaveLength(0);

    const { settingsVersion } = await getStaffPractice({ actor: world.actors['own clinician'] });
    expect(await setTwoFactorForAll({ actor: world.actors['own clinician'], required: true, version: settingsVersion, now: NOW })).toEqual({
      ok: true,
      requireTwoFactorForAll: true,
      changed: true,
      settingsVersion: settingsVersion + 1,
    });
    expect((await getStaffPractice({ actor: world.actors['front desk'] })).requireTwoFactorForAll).toBe(true);
    // The same rule again changes nothing and writes nothing.
    expect(await setTwoFactorForAll({ actor: world.actors['other clinician'], required: true, version: settingsVersion + 1, now: NOW })).toMatchObject({
      changed: false,
    });
    expect(await practiceAudits()).toEqual([{ detail: { requireTwoFactorForAll: true } }]);
    // Another practice is untouched.
    expect((await getStaffPractice({ actor: world.actors['other practice'] })).requireTwoFactorForAll).toBe(false);

    await setTwoFactorForAll({ actor: world.actors['own clinician'], required: false, version: settingsVersion + 1, now: NOW });
    expect((await getStaffPractice({ actor: world.actors['own clinician'] })).requireTwoFactorForAll).toBe(false);
  });

  it('refuses a settings save from a stale copy: nothing changes, and the answer carries the saved rule', async () => {
    const clinician = world.actors['own clinician'];
    const { settingsVersion, requireTwoFactorForAll } = await getStaffPractice({ actor: clinician });
    // Another tab saves first.
    expect(await setTwoFactorForAll({ actor: clinician, required: !requireTwoFactorForAll, version: settingsVersion, now: NOW })).toMatchObject({
      ok: true,
      settingsVersion: settingsVersion + 1,
    });
    const saved = await handle.db.select().from(practices).where(eq(practices.id, world.practice.id));
    expect(await setTwoFactorForAll({ actor: clinician, required: requireTwoFactorForAll, version: settingsVersion, now: NOW })).toEqual({
      ok: false,
      reason: 'stale',
      message: 'The practice’s settings changed after you opened this page (in another tab or window, or by someone else). Nothing was saved.',
      current: { settingsVersion: settingsVersion + 1, requireTwoFactorForAll: !requireTwoFactorForAll },
    });
    expect(await handle.db.select().from(practices).where(eq(practices.id, world.practice.id))).toEqual(saved);
    // Put back for the other tests.
    await setTwoFactorForAll({ actor: clinician, required: requireTwoFactorForAll, version: settingsVersion + 1, now: NOW });
  });
});
