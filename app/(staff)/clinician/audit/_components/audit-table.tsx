import { getRequestLocale } from '@/app/_lib/request-locale';
import { formatMoment } from '@/components/booking/format';
import type { AuditEventDto } from '@/lib/audit/dto';
import { describeAuditEvent } from '@/lib/audit/labels';

/**
 * One row per entry: when (practice zone), who, what in plain words, which record (a name or a
 * short reference such as "Booking 3F2A9C10"). Nothing else of an entry is shown.
 */
export async function AuditTable({ events, timeZone }: { events: AuditEventDto[]; timeZone: string }) {
  const locale = await getRequestLocale();
  return (
    <div className="mt-6 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <thead>
          <tr className="border-b border-line-strong text-ink-muted">
            <th scope="col" className="py-2 pr-4 font-medium">When</th>
            <th scope="col" className="py-2 pr-4 font-medium">Who</th>
            <th scope="col" className="py-2 pr-4 font-medium">What</th>
            <th scope="col" className="py-2 font-medium">Record</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="border-b border-line align-top" data-testid="audit-row">
              <td className="py-2 pr-4 whitespace-nowrap tabular-nums">
                <time dateTime={event.occurredAt}>{formatMoment(Date.parse(event.occurredAt), timeZone, locale)}</time>
              </td>
              <td className="py-2 pr-4">{event.actor.displayName}</td>
              <td className="py-2 pr-4">{describeAuditEvent(event)}</td>
              <td className="py-2">{event.subject.label ?? <span className="text-ink-muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
