import { z } from 'zod';
import { parseKeyring } from './crypto/envelope';

/**
 * The environment, validated once. Every variable is documented in .env.example.
 * Read through `env()`; never touch process.env elsewhere (tests may reset with `resetEnvForTests`).
 */
const DRIVERS = ['pglite', 'pg', 'neon'] as const;
export type DatabaseDriver = (typeof DRIVERS)[number];

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
        message: 'DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for the embedded database)',
      }),
    DATABASE_DRIVER: z.enum(DRIVERS).optional(),
    PGLITE_DATA_DIR: z.string().trim().min(1).default('.data/pglite'),
    /** Only for tests and local runs of the Neon driver: host:port of a WebSocket→TCP proxy. */
    NEON_LOCAL_PROXY: z.string().trim().optional(),
    /** Which practice this deployment serves (slug); default: the first one created. */
    HAVEN_PRACTICE_SLUG: z.string().trim().min(1).optional(),
    /**
     * The public origin (scheme, host, port) every absolute link is built from — the partner's
     * private link, ICS files, emails — never the request's Host or X-Forwarded-Host headers.
     * Default http://localhost:3000; required in production with a DATABASE_URL.
     */
    APP_URL: z
      .string()
      .url()
      .refine((v) => /^https?:\/\//i.test(v), { message: 'APP_URL must be an http:// or https:// URL' })
      .optional(),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For (lib/abuse/client-address.ts).
     * 0 (default): `next start` faces clients directly; the socket address is the client.
     */
    HAVEN_TRUSTED_PROXY_HOPS: z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, { message: 'HAVEN_TRUSTED_PROXY_HOPS must be a whole number from 0 to 10' })
      .transform(Number)
      .refine((n) => n <= 10, { message: 'HAVEN_TRUSTED_PROXY_HOPS must be a whole number from 0 to 10' })
      .default(0),
    /**
     * Data-encryption keys, "id:base64(32 bytes)" separated by commas; the first encrypts,
     * all decrypt (rotation). Required: without it nothing sensitive can be written.
     */
    HAVEN_DATA_KEYS: z.string().trim().optional(),
    /** Secret mixed into hashes of IP addresses for rate limits. */
    HAVEN_HASH_SECRET: z.string().trim().optional(),
    /**
     * Signs and encrypts staff session cookies (next-auth v4). `AUTH_SECRET` is accepted as an
     * alias (next-auth reads both). Required in production with a DATABASE_URL.
     */
    NEXTAUTH_SECRET: z.string().trim().optional(),
    AUTH_SECRET: z.string().trim().optional(),
    /**
     * Public origin next-auth builds its URLs from (next-auth reads it itself; unset, v4 assumes
     * http://localhost:3000). Required in production with a DATABASE_URL.
     */
    NEXTAUTH_URL: z.string().url().optional(),
    /**
     * Outgoing mail: smtp://user:pass@host:587 or smtps://… (nodemailer, pooled connections).
     * Unset: outside production and on the embedded demo, messages go to the development mailbox
     * (/dev/mailbox); in production on a server database nothing can be sent, and the app says so.
     */
    SMTP_URL: z
      .string()
      .trim()
      .refine((v) => /^smtps?:\/\//i.test(v), { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
      .optional(),
    /** The address messages come from (the name is the practice's sender name). Default: no-reply@<APP_URL host>. */
    MAIL_FROM: z.string().trim().email({ message: 'MAIL_FROM must be an email address' }).optional(),
    /**
     * Where the job queue's worker runs: 'in-process' (inside the app; the default on the embedded
     * database and in development), 'separate' (`npm run worker` processes, or the cron route).
     */
    HAVEN_WORKER: z.enum(['in-process', 'separate']).optional(),
    /** Bearer secret for /api/cron (a serverless scheduler's call); unset = the route answers 404. */
    HAVEN_CRON_SECRET: z.string().trim().min(32, { message: 'HAVEN_CRON_SECRET must be at least 32 characters' }).optional(),
    /** First retry delay for a failed delivery, in seconds (doubling, up to an hour). Default 30. */
    HAVEN_DELIVERY_RETRY_SECONDS: z.string().trim().regex(/^\d{1,4}$/).transform(Number).optional(),
  })
  .transform((e) => ({
    ...e,
    databaseDriver: pickDriver(e.DATABASE_URL, e.DATABASE_DRIVER),
    /** APP_URL's origin ("https://book.example.com"), for absolute links. */
    publicOrigin: new URL(e.APP_URL ?? 'http://localhost:3000').origin,
    /** How mail leaves: SMTP, the development mailbox, or nowhere (production without SMTP: said at start-up and on staff pages). */
    mailTransport: e.SMTP_URL ? ('smtp' as const) : e.NODE_ENV !== 'production' || pickDriver(e.DATABASE_URL, e.DATABASE_DRIVER) === 'pglite' ? ('mailbox' as const) : ('none' as const),
    workerMode: e.HAVEN_WORKER ?? (pickDriver(e.DATABASE_URL, e.DATABASE_DRIVER) === 'pglite' || e.NODE_ENV === 'development' ? ('in-process' as const) : ('separate' as const)),
  }));

