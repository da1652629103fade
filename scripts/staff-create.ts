/**
 * `npm run staff:create`: creates a staff user for a real practice. Non-interactive.
 *
 *   printf '%s' "$PASSWORD" | npm run staff:create -- --email ana@example.com --name "Ana Ruiz" \
 *       --role clinician --clinician-id <uuid> [--practice-slug demo] --password-stdin
 *   STAFF_PASSWORD=… npm run staff:create -- --email … --name … --role front_desk --password-env STAFF_PASSWORD
 *
 * The password never goes on the command line (it would land in shell history and `ps`).
 * Clinicians (and everyone, when the practice requires it) set up two-step sign-in the first
 * time they sign in.
 *
 * Exit codes: 0 created · 2 bad arguments or input · 3 practice/clinician not found or the user
 * already exists · 1 anything else.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadDotEnv } from '../db/scripts-env';

const USAGE = `Usage: npm run staff:create -- --email EMAIL --name "DISPLAY NAME" --role clinician|front_desk
         [--clinician-id UUID] [--practice-slug SLUG] (--password-stdin | --password-env VAR)`;

const argsSchema = z
  .object({
    email: z.string({ message: '--email is required.' }),
    name: z.string({ message: '--name is required.' }),
    role: z.string({ message: '--role is required (clinician or front_desk).' }),
    'clinician-id': z.string().optional(),
    'practice-slug': z.string().trim().min(1, '--practice-slug must not be empty.').optional(),
    'password-stdin': z.boolean().optional(),
    'password-env': z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, '--password-env takes the NAME of an environment variable.')
      .optional(),
  })
  .refine((a) => Boolean(a['password-stdin']) !== Boolean(a['password-env']), {
    message: 'Give exactly one of --password-stdin or --password-env VAR.',
  });

class UsageError extends Error {}
class NotFoundError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin reads a pipe, not a terminal: printf \'%s\' "$PASSWORD" | npm run staff:create -- …');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  // One trailing newline is the pipe's, not the password's.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  let raw: ReturnType<typeof parseArgs>['values'];
  try {
    raw = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'clinician-id': { type: 'string' },
        'practice-slug': { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'password-env': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (raw.help) {
    console.log(USAGE);
    return 0;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('\n'));
  const args = parsed.data;

  loadDotEnv();
  let password: string;
  if (args['password-env']) {
    const value = process.env[args['password-env']];
    if (value === undefined) throw new UsageError(`The environment variable ${args['password-env']} is not set.`);
    password = value;
  } else {
    password = await readStdin();
  }

  const { openDatabase, databaseOptionsFromEnv } = await import('../db/client');
  const { practices } = await import('../db/schema');
  const { createStaffUser, staffUserInputSchema } = await import('../lib/auth/staff-users');
  const { AppError } = await import('../lib/errors');
  const { asc, eq } = await import('drizzle-orm');

  const input = {
    email: args.email,
    displayName: args.name,
    role: args.role as 'clinician' | 'front_desk',
    clinicianId: args['clinician-id'] ?? null,
    password,
  };
  // Validate before opening the database, so mistakes are cheap.
  const checked = staffUserInputSchema.safeParse(input);
  if (!checked.success) throw new UsageError(checked.error.issues.map((i) => i.message).join('\n'));

  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    const slug = args['practice-slug'] ?? process.env.HAVEN_PRACTICE_SLUG;
    const candidates = await handle.db
      .select({ id: practices.id, slug: practices.slug, name: practices.name, requireTwoFactorForAll: practices.requireTwoFactorForAll })
      .from(practices)
      .where(slug ? eq(practices.slug, slug) : undefined)
      .orderBy(asc(practices.createdAt))
      .limit(2);
    if (candidates.length === 0) throw new NotFoundError(slug ? `No practice with slug "${slug}".` : 'There is no practice yet: run `npm run db:seed` or create one first.');
    if (!slug && candidates.length > 1) throw new UsageError('This database has several practices: pass --practice-slug.');
    const practice = candidates[0]!;

    const user = await createStaffUser(handle.db, { ...input, practiceId: practice.id }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'INVALID') throw new UsageError(err.message);
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'CONFLICT')) throw new NotFoundError(err.message);
      throw err;
    });
    const twoStep = user.role === 'clinician' || practice.requireTwoFactorForAll;
    console.log(`Created ${user.role === 'clinician' ? 'clinician' : 'front-desk'} user ${user.email} (${user.id}) in "${practice.name}".`);
    console.log(twoStep ? 'They will set up two-step sign-in (an authenticator app) the first time they sign in.' : 'Two-step sign-in is optional for them.');
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`staff:create: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof NotFoundError) {
      console.error(`staff:create: ${err.message}`);
      process.exit(3);
    }
    console.error(`staff:create failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
