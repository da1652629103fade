import 'server-only';
import type { Executor } from '../../db/client';
import { auditEvents } from '../../db/schema';

export type AuditActor = { kind: 'client' | 'staff' | 'system'; id: string | null };

/**
 * Appends to the audit log. `detail` is for identifiers and non-sensitive facts only (never a
 * note, an intake answer or a reason for visit): the type forbids nested objects to keep it so.
 */
export async function recordAudit(
  db: Executor,
  event: {
    actor: AuditActor;
    action: string;
    subjectType: string;
    subjectId: string | null;
    detail?: Record<string, string | number | boolean | null>;
    at?: Date;
  },
): Promise<void> {
  await db.insert(auditEvents).values({
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    detail: event.detail ?? {},
    occurredAt: event.at ?? new Date(),
  });
}
