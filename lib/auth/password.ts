import { randomUUID } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

/**
 * Password hashing with argon2id (the library default algorithm; the PHC string records it and
 * the parameters, so they can be raised later without breaking existing hashes). Parameters are
 * OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
 */
export const PASSWORD_HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const satisfies Options;

/** Longest password we hash: more is refused up front so nobody can feed megabytes to argon2. */
export const MAX_PASSWORD_LENGTH = 256;
/** The minimum a staff password must have (scripts/staff-create.ts enforces it). */
export const MIN_PASSWORD_LENGTH = 12;

export async function hashPassword(password: string): Promise<string> {
  if (password.length > MAX_PASSWORD_LENGTH) throw new Error(`Passwords are limited to ${MAX_PASSWORD_LENGTH} characters.`);
  return hash(password, PASSWORD_HASH_OPTIONS);
}

/** False for a wrong password, an over-long input or an unreadable hash; never throws. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random value with the same parameters, started once when this module loads.
 * Verifying against it when the email is unknown costs the same time as a real check, so
 * response time doesn't reveal whether an account exists.
 */
const DUMMY_HASH: Promise<string> = hash(randomUUID(), PASSWORD_HASH_OPTIONS);

/** For tests: the dummy hash, to check it was made with the same parameters as real ones. */
export function dummyPasswordHash(): Promise<string> {
  return DUMMY_HASH;
}

/** Spends exactly what `verifyPassword` would on a real hash, and always fails. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await DUMMY_HASH, password);
  return false;
}
