/**
 * The authorization matrix: who may open every page and API route, and call every server
 * action, of the app. e2e/authorization-matrix.spec.ts runs every cell against the built app and
 * fails when a route or action exists without an entry here (or an entry names one that is gone).
 *
 * Outcomes:
 * - pages and API routes: `ok` (2xx), `sign_in` (sent to the sign-in page), `not_found`
 *   (404, or the not-found boundary when the page streams) — "denied" always reads as not found,
 *   except for the machine-to-machine cron route: `unauthorized` (401: no staff session or private
 *   link stands in for its bearer secret) and `method_not_allowed` (405);
 * - server actions: `ok` (succeeded or redirected onward), `denied` (`signed_out` / `not_found`:
 *   nothing happened), `answered` (authenticated or public, and refused on the merits of the input).
 */
import type { AccessWorld, Actor } from './access-world';

export type PageOutcome = 'ok' | 'sign_in' | 'not_found' | 'unauthorized' | 'method_not_allowed';
export type ActionOutcome = 'ok' | 'denied' | 'answered';

export type RouteCase = {
  /** The route's URL pattern, as app-inventory.ts derives it from the file. */
  route: string;
  /** What this case shows (several cases may cover one route). */
  title: string;
  path: (world: AccessWorld, actor: Actor) => string;
  /** GET unless said (POST: sent with the actor's cookie, no redirects followed). */
  method?: 'POST';
  expect: Record<Actor, PageOutcome>;
  /** Text the response must contain / must not contain for an actor that gets `ok`. */
  shows?: (world: AccessWorld, actor: Actor) => { contains?: string[]; omits?: string[] };
  /** A cookie sent besides the actor's own (an intake device remembered for someone: whose it is, is the point). */
  cookie?: (world: AccessWorld, actor: Actor) => Promise<string>;
};

/** Arguments as a browser would send them; `form` fields make the last argument a FormData. */
export type ActionArgs = { args: unknown[]; form?: Record<string, string> };

export type ActionCase = {
  /** `file#exportName`, as in the build's server-reference manifest. */
  action: string;
  /** A page that loads the action (it is posted there, as the browser does). */
  page: (world: AccessWorld, actor: Actor) => string;
  call: (world: AccessWorld, actor: Actor) => ActionArgs;
  expect: Record<Actor, ActionOutcome>;
  /** A cookie sent besides the actor's own (see RouteCase.cookie). */
  cookie?: (world: AccessWorld, actor: Actor) => Promise<string>;
  /** What this case shows, when an action has several cases. */
  title?: string;
};

function each<T>(value: T): Record<Actor, T> {
  return { anonymous: value, linkA: value, linkB: value, frontDesk: value, clinician: value, otherClinician: value, foreignDesk: value };
}

// ---- pages and API routes --------------------------------------------------------------------

/** Public pages: everyone. */
const PUBLIC = each<PageOutcome>('ok');
/** A private link: only its holder (everyone else holds a token that matches nothing). */
const LINK_HOLDER: Record<Actor, PageOutcome> = { ...each<PageOutcome>('not_found'), linkA: 'ok', linkB: 'ok' };
/** Staff pages that need no particular booking: any signed-in staff; clients are sent to sign in. */
const ANY_STAFF: Record<Actor, PageOutcome> = { ...each<PageOutcome>('ok'), anonymous: 'sign_in', linkA: 'sign_in', linkB: 'sign_in' };
/** Clinician-only pages (clinical content): the front desk gets not found. */
const CLINICIANS: Record<Actor, PageOutcome> = { ...ANY_STAFF, frontDesk: 'not_found', foreignDesk: 'not_found' };
/** One booking's clinical page: only its own clinician. */
const OWN_CLINICIAN: Record<Actor, PageOutcome> = { ...CLINICIANS, otherClinician: 'not_found' };
/** One booking's contact page: staff of its practice. */
const PRACTICE_STAFF: Record<Actor, PageOutcome> = { ...ANY_STAFF, foreignDesk: 'not_found' };
/** An address that is not a page: not found for staff (after the sign-in gate). */
const NO_SUCH_STAFF_PAGE: Record<Actor, PageOutcome> = { ...ANY_STAFF, frontDesk: 'not_found', clinician: 'not_found', otherClinician: 'not_found', foreignDesk: 'not_found' };

