import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { intakeQuestionnaires } from '../../db/schema';
import { createTestPractice, withTestPractice, type TestPractice } from '../../tests/support/practice-fixture';
import { testDriver } from '../../tests/support/test-env';
import { EMPTY_CUSTOMIZATION } from './customization-types';
import { baseQuestionnaire } from './questionnaires';
import { currentQuestionnaire, questionnaireById } from './questionnaire-versions';

let handle: DatabaseHandle;
let fx: TestPractice;
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
});
