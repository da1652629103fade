import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { staleRefusal, type StaleRefusal } from '../concurrency/edit-version';
import { bumpVersion, versionIs } from '../concurrency/versioned-write';
import { auditActorOf, notFound } from './access';

type FieldValues = Record<string, string | number | boolean>;

/**
 * One place for saving a group of the actor's practice's own fields under an edit version
 * (lib/concurrency): the row is locked, a stale version saves nothing and answers `stale` with
 * what is saved now, an unchanged save writes nothing, a change bumps the version and is audited as
 * 'practice.settings_changed' with the names of the fields that changed (never their text).
 * `columns` selects the group as saved, its edit version as `version`.
 */
export async function savePracticeFields<Saved extends FieldValues & { version: number }>(params: {
  actor: StaffActor;
  /** Names the group in the stale sentence: "The practice’s settings". */
  what: string;
  columns: { [K in keyof Saved]: PgColumn };
  /** Which edit version guards the group. */
  versionKey: 'settingsVersion' | 'clientPagesVersion';
  /** The fields to write (a subset of the group: the rest is read-only here). */
  next: Partial<Omit<Saved, 'version'>>;
  version: number;
  now: Date;
}): Promise<{ ok: true; settings: Saved; changed: boolean } | StaleRefusal<Saved>> {
  const { actor, columns, versionKey, next, version, now } = params;
  const versionColumn = practices[versionKey];
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = (await tx.select(columns).from(practices).where(eq(practices.id, actor.practiceId)).for('update')) as unknown as Saved[];
    if (!before) throw notFound();
    if (before.version !== version) return staleRefusal(params.what, before);
    const changedFields = Object.keys(next).filter((k) => before[k] !== (next as FieldValues)[k]);
    if (changedFields.length === 0) return { ok: true as const, settings: before, changed: false };
    const [updated] = await tx
      .update(practices)
      .set({ ...next, [versionKey]: bumpVersion(versionColumn), updatedAt: now })
      .where(and(eq(practices.id, actor.practiceId), versionIs(versionColumn, version)))
      .returning({ version: versionColumn });
    // The row is locked and its version was just compared: no match means the invariant broke.
    if (!updated) throw new Error(`${params.what}: the edit version changed under a lock.`);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'practice.settings_changed',
      subjectType: 'practice',
      subjectId: actor.practiceId,
      detail: { changed: changedFields.join(',') },
      at: now,
    });
    return { ok: true as const, settings: { ...before, ...next, version: updated.version } as Saved, changed: true };
  });
}
