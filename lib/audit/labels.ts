import type { AuditEventDto } from './dto';

/**
 * Plain words for the audit log view: what happened, in a short sentence a practice owner
 * understands. Built from the action and a few allow-listed `detail` facts (statuses, reasons,
 * counts) — never from anything clinical, which the audit log does not hold anyway.
 *
 * Pure (no server imports), so the page, the filter list and tests share it.
 */

/** The actions offered in the filter, grouped as the page shows them; values are `findAuditEvents`' `action`. */
export const AUDIT_ACTION_GROUPS = [
  {
    label: 'Sign-ins',
    actions: {
      'staff.sign_in.succeeded': 'Signed in',
      'staff.sign_in.failed': 'Sign-in failed',
      'staff.sign_in.paused': 'Sign-in paused',
      'staff.sign_in.unlocked': 'Sign-in unlocked',
      'staff.signed_out': 'Signed out',
      'staff.signed_out_everywhere': 'Signed out everywhere',
      'staff.totp.enrolled': 'Set up two-step sign-in',
      'staff.password.set': 'Password set',
      'staff.user.created': 'Staff account created',
    },
  },
  {
    label: 'Views of sensitive records',
    actions: {
      'booking.clinical_viewed': 'Opened a consultation record',
      'booking.contact_viewed': 'Viewed a client’s contact details',
      'intake.viewed': 'Opened an intake',
      'intake.downloaded': 'Downloaded an intake (FHIR QuestionnaireResponse)',
      'intake.inbox_viewed': 'Opened the intake inbox',
    },
  },
  {
    label: 'Changes',
    actions: {
      'booking.created': 'Booked a consultation',
      'booking.rescheduled': 'Moved a consultation',
      'booking.cancelled': 'Cancelled a consultation',
      'booking.request_approved': 'Approved a request',
      'booking.request_declined': 'Declined a request',
      'booking.status_set': 'Marked a consultation completed or no-show',
      'booking.clinical_notes_saved': 'Saved private notes or an outcome',
      'booking.link_reissued': 'Issued a new private link',
      'message.resent': 'Sent a message again',
      'availability.hours_changed': 'Changed weekly hours',
      'availability.time_off_added': 'Added time off',
      'availability.extra_hours_added': 'Added extra hours',
      'availability.override_removed': 'Removed time off or extra hours',
      'consultation_type.updated': 'Changed a consultation type',
      'practice.settings_changed': 'Changed practice settings',
      'calendar_feed.created': 'Turned on a calendar feed',
      'calendar_feed.regenerated': 'Replaced a calendar feed’s address',
      'calendar_feed.revoked': 'Turned off a calendar feed',
      'calendar_feed.names_changed': 'Changed what a calendar feed shows',
      'clinician.video_room_set': 'Changed a video room link',
      'intake.reviewed': 'Marked an intake reviewed',
      'intake.questionnaire_changed': 'Changed an intake questionnaire (new version)',
      'consultation_type.intake_changed': 'Changed which intake questionnaire a consultation type asks',
    },
  },
] as const satisfies ReadonlyArray<{ label: string; actions: Record<string, string> }>;

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...AUDIT_ACTION_GROUPS.map((group) => group.actions),
);

/** Is this one of the actions the filter offers? (Anything else in a URL is ignored.) */
export function isKnownAuditAction(action: string): boolean {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action);
}

const SIGN_IN_FAILURES: Record<string, string> = {
  invalid: 'wrong email or password',
  malformed: 'incomplete details',
  locked: 'sign-in paused after repeated failures',
  totp_required: 'password correct, code still needed',
  totp_invalid: 'wrong code',
  rate_limited: 'too many attempts from one address',
};

const STATUS_WORDS: Record<string, string> = { completed: 'completed', no_show: 'a no-show' };

/** One event as a short sentence ("Marked the consultation a no-show"). */
export function describeAuditEvent(event: Pick<AuditEventDto, 'action' | 'detail'>): string {
  const { action, detail } = event;
  switch (action) {
    case 'staff.sign_in.paused': {
      const minutes = typeof detail.minutes === 'number' ? ` for ${detail.minutes} minute${detail.minutes === 1 ? '' : 's'}` : '';
      return detail.scope === 'account'
        ? `Sign-in paused from every address${minutes} (failures from many addresses)`
        : `Sign-in paused from one address${minutes} after repeated failures`;
    }
    case 'staff.sign_in.failed': {
      const why = typeof detail.reason === 'string' ? SIGN_IN_FAILURES[detail.reason] : undefined;
      if (detail.reason === 'totp_required') return 'Entered the right password; sign-in waits for the code';
      return why ? `Sign-in failed (${why})` : 'Sign-in failed';
    }
    case 'booking.status_set': {
      const to = typeof detail.to === 'string' ? STATUS_WORDS[detail.to] : undefined;
      return to ? `Marked the consultation ${to}` : 'Marked the consultation completed or no-show';
    }
    case 'booking.clinical_viewed':
      return 'Opened the consultation record';
    case 'booking.clinical_notes_saved': {
      const outcome = detail.outcomeChanged === true;
      if (detail.notes === 'cleared') return outcome ? 'Changed the outcome' : 'Cleared the private notes';
      return outcome ? 'Saved the private notes and changed the outcome' : 'Saved the private notes';
    }
    case 'booking.cancelled':
      return detail.by === 'staff' ? 'Cancelled the consultation (practice)' : 'Cancelled the consultation';
    case 'calendar_feed.names_changed':
      return detail.showsNames === true ? 'Calendar feed now shows clients’ full names' : detail.showsNames === false ? 'Calendar feed now shows initials only' : 'Changed what a calendar feed shows';
    case 'intake.questionnaire_changed': {
      const form = detail.form === 'couples' ? 'couples' : detail.form === 'individual' ? 'individual' : null;
      const version = typeof detail.version === 'number' ? ` (version ${detail.version})` : '';
      return form ? `Changed the ${form} intake questionnaire${version}` : 'Changed an intake questionnaire';
    }
    case 'consultation_type.intake_changed': {
      const words: Record<string, string> = { individual: 'the individual questionnaire', couples: 'the couples questionnaire', none: 'no questionnaire' };
      const to = typeof detail.to === 'string' ? words[detail.to] : undefined;
      return to ? `A consultation type now asks ${to}` : 'Changed which intake questionnaire a consultation type asks';
    }
    case 'booking.link_reissued':
      return detail.holder === 'partner' ? "Issued a new private link for the client's partner" : 'Issued a new private link for the client';
    case 'message.resent':
      return detail.recipient === 'partner' ? "Sent a message to the client's partner again" : 'Sent a message to the client again';
    default:
      return AUDIT_ACTION_LABELS[action] ?? humanise(action);
  }
}

/** 'report.exported' → 'Report exported': an action nobody has named yet still reads as words. */
function humanise(action: string): string {
  const words = action.replace(/[._]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Something happened';
}
