import { answerText } from '@/lib/intake/answer-text';
import { childrenOf, enabledLinkIds, extensionOf, isAnswered, isQuestion, isSignature, sectionsOf } from '@/lib/intake/engine';
import { HAVEN_EXTENSIONS, type Answers, type Questionnaire, type QuestionnaireItem, type Signature } from '@/lib/intake/types';

/**
 * A questionnaire's answers, read-only, section by section: each visible question with its answer
 * (as `answerText` words it), "Not answered" where none was given, a typed-name signature with when
 * it was given and on which questionnaire version, the practice's own questions marked as such.
 * Hidden questions (their condition not met) are left out, as they were for the person answering.
 *
 * Server-renderable (no hooks, no client code): the clinician's intake view and the client's
 * "what you sent" page both use it. `idPrefix` keeps ids unique when two render side by side.
 */
export function AnswersBySection({
  questionnaire,
  answers,
  signatures = {},
  timeZone,
  locale,
  idPrefix,
  headingLevel = 2,
}: {
  /** The questionnaire as the person saw it (their version, for their booking's context). */
  questionnaire: Questionnaire;
  answers: Answers;
  signatures?: Readonly<Record<string, Signature>>;
  /** Where signing times are shown (the viewer's or the practice's zone). */
  timeZone: string;
  locale: string;
  idPrefix: string;
  headingLevel?: 2 | 3 | 4;
}) {
  const enabled = enabledLinkIds(questionnaire, answers);
  const sections = sectionsOf(questionnaire).filter((section) => enabled.has(section.linkId));
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="space-y-6" data-testid="answers-by-section">
      {sections.map((section, index) => {
        const headingId = `${idPrefix}-section-${index}`;
        return (
          <section key={section.linkId} aria-labelledby={headingId} className="rounded-lg border border-line bg-surface px-4 py-4 sm:px-5">
            <Heading id={headingId} className="font-serif text-lg font-semibold text-ink">
              {section.text ?? section.linkId}
            </Heading>
            <ItemList items={childrenOf(section)} answers={answers} signatures={signatures} enabled={enabled} timeZone={timeZone} locale={locale} />
          </section>
        );
      })}
    </div>
  );
}

function ItemList({
  items,
  answers,
  signatures,
  enabled,
  timeZone,
  locale,
}: {
  items: QuestionnaireItem[];
  answers: Answers;
  signatures: Readonly<Record<string, Signature>>;
  enabled: Set<string>;
  timeZone: string;
  locale: string;
}) {
  const shown = items.filter((item) => enabled.has(item.linkId) && (isQuestion(item) || item.type === 'group'));
  if (shown.length === 0) return null;
  return (
    <dl className="mt-3 divide-y divide-line">
      {shown.map((item) =>
        item.type === 'group' ? (
          <div key={item.linkId} className="py-3">
            <dt className="font-semibold text-ink">{item.text ?? ''}</dt>
            <dd className="mt-1 pl-3 sm:pl-4">
              <ItemList items={childrenOf(item)} answers={answers} signatures={signatures} enabled={enabled} timeZone={timeZone} locale={locale} />
            </dd>
          </div>
        ) : (
          <QuestionRow key={item.linkId} item={item} answers={answers} signature={signatures[item.linkId]} timeZone={timeZone} locale={locale} />
        ),
      )}
    </dl>
  );
}

function QuestionRow({
  item,
  answers,
  signature,
  timeZone,
  locale,
}: {
  item: QuestionnaireItem;
  answers: Answers;
  signature: Signature | undefined;
  timeZone: string;
  locale: string;
}) {
  const value = answers[item.linkId];
  const answered = isAnswered(value);
  const practiceQuestion = extensionOf(item, HAVEN_EXTENSIONS.practiceQuestion) !== undefined;
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4" data-link-id={item.linkId}>
      <dt className="text-ink-muted">
        {item.text ?? item.linkId}
        {practiceQuestion ? <span className="ml-2 text-sm">(the practice’s question)</span> : null}
      </dt>
      <dd className="text-ink">
        {answered ? (
          <>
            <span className={item.type === 'text' ? 'whitespace-pre-wrap' : undefined}>{answerText(item, value, locale)}</span>
            {isSignature(item) && signature ? (
              <span className="mt-0.5 block text-sm text-ink-muted">
                Signed {formatSignedAt(signature.signedAt, timeZone, locale)} · questionnaire version {signature.questionnaireVersion}
              </span>
            ) : null}
          </>
        ) : (
          <span className="text-ink-muted italic">Not answered</span>
        )}
      </dd>
    </div>
  );
}

function formatSignedAt(iso: string, timeZone: string, locale: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(at);
}
