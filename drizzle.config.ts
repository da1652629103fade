import { defineConfig } from 'drizzle-kit';

// Used for `drizzle-kit generate` (no database needed). Migrations are applied by db/migrate.ts
// for every driver, because PGlite needs its extensions loaded on open.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: undefined,
});
