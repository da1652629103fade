import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { staffDrafts } from '../../db/schema';
import { type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { AppError } from '../errors';
import { draftKey, MAX_DRAFT_BYTES } from './schemas';
import { discardStaffDraft, findStaffDrafts, getStaffDraft, saveStaffDraft } from './staff-drafts';

const BOOKING = '7d1f6c1e-2f55-4d8e-9d5e-2f4b1c9a0b11';
const KEY = draftKey('clinical-notes', BOOKING);
// Tuesday 1 December 2026, 14:00 UTC (09:00 in New York).
const T0 = new Date('2026-12-01T14:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let handle: DatabaseHandle;
let world: StaffWorld;

withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const clinician = () => world.actors['own clinician'];
const desk = () => world.actors['front desk'];

describe('staff drafts', () => {
  it('keep what was typed, encrypted, for the person who typed it only', async () => {
    const notes = 'Draft: attachment themes — not saved yet';
    await saveStaffDraft({ actor: clinician(), formKey: KEY, values: { notes, outcome: null }, now: T0 });

    const [row] = await handle.db.select().from(staffDrafts).where(eq(staffDrafts.formKey, KEY));
    expect(row!.valuesCiphertext).not.toContain('attachment');

    expect(await getStaffDraft({ actor: clinician(), formKey: KEY, now: minutes(20) })).toEqual({
      values: { notes, outcome: null },
      savedAt: T0.toISOString(),
    });
    // Same form key, another person: nothing (and nothing of theirs is touched).
    expect(await getStaffDraft({ actor: world.actors['other clinician'], formKey: KEY, now: minutes(20) })).toBeNull();
    expect(await getStaffDraft({ actor: desk(), formKey: KEY, now: minutes(20) })).toBeNull();
    await discardStaffDraft({ actor: desk(), formKey: KEY });
    expect(await getStaffDraft({ actor: clinician(), formKey: KEY, now: minutes(20) })).not.toBeNull();
  });

  it('a later save replaces the draft; discarding forgets it', async () => {
    const key = draftKey('decline-request', BOOKING);
    await saveStaffDraft({ actor: clinician(), formKey: key, values: { message: 'first' }, now: T0 });
    await saveStaffDraft({ actor: clinician(), formKey: key, values: { message: 'second' }, now: minutes(1) });
    expect((await getStaffDraft({ actor: clinician(), formKey: key, now: minutes(2) }))?.values).toEqual({ message: 'second' });
    await discardStaffDraft({ actor: clinician(), formKey: key });
    expect(await getStaffDraft({ actor: clinician(), formKey: key, now: minutes(2) })).toBeNull();
  });

  it('is not restored (and is deleted) once the record was saved after it, or after 12 hours', async () => {
    const key = draftKey('desk-cancel', BOOKING);
    await saveStaffDraft({ actor: desk(), formKey: key, values: { reason: 'called in' }, now: T0 });
    expect(await getStaffDraft({ actor: desk(), formKey: key, supersededAt: minutes(-1), now: minutes(5) })).not.toBeNull();
    expect(await getStaffDraft({ actor: desk(), formKey: key, supersededAt: minutes(3), now: minutes(5) })).toBeNull();
    expect(await handle.db.select().from(staffDrafts).where(eq(staffDrafts.formKey, key))).toHaveLength(0);

    await saveStaffDraft({ actor: desk(), formKey: key, values: { reason: 'called in' }, now: T0 });
    expect(await getStaffDraft({ actor: desk(), formKey: key, now: minutes(12 * 60 - 1) })).not.toBeNull();
    expect(await getStaffDraft({ actor: desk(), formKey: key, now: minutes(12 * 60 + 1) })).toBeNull();
    expect(await handle.db.select().from(staffDrafts).where(eq(staffDrafts.formKey, key))).toHaveLength(0);
  });

  it('refuses unknown forms, odd values and oversized drafts with a plain message', async () => {
    const refused = async (formKey: string, values: unknown) => {
      const error = await saveStaffDraft({ actor: clinician(), formKey, values, now: T0 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).message;
    };
    expect(await refused(`intake-answers:${BOOKING}`, { a: 'b' })).toBe('Unknown form.');
    expect(await refused('clinical-notes:../../etc', { a: 'b' })).toBe('Unknown form.');
    expect(await refused(KEY, { when: undefined, fn: 'x' })).toBeTruthy();
    expect(await refused(KEY, { notes: 'x'.repeat(MAX_DRAFT_BYTES) })).toBe('This draft is too long to keep.');
    // The database holds the same rule for the key's shape.
    await expect(
      handle.db.insert(staffDrafts).values({ userId: clinician().userId, formKey: 'Bad Key', valuesCiphertext: 'x' }),
    ).rejects.toThrow();
  });

  it('a list page reads its drafts in one go: only the person’s own, only fresh ones, unknown keys ignored', async () => {
    const first = draftKey('decline-request', '11111111-1111-4111-8111-111111111111');
    const second = draftKey('decline-request', '22222222-2222-4222-8222-222222222222');
    const old = draftKey('decline-request', '33333333-3333-4333-8333-333333333333');
    await saveStaffDraft({ actor: clinician(), formKey: first, values: { message: 'one' }, now: minutes(0) });
    await saveStaffDraft({ actor: world.actors['other clinician'], formKey: second, values: { message: 'not yours' }, now: minutes(0) });
    await saveStaffDraft({ actor: clinician(), formKey: old, values: { message: 'stale' }, now: minutes(-13 * 60) });
    const found = await findStaffDrafts({ actor: clinician(), formKeys: [first, second, old, 'nonsense'], now: minutes(1) });
    expect([...found.entries()]).toEqual([[first, { values: { message: 'one' }, savedAt: minutes(0).toISOString() }]]);
  });
});