/** A link holder sees their own booking, never the other one's. */
const ownBookingOnly: RouteCase['shows'] = (w, actor) =>
  actor === 'linkA' ? { contains: [w.a.reference], omits: [w.b.reference] } : actor === 'linkB' ? { contains: [w.b.reference], omits: [w.a.reference] } : {};
/** What the intake page shows without a remembered device (the code gate) and with one (the form). */
const INTAKE_GATE = 'data-testid="masked-email"';
const INTAKE_FORM = 'data-testid="intake-progress"';

/** Contact pages never carry the client's note. */
const noClientNote: RouteCase['shows'] = () => ({ omits: ['Matrix: a private worry'] });

export const ROUTE_CASES: RouteCase[] = [
  { route: '/', title: 'the practice page', path: () => '/', expect: PUBLIC },
  { route: '/book/[type]', title: 'choosing a time', path: () => '/book/individual-video', expect: PUBLIC },
  { route: '/book/[type]/details', title: 'the details form (no time chosen yet)', path: () => '/book/individual-video/details', expect: PUBLIC },
  { route: '/sign-in', title: 'sign-in', path: () => '/sign-in', expect: PUBLIC },
  // Signed-in staff are sent on to their workspace; everyone else to sign in first.
  { route: '/two-step', title: 'two-step set-up', path: () => '/two-step', expect: { ...ANY_STAFF } },
  { route: '/m/[token]', title: 'a private link', path: (w, a) => `/m/${w.tokenFor(a)}`, expect: LINK_HOLDER, shows: ownBookingOnly },
  { route: '/m/[token]/reschedule', title: 'rescheduling by private link', path: (w, a) => `/m/${w.tokenFor(a)}/reschedule`, expect: LINK_HOLDER },
  { route: '/m/[token]/cancel', title: 'cancelling by private link', path: (w, a) => `/m/${w.tokenFor(a)}/cancel`, expect: LINK_HOLDER },
  { route: '/m/[token]/calendar.ics', title: 'the calendar file of a private link', path: (w, a) => `/m/${w.tokenFor(a)}/calendar.ics`, expect: LINK_HOLDER },
  // The intake (issue 9): the link's holder, and past the emailed code only on a device remembered for that holder.
  {
    route: '/m/[token]/intake',
    title: 'an intake, on a device without the emailed code: the gate, no answer',
    path: (w, a) => `/m/${w.tokenFor(a)}/intake`,
    expect: LINK_HOLDER,
    shows: (_w, actor) => (actor === 'linkA' || actor === 'linkB' ? { contains: [INTAKE_GATE], omits: [INTAKE_FORM] } : {}),
  },
  {
    route: '/m/[token]/intake',
    title: 'an intake, with the device remembered for booking A’s holder (opens A’s, never B’s)',
    path: (w, a) => `/m/${w.tokenFor(a)}/intake`,
    cookie: (w) => w.intakeDeviceCookie('a'),
    expect: LINK_HOLDER,
    shows: (_w, actor) =>
      actor === 'linkA' ? { contains: [INTAKE_FORM], omits: [INTAKE_GATE] } : actor === 'linkB' ? { contains: [INTAKE_GATE], omits: [INTAKE_FORM] } : {},
  },
  {
    route: '/m/[token]/intake',
    title: 'an intake by a revoked link, even with its remembered device',
    path: (w) => `/m/${w.revokedToken}/intake`,
    cookie: (w) => w.intakeDeviceCookie('revoked'),
    expect: each<PageOutcome>('not_found'),
  },
  {
    // "Leave quickly"'s beacon: the holder's (204, device forgotten), nobody else's.
    route: '/m/[token]/intake/leave',
    title: 'leaving an intake quickly (beacon)',
    method: 'POST',
    path: (w, a) => `/m/${w.tokenFor(a)}/intake/leave`,
    cookie: (w) => w.intakeDeviceCookie('a'),
    expect: LINK_HOLDER,
  },
  { route: '/api/health', title: 'health check', path: () => '/api/health', expect: PUBLIC },
  {
    // A capability, like a private link: whoever holds the address gets the feed (a session changes nothing).
    route: '/api/calendar/[token]',
    title: 'a clinician’s calendar feed',
    path: (w) => `/api/calendar/${w.feedToken}.ics`,
    expect: PUBLIC,
    shows: (w) => ({ contains: ['BEGIN:VCALENDAR', `UID:${w.a.id}@haven`], omits: ['Matrix: a private worry', 'Matrix Client', 'Individual consultation', `${w.b.id}@haven`, `${w.foreign.id}@haven`] }),
  },
  { route: '/api/calendar/[token]', title: 'a calendar feed address that matches nothing', path: (w) => `/api/calendar/${w.unknownToken}.ics`, expect: each<PageOutcome>('not_found') },
  // The scheduler's worker route: bearer secret only (the e2e servers have HAVEN_CRON_SECRET); a session grants nothing.
  { route: '/api/cron', title: 'the cron route, posted without its secret', method: 'POST', path: () => '/api/cron', expect: each<PageOutcome>('unauthorized') },
  { route: '/api/cron', title: 'the cron route, read (GET)', path: () => '/api/cron', expect: each<PageOutcome>('method_not_allowed') },
  { route: '/api/auth/[...nextauth]', title: 'next-auth session endpoint', path: () => '/api/auth/session', expect: PUBLIC },
  // The development mailbox exists only where the demo delivers to it (no SMTP, outside production or
  // on the embedded database): the suite's server sends through SMTP, so it is no page for anyone,
  // not even with a message left in the table (e2e/dev-mailbox.spec.ts opens it on a demo server).
  { route: '/dev/mailbox', title: 'the development mailbox, on a server with SMTP', path: () => '/dev/mailbox', expect: each<PageOutcome>('not_found') },
  {
    route: '/dev/mailbox/[id]',
    title: 'a development-mailbox message, on a server with SMTP',
    path: (w) => `/dev/mailbox/${w.devMailboxId}`,
    expect: each<PageOutcome>('not_found'),
  },
  { route: '/clinician', title: 'the clinician’s today & week', path: () => '/clinician', expect: CLINICIANS },
  { route: '/clinician/requests', title: 'the requests queue', path: () => '/clinician/requests', expect: CLINICIANS },
  {
    route: '/clinician/bookings/[id]',
    title: 'a consultation (clinical record) of booking A’s clinician',
    path: (w) => `/clinician/bookings/${w.past.id}`,
    expect: OWN_CLINICIAN,
    shows: (w, actor) => (actor === 'clinician' ? { contains: [w.past.reference, 'Matrix: a private worry'] } : {}),
  },
  {
    route: '/clinician/bookings/[id]',
    title: 'a consultation of another practice',
    path: (w) => `/clinician/bookings/${w.foreign.id}`,
    expect: { ...CLINICIANS, clinician: 'not_found', otherClinician: 'not_found' },
  },
  {
    // The intake's answer is the matrix's private worry: only the booking's own clinician reads it.
    route: '/clinician/bookings/[id]/intake',
    title: 'the intake of booking A’s clinician’s past consultation',
    path: (w) => `/clinician/bookings/${w.past.id}/intake`,
    expect: OWN_CLINICIAN,
    shows: (w, actor) => (actor === 'clinician' ? { contains: [w.past.reference, 'Matrix: a private worry'] } : {}),
  },
  {
    route: '/clinician/bookings/[id]/intake',
    title: 'the intake of another practice’s consultation',
    path: (w) => `/clinician/bookings/${w.foreign.id}/intake`,
    expect: { ...CLINICIANS, clinician: 'not_found', otherClinician: 'not_found' },
  },
  // The inbox lists each clinician's own; its answers are never on it (no answer text, only states, flags and scores).
  { route: '/clinician/intakes', title: 'the intake inbox', path: () => '/clinician/intakes', expect: CLINICIANS, shows: noClientNote },
  {
    // A route handler (no not-found page): 404 for anyone but the booking's clinician; signed out → sign-in.
    route: '/clinician/intakes/[id]/download',
    title: 'an intake as a FHIR QuestionnaireResponse download',
    path: (w) => `/clinician/intakes/${w.intakeId}/download`,
    expect: OWN_CLINICIAN,
    shows: (_w, actor) => (actor === 'clinician' ? { contains: ['"resourceType": "QuestionnaireResponse"', 'Matrix: a private worry'] } : {}),
  },
  { route: '/clinician/settings/intake', title: 'the practice’s intake questions', path: () => '/clinician/settings/intake', expect: CLINICIANS, shows: noClientNote },
  { route: '/clinician/availability', title: 'the availability editor', path: () => '/clinician/availability', expect: CLINICIANS },
  { route: '/clinician/settings', title: 'consultation type settings', path: () => '/clinician/settings', expect: CLINICIANS },
  { route: '/clinician/audit', title: 'the audit log', path: () => '/clinician/audit', expect: CLINICIANS, shows: noClientNote },
  { route: '/clinician/staff', title: 'staff sign-in state', path: () => '/clinician/staff', expect: CLINICIANS, shows: noClientNote },
  { route: '/clinician/calendar-feed', title: 'the clinician’s own calendar feed', path: () => '/clinician/calendar-feed', expect: CLINICIANS, shows: noClientNote },
  { route: '/clinician/[...missing]', title: 'an unknown clinician address', path: () => '/clinician/no-such-page', expect: NO_SUCH_STAFF_PAGE },
  {
    route: '/desk',
    title: 'the schedule',
    path: () => '/desk',
    expect: ANY_STAFF,
    // The header names the person's own practice.
    shows: (w, actor) =>
      actor === 'foreignDesk'
        ? { contains: [w.practiceNames.elsewhere], omits: [w.practiceNames.home] }
        : { contains: [w.practiceNames.home], omits: [w.practiceNames.elsewhere] },
  },
  { route: '/desk/bookings/[id]', title: 'a booking’s contact details', path: (w) => `/desk/bookings/${w.a.id}`, expect: PRACTICE_STAFF, shows: noClientNote },
  {
    route: '/desk/bookings/[id]',
    title: 'a booking of another practice',
    path: (w) => `/desk/bookings/${w.foreign.id}`,
    expect: { ...PRACTICE_STAFF, frontDesk: 'not_found', clinician: 'not_found', otherClinician: 'not_found', foreignDesk: 'ok' },
  },
  {
    route: '/desk/bookings/[id]/reschedule',
    title: 'rescheduling a booking as staff',
    path: (w) => `/desk/bookings/${w.a.id}/reschedule`,
    expect: PRACTICE_STAFF,
    shows: noClientNote,
  },
  {
    route: '/desk/bookings/[id]/reschedule',
    title: 'rescheduling a booking of another practice',
    path: (w) => `/desk/bookings/${w.foreign.id}/reschedule`,
    expect: { ...PRACTICE_STAFF, frontDesk: 'not_found', clinician: 'not_found', otherClinician: 'not_found', foreignDesk: 'ok' },
  },
  { route: '/desk/[...missing]', title: 'an unknown desk address', path: () => '/desk/no-such-page', expect: NO_SUCH_STAFF_PAGE },
];

