import fs from 'node:fs';

/**
 * Scripts run outside Next.js, which is what normally reads .env files: load them the same way
 * (.env.local wins over .env; variables already set win over both).
 */
export function loadDotEnv(): void {
  for (const file of ['.env.local', '.env']) {
    if (fs.existsSync(file)) process.loadEnvFile(file);
  }
}
