import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createStaffWorld, type StaffWorld } from '../../tests/support/staff-world';
import { openTestDatabase } from '../../tests/support/test-db';
import { getStaffPractice } from './practice';

let handle: DatabaseHandle;
let world: StaffWorld;

beforeAll(async () => {
  handle = await openTestDatabase();
  world = await createStaffWorld(handle.db);
});
afterAll(async () => {
  await handle.close();
});

describe(`getStaffPractice on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it("gives each staff member their own practice's name and zone, nothing more", async () => {
    for (const name of ['own clinician', 'front desk'] as const) {
      expect(await getStaffPractice({ actor: world.actors[name] })).toEqual({ name: world.practice.name, timeZone: world.practice.timeZone });
    }
    expect(await getStaffPractice({ actor: world.actors['other practice'] })).toEqual({
      name: world.elsewhere.practice.name,
      timeZone: world.elsewhere.practice.timeZone,
    });
  });

  it('is not found for a practice that is not there', async () => {
    const actor = { ...world.actors['own clinician'], practiceId: crypto.randomUUID() };
    await expect(getStaffPractice({ actor })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
