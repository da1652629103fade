/** `npm run db:migrate`: applies db/migrations to the configured database (any driver). */
import { loadDotEnv } from './scripts-env';

async function main() {
  loadDotEnv();
  const { openDatabase, databaseOptionsFromEnv } = await import('./client');
  const { migrateDatabase } = await import('./migrator');
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrateDatabase(handle);
    console.log(`Migrations applied (${handle.driver}).`);
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
