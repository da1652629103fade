import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { totpAssociatedData } from '../auth/totp-secret';
import { noteAssociatedData } from '../bookings/commands';
import { cancelTextAssociatedData, cancellationKindOf } from '../bookings/cancellation-text';
import { linkTokenAssociatedData } from '../bookings/link-token-seal';
import { staffDraftAssociatedData } from '../drafts/staff-drafts';
import { intakeAssociatedData } from '../intake/intake-crypto';
import { clinicianNotesAssociatedData } from '../staff/clinical-notes';
import { decryptText, encryptText, type Keyring } from './envelope';

/**
 * Every column that holds an AES-256-GCM envelope (lib/crypto/envelope.ts), with what it takes to
 * open one: the row's key (to walk the table in batches and to write a value back) and the
 * associated data its writer bound it to, computed from the row by the writer's own function.
 * Key rotation (scripts/keys-rotate.ts) re-encrypts exactly these; a db test checks that every
 * `*_ciphertext` column of the schema is listed here.
 */
type Row = Record<string, unknown>;
export type EncryptedColumn = {
  table: string;
  column: string;
  /** The primary key's columns, in order (keyset batches, writes). */
  keyColumns: readonly string[];
  /** Other columns the associated data is computed from. */
  readColumns?: readonly string[];
  associatedData(row: Row): string;
};

const str = (row: Row, column: string) => String(row[column]);

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'bookings', column: 'client_note_ciphertext', keyColumns: ['id'], associatedData: (r) => noteAssociatedData(str(r, 'id')) },
  {
    table: 'bookings',
    column: 'cancel_text_ciphertext',
    keyColumns: ['id'],
    readColumns: ['cancelled_by', 'declined'],
    associatedData: (r) => {
      const kind = cancellationKindOf({ cancelledBy: r.cancelled_by as 'client' | 'staff' | 'system' | null, declined: r.declined === true || r.declined === 't' });
      if (!kind) throw new Error('a cancellation text on a booking that was not cancelled');
      return cancelTextAssociatedData(kind, str(r, 'id'));
    },
  },
  { table: 'booking_links', column: 'token_ciphertext', keyColumns: ['id'], readColumns: ['token_hash'], associatedData: (r) => linkTokenAssociatedData(str(r, 'token_hash')) },
  { table: 'consultation_records', column: 'clinician_notes_ciphertext', keyColumns: ['booking_id'], associatedData: (r) => clinicianNotesAssociatedData(str(r, 'booking_id')) },
  { table: 'staff_users', column: 'totp_secret_ciphertext', keyColumns: ['id'], associatedData: (r) => totpAssociatedData(str(r, 'id')) },
  { table: 'staff_drafts', column: 'values_ciphertext', keyColumns: ['user_id', 'form_key'], associatedData: (r) => staffDraftAssociatedData(str(r, 'user_id'), str(r, 'form_key')) },
  { table: 'intakes', column: 'draft_ciphertext', keyColumns: ['id'], associatedData: (r) => intakeAssociatedData('draft', str(r, 'id')) },
  { table: 'intakes', column: 'answers_ciphertext', keyColumns: ['id'], associatedData: (r) => intakeAssociatedData('answers', str(r, 'id')) },
  { table: 'intakes', column: 'summary_ciphertext', keyColumns: ['id'], associatedData: (r) => intakeAssociatedData('summary', str(r, 'id')) },
  { table: 'intake_codes', column: 'code_ciphertext', keyColumns: ['id'], associatedData: (r) => intakeAssociatedData('code', str(r, 'id')) },
];

export const columnName = (c: EncryptedColumn) => `${c.table}.${c.column}`;

/** The envelope columns the database has (by name: `*_ciphertext`), for the completeness check. */
export async function envelopeColumnsInDatabase(db: Database): Promise<string[]> {
  const rows = rowsOf<{ table_name: string; column_name: string }>(
    await db.execute(
      sql`select table_name, column_name from information_schema.columns where table_schema = current_schema() and column_name like '%ciphertext%' order by 1, 2`,
    ),
  );
  return rows.map((r) => `${r.table_name}.${r.column_name}`);
}

