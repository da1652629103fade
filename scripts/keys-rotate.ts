/**
 * `npm run keys:rotate`: re-encrypts every encrypted value (client notes, cancellation texts,
 * sealed link tokens, clinician notes, two-step secrets, staff drafts, intakes and intake codes:
 * lib/crypto/encrypted-columns.ts) that is not under the active key, so an old key can then be
 * removed from HAVEN_DATA_KEYS.
 *
 *   1. Put the new key first and keep the old ones:  HAVEN_DATA_KEYS="k2:<new>,k1:<old>"
 *      (restart the app with it, so new values are written under k2),
 *   2. npm run keys:rotate        (200 values per transaction; prints progress and counts),
 *   3. when it reports nothing left under other keys, drop k1 from HAVEN_DATA_KEYS.
 *
 * Resumable: stopped half-way (Ctrl-C, a lost connection), a rerun continues with what is left.
 * Safe beside the running app on a server database (a value the app changed meanwhile is left
 * as the app wrote it). The embedded database can be opened by one process only: stop the app
 * first (the script refuses a folder in use). Prints counts only, never a value.
 *
 * Exit codes: 0 done, nothing left under an old key · 1 an error · 3 some values open with no key
 * of HAVEN_DATA_KEYS (keep every old key until they are dealt with).
 */
import { parseArgs } from 'node:util';
import { loadDotEnv } from '../db/scripts-env';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log('Usage: npm run keys:rotate [-- --batch-size 200]   (HAVEN_DATA_KEYS="new:…,old:…")');
    return 0;
  }
  const batchSize = values['batch-size'] ? Number.parseInt(values['batch-size'], 10) : 200;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    console.error('--batch-size must be a whole number from 1 to 10000.');
    return 2;
  }
  loadDotEnv();
  const { env } = await import('../lib/env');
  const { parseKeyring } = await import('../lib/crypto/envelope');
  const keyring = parseKeyring(env().HAVEN_DATA_KEYS);
  const { openDatabase, databaseOptionsFromEnv } = await import('../db/client');
  const { migrateDatabase } = await import('../db/migrator');
  const { ENCRYPTED_COLUMNS, rotateEncryptedColumns, countNotUnderKey, columnName } = await import('../lib/crypto/encrypted-columns');
  // Refuses an embedded database folder another process holds (db/pglite-lock.ts).
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    if (handle.driver === 'pglite') await migrateDatabase(handle);
    const others = [...keyring.all.keys()].filter((id) => id !== keyring.active.id);
    console.log(`Active key: ${keyring.active.id}${others.length ? `; re-encrypting values under ${others.join(', ')} (and any other key)` : ''}. ${handle.driver} database, ${batchSize} values per transaction.`);
    const results = await rotateEncryptedColumns(handle.db, keyring, {
      batchSize,
      onBatch: (p) => console.log(`  ${p.column}: ${p.rotated} of ${p.pendingBefore} re-encrypted${p.unreadable ? `, ${p.unreadable} unreadable` : ''}`),
    });
    let left = 0;
    let unreadable = 0;
    for (const r of results) {
      const remaining = await countNotUnderKey(handle.db, ENCRYPTED_COLUMNS.find((c) => columnName(c) === r.column)!, keyring.active.id);
      left += remaining;
      unreadable += r.unreadable;
      console.log(`${r.column}: ${r.rotated} re-encrypted, ${remaining} still under another key${r.unreadable ? ` (${r.unreadable} open with no key given)` : ''}.`);
    }
    if (unreadable > 0) {
      console.error(`${unreadable} value(s) open with no key in HAVEN_DATA_KEYS: keep every old key until they are dealt with.`);
      return 3;
    }
    console.log(left === 0 ? `Done: every value is under ${keyring.active.id}. The other keys can be removed from HAVEN_DATA_KEYS.` : `${left} value(s) still under another key (written meanwhile by an app with another active key?): run again.`);
    return left === 0 ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`keys:rotate: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    process.exit(1);
  },
);
