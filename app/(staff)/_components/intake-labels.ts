import type { IntakeStatus, PublicIntakeStatus, SafetyFlag } from '@/lib/intake/types';

/** How an intake's state reads for staff. The front desk only ever gets the first three (findIntakeStatuses). */
export const INTAKE_STATUS_LABELS: Record<IntakeStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  sent: 'Sent',
  reviewed: 'Reviewed',
};

/** "Intake: sent", lower case after the colon (the small line on schedules). */
export function intakeStatusLine(status: PublicIntakeStatus | IntakeStatus): string {
  return `Intake: ${INTAKE_STATUS_LABELS[status].toLowerCase()}`;
}

/** A couple's two intakes on one small line: "Intake: Alex sent · Riley in progress". */
export function intakeStatusesLine(
  statuses: { primary: PublicIntakeStatus; partner: PublicIntakeStatus | null },
  names: { client: string; partner: string | null },
): string {
  if (statuses.partner === null) return intakeStatusLine(statuses.primary);
  const first = (name: string | null, fallback: string) => (name?.trim().split(/\s+/)[0] ?? '') || fallback;
  return `Intake: ${first(names.client, 'Client')} ${INTAKE_STATUS_LABELS[statuses.primary].toLowerCase()} · ${first(names.partner, 'Partner')} ${INTAKE_STATUS_LABELS[statuses.partner].toLowerCase()}`;
}

/** A safety flag, for the clinician only: a short name and what it means. */
export const SAFETY_FLAG_TEXT: Record<SafetyFlag, { title: string; detail: string }> = {
  self_harm: {
    title: 'Thoughts of self-harm',
    detail:
      'Answered above “not at all” to the PHQ-9 question about thoughts of being better off dead or of hurting themselves. They were shown crisis resources (988, 911) as they answered.',
  },
  partner_fear: {
    title: 'Afraid of their partner',
    detail:
      'Answered yes to “Do you ever feel afraid of your partner?” They were shown the National Domestic Violence Hotline. Only you can see this: the other partner is never told, so keep it out of anything they can see or hear.',
  },
};
