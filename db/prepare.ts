/**
 * Runs before `npm run dev` / `npm run demo`: makes a fresh checkout runnable with nothing
 * else installed. Writes .env.local with fresh local secrets when it has none, then migrates
 * and seeds the configured database (the embedded one by default) and releases it, so the
 * app server can open it next.
 */
import fs from 'node:fs';
import { loadDotEnv } from './scripts-env';
import { withLocalSecrets } from './local-secrets';

function ensureLocalSecrets(): void {
  const file = '.env.local';
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const { text, added } = withLocalSecrets(existing, process.env);
  if (added.length === 0) return;
  fs.writeFileSync(file, text, { mode: 0o600 });
  console.log(`Wrote fresh local secrets to ${file} (${added.join(', ')}).`);
}

async function main() {
  ensureLocalSecrets();
  loadDotEnv();
  const { openDatabase, databaseOptionsFromEnv } = await import('./client');
  const { migrateDatabase } = await import('./migrator');
  const { seedDemoIfEmpty, seedDemoStaffIfMissing } = await import('./seed-demo');
  const options = databaseOptionsFromEnv();
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
    const seeded = await seedDemoIfEmpty(handle.db);
    const staffAdded = !seeded && (await seedDemoStaffIfMissing(handle.db));
    const where = options.driver === 'pglite' ? `embedded database in ${options.dataDir}` : `${options.driver} database`;
    console.log(`Database ready: ${where}${seeded ? ', demo practice seeded' : ''}${staffAdded ? ', demo staff sign-ins added' : ''}.`);
  } finally {
    await handle.close();
  }
  const port = process.env.PORT ?? '3000';
  console.log(`\n  Haven will be at http://localhost:${port} (staff: http://localhost:${port}/sign-in, see the README)\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
