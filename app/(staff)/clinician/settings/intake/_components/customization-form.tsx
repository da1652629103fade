'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import { CheckboxField, FieldError, TextAreaField, TextField } from '@/components/ui/field';
import type { IntakeCustomization, PracticeQuestion, PracticeQuestionType } from '@/lib/intake/customization-types';
import { PRACTICE_LIMITS } from '@/lib/intake/customize';
import type { IntakeForm } from '@/lib/intake/types';
import { noteStaffActivity } from '../../../../_components/session-channel';
import { StaleNotice } from '../../../../_components/stale-notice';
import { saveIntakeCustomizationAction } from '../actions';

type Saved = { version: number; questionnaireVersion: string; customization: IntakeCustomization };
type Section = { linkId: string; title: string };

const TYPE_LABELS: Record<PracticeQuestionType, string> = { text: 'Written answer', choice: 'Choice of options', boolean: 'Yes / no' };
const MAX_QUESTION_TEXT = PRACTICE_LIMITS.text;

function asSaved(data: unknown): Saved | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Partial<Saved>;
  return typeof d.version === 'number' && d.customization && Array.isArray(d.customization.questions) ? (d as Saved) : null;
}

function newQuestionId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 12);
}

/** The saved customization in words (for the stale notice). */
function Summary({ customization, sections }: { customization: IntakeCustomization; sections: Section[] }) {
  const titleOf = (linkId: string) => sections.find((s) => s.linkId === linkId)?.title ?? linkId;
  return (
    <div className="space-y-1 text-sm">
      <p>
        Sections off: {customization.disabledSections.length ? customization.disabledSections.map(titleOf).join(', ') : 'none'}.
      </p>
      {customization.questions.length ? (
        <ul className="list-disc pl-5">
          {customization.questions.map((q) => (
            <li key={q.id}>
              {q.text} <span className="text-ink-muted">({TYPE_LABELS[q.type]}, in “{titleOf(q.section)}”)</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No questions of your own.</p>
      )}
    </div>
  );
}

/**
 * How the practice adapts one questionnaire: optional sections on or off, and its own questions
 * (written answer, choice, yes/no) added to a section. "Save as a new version" writes the next
 * version; people who already started keep the version they started on. A save from a stale copy
 * (another tab, a colleague) is refused and both versions are shown (StaleNotice).
 */
export function CustomizationForm({
  form,
  formTitle,
  initial,
  optionalSections,
  sections,
}: {
  form: IntakeForm;
  formTitle: string;
  initial: Saved;
  optionalSections: Section[];
  sections: Section[];
}) {
  const [customization, setCustomization] = useState<IntakeCustomization>(initial.customization);
  const [version, setVersion] = useState(initial.version);
  const [current, setCurrent] = useState(initial.questionnaireVersion);
  const [stale, setStale] = useState<{ message: string; saved: Saved } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  // The question being added.
  const [draft, setDraft] = useState({ section: sections[0]?.linkId ?? '', type: 'text' as PracticeQuestionType, text: '', options: '', required: false });
  const [draftErrors, setDraftErrors] = useState<Record<string, string>>({});
  const textRef = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const p = `custom-${form}`;
  const titleOf = (linkId: string) => sections.find((s) => s.linkId === linkId)?.title ?? linkId;

  const save = (expectedVersion: number) =>
    startTransition(async () => {
      setOutcome(null);
      setErrors({});
      const result = await saveIntakeCustomizationAction({ form, customization, expectedVersion });
      noteStaffActivity();
      if (!result.ok) {
        const saved = result.code === 'stale' ? asSaved(result.data) : null;
        if (saved) {
          setStale({ message: result.formError ?? 'This questionnaire changed after you opened this page. Nothing was saved.', saved });
          return;
        }
        setErrors(result.fieldErrors ?? {});
        setOutcome({ tone: 'danger', text: result.formError ?? 'Please check your questions.' });
        return;
      }
      setStale(null);
      setVersion(result.data.saved.version);
      setCurrent(result.data.saved.questionnaireVersion);
      setCustomization(result.data.saved.customization);
      // The versions list below is the server's: it reloads (nothing here is audited as a read).
      if (result.data.changed) router.refresh();
      setOutcome({
        tone: 'success',
        text: result.data.changed
          ? `Saved as version ${result.data.saved.version}. New intakes use it; anyone who already started keeps the version they started on.`
          : 'Nothing had changed.',
      });
    });

  const addQuestion = () => {
    const problems: Record<string, string> = {};
    const text = draft.text.trim();
    const options = draft.options
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    if (!text) problems.text = 'Please write the question.';
    else if (text.length > MAX_QUESTION_TEXT) problems.text = `Please keep the question to ${MAX_QUESTION_TEXT} characters.`;
    if (draft.type === 'choice' && (options.length < PRACTICE_LIMITS.optionsMin || options.length > PRACTICE_LIMITS.optionsMax)) {
      problems.options = `Please give between ${PRACTICE_LIMITS.optionsMin} and ${PRACTICE_LIMITS.optionsMax} options, one per line.`;
    }
    if (!draft.section) problems.section = 'Please choose a section.';
    setDraftErrors(problems);
    if (Object.keys(problems).length) {
      if (problems.text) textRef.current?.focus();
      return;
    }
    const question: PracticeQuestion = {
      id: newQuestionId(),
      section: draft.section,
      type: draft.type,
      text,
      ...(draft.type === 'choice' ? { options } : {}),
      required: draft.required,
    };
    setCustomization((c) => ({ ...c, questions: [...c.questions, question] }));
    setDraft((d) => ({ ...d, text: '', options: '', required: false }));
    setOutcome({ tone: 'info', text: 'Question added below. Save to make it part of the questionnaire.' });
  };

  return (
    <div className="mt-3 max-w-3xl space-y-6">
      <p className="text-ink" data-testid={`${p}-version`}>
        Version {version} ({current})
      </p>
      {stale ? (
        <StaleNotice
          title={`${formTitle}: not saved, it changed elsewhere`}
          message={stale.message}
          savedLabel={null}
          keepMineLabel="Keep mine (save over the saved version)"
          useSavedLabel="Use the saved version"
          busy={pending}
          onKeepMine={() => {
            setVersion(stale.saved.version);
            save(stale.saved.version);
          }}
          onUseSaved={() => {
            setCustomization(stale.saved.customization);
            setVersion(stale.saved.version);
            setCurrent(stale.saved.questionnaireVersion);
            setStale(null);
            setOutcome(null);
          }}
        >
          <Summary customization={stale.saved.customization} sections={sections} />
        </StaleNotice>
      ) : null}

      {optionalSections.length > 0 ? (
        <fieldset>
          <legend className="font-medium text-ink">Optional sections</legend>
          <p className="text-sm text-ink-muted">Untick a section to leave it out of this questionnaire.</p>
          <div className="mt-2 space-y-2">
            {optionalSections.map((section) => (
              <CheckboxField
                key={section.linkId}
                id={`${p}-section-${section.linkId}`}
                label={`Ask “${section.title}”`}
                checked={!customization.disabledSections.includes(section.linkId)}
                onChange={(event) => {
                  const on = event.target.checked;
                  setCustomization((c) => ({
                    ...c,
                    disabledSections: on ? c.disabledSections.filter((s) => s !== section.linkId) : [...c.disabledSections, section.linkId],
                  }));
                }}
              />
            ))}
          </div>
          <FieldError id={`${p}-sections-error`} message={errors.disabledSections} />
        </fieldset>
      ) : null}

      <section aria-labelledby={`${p}-questions-heading`}>
        <h3 id={`${p}-questions-heading`} className="font-medium text-ink">
          Your own questions
        </h3>
        {customization.questions.length === 0 ? (
          <p className="mt-1 text-sm text-ink-muted">None yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-line rounded-lg border border-line bg-surface" aria-label={`Your own questions (${formTitle})`}>
            {customization.questions.map((q, index) => (
              <li key={q.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3" aria-label={q.text}>
                <div className="min-w-0">
                  <p className="text-ink">{q.text}</p>
                  <p className="text-sm text-ink-muted">
                    {TYPE_LABELS[q.type]} · in “{titleOf(q.section)}”{q.required ? ' · required' : ''}
                    {q.options?.length ? ` · ${q.options.join(' / ')}` : ''}
                  </p>
                  <FieldError id={`${p}-q-${index}-error`} message={Object.entries(errors).find(([k]) => k.startsWith(`questions.${index}`))?.[1]} />
                </div>
                <Button
                  type="button"
                  variant="quiet"
                  onClick={() => setCustomization((c) => ({ ...c, questions: c.questions.filter((x) => x.id !== q.id) }))}
                >
                  Remove<span className="sr-only"> “{q.text}”</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
        <FieldError id={`${p}-questions-error`} message={errors.questions} />
      </section>

      <fieldset className="rounded-lg border border-line px-4 py-4">
        <legend className="px-1 font-medium text-ink">Add a question</legend>
        <div className="space-y-4">
          <div>
            <label htmlFor={`${p}-new-section`} className="block font-medium text-ink">
              Section
            </label>
            <select
              id={`${p}-new-section`}
              value={draft.section}
              onChange={(event) => setDraft((d) => ({ ...d, section: event.target.value }))}
              className="mt-1.5 block w-full rounded-lg border border-line-strong bg-surface px-3.5 py-2.5 text-base text-ink"
            >
              {sections.map((s) => (
                <option key={s.linkId} value={s.linkId}>
                  {s.title}
                </option>
              ))}
            </select>
            <FieldError id={`${p}-new-section-error`} message={draftErrors.section} />
          </div>
          <fieldset>
            <legend className="font-medium text-ink">Kind of answer</legend>
            <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-6">
              {(Object.keys(TYPE_LABELS) as PracticeQuestionType[]).map((type) => (
                <div key={type} className="flex items-center gap-2.5">
                  <input
                    id={`${p}-new-type-${type}`}
                    type="radio"
                    name={`${p}-new-type`}
                    value={type}
                    checked={draft.type === type}
                    onChange={() => setDraft((d) => ({ ...d, type }))}
                    className="size-5 accent-accent"
                  />
                  <label htmlFor={`${p}-new-type-${type}`} className="text-ink">
                    {TYPE_LABELS[type]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <TextField
            ref={textRef}
            id={`${p}-new-text`}
            label="Question"
            value={draft.text}
            error={draftErrors.text}
            limit={{ max: MAX_QUESTION_TEXT, value: draft.text }}
            onChange={(event) => setDraft((d) => ({ ...d, text: event.target.value }))}
          />
          {draft.type === 'choice' ? (
            <TextAreaField
              id={`${p}-new-options`}
              label="Options"
              hint="One per line, 2 to 12."
              value={draft.options}
              error={draftErrors.options}
              onChange={(event) => setDraft((d) => ({ ...d, options: event.target.value }))}
            />
          ) : null}
          <CheckboxField
            id={`${p}-new-required`}
            label="An answer is required"
            checked={draft.required}
            onChange={(event) => setDraft((d) => ({ ...d, required: event.target.checked }))}
          />
          <Button type="button" variant="secondary" onClick={addQuestion}>
            Add question
          </Button>
        </div>
      </fieldset>

      <div>
        <Button type="button" disabled={pending} onClick={() => save(version)}>
          {pending ? 'Saving…' : 'Save as a new version'}
        </Button>
        <ActionOutcome outcome={outcome} title={{ success: `${formTitle} saved`, failure: `${formTitle} not saved` }} className="mt-3" />
      </div>
    </div>
  );
}
