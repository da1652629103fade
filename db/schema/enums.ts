import { pgEnum } from 'drizzle-orm/pg-core';
import { MODALITIES } from '../../lib/scheduling/types';
import { CONSULTATION_OUTCOMES } from '../../lib/staff/dto';
import { INTAKE_FORMS, INTAKE_STATUSES } from '../../lib/intake/types';

export const modalityEnum = pgEnum('modality', MODALITIES);
export const audienceEnum = pgEnum('audience', ['individual', 'couple']);
export const bookingModeEnum = pgEnum('booking_mode', ['instant', 'request']);
export const overrideKindEnum = pgEnum('override_kind', ['time_off', 'extra_hours']);
export const bookingStatusEnum = pgEnum('booking_status', [
  'requested',
  'confirmed',
  'cancelled',
  'completed',
  'no_show',
]);
export const contactChannelEnum = pgEnum('contact_channel', ['email', 'phone', 'text']);
export const actorKindEnum = pgEnum('actor_kind', ['client', 'staff', 'system']);
export const linkHolderEnum = pgEnum('link_holder', ['primary', 'partner']);
/** What came of a consultation (issue 3): recorded by the clinician afterwards. */
export const consultationOutcomeEnum = pgEnum('consultation_outcome', CONSULTATION_OUTCOMES);
/** Which questionnaire a consultation type asks for (issue 9); null on the type = no intake. */
export const intakeFormEnum = pgEnum('intake_form', INTAKE_FORMS);
export const intakeStatusEnum = pgEnum('intake_status', INTAKE_STATUSES);
