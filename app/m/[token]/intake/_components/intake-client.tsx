'use client';

import type { SaveOutcome } from '@/components/intake/autosave';
import { IntakeForm, type SubmitOutcome } from '@/components/intake/intake-form';
import type { Answers, IntakeDraft, Questionnaire, SafetyFlag } from '@/lib/intake/types';
import { saveIntakeDraftAction, submitIntakeAction } from '../actions';

const STOPS = new Set(['sent', 'not_found', 'closed']);

/** The form wired to this link's server actions (autosave and Send). */
export function IntakeClient(props: {
  token: string;
  questionnaire: Questionnaire;
  draft: IntakeDraft | null;
  savedAt: string | null;
  flags: SafetyFlag[];
  firstName: string;
  timeZone: string;
}) {
  const { token } = props;

  const save = async (draft: IntakeDraft): Promise<SaveOutcome<SafetyFlag[]>> => {
    const result = await saveIntakeDraftAction(token, draft);
    if (result.ok) return { ok: true, savedAt: result.data.savedAt, flags: result.data.flags };
    if (result.code === 'invalid') return { ok: false, code: 'invalid', fieldErrors: result.fieldErrors };
    if (result.code && STOPS.has(result.code)) return { ok: false, code: result.code as 'sent' | 'not_found' | 'closed' };
    return { ok: false, code: 'retry' };
  };

  const submit = async (input: { answers: Answers; submitKey: string }): Promise<SubmitOutcome> => {
    const result = await submitIntakeAction(token, input);
    if (result.ok) return { ok: true, submittedAt: result.data.submittedAt };
    if (result.code === 'invalid' || result.code === 'not_found' || result.code === 'closed') return { ok: false, code: result.code, fieldErrors: result.fieldErrors };
    return { ok: false, code: 'retry' };
  };

  return (
    <IntakeForm
      questionnaire={props.questionnaire}
      initialDraft={props.draft}
      savedAt={props.savedAt}
      serverFlags={props.flags}
      firstName={props.firstName}
      timeZone={props.timeZone}
      leaveUrl={`/m/${token}/intake/leave`}
      save={save}
      submit={submit}
    />
  );
}