export type Env = z.output<typeof envSchema>;

function pickDriver(url: string | undefined, explicit: DatabaseDriver | undefined): DatabaseDriver {
  if (explicit) return explicit;
  if (!url) return 'pglite';
  const host = safeHost(url);
  return host.endsWith('.neon.tech') || host.endsWith('.neon.build') ? 'neon' : 'pg';
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  // An empty value (`NAME=` in a .env file) means unset.
  const present = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const problems = startupProblems(parsed.data);
  if (problems.length > 0) throw new Error(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  cached = parsed.data;
  return cached;
}

/** Rules across variables. Encryption fails closed: no usable key, no start. */
export function startupProblems(e: Env): string[] {
  const problems: string[] = [];
  if (e.databaseDriver !== 'pglite' && !e.DATABASE_URL) problems.push(`DATABASE_URL: required when DATABASE_DRIVER=${e.databaseDriver}`);
  if (e.NODE_ENV !== 'test') {
    try {
      parseKeyring(e.HAVEN_DATA_KEYS);
    } catch (err) {
      problems.push(`HAVEN_DATA_KEYS: ${(err as Error).message} Run \`npm run dev\` once to create local secrets, or see .env.example.`);
    }
  }
  if (e.NODE_ENV === 'production' && e.databaseDriver !== 'pglite' && !e.HAVEN_HASH_SECRET) {
    problems.push('HAVEN_HASH_SECRET: required in production.');
  }
  // Staff sessions (issue 3). The demo-password check needs the database: it is
  // assertNoDemoPasswords() in lib/auth, run by db/client.ts when the database first opens.
  if (e.NODE_ENV === 'production' && e.databaseDriver !== 'pglite' && (e.NEXTAUTH_SECRET ?? e.AUTH_SECRET ?? '').length < 32) {
    problems.push('NEXTAUTH_SECRET: required in production, at least 32 characters (e.g. `openssl rand -base64 32`).');
  }
  if (e.NODE_ENV === 'production' && e.databaseDriver !== 'pglite' && !e.APP_URL) {
    problems.push('APP_URL: required in production (the public origin links are built from, e.g. https://book.example.com).');
  }
  if (e.NODE_ENV === 'production' && e.databaseDriver !== 'pglite' && !e.NEXTAUTH_URL) {
    problems.push('NEXTAUTH_URL: required in production (the public origin, e.g. https://book.example.com).');
  }
  if (e.databaseDriver === 'pglite' && e.HAVEN_WORKER === 'separate') {
    problems.push('HAVEN_WORKER: the embedded database can only be worked inside the app process (unset HAVEN_WORKER, or use a server DATABASE_URL).');
  }
  return problems;
}

export function resetEnvForTests(): void {
  cached = undefined;
}
