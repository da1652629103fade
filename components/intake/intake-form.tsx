'use client';

import { useEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { newUuid } from '@/components/booking/new-uuid';
import { Button } from '@/components/ui/button';
import { childrenOf, enabledLinkIds, helpTextOf, isQuestion, pruneAnswers, questionsOf, sectionIndexOf, sectionsOf } from '@/lib/intake/engine';
import { answersSchema } from '@/lib/intake/schema';
import { safetyFlagsOf, safetyRuleOf } from '@/lib/intake/safety';
import { type AnswerValue, type Answers, type IntakeDraft, type Questionnaire, type QuestionnaireItem, type SafetyFlag } from '@/lib/intake/types';
import { ReviewAnswers } from './review-answers';
import type { SaveOutcome } from './autosave';
import { ErrorSummary } from './error-summary';
import { LeaveQuickly } from './leave-quickly';
import { QuestionField } from './question-field';
import { SafetyPanel } from './safety-panels';
import { SaveStatus } from './save-status';
import { SentView } from './sent-view';
import { useAutosave } from './use-autosave';

export type SubmitOutcome = { ok: true; submittedAt: string } | { ok: false; code: 'invalid' | 'not_found' | 'closed' | 'retry'; fieldErrors?: Record<string, string> };

type Errors = Record<string, string>;

/** zod issues keyed by linkId (the first message per question). */
function errorsOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Errors {
  const out: Errors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (key) out[key] ??= issue.message;
  }
  return out;
}

/** Which flag an item raises (Haven's safety extension), if any. */
function flagOf(item: QuestionnaireItem): SafetyFlag | null {
  return safetyRuleOf(item)?.flag ?? null;
}

/**
 * The intake form, driven by the (context-filtered) FHIR Questionnaire: one step per top-level
 * section, a review, then Send. Answers live in memory (never in browser storage) and are saved
 * by autosave; hidden questions disappear at once and are never sent (`pruneAnswers`).
 */
