/**
 * The audit log view's rows: allow-listed, plain JSON. `detail` holds identifiers and
 * non-sensitive facts only (lib/audit/record.ts); names are resolved for display.
 */
export type AuditEventDto = {
  id: string;
  /** ISO instant (millisecond precision). */
  occurredAt: string;
  /** e.g. 'staff.sign_in.succeeded', 'booking.cancelled', 'availability.hours_changed'. */
  action: string;
  actor: {
    kind: 'client' | 'staff' | 'system';
    /** The staff user, when the actor is a staff member of this practice. */
    staffUserId: string | null;
    /** A staff member's display name; "Client", "Client's partner", "System" or "Unknown". */
    displayName: string;
  };
  subject: {
    type: string;
    id: string | null;
    /** A name or short reference for display; null when there is nothing to show. */
    label: string | null;
  };
  detail: Record<string, string | number | boolean | null>;
};

export type AuditPage = {
  events: AuditEventDto[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
};