// ---- server actions --------------------------------------------------------------------------

/** Any signed-in staff; everyone else is refused before anything happens. */
const STAFF_ACTION: Record<Actor, ActionOutcome> = { ...each<ActionOutcome>('ok'), anonymous: 'denied', linkA: 'denied', linkB: 'denied' };
/** Staff of the booking's practice. */
const PRACTICE_ACTION: Record<Actor, ActionOutcome> = { ...STAFF_ACTION, foreignDesk: 'denied' };
/** The booking's own clinician only. */
const OWN_CLINICIAN_ACTION: Record<Actor, ActionOutcome> = { ...each<ActionOutcome>('denied'), clinician: 'ok' };
/** Clinicians of the practice (each for their own calendar); never the front desk. */
const OWN_HOURS_ACTION: Record<Actor, ActionOutcome> = { ...each<ActionOutcome>('denied'), clinician: 'ok', otherClinician: 'ok' };
const LINK_ACTION: Record<Actor, ActionOutcome> = { ...each<ActionOutcome>('denied'), linkA: 'ok', linkB: 'ok' };

const HOUR = 3_600_000;
/**
 * Edit versions as a fresh world has them (lib/concurrency/edit-version.ts): every actor gets a new
 * world, so a type, a clinician's availability and the practice's settings are at their first version
 * and the past booking has no clinical record yet.
 */
