import type { InstrumentScore, SafetyFlag } from '@/lib/intake/types';
import { SAFETY_FLAG_TEXT } from '../../_components/intake-labels';

/** A screener's total as "14 / 27", or "Not scored" when too many items were missing. */
export function scoreText(score: InstrumentScore): string {
  return score.total === null ? 'Not scored' : `${score.total} / ${score.max}`;
}

/** Screener scores with bands and notes (how missing items were handled). A plain table: no hooks. */
export function IntakeScores({ scores, caption }: { scores: InstrumentScore[]; caption: string }) {
  if (scores.length === 0) return <p className="mt-2 text-ink-muted">No screeners in this questionnaire.</p>;
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="intake-scores">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-line-strong text-ink-muted">
            <th scope="col" className="py-2 pr-3 font-medium">Screener</th>
            <th scope="col" className="py-2 pr-3 font-medium">Score</th>
            <th scope="col" className="py-2 pr-3 font-medium">Band</th>
            <th scope="col" className="py-2 font-medium">Note</th>
          </tr>
        </thead>
        <tbody>
          {scores.map((score) => (
            <tr key={score.instrument} className="border-b border-line align-top">
              <th scope="row" className="py-2 pr-3 font-medium text-ink">{score.label}</th>
              <td className="py-2 pr-3 tabular-nums text-ink">{scoreText(score)}</td>
              <td className="py-2 pr-3 text-ink">
                {score.band ?? '—'}
                {score.notable ? <span className="ml-2 rounded-full border border-warning/40 bg-warning-soft px-2 py-0.5 text-xs font-medium text-warning">notable</span> : null}
              </td>
              <td className="py-2 text-ink-muted">
                {score.answered < score.items ? `${score.answered} of ${score.items} answered. ` : ''}
                {score.note ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The calm but clear marker of a safety flag (an icon-free pill; the words carry it). */
export function SafetyMarker({ label = 'Needs attention' }: { label?: string }) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-danger/40 bg-danger-soft px-2.5 py-0.5 text-sm font-semibold text-danger" data-testid="safety-marker">
      <span aria-hidden="true" className="inline-block size-2 rounded-full bg-danger" />
      {label}
    </span>
  );
}

/** The flags of one person, each named and explained. */
export function SafetyFlagList({ flags }: { flags: SafetyFlag[] }) {
  return (
    <ul className="mt-1 space-y-1.5">
      {flags.map((flag) => (
        <li key={flag}>
          <span className="font-semibold">{SAFETY_FLAG_TEXT[flag].title}.</span> {SAFETY_FLAG_TEXT[flag].detail}
        </li>
      ))}
    </ul>
  );
}
