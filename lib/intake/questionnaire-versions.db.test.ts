import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { intakeQuestionnaires } from '../../db/schema';
import { createTestPractice, withTestPractice, type TestPractice } from '../../tests/support/practice-fixture';
import { testDriver } from '../../tests/support/test-env';
import { EMPTY_CUSTOMIZATION, type IntakeCustomization } from './customization-types';
import { baseQuestionnaire } from './questionnaires';
import { createQuestionnaireVersion, currentQuestionnaire, questionnaireById, StaleQuestionnaireVersionError } from './questionnaire-versions';

let handle: DatabaseHandle;
let fx: TestPractice;
const OFF_GAD7: IntakeCustomization = { disabledSections: ['gad7'], questions: [] };
withTestPractice((h, p) => {
  handle = h;
  fx = p;
});

const versionsOf = (practiceId: string, form: 'individual' | 'couples') =>
  handle.db
    .select({ version: intakeQuestionnaires.version, v: intakeQuestionnaires.questionnaire })
    .from(intakeQuestionnaires)
    .where(and(eq(intakeQuestionnaires.practiceId, practiceId), eq(intakeQuestionnaires.form, form)))
    .orderBy(intakeQuestionnaires.version);


describe(`questionnaire versions on ${testDriver()}`, () => {
  it('writes version 1 (the base questionnaire) once, even when many ask for it at the same moment', async () => {
    const other = await createTestPractice(handle.db);
    const all = await Promise.all(Array.from({ length: 6 }, () => currentQuestionnaire(handle.db, { practiceId: other.practice.id, form: 'couples' })));
    expect(new Set(all.map((v) => v.id)).size).toBe(1);
    expect(all[0]).toMatchObject({ version: 1, customization: EMPTY_CUSTOMIZATION });
    expect(all[0]!.questionnaire).toEqual(baseQuestionnaire('couples'));
    expect((await versionsOf(other.practice.id, 'couples')).map((r) => r.version)).toEqual([1]);
    // The other form is its own line.
    expect((await versionsOf(other.practice.id, 'individual')).map((r) => r.version)).toEqual([]);
    expect(await questionnaireById(handle.db, { practiceId: other.practice.id, id: all[0]!.id })).toMatchObject({ version: 1 });
    expect(await questionnaireById(handle.db, { practiceId: fx.practice.id, id: all[0]!.id })).toBeNull();
  });

  it('takes the next version for each saved customization, and the current one is the newest', async () => {
    const v1 = await currentQuestionnaire(handle.db, { practiceId: fx.practice.id, form: 'individual' });
    const v2 = await handle.db.transaction((tx) => createQuestionnaireVersion(tx, { practiceId: fx.practice.id, form: 'individual', customization: OFF_GAD7, createdBy: null }));
    expect(v2.version).toBe(v1.version + 1);
    expect(v2.customization).toEqual(OFF_GAD7);
    expect(v2.questionnaire.version).toBe(`${baseQuestionnaire('individual').version}+p${v2.version}`);
    expect((v2.questionnaire.item ?? []).map((s) => s.linkId)).not.toContain('gad7');
    expect(await currentQuestionnaire(handle.db, { practiceId: fx.practice.id, form: 'individual' })).toEqual(v2);
  });

  it('refuses a save based on an older version, and two saves at once take turns (no number twice)', async () => {
    const practice = (await createTestPractice(handle.db)).practice.id;
    await expect(
      handle.db.transaction((tx) => createQuestionnaireVersion(tx, { practiceId: practice, form: 'individual', customization: OFF_GAD7, createdBy: null, expectedVersion: 3 })),
    ).rejects.toBeInstanceOf(StaleQuestionnaireVersionError);
    expect(await versionsOf(practice, 'individual')).toEqual([]);

    const saves = await Promise.all(
      Array.from({ length: 4 }, () => handle.db.transaction((tx) => createQuestionnaireVersion(tx, { practiceId: practice, form: 'individual', customization: OFF_GAD7, createdBy: null }))),
    );
    expect(saves.map((s) => s.version).sort()).toEqual([1, 2, 3, 4]);
    // A first reader at the same time as a save: one version 1, the save after it.
    const fresh = (await createTestPractice(handle.db)).practice.id;
    const [read, saved] = await Promise.all([
      currentQuestionnaire(handle.db, { practiceId: fresh, form: 'couples' }),
      handle.db.transaction((tx) => createQuestionnaireVersion(tx, { practiceId: fresh, form: 'couples', customization: EMPTY_CUSTOMIZATION, createdBy: null })),
    ]);
    const versions = (await versionsOf(fresh, 'couples')).map((r) => r.version);
    expect(versions).toEqual(versions.length === 1 ? [1] : [1, 2]);
    expect(saved.version).toBe(versions.at(-1));
    expect(versions).toContain(read.version);
  });
});