export function IntakeForm({
  questionnaire,
  initialDraft,
  savedAt,
  serverFlags,
  firstName,
  timeZone,
  leaveUrl,
  save,
  submit,
}: {
  questionnaire: Questionnaire;
  initialDraft: IntakeDraft | null;
  savedAt: string | null;
  serverFlags: SafetyFlag[];
  firstName: string;
  /** The holder's zone (their booking's), for the sent view's times. */
  timeZone: string;
  leaveUrl: string;
  save: (draft: IntakeDraft) => Promise<SaveOutcome<SafetyFlag[]>>;
  submit: (input: { answers: Answers; submitKey: string }) => Promise<SubmitOutcome>;
}) {
  const sections = useMemo(() => sectionsOf(questionnaire), [questionnaire]);
  const reviewStep = sections.length;
  const labels = useMemo(() => Object.fromEntries(questionsOf(questionnaire).map((item) => [item.linkId, item.text ?? item.linkId])), [questionnaire]);

  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(() => ({ ...(initialDraft?.answers ?? {}) }));
  const [step, setStep] = useState(() => Math.min(Math.max(0, Math.trunc(initialDraft?.step ?? 0)), reviewStep));
  const [errors, setErrors] = useState<Errors>({});
  const [fromReview, setFromReview] = useState(false);
  const [knownFlags, setKnownFlags] = useState<SafetyFlag[]>(serverFlags);
  // One key per page load: a retried Send is the same send.
  const [submitKey] = useState(() => newUuid());
  const [sending, setSending] = useState(false);
  const [sendProblem, setSendProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<{ answers: Answers; submittedAt: string } | null>(null);

  const pruned = useMemo(() => pruneAnswers(questionnaire, answers), [questionnaire, answers]);
  const enabled = useMemo(() => enabledLinkIds(questionnaire, answers), [questionnaire, answers]);

  const autosave = useAutosave<IntakeDraft, SafetyFlag[]>({
    initialDraft: { answers: pruneAnswers(questionnaire, initialDraft?.answers ?? {}), step },
    savedAt,
    save: async (draft) => {
      const outcome = await save(draft);
      if (outcome.ok) setKnownFlags(outcome.flags);
      return outcome;
    },
  });

  // Shown at once from the answers on screen; the server's word (at load, then after each save) too.
  const flags = useMemo(() => {
    const set = new Set<SafetyFlag>([...safetyFlagsOf(questionnaire, pruned), ...knownFlags]);
    return [...set];
  }, [questionnaire, pruned, knownFlags]);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  const [focusSummary, setFocusSummary] = useState(0);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo({ top: 0 });
    headingRef.current?.focus();
  }, [step, sent]);

  useEffect(() => {
    if (focusSummary) summaryRef.current?.focus();
  }, [focusSummary]);

  const setAnswer = (linkId: string, value: AnswerValue | undefined) => {
    const next = { ...answers };
    if (value === undefined) delete next[linkId];
    else next[linkId] = value;
    setAnswers(next);
    if (errors[linkId]) {
      const rest = { ...errors };
      delete rest[linkId];
      setErrors(rest);
    }
    autosave.change({ answers: pruneAnswers(questionnaire, next), step });
  };

  const goTo = (next: number) => {
    setErrors({});
    setSendProblem(null);
    setStep(next);
    autosave.change({ answers: pruned, step: next });
    autosave.flush();
  };

  /** Validates one step (or all, for sending); shows the summary and returns false when something needs a look. */
  const check = (section?: string): boolean => {
    const result = answersSchema(questionnaire, 'submit', section ? { section } : undefined).safeParse(pruned);
    if (result.success) return true;
    const found = errorsOf(result.error.issues);
    if (!section) {
      // Sending: go to the first step with a problem.
      const firstStep = Math.min(...Object.keys(found).map((linkId) => sectionIndexOf(questionnaire, linkId)).filter((i) => i >= 0));
      if (Number.isFinite(firstStep) && firstStep !== step) {
        setStep(firstStep);
        autosave.change({ answers: pruned, step: firstStep });
      }
    }
    setErrors(found);
    setFocusSummary((n) => n + 1);
    return false;
  };

  const onNext = () => {
    const section = sections[step];
    if (!section || !check(section.linkId)) return;
    if (fromReview) {
      setFromReview(false);
      goTo(reviewStep);
    } else goTo(step + 1);
  };

  const onSend = async () => {
    if (sending) return;
    setSendProblem(null);
    if (!check()) return;
    setSending(true);
    let outcome: SubmitOutcome;
    try {
      outcome = await submit({ answers: pruned, submitKey });
    } catch {
      outcome = { ok: false, code: 'retry' };
    }
    setSending(false);
    if (outcome.ok) {
      autosave.stop('sent');
      setSent({ answers: pruned, submittedAt: outcome.submittedAt });
      return;
    }
    const onQuestions = Object.entries(outcome.fieldErrors ?? {}).filter(([linkId]) => sectionIndexOf(questionnaire, linkId) >= 0);
    if (outcome.code === 'invalid' && onQuestions.length) {
      const firstStep = Math.min(...onQuestions.map(([linkId]) => sectionIndexOf(questionnaire, linkId)));
      setStep(firstStep);
      autosave.change({ answers: pruned, step: firstStep });
      setErrors(Object.fromEntries(onQuestions));
      setFocusSummary((n) => n + 1);
      return;
    }
    if (outcome.code === 'invalid') {
      setSendProblem('Your answers could not be sent as they are. Please reload the page (what you typed is saved) and send again.');
      return;
    }
    setSendProblem(
      outcome.code === 'closed'
        ? 'This consultation no longer takes answers (it was cancelled, or its time has passed), so they could not be sent.'
        : outcome.code === 'not_found'
        ? 'This page can no longer send your answers (this device was signed out, or the link changed). Please reload the page: what was saved is kept.'
        : 'We couldn’t send your answers just now. They are still here: please check your connection and press Send again.',
    );
  };

  const leave = () => {
    autosave.allowLeave();
    return sent || !autosave.dirty() ? null : JSON.stringify(autosave.latest());
  };

  if (sent) {
    return (
      <>
        <LeaveQuickly leaveUrl={leaveUrl} className="mb-6" />
        <SentView headingRef={headingRef} questionnaire={questionnaire} answers={sent.answers} submittedAt={sent.submittedAt} timeZone={timeZone} firstName={firstName} flags={flags} />
      </>
    );
  }

  const errorList = Object.entries(errors).filter(([linkId]) => enabled.has(linkId));
  const section = sections[step];
  const onReview = step === reviewStep;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <SaveStatus status={autosave.status} dirty={autosave.dirty()} onRetry={autosave.flush} labels={labels} />
        <LeaveQuickly leaveUrl={leaveUrl} beforeLeave={leave} />
      </div>

      <Progress current={step} total={sections.length} />

      {onReview || !section ? (
        <ReviewStep
          headingRef={headingRef}
          questionnaire={questionnaire}
          answers={pruned}
          flags={flags}
          sending={sending}
          sendProblem={sendProblem}
          summary={<ErrorSummary ref={summaryRef} errors={errorList} labels={labels} />}
          onChange={(index) => {
            setFromReview(true);
            goTo(index);
          }}
          onBack={() => goTo(Math.max(0, reviewStep - 1))}
          onSend={onSend}
        />
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            onNext();
          }}
          className="space-y-8"
          aria-labelledby="step-heading"
        >
          <header>
            <h1 id="step-heading" ref={headingRef} tabIndex={-1} className="font-serif text-3xl font-semibold text-ink outline-none sm:text-4xl">
              <span className="block font-sans text-base font-medium text-ink-muted" data-testid="intake-progress">
                Step {step + 1} of {sections.length}
                <span className="sr-only">: </span>
              </span>
              {section.text}
            </h1>
            {helpTextOf(section) ? <p className="mt-3 text-ink-muted">{helpTextOf(section)}</p> : null}
          </header>

          <ErrorSummary ref={summaryRef} errors={errorList} labels={labels} />

          {flags.includes('self_harm') && !containsFlagItem(section, 'self_harm') ? <SafetyPanel flag="self_harm" /> : null}

          <Items
            items={childrenOf(section)}
            enabled={enabled}
            answers={answers}
            errors={errors}
            flags={flags}
            onChange={setAnswer}
            onBlur={autosave.flush}
          />

          <div className="flex flex-col-reverse gap-3 border-t border-line pt-6 sm:flex-row sm:justify-between">
            {step > 0 ? (
              <Button variant="secondary" onClick={() => goTo(step - 1)}>
                Back
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" size="lg">
              {fromReview ? 'Back to review' : step === sections.length - 1 ? 'Review your answers' : 'Next'}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

function containsFlagItem(section: QuestionnaireItem, flag: SafetyFlag): boolean {
  const walk = (items: QuestionnaireItem[] | undefined): boolean => (items ?? []).some((item) => flagOf(item) === flag || walk(item.item));
  return walk(section.item);
}

function Progress({ current, total }: { current: number; total: number }) {
  // The review counts as the last stretch: full bar.
  const done = Math.min(current, total);
  return (
    <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-line">
      <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${total ? Math.round((done / total) * 100) : 100}%` }} />
    </div>
  );
}

function Items({
  items,
  enabled,
  answers,
  errors,
  flags,
  onChange,
  onBlur,
}: {
  items: QuestionnaireItem[];
  enabled: Set<string>;
  answers: Answers;
  errors: Errors;
  flags: SafetyFlag[];
  onChange: (linkId: string, value: AnswerValue | undefined) => void;
  onBlur: () => void;
}) {
  return (
    <>
      {items
        .filter((item) => enabled.has(item.linkId))
        .map((item) => {
          if (item.type === 'display') {
            return (
              <p key={item.linkId} className="text-ink">
                {item.text}
              </p>
            );
          }
          if (item.type === 'group') {
            const help = helpTextOf(item);
            const inner = (
              <Items items={childrenOf(item)} enabled={enabled} answers={answers} errors={errors} flags={flags} onChange={onChange} onBlur={onBlur} />
            );
            return item.text ? (
              <fieldset key={item.linkId} className="space-y-6 rounded-2xl border border-line bg-surface p-5 sm:p-6" aria-describedby={help ? `g-${item.linkId}-hint` : undefined}>
                <legend className="px-1 font-serif text-lg font-semibold text-ink">{item.text}</legend>
                {help ? (
                  <p id={`g-${item.linkId}-hint`} className="text-ink-muted">
                    {help}
                  </p>
                ) : null}
                {inner}
              </fieldset>
            ) : (
              <div key={item.linkId} className="space-y-6">
                {inner}
              </div>
            );
          }
          if (!isQuestion(item)) return null;
          const flag = flagOf(item);
          return (
            <div key={item.linkId} data-item={item.linkId}>
              <QuestionField item={item} value={answers[item.linkId]} error={errors[item.linkId]} onChange={(v) => onChange(item.linkId, v)} onBlur={onBlur} />
              {flag ? (
                // A live region that exists before the panel appears, so a screen reader hears it.
                <div aria-live="polite">{flags.includes(flag) ? <SafetyPanel flag={flag} className="mt-4" /> : null}</div>
              ) : null}
            </div>
          );
        })}
    </>
  );
}

function ReviewStep({
  headingRef,
  questionnaire,
  answers,
  flags,
  sending,
  sendProblem,
  summary,
  onChange,
  onBack,
  onSend,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  questionnaire: Questionnaire;
  answers: Answers;
  flags: SafetyFlag[];
  sending: boolean;
  sendProblem: string | null;
  summary: ReactNode;
  onChange: (step: number) => void;
  onBack: () => void;
  onSend: () => void;
}) {
  return (
    <div className="space-y-8">
      <header>
        <h1 id="step-heading" ref={headingRef} tabIndex={-1} className="font-serif text-3xl font-semibold text-ink outline-none sm:text-4xl">
          <span className="block font-sans text-base font-medium text-ink-muted" data-testid="intake-progress">
            Last step<span className="sr-only">: </span>
          </span>
          Check your answers
        </h1>
        <p className="mt-3 text-ink-muted">
          Nothing is sent until you press Send. After that your answers go to your clinician and can no longer be changed here.
        </p>
      </header>
      {summary}
      {flags.includes('self_harm') ? <SafetyPanel flag="self_harm" /> : null}
      <ReviewAnswers questionnaire={questionnaire} answers={answers} onChange={onChange} />
      {flags.includes('partner_fear') ? <SafetyPanel flag="partner_fear" /> : null}
      <div aria-live="polite">
        {sendProblem ? (
          <p role="alert" aria-label="Sending problem" data-testid="send-problem" className="rounded-xl border border-danger/30 bg-danger-soft px-4 py-3 font-medium text-danger">
            {sendProblem}
          </p>
        ) : null}
        {sending ? (
          <p role="status" className="text-ink-muted">
            Sending your answers…
          </p>
        ) : null}
      </div>
      <div className="flex flex-col-reverse gap-3 border-t border-line pt-6 sm:flex-row sm:justify-between">
        <Button variant="secondary" onClick={onBack} disabled={sending}>
          Back
        </Button>
        <Button size="lg" onClick={onSend} disabled={sending} aria-disabled={sending || undefined}>
          {sending ? 'Sending…' : 'Send to the practice'}
        </Button>
      </div>
    </div>
  );
}
