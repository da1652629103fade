import { notFound } from 'next/navigation';
import { LeaveQuickly } from '@/components/intake/leave-quickly';
import { SentView } from '@/components/intake/sent-view';
import { Notice } from '@/components/ui/notice';
import { getIntakeForClient } from '@/lib/intake/client-intake';
import { getIntakeGate } from '@/lib/intake/device-access';
import { loadManagedBooking } from '../../../_lib/booking-data';
import { linkActorOrNotFound } from '../../../_lib/link-token';
import { IntakeClient } from './_components/intake-client';
import { IntakeGate } from './_components/intake-gate';
import { deviceTokenFromCookie } from './_lib/device-cookie';

export const dynamic = 'force-dynamic';

/**
 * A link holder's own intake. Without a remembered device (the emailed code) it shows the gate
 * and not one answer; then the form (or, once sent, what was sent, read only). The <head> is the
 * private link's neutral one (layout): nothing here names an intake. No loading.tsx: an unknown
 * link must stay a real 404 (app/_lib/booking-data.ts).
 */
export default async function IntakePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = linkActorOrNotFound(token);
  const booking = await loadManagedBooking(token);
  if (!booking) notFound();
  const now = new Date();
  const deviceToken = await deviceTokenFromCookie();
  const gate = await getIntakeGate({ actor, deviceToken, now });
  if (!gate) notFound();
  const leaveUrl = `/m/${token}/intake/leave`;
  const phone = booking.practice.phone || null;
  const timeZone = booking.holderTimeZone ?? booking.practice.timeZone;

  if (gate.state === 'none') {
    return (
      <div className="space-y-6">
        <h1 className="font-serif text-3xl font-semibold text-ink">Nothing to fill in</h1>
        <p className="text-lg text-ink-muted">There are no questions to answer before this consultation.</p>
        <BackLink token={token} />
      </div>
    );
  }
  if (gate.state === 'needs_code') return <IntakeGate token={token} maskedEmail={gate.maskedEmail} phone={phone} />;

  const intake = await getIntakeForClient({ actor, deviceToken, now });
  if (!intake) notFound();

  if (intake.sent) {
    return (
      <div className="space-y-6">
        <div className="flex justify-end">
          <LeaveQuickly leaveUrl={leaveUrl} />
        </div>
        <SentView
          questionnaire={intake.questionnaire}
          answers={intake.sent.stored.answers}
          signatures={intake.sent.stored.signatures}
          submittedAt={intake.sent.submittedAt}
          timeZone={timeZone}
          firstName={intake.firstName}
          flags={intake.flags}
        />
        <BackLink token={token} />
      </div>
    );
  }

  if (!intake.open) {
    return (
      <div className="space-y-6">
        <div className="flex justify-end">
          <LeaveQuickly leaveUrl={leaveUrl} />
        </div>
        <h1 className="font-serif text-3xl font-semibold text-ink">These questions are closed</h1>
        <Notice tone="info" title="No answers are taken any more" role="status" testId="intake-closed">
          <p>This consultation was cancelled, or its time has passed, so these questions can no longer be answered here.</p>
        </Notice>
        <BackLink token={token} />
      </div>
    );
  }

  return (
    <IntakeClient token={token} questionnaire={intake.questionnaire} draft={intake.draft} savedAt={intake.savedAt} flags={intake.flags} firstName={intake.firstName} timeZone={timeZone} />
  );
}

function BackLink({ token }: { token: string }) {
  return (
    <p>
      <a href={`/m/${token}`} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
        <span aria-hidden="true">←&nbsp;</span>Back to your consultation
      </a>
    </p>
  );
}