const FIRST_VERSION = 1;
const NEW_RECORD = 0;

export const ACTION_CASES: ActionCase[] = [
  {
    action: 'app/(auth)/sign-in/actions.ts#resolveSignInDestinationAction',
    page: () => '/sign-in',
    call: () => ({ args: ['/desk'] }),
    expect: STAFF_ACTION,
  },
  {
    // Only a session waiting for two-step set-up may finish it; an active one is told it is done.
    action: 'app/(auth)/two-step/actions.ts#confirmTwoStepAction',
    page: () => '/two-step',
    call: () => ({ args: [{ secret: 'JBSWY3DPEHPK3PXP', code: '000000', callbackUrl: null }] }),
    expect: { ...each<ActionOutcome>('answered'), anonymous: 'denied', linkA: 'denied', linkB: 'denied' },
  },
  {
    // Public: anyone may book; an empty form is refused field by field.
    action: 'app/(public)/book/[type]/details/actions.ts#bookConsultationAction',
    page: () => '/book/individual-video/details',
    call: () => ({ args: [{}, { couple: false }] }),
    expect: each<ActionOutcome>('answered'),
  },
  { action: 'app/(staff)/actions.ts#staySignedInAction', page: () => '/desk', call: () => ({ args: [] }), expect: STAFF_ACTION },
  { action: 'app/(staff)/actions.ts#signOutEverywhereAction', page: () => '/desk', call: () => ({ args: [] }), expect: STAFF_ACTION },
  {
    // Anyone signed in keeps their own drafts (lib/drafts scopes every row by the user).
    action: 'app/(staff)/actions.ts#saveStaffDraftAction',
    page: (w) => `/clinician/bookings/${w.past.id}`,
    call: (w) => ({ args: [{ formKey: `clinical-notes:${w.past.id}`, values: { notes: 'Matrix draft' } }] }),
    expect: STAFF_ACTION,
  },
  {
    action: 'app/(staff)/actions.ts#discardStaffDraftAction',
    page: (w) => `/clinician/bookings/${w.past.id}`,
    call: (w) => ({ args: [{ formKey: `clinical-notes:${w.past.id}` }] }),
    expect: STAFF_ACTION,
  },
  {
    action: 'app/(staff)/clinician/actions.ts#approveRequestAction',
    page: () => '/clinician/requests',
    call: (w) => ({ args: [{ bookingId: w.request.id }] }),
    expect: OWN_CLINICIAN_ACTION,
  },
  {
    action: 'app/(staff)/clinician/actions.ts#declineRequestAction',
    page: () => '/clinician/requests',
    call: (w) => ({ args: [{ bookingId: w.request.id, message: 'We can’t offer this time after all.' }] }),
    expect: OWN_CLINICIAN_ACTION,
  },
  {
    action: 'app/(staff)/clinician/actions.ts#saveClinicalNotesAction',
    page: (w) => `/clinician/bookings/${w.past.id}`,
    call: (w) => ({ args: [{ bookingId: w.past.id, notes: 'Matrix note', outcome: null, version: NEW_RECORD }] }),
    expect: OWN_CLINICIAN_ACTION,
  },
  {
    action: 'app/(staff)/desk/bookings/[id]/actions.ts#cancelBookingAsStaffAction',
    page: (w) => `/desk/bookings/${w.a.id}`,
    call: (w) => ({ args: [{ bookingId: w.a.id, reason: 'The client asked by phone.' }] }),
    expect: PRACTICE_ACTION,
  },
  {
    action: 'app/(staff)/_lib/booking-status-actions.ts#setBookingStatusAction',
    page: (w) => `/desk/bookings/${w.past.id}`,
    call: (w) => ({ args: [{ bookingId: w.past.id, status: 'no_show' }] }),
    expect: PRACTICE_ACTION,
  },
  {
    action: 'app/(staff)/desk/bookings/[id]/actions.ts#reissueClientLinkAction',
    page: (w) => `/desk/bookings/${w.a.id}`,
    call: (w) => ({ args: [{ bookingId: w.a.id, holder: 'primary' }] }),
    expect: PRACTICE_ACTION,
  },
  {
    // "Send again" on a sent message: staff of the booking's practice (delivery is contact logistics, not clinical).
    action: 'app/(staff)/_lib/message-actions.ts#resendMessageAction',
    page: (w) => `/desk/bookings/${w.a.id}`,
    call: (w) => ({ args: [{ messageId: w.sentMessageId }] }),
    expect: PRACTICE_ACTION,
  },
  {
    // The world's clinicians have no hours: staff of the practice get past the gate and are
    // refused on the merits (no such time); anyone else learns nothing.
    action: 'app/(staff)/desk/bookings/[id]/reschedule/actions.ts#rescheduleBookingAsStaffAction',
    page: (w) => `/desk/bookings/${w.a.id}/reschedule`,
    call: (w) => ({ args: [{ bookingId: w.a.id, startsAt: new Date(Date.now() + 6 * 24 * HOUR).toISOString(), overrideNotice: true }] }),
    expect: { ...PRACTICE_ACTION, frontDesk: 'answered', clinician: 'answered', otherClinician: 'answered' },
  },
  {
    // A clinician edits their own hours (the other clinician: theirs); the front desk never.
    action: 'app/(staff)/clinician/availability/actions.ts#saveWeeklyHoursAction',
    page: () => '/clinician/availability',
    call: () => ({ args: [{ rules: [{ weekday: 1, start: '09:00', end: '17:00', modalities: ['video'] }], version: FIRST_VERSION }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    action: 'app/(staff)/clinician/availability/actions.ts#addTimeOffAction',
    page: () => '/clinician/availability',
    call: (w) => ({ args: [{ date: w.freeDate, start: '', end: '', label: 'Conference', version: FIRST_VERSION }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    action: 'app/(staff)/clinician/availability/actions.ts#addExtraHoursAction',
    page: () => '/clinician/availability',
    call: (w) => ({ args: [{ date: w.freeDate, start: '09:00', end: '12:00', modalities: ['video'], label: '', version: FIRST_VERSION }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    // Booking A's clinician's time off: only they may remove it.
    action: 'app/(staff)/clinician/availability/actions.ts#removeOverrideAction',
    page: () => '/clinician/availability',
    call: (w) => ({ args: [{ overrideId: w.timeOffId, version: FIRST_VERSION }] }),
    expect: OWN_CLINICIAN_ACTION,
  },
  {
    // Practice-wide settings: any clinician of the practice.
    action: 'app/(staff)/clinician/settings/actions.ts#saveConsultationTypeAction',
    page: () => '/clinician/settings',
    call: (w) => ({
      args: [
        {
          typeId: w.typeId,
          version: FIRST_VERSION,
          durationMinutes: 45,
          feeDollars: '180',
          minNoticeHours: 24,
          horizonDays: 60,
          bufferBeforeMinutes: 0,
          bufferAfterMinutes: 10,
          incrementMinutes: 30,
          dailyCap: null,
          bookingMode: 'instant',
          active: true,
        },
      ],
    }),
    expect: OWN_HOURS_ACTION,
  },
  {
    // The practice's sign-in rule: any clinician of the practice; never the front desk.
    action: 'app/(staff)/clinician/settings/actions.ts#setTwoFactorForAllAction',
    page: () => '/clinician/settings',
    call: () => ({ args: [{ required: true, version: FIRST_VERSION }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    // The wording of clients' pages: any clinician of the practice; never the front desk.
    action: 'app/(staff)/clinician/settings/client-pages-actions.ts#saveClientPageSettingsAction',
    page: () => '/clinician/settings',
    call: () => ({ args: [{ sharedPageTitle: 'Appointment', crisisLineUs: '', crisisLineElsewhere: '', version: 1 }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    // How the practice's emails read: any clinician of the practice; never the front desk.
    action: 'app/(staff)/clinician/settings/message-actions.ts#saveMessageSettingsAction',
    page: () => '/clinician/settings',
    call: () => ({ args: [{ emailSenderName: 'Front office', reminderHoursBefore: 48, version: FIRST_VERSION }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    // A clinician's own video room link (each their own record); never the front desk.
    action: 'app/(staff)/clinician/settings/message-actions.ts#saveVideoRoomAction',
    page: () => '/clinician/settings',
    call: () => ({ args: [{ videoRoomUrl: 'https://meet.example.com/matrix-room' }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    // Unlocking a staff member's sign-in: clinicians of the practice; never the front desk or another practice.
    action: 'app/(staff)/clinician/staff/actions.ts#unlockStaffSignInAction',
    page: () => '/clinician/staff',
    call: (w) => ({ args: [{ staffUserId: w.frontDeskUserId }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    // A clinician's own calendar feed (each clinician theirs); never the front desk.
    action: 'app/(staff)/clinician/calendar-feed/actions.ts#createCalendarFeedAction',
    page: () => '/clinician/calendar-feed',
    call: () => ({ args: [{}] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    action: 'app/(staff)/clinician/calendar-feed/actions.ts#revokeCalendarFeedAction',
    page: () => '/clinician/calendar-feed',
    call: () => ({ args: [{}] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    action: 'app/(staff)/clinician/calendar-feed/actions.ts#setCalendarFeedNamesAction',
    page: () => '/clinician/calendar-feed',
    call: () => ({ args: [{ showsNames: true }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    // "Mark reviewed" on the past booking's sent intake: its own clinician only.
    action: 'app/(staff)/clinician/intakes/actions.ts#markIntakeReviewedAction',
    page: (w) => `/clinician/bookings/${w.past.id}/intake`,
    call: (w) => ({ args: [{ intakeId: w.intakeId }] }),
    expect: OWN_CLINICIAN_ACTION,
  },
  {
    // The practice's questionnaire (a new version): any clinician of the practice; never the front desk.
    action: 'app/(staff)/clinician/settings/intake/actions.ts#saveIntakeCustomizationAction',
    page: () => '/clinician/settings/intake',
    call: () => ({ args: [{ form: 'individual', customization: { disabledSections: ['sexual-health'], questions: [] }, expectedVersion: FIRST_VERSION }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    action: 'app/(staff)/clinician/settings/intake/actions.ts#setConsultationTypeIntakeAction',
    page: () => '/clinician/settings/intake',
    call: (w) => ({ args: [{ typeId: w.typeId, form: null }] }),
    expect: OWN_HOURS_ACTION,
  },
  {
    action: 'app/m/[token]/cancel/actions.ts#cancelBookingAction',
    page: (w, a) => `/m/${w.tokenFor(a)}/cancel`,
    call: (w, a) => ({ args: [w.tokenFor(a), null], form: { reason: '' } }),
    expect: LINK_ACTION,
  },
  {
    // A time nobody offers: the holder is answered on the merits; anyone else learns nothing.
    action: 'app/m/[token]/reschedule/actions.ts#rescheduleBookingAction',
    page: (w, a) => `/m/${w.tokenFor(a)}/reschedule`,
    call: (w, a) => ({
      args: [w.tokenFor(a), { startsAt: new Date(Math.floor(Date.now() / HOUR) * HOUR + 9 * 24 * HOUR + 7 * 60_000).toISOString(), clinicianId: crypto.randomUUID(), clientTimeZone: 'America/Chicago' }],
    }),
    expect: { ...LINK_ACTION, linkA: 'answered', linkB: 'answered' },
  },
  {
    // A code to the holder's own address (each world's booking asks for an intake).
    action: 'app/m/[token]/intake/actions.ts#requestIntakeCodeAction',
    page: (w, a) => `/m/${w.tokenFor(a)}/intake`,
    call: (w, a) => ({ args: [w.tokenFor(a)] }),
    expect: LINK_ACTION,
  },
  {
    // No code was asked for: the holder is told it has expired; anyone else learns nothing.
    action: 'app/m/[token]/intake/actions.ts#verifyIntakeCodeAction',
    page: (w, a) => `/m/${w.tokenFor(a)}/intake`,
    call: (w, a) => ({ args: [w.tokenFor(a), { code: '000000' }] }),
    expect: { ...LINK_ACTION, linkA: 'answered', linkB: 'answered' },
  },
  {
    // Without a remembered device nobody saves, not even the link's holder.
    action: 'app/m/[token]/intake/actions.ts#saveIntakeDraftAction',
    page: (w, a) => `/m/${w.tokenFor(a)}/intake`,
    call: (w, a) => ({ args: [w.tokenFor(a), { answers: { 'preferred-name': 'Matrix' }, step: 0 }] }),
    expect: each<ActionOutcome>('denied'),
    title: 'no remembered device',
  },
  {
    // Booking A's holder's device: saves A's draft; on B's link it opens nothing.
    action: 'app/m/[token]/intake/actions.ts#saveIntakeDraftAction',
    page: (w, a) => `/m/${w.tokenFor(a)}/intake`,
    call: (w, a) => ({ args: [w.tokenFor(a), { answers: { 'preferred-name': 'Matrix' }, step: 0 }] }),
    cookie: (w) => w.intakeDeviceCookie('a'),
    expect: { ...each<ActionOutcome>('denied'), linkA: 'ok' },
    title: 'the device remembered for booking A’s holder',
  },
  {
    // Nothing answered: A's holder is refused on the merits (required questions); B's link with A's device, nothing.
    action: 'app/m/[token]/intake/actions.ts#submitIntakeAction',
    page: (w, a) => `/m/${w.tokenFor(a)}/intake`,
    call: (w, a) => ({ args: [w.tokenFor(a), { answers: {}, submitKey: crypto.randomUUID() }] }),
    cookie: (w) => w.intakeDeviceCookie('a'),
    expect: { ...each<ActionOutcome>('denied'), linkA: 'answered' },
    title: 'the device remembered for booking A’s holder',
  },
  {
    action: 'app/m/[token]/intake/actions.ts#submitIntakeAction',
    page: (w) => `/m/${w.revokedToken}/intake`,
    call: (w) => ({ args: [w.revokedToken, { answers: {}, submitKey: crypto.randomUUID() }] }),
    cookie: (w) => w.intakeDeviceCookie('revoked'),
    expect: each<ActionOutcome>('denied'),
    title: 'a revoked link with its remembered device',
  },
];