export type RotationProgress = { column: string; rotated: number; unreadable: number; pendingBefore: number };

/** The key id an envelope was sealed with (`v1.<keyId>.…`). */
const keyIdOf = (column: SQL) => sql`split_part(${column}, '.', 2)`;

/** How many values of a column are not under the active key. */
export async function countNotUnderKey(db: Database, c: EncryptedColumn, activeKeyId: string): Promise<number> {
  const col = sql.identifier(c.column);
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from ${sql.identifier(c.table)} where ${col} is not null and ${keyIdOf(sql`${col}`)} <> ${activeKeyId}`),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Re-encrypts every value of every envelope column that is not under the keyring's active key
 * (the first of HAVEN_DATA_KEYS), `batchSize` rows per transaction, walking each table once in
 * key order. A value is written back only if it is still the one that was read (a row the app
 * changed meanwhile keeps the app's newer value). Resumable: a rerun finds only what is left. A
 * value that opens with no key of the keyring is counted as unreadable and left as it is (its
 * key must stay until it is dealt with); nothing about its content is reported.
 */
export async function rotateEncryptedColumns(
  db: Database,
  keyring: Keyring,
  options: { batchSize?: number; onBatch?: (p: RotationProgress) => void; columns?: readonly EncryptedColumn[] } = {},
): Promise<RotationProgress[]> {
  const batchSize = options.batchSize ?? 200;
  const active = keyring.active.id;
  const results: RotationProgress[] = [];
  for (const c of options.columns ?? ENCRYPTED_COLUMNS) {
    const progress: RotationProgress = { column: columnName(c), rotated: 0, unreadable: 0, pendingBefore: await countNotUnderKey(db, c, active) };
    const table = sql.identifier(c.table);
    const col = sql.identifier(c.column);
    const keys = c.keyColumns.map((k) => sql.identifier(k));
    const selected = sql.join([...c.keyColumns, ...(c.readColumns ?? [])].map((k) => sql.identifier(k)), sql`, `);
    const keyTuple = sql`(${sql.join(keys, sql`, `)})`;
    let after: unknown[] | null = null;
    while (progress.pendingBefore > 0) {
      const batch = await db.transaction(async (tx) => {
        const from: SQL = after ? sql` and ${keyTuple} > (${sql.join(after.map((v) => sql`${v}`), sql`, `)})` : sql``;
        const rows = rowsOf<Row & { envelope: string }>(
          await tx.execute(
            sql`select ${selected}, ${col} as envelope from ${table} where ${col} is not null and ${keyIdOf(sql`${col}`)} <> ${active}${from} order by ${sql.join(keys, sql`, `)} limit ${batchSize}`,
          ),
        );
        let rotated = 0;
        let unreadable = 0;
        for (const row of rows) {
          let fresh: string;
          try {
            const ad = c.associatedData(row);
            fresh = encryptText(keyring, decryptText(keyring, row.envelope, ad), ad);
          } catch {
            unreadable += 1;
            continue;
          }
          const match = sql.join(
            c.keyColumns.map((k) => sql`${sql.identifier(k)} = ${row[k]}`),
            sql` and `,
          );
          const updated = rowsOf<{ one: number }>(await tx.execute(sql`update ${table} set ${col} = ${fresh} where ${match} and ${col} = ${row.envelope} returning 1 as one`));
          rotated += updated.length;
        }
        return { rows, rotated, unreadable };
      });
      progress.rotated += batch.rotated;
      progress.unreadable += batch.unreadable;
      if (batch.rows.length > 0) options.onBatch?.({ ...progress });
      if (batch.rows.length < batchSize) break;
      const last = batch.rows[batch.rows.length - 1]!;
      after = c.keyColumns.map((k) => last[k]);
    }
    results.push(progress);
  }
  return results;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}
