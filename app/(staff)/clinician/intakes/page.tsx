import type { Metadata } from 'next';
import Link from 'next/link';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { cx } from '@/components/ui/cx';
import { findIntakeInbox, INBOX_PAST_DAYS, type IntakeInboxEntry } from '@/lib/intake/review';
import { INTAKE_STATUSES, type IntakeStatus } from '@/lib/intake/types';
import { INTAKE_STATUS_LABELS, SAFETY_FLAG_TEXT } from '../../_components/intake-labels';
import { requireStaffPage } from '../../_lib/staff-guard';
import { SafetyMarker, scoreText } from '../_components/intake-scores';
import { MODALITY_NAMES, formatDateTime } from '../_lib/format';

export const metadata: Metadata = { title: 'Intakes' };

function statusFilter(raw: string | string[] | undefined): IntakeStatus | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (INTAKE_STATUSES as readonly string[]).includes(value ?? '') ? (value as IntakeStatus) : null;
}

/**
 * The clinician's intake inbox: each person of their consultations from the last 30 days on —
 * not started, in progress, sent, reviewed — with safety flags first, then upcoming consultations
 * soonest first; scores with their bands. Filter by state with `?status=`.
 */
export default async function IntakeInboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await requireStaffPage('booking.read_clinical');
  const filter = statusFilter((await searchParams).status);
  const inbox = await findIntakeInbox({ actor });
  const locale = await getRequestLocale();
  const counts = Object.fromEntries(INTAKE_STATUSES.map((s) => [s, inbox.entries.filter((e) => e.status === s).length])) as Record<IntakeStatus, number>;
  const shown = filter ? inbox.entries.filter((e) => e.status === filter) : inbox.entries;
  const flagged = inbox.entries.filter((e) => e.needsAttention && e.status !== 'reviewed').length;

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Intakes</h1>
      <p className="mt-2 text-ink-muted">
        Your consultations’ intake questionnaires, from {INBOX_PAST_DAYS} days ago on: flagged ones first, then the soonest consultation. Times in {inbox.timeZone}.
      </p>
      {flagged > 0 ? (
        <p className="mt-3 flex flex-wrap items-center gap-2 text-ink" data-testid="flagged-count">
          <SafetyMarker label={flagged === 1 ? '1 intake needs your attention' : `${flagged} intakes need your attention`} />
        </p>
      ) : null}

      <nav aria-label="Intake states" className="mt-5">
        <ul className="-ml-3 flex flex-wrap gap-1">
          <FilterLink href="/clinician/intakes" current={filter === null} label={`All (${inbox.entries.length})`} />
          {INTAKE_STATUSES.map((status) => (
            <FilterLink key={status} href={`/clinician/intakes?status=${status}`} current={filter === status} label={`${INTAKE_STATUS_LABELS[status]} (${counts[status]})`} />
          ))}
        </ul>
      </nav>

      {shown.length === 0 ? (
        <p className="mt-6 text-ink-muted" data-testid="no-intakes">
          {filter ? `No intakes are ${INTAKE_STATUS_LABELS[filter].toLowerCase()}.` : 'No consultations with an intake questionnaire yet.'}
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-line rounded-lg border border-line bg-surface" aria-label="Intakes">
          {shown.map((entry) => (
            <InboxRow key={`${entry.bookingId}-${entry.holder}`} entry={entry} zone={inbox.timeZone} locale={locale} now={Date.parse(inbox.now)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function FilterLink({ href, current, label }: { href: string; current: boolean; label: string }) {
  return (
    <li>
      <Link
        prefetch={false}
        href={href}
        aria-current={current ? 'page' : undefined}
        className={cx(
          'inline-flex min-h-11 items-center rounded-lg px-3 py-2 font-medium no-underline',
          current ? 'bg-accent-soft text-accent-strong' : 'text-ink-muted hover:bg-accent-soft hover:text-ink',
        )}
      >
        {label}
      </Link>
    </li>
  );
}

function InboxRow({ entry, zone, locale, now }: { entry: IntakeInboxEntry; zone: string; locale: string; now: number }) {
  const past = Date.parse(entry.endsAt) < now;
  const name = `${entry.personName}${entry.couple ? (entry.holder === 'partner' ? ' (partner)' : ' (booked)') : ''}`;
  return (
    <li className="px-4 py-4" data-testid="intake-row" aria-label={`Intake of ${name}`}>
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <Link prefetch={false} href={`/clinician/bookings/${entry.bookingId}/intake`} className="font-semibold text-accent underline underline-offset-4">
          {name}
        </Link>
        <span className="rounded-full border border-line-strong px-2.5 py-0.5 text-sm text-ink" data-testid="intake-status">
          {INTAKE_STATUS_LABELS[entry.status]}
        </span>
        {entry.needsAttention ? <SafetyMarker /> : null}
      </div>
      <p className="mt-1 text-sm text-ink-muted">
        {past ? 'Was ' : ''}
        {formatDateTime(entry.startsAt, zone, locale)} · {entry.typeTitle} · {MODALITY_NAMES[entry.modality]}
        {entry.submittedAt ? ` · sent ${formatDateTime(entry.submittedAt, zone, locale)}` : ''}
      </p>
      {entry.flags.length > 0 ? (
        <p className="mt-1 text-sm text-ink" data-testid="intake-flags">
          {entry.flags.map((flag) => SAFETY_FLAG_TEXT[flag].title).join(' · ')}
        </p>
      ) : null}
      {entry.scores.length > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-ink" aria-label="Scores" data-testid="intake-row-scores">
          {entry.scores.map((score) => (
            <li key={score.instrument}>
              <span className="font-medium">{score.label}</span> {scoreText(score)}
              {score.band ? ` · ${score.band}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
