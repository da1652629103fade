import { answerText } from '@/lib/intake/answer-text';
import { allItems, enabledLinkIds, isAnswered, isQuestion, sectionsOf } from '@/lib/intake/engine';
import type { Answers, Questionnaire, QuestionnaireItem } from '@/lib/intake/types';

type SectionAnswers = { section: QuestionnaireItem; index: number; rows: Array<{ item: QuestionnaireItem; text: string | null }> };

/** Every shown question of every step with its answer as words (null: not answered). */
function answersBySection(q: Questionnaire, answers: Answers): SectionAnswers[] {
  const enabled = enabledLinkIds(q, answers);
  const entries = allItems(q);
  return sectionsOf(q).map((section, index) => ({
    section,
    index,
    rows: entries
      .filter((e) => e.section === section && isQuestion(e.item) && enabled.has(e.item.linkId))
      .map(({ item }) => {
        const value = answers[item.linkId];
        return { item, text: isAnswered(value) ? answerText(item, value) : null };
      }),
  }));
}

/**
 * The review before sending: every shown question of every step with the answer as it will be
 * sent, and a "Change" button per step that goes back to it. (What was sent, read only, is
 * answers-by-section.tsx.)
 */
export function ReviewAnswers({
  questionnaire,
  answers,
  onChange,
  headingLevel = 2,
}: {
  questionnaire: Questionnaire;
  answers: Answers;
  onChange: (step: number) => void;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="space-y-6" data-testid="review-answers">
      {answersBySection(questionnaire, answers).map(({ section, index, rows }) => (
        <section key={section.linkId} aria-labelledby={`review-${section.linkId}`} className="rounded-2xl border border-line bg-surface p-5 sm:p-6">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <Heading id={`review-${section.linkId}`} className="font-serif text-lg font-semibold text-ink">
              {section.text}
            </Heading>
            <button type="button" onClick={() => onChange(index)} className="inline-flex min-h-11 items-center px-1 font-medium text-accent underline underline-offset-4">
              Change<span className="sr-only"> your answers in {section.text}</span>
            </button>
          </div>
          {rows.length === 0 ? (
            <p className="mt-2 text-ink-muted">No questions in this part.</p>
          ) : (
            <dl className="mt-3 divide-y divide-line">
              {rows.map(({ item, text }) => (
                <div key={item.linkId} className="grid gap-1 py-2.5 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] sm:gap-4" data-answer={item.linkId}>
                  <dt className="text-ink-muted">{item.text}</dt>
                  <dd className={text === null ? 'text-ink-muted italic' : 'whitespace-pre-wrap break-words text-ink'}>{text ?? 'Not answered'}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      ))}
    </div>
  );
}
