import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { AnswersBySection } from '@/components/intake/answers-by-section';
import { buttonClasses } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { AppError, isUuid } from '@/lib/errors';
import { getIntakeForReview, type IntakeReviewPerson } from '@/lib/intake/review';
import { INTAKE_STATUS_LABELS } from '../../../../_components/intake-labels';
import { requireStaffPage } from '../../../../_lib/staff-guard';
import { IntakeScores, SafetyFlagList, SafetyMarker } from '../../../_components/intake-scores';
import { MODALITY_NAMES, formatDateTime } from '../../../_lib/format';
import { MarkReviewedButton } from './_components/mark-reviewed-button';

// A neutral title: never a name, an answer or a flag.
export const metadata: Metadata = { title: 'Intake' };

/**
 * A consultation's intakes for its own clinician: flags at the top, then each person's scores and
 * answers by section — a couple's two side by side on a wide screen, one after the other on a
 * phone. Loading this page opens the sent intakes, and that is audited (one row per intake) in the
 * same transaction; nothing here re-reads them (no prefetch, "Mark reviewed" does not reload).
 */
export default async function IntakeReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStaffPage('booking.read_clinical');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const review = await getIntakeForReview({ actor, bookingId: id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const locale = await getRequestLocale();
  const zone = review.timeZone;
  const who = `${review.clientName}${review.partnerName ? ` & ${review.partnerName}` : ''}`;
  const flagged = review.people.filter((p) => p.needsAttention);

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <p className="flex flex-wrap gap-x-6">
        <Link prefetch={false} href={`/clinician/bookings/${review.bookingId}`} className="text-accent underline underline-offset-4">
          ← The consultation
        </Link>
        <Link prefetch={false} href="/clinician/intakes" className="text-accent underline underline-offset-4">
          All intakes
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold text-ink">Intake{review.couple ? 's' : ''}: {who}</h1>
      <p className="mt-2 text-lg text-ink">
        {formatDateTime(review.startsAt, zone, locale)} · {review.typeTitle} · {MODALITY_NAMES[review.modality]} · ref {review.reference}
      </p>
      {review.form === null && review.people.every((p) => p.intakeId === null) ? (
        <p className="mt-4 text-ink-muted" data-testid="no-intake">
          This consultation type asks no intake questionnaire.
        </p>
      ) : null}

      {flagged.length > 0 ? (
        <section aria-labelledby="flags-heading" className="mt-6" data-testid="intake-flags">
          <h2 id="flags-heading" className="sr-only">
            Safety flags
          </h2>
          <div className="space-y-3">
            {flagged.map((person) => (
              <Notice key={person.holder} tone="warning" title={`${person.personName}: needs your attention`} role="note">
                {person.sent && person.sent.summary.flags.length > 0 ? (
                  <SafetyFlagList flags={person.sent.summary.flags} />
                ) : (
                  <p>A safety answer was given while this intake was being filled in. The answers are not sent yet; the practice was told by message.</p>
                )}
              </Notice>
            ))}
          </div>
        </section>
      ) : null}

      <div className={review.people.length > 1 ? 'mt-8 grid gap-10 lg:grid-cols-2 lg:gap-8' : 'mt-8'} data-testid="intake-people">
        {review.people.map((person) => (
          <PersonIntake key={person.holder} person={person} zone={zone} locale={locale} />
        ))}
      </div>
    </div>
  );
}

function PersonIntake({ person, zone, locale }: { person: IntakeReviewPerson; zone: string; locale: string }) {
  const headingId = `intake-${person.holder}`;
  const sent = person.sent;
  return (
    <section aria-labelledby={headingId} className="min-w-0" data-testid={`intake-${person.holder}`}>
      <h2 id={headingId} className="flex flex-wrap items-center gap-x-3 gap-y-1 font-serif text-2xl font-semibold text-ink">
        <span>{person.personName}</span>
        {person.needsAttention ? <SafetyMarker /> : null}
      </h2>
      <p className="mt-1 text-ink" data-testid="intake-state">
        {INTAKE_STATUS_LABELS[person.status]}
        {person.status === 'in_progress' && person.draftSavedAt ? ` · last saved ${formatDateTime(person.draftSavedAt, zone, locale)}` : ''}
        {person.submittedAt ? ` · sent ${formatDateTime(person.submittedAt, zone, locale)}` : ''}
        {person.reviewedAt ? ` · reviewed ${formatDateTime(person.reviewedAt, zone, locale)}${person.reviewedByName ? ` by ${person.reviewedByName}` : ''}` : ''}
      </p>
      {!sent ? (
        <p className="mt-3 text-ink-muted">
          {person.status === 'not_started'
            ? `${person.personName} has not opened their intake yet.`
            : `${person.personName} has started but not sent their intake. Answers show here once they send it.`}
        </p>
      ) : (
        <>
          <div className="mt-3 flex flex-wrap items-start gap-3">
            {person.status === 'sent' && person.intakeId ? <MarkReviewedButton intakeId={person.intakeId} personName={person.personName} /> : null}
            {person.intakeId ? (
              <a href={`/clinician/intakes/${person.intakeId}/download`} download className={buttonClasses({ variant: 'quiet' })}>
                Download (FHIR QuestionnaireResponse)
              </a>
            ) : null}
          </div>
          <p className="mt-1 text-sm text-ink-muted">Questionnaire version {sent.questionnaireVersion}</p>
          <h3 className="mt-5 font-serif text-xl font-semibold text-ink">Scores</h3>
          <IntakeScores scores={sent.summary.scores} caption={`${person.personName}’s screener scores`} />
          <h3 className="mt-6 font-serif text-xl font-semibold text-ink">Answers</h3>
          <div className="mt-3">
            <AnswersBySection
              questionnaire={sent.questionnaire}
              answers={sent.stored.answers}
              signatures={sent.stored.signatures}
              timeZone={zone}
              locale={locale}
              idPrefix={`intake-${person.holder}`}
              headingLevel={4}
            />
          </div>
        </>
      )}
    </section>
  );
}
