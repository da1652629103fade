import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { cancelTextAssociatedData, cancellationKindOf } from '../../lib/bookings/cancellation-text';
import { encryptText, parseKeyring } from '../../lib/crypto/envelope';
import { env } from '../../lib/env';

const PENDING_COLUMN = 'cancel_reason_plaintext_pending';

type PendingRow = { id: string; cancelled_by: 'client' | 'staff' | 'system' | null; declined: boolean; reason: string };

/**
 * Migration 0007 set the old plaintext cancel reasons aside (SQL cannot encrypt: the keys are not
 * in the database). This encrypts each into `cancel_text_ciphertext` with its purpose's associated
 * data, then drops the plaintext column, in one transaction: either every reason is encrypted and
 * the column is gone, or nothing changed. Idempotent: once the column is gone it does nothing.
 * Needs HAVEN_DATA_KEYS only when there is something to encrypt.
 */
export async function encryptPendingCancelTexts(db: Database): Promise<number> {
  const exists = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from information_schema.columns where table_schema = current_schema() and table_name = 'bookings' and column_name = ${PENDING_COLUMN}`,
    ),
  );
  if (Number(exists[0]?.n ?? 0) === 0) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table bookings in share row exclusive mode`);
    const pending = rowsOf<PendingRow>(
      await tx.execute(
        sql`select id, cancelled_by, declined, ${sql.identifier(PENDING_COLUMN)} as reason from bookings where ${sql.identifier(PENDING_COLUMN)} is not null`,
      ),
    );
    if (pending.length > 0) {
      const keyring = parseKeyring(env().HAVEN_DATA_KEYS);
      for (const row of pending) {
        const kind = cancellationKindOf({ cancelledBy: row.cancelled_by, declined: row.declined }) ?? 'practice';
        const envelope = encryptText(keyring, row.reason, cancelTextAssociatedData(kind, row.id));
        await tx.execute(sql`update bookings set cancel_text_ciphertext = ${envelope} where id = ${row.id}`);
      }
    }
    await tx.execute(sql`alter table bookings drop column if exists ${sql.identifier(PENDING_COLUMN)}`);
    return pending.length;
  });
}

/** node-postgres and Neon return `{ rows }`, PGlite too; tolerate a bare array. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
