/** `npm run db:seed`: migrates, then adds the demo practice if the database has none. */
import { loadDotEnv } from './scripts-env';

async function main() {
  loadDotEnv();
  const { openDatabase, databaseOptionsFromEnv } = await import('./client');
  const { migrateDatabase } = await import('./migrator');
  const { seedDemoIfEmpty } = await import('./seed-demo');
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrateDatabase(handle);
    const seeded = await seedDemoIfEmpty(handle.db);
    console.log(seeded ? `Demo practice seeded (${handle.driver}).` : 'A practice already exists: nothing seeded.');
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
