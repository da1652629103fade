import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getAvailability } from '@/lib/availability/queries';
import { can } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { getStaffPractice } from '@/lib/staff/practice';
import { requireStaffPage } from '../../_lib/staff-guard';
import { MODALITY_NAMES } from '../_lib/format';
import { ConsultationTypeForm } from './_components/consultation-type-form';
import { TwoStepPolicyForm } from './_components/two-step-policy-form';
import { ClientPagesForm } from './_components/client-pages-form';
import { getClientPageSettings } from '@/lib/staff/client-pages';
import { getMessageSettings } from '@/lib/staff/message-settings';
import { getOwnVideoRoom } from '@/lib/staff/video-room';
import { MessageSettingsForm } from './_components/message-settings-form';
import { VideoRoomForm } from './_components/video-room-form';

export const metadata: Metadata = { title: 'Consultation types' };

const AUDIENCE = { individual: 'Individual', couple: 'Couples' } as const;

/** The practice's consultation types and how each is booked. Clinicians only ('consultation_types.edit'). */
export default async function ConsultationTypesPage() {
  const { actor } = await requireStaffPage('consultation_types.edit');
  if (!actor.clinicianId) notFound();
  const clinicianId = actor.clinicianId;
  const view = await getAvailability({ actor, clinicianId }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  if (!view.canEditTypes) notFound();
  const practice = can(actor, 'practice.edit_security') ? await getStaffPractice({ actor }) : null;
  const clientPages = can(actor, 'practice.edit_client_pages') ? await getClientPageSettings({ actor }) : null;
  const messageSettings = can(actor, 'practice.edit_messages') ? await getMessageSettings({ actor }) : null;
  const videoRoom = can(actor, 'clinician.edit_own_profile') ? await getOwnVideoRoom({ actor }) : null;

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Consultation types</h1>
      <p className="mt-2 text-ink-muted">
        How each consultation is booked, for everyone in the practice. Changes shape new bookings; existing bookings keep their times, and
        after saving you see any that a new length or buffer would affect.
      </p>
      {can(actor, 'practice.edit_intake') ? (
        <p className="mt-2">
          <Link prefetch={false} href="/clinician/settings/intake" className="font-medium text-accent underline underline-offset-4">
            Intake questions
          </Link>
          <span className="text-ink-muted">: which questionnaire each consultation asks, and your own questions.</span>
        </p>
      ) : null}
      {view.consultationTypes.length === 0 ? (
        <p className="mt-8 text-ink" data-testid="no-types">
          The practice has no consultation types yet.
        </p>
      ) : (
        view.consultationTypes.map((type) => (
          <section key={type.id} aria-labelledby={`type-${type.id}-heading`} className="mt-10">
            <h2 id={`type-${type.id}-heading`} className="font-serif text-xl font-semibold text-ink">
              {type.title}
            </h2>
            <p className="mt-1 mb-3 text-ink-muted">
              {AUDIENCE[type.audience]} · {MODALITY_NAMES[type.modality]}
              {type.offered ? ' · you offer this' : ''}
              {type.active ? '' : ' · hidden from clients'}
            </p>
            <ConsultationTypeForm type={type} timeZone={view.timeZone} />
          </section>
        ))
      )}
      {videoRoom ? (
        <section aria-labelledby="video-room-heading" className="mt-14 border-t border-line pt-8">
          <h2 id="video-room-heading" className="font-serif text-xl font-semibold text-ink">
            Your video room
          </h2>
          <VideoRoomForm initial={videoRoom.videoRoomUrl} />
        </section>
      ) : null}
      {messageSettings ? (
        <section aria-labelledby="messages-settings-heading" className="mt-14 border-t border-line pt-8">
          <h2 id="messages-settings-heading" className="font-serif text-xl font-semibold text-ink">
            Emails to clients
          </h2>
          <MessageSettingsForm initial={messageSettings} />
        </section>
      ) : null}
      {practice ? (
        <section aria-labelledby="sign-in-rule-heading" className="mt-14 border-t border-line pt-8">
          <h2 id="sign-in-rule-heading" className="font-serif text-xl font-semibold text-ink">
            Sign-in
          </h2>
          <TwoStepPolicyForm initial={practice.requireTwoFactorForAll} initialVersion={practice.settingsVersion} />
        </section>
      ) : null}
      {clientPages ? (
        <section aria-labelledby="client-pages-heading" className="mt-14 border-t border-line pt-8">
          <h2 id="client-pages-heading" className="font-serif text-xl font-semibold text-ink">
            What clients&apos; pages say
          </h2>
          <ClientPagesForm initial={clientPages} />
        </section>
      ) : null}
    </div>
  );
}
