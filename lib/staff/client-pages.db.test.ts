import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents } from '../../db/schema';
import { type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { getPublicPractice } from '../practice/queries';
import { DEFAULT_CRISIS_LINE } from '../practice/crisis-line';
import { getClientPageSettings, updateClientPageSettings } from './client-pages';

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const NOW = new Date('2026-12-01T14:00:00Z');

describe(`the wording of clients' pages on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('defaults to "Appointment" and the default crisis lines, and a clinician can change them for their own practice', async () => {
    const clinician = world.actors['own clinician'];
    expect(await getClientPageSettings({ actor: clinician })).toEqual({ sharedPageTitle: 'Appointment', crisisLineUs: '', crisisLineElsewhere: '', version: 1 });
    expect((await getPublicPractice({ practiceSlug: world.practice.slug })).crisisLine).toEqual(DEFAULT_CRISIS_LINE);

    const refused = await updateClientPageSettings({ actor: clinician, input: { sharedPageTitle: '   ', crisisLineUs: '', crisisLineElsewhere: '', version: 1 }, now: NOW });
    expect(refused).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { sharedPageTitle: 'Please give a title, for example "Appointment".' } });

    const saved = await updateClientPageSettings({
      actor: clinician,
      input: { sharedPageTitle: ' Your visit ', crisisLineUs: '', crisisLineElsewhere: 'In the UK call 999 or Samaritans on 116 123.', version: 1 },
      now: NOW,
    });
    expect(saved).toMatchObject({ ok: true, changed: true, settings: { sharedPageTitle: 'Your visit', version: 2 } });
    const practice = await getPublicPractice({ practiceSlug: world.practice.slug });
    expect(practice.sharedPageTitle).toBe('Your visit');
    expect(practice.crisisLine).toEqual({ us: DEFAULT_CRISIS_LINE.us, elsewhere: 'In the UK call 999 or Samaritans on 116 123.' });
    // Another practice is untouched.
    expect((await getPublicPractice({ practiceSlug: world.elsewhere.practice.slug })).sharedPageTitle).toBe('Appointment');

    const audits = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, world.practice.id), eq(auditEvents.action, 'practice.settings_changed')));
    expect(audits.map((a) => a.detail)).toContainEqual({ changed: 'sharedPageTitle,crisisLineElsewhere' });
    expect(JSON.stringify(audits)).not.toContain('Samaritans');

    // Saving the same again changes nothing.
    expect(await updateClientPageSettings({ actor: clinician, input: { sharedPageTitle: 'Your visit', crisisLineUs: '', crisisLineElsewhere: 'In the UK call 999 or Samaritans on 116 123.', version: 2 }, now: NOW })).toMatchObject({ ok: true, changed: false });

    // A save from a copy loaded before that save (another tab, another clinician) changes nothing
    // and answers with the wording saved now.
    const stale = await updateClientPageSettings({ actor: clinician, input: { sharedPageTitle: 'Visit', crisisLineUs: '', crisisLineElsewhere: '', version: 1 }, now: NOW });
    expect(stale).toMatchObject({
      ok: false,
      reason: 'stale',
      current: { sharedPageTitle: 'Your visit', crisisLineElsewhere: 'In the UK call 999 or Samaritans on 116 123.', version: 2 },
    });
    expect((await getPublicPractice({ practiceSlug: world.practice.slug })).sharedPageTitle).toBe('Your visit');
    await updateClientPageSettings({ actor: clinician, input: { sharedPageTitle: 'Appointment', crisisLineUs: '', crisisLineElsewhere: '', version: 2 }, now: NOW });
  });
});
