'use client';

import type { Ref } from 'react';
import { useHydrated } from '@/components/booking/use-client-time-zone';
import { useLocale } from '@/components/locale/locale-context';
import type { Answers, Questionnaire, SafetyFlag, Signature } from '@/lib/intake/types';
import { AnswersBySection } from './answers-by-section';
import { SafetyPanel } from './safety-panels';

/** After sending: a calm confirmation and what was sent, to read (not to change). */
export function SentView({
  headingRef,
  questionnaire,
  answers,
  submittedAt,
  signatures,
  timeZone,
  firstName,
  flags,
}: {
  headingRef?: Ref<HTMLHeadingElement>;
  questionnaire: Questionnaire;
  answers: Answers;
  signatures?: Readonly<Record<string, Signature>>;
  submittedAt: string;
  /** The holder's zone (their booking's), for when things were signed and sent. */
  timeZone: string;
  firstName: string;
  flags: SafetyFlag[];
}) {
  const hydrated = useHydrated();
  const locale = useLocale();
  const when = hydrated
    ? new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' }).format(new Date(submittedAt))
    : null;
  return (
    <div className="space-y-8" data-testid="intake-sent">
      <header role="status" aria-label="Your answers were sent">
        <h1 ref={headingRef} tabIndex={-1} className="font-serif text-3xl font-semibold text-ink outline-none sm:text-4xl">
          Thank you{firstName ? `, ${firstName}` : ''}. Your answers are with the practice
        </h1>
        <p className="mt-3 text-lg text-ink-muted">
          {when ? `Sent ${when}. ` : ''}Your clinician will read them before you meet. There is nothing more to do here; you can read what you sent
          below, but it can no longer be changed. If you&apos;d like to add or correct something, you can tell your clinician when you meet.
        </p>
      </header>
      {flags.includes('self_harm') ? <SafetyPanel flag="self_harm" /> : null}
      <section aria-labelledby="what-you-sent">
        <h2 id="what-you-sent" className="font-serif text-xl font-semibold text-ink">
          What you sent
        </h2>
        <div className="mt-4">
          <AnswersBySection questionnaire={questionnaire} answers={answers} signatures={signatures} timeZone={timeZone} locale={locale} idPrefix="sent" headingLevel={3} />
        </div>
      </section>
      {flags.includes('partner_fear') ? <SafetyPanel flag="partner_fear" /> : null}
    </div>
  );
}
