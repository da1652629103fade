import type { StaffBookingDetail } from '@/lib/staff/dto';

const CHANNEL_LABELS: Record<StaffBookingDetail['contact']['preferredChannel'], string> = {
  email: 'Email',
  phone: 'Phone call',
  text: 'Text message',
};

/** What the client agreed to be contacted by, in words ("email, text"). */
function permittedChannels(contact: StaffBookingDetail['contact']): string {
  const allowed = [contact.okToEmail && 'email', contact.okToText && 'text', contact.okToLeaveVoicemail && 'leave a voicemail'].filter(Boolean);
  return allowed.join(', ') || 'nothing beyond the preferred channel';
}

/**
 * A booking's contact details and contact preferences, the same for the front desk and the
 * clinician (both hold 'booking.read_contact'). Nothing clinical: the DTO has no field for it.
 */
export function ContactDetails({ booking, headingClassName }: { booking: StaffBookingDetail; headingClassName: string }) {
  const { contact } = booking;
  return (
    <section aria-labelledby="contact-heading" className="mt-8">
      <h2 id="contact-heading" className={headingClassName}>
        Contact
      </h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-ink">
        <dt className="text-ink-muted">Email</dt>
        <dd>
          <a href={`mailto:${contact.email}`} className="text-accent underline underline-offset-4">
            {contact.email}
          </a>
        </dd>
        <dt className="text-ink-muted">Phone</dt>
        <dd>
          <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} className="text-accent underline underline-offset-4">
            {contact.phone}
          </a>
        </dd>
        <dt className="text-ink-muted">Prefers</dt>
        <dd>{CHANNEL_LABELS[contact.preferredChannel]}</dd>
        <dt className="text-ink-muted">OK to</dt>
        <dd>{permittedChannels(contact)}</dd>
        {booking.partner ? (
          <>
            <dt className="text-ink-muted">Partner</dt>
            <dd>
              {booking.partner.name ?? '—'}
              {booking.partner.email ? ` · ${booking.partner.email}` : ''}
            </dd>
          </>
        ) : null}
        <dt className="text-ink-muted">Client’s time zone</dt>
        <dd>{booking.clientTimeZone}</dd>
      </dl>
    </section>
  );
}
