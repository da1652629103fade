/**
 * Staff users for the e2e specs, straight in the database of the app under test (PostgreSQL
 * projects only: serve.mts leaves the URL in `e2eDatabaseUrlFile(port)`).
 *
 * Every test gets people of its own — in a practice of its own, removed afterwards — because a
 * TOTP code is accepted once per 30-second step per account, failed attempts count towards a
 * lockout, and "sign out everywhere" ends every session of an account: nothing about an account
 * may be shared by tests running in parallel (two projects run each spec against one server).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from '../../db/client';
import * as schema from '../../db/schema';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from '../../lib/auth/recovery-codes';
import { createStaffUser } from '../../lib/auth/staff-users';
import { TOTP_PERIOD_SECONDS, generateTotpSecret, totpCode, totpStep } from '../../lib/auth/totp';
import { sealTotpSecret } from '../../lib/auth/totp-secret';
import { parseKeyring } from '../../lib/crypto/envelope';
import { test as base } from '../fixtures';
import { E2E_ENV, e2eDatabaseUrlFile } from './e2e-env';

const { clinicians, practices, staffRecoveryCodes, staffSessions, staffUsers } = schema;
const PERIOD_MS = TOTP_PERIOD_SECONDS * 1000;

export type StaffRole = 'clinician' | 'front_desk';

export type StaffAccount = {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: StaffRole;
  practiceId: string;
  /** The authenticator secret when two-step sign-in is set up, else null. */
  totpSecret: string | null;
  recoveryCodes: string[];
  /**
   * What the authenticator shows, for a time step this account has not used yet (the server
   * accepts each step once, and one step either side of now): waits for the next step if needed.
   */
  nextCode(): Promise<string>;
  /** Records that a code was used outside `nextCode` (e.g. typed from the enrolment page). */
  noteCodeUsed(at?: number): void;
};

export class StaffDb {
  readonly db: Database;
  private readonly keyring = parseKeyring(E2E_ENV.HAVEN_DATA_KEYS);

  constructor(private readonly pool: pg.Pool) {
    this.db = drizzle({ client: pool, schema }) as unknown as Database;
  }

  /** A staff user in a new practice — or in `practiceId`'s — (and, for a clinician, a new clinician). */
  async createAccount(options: { role: StaffRole; totp?: boolean; displayName?: string; practiceId?: string }): Promise<StaffAccount> {
    const id = crypto.randomBytes(5).toString('hex');
    const [practice] = options.practiceId
      ? [{ id: options.practiceId }]
      : await this.db
          .insert(practices)
          .values({ slug: `e2e-staff-${id}`, name: `E2E practice ${id}`, timeZone: 'America/New_York' })
          .returning({ id: practices.id });
    let clinicianId: string | null = null;
    if (options.role === 'clinician') {
      const [clinician] = await this.db.insert(clinicians).values({ practiceId: practice!.id, displayName: `Dr. Test ${id}` }).returning({ id: clinicians.id });
      clinicianId = clinician!.id;
    }
    const displayName = options.displayName ?? (options.role === 'clinician' ? `Robin Clinician ${id}` : `Sam Desk ${id}`);
    const password = `e2e password ${id}`;
    const user = await createStaffUser(this.db, {
      practiceId: practice!.id,
      email: `${options.role.replace('_', '-')}.${id}@e2e.test`,
      displayName,
      role: options.role,
      clinicianId,
      password,
    });

    let totpSecret: string | null = null;
    let recoveryCodes: string[] = [];
    if (options.totp ?? options.role === 'clinician') {
      totpSecret = generateTotpSecret();
      recoveryCodes = generateRecoveryCodes();
      await this.db
        .update(staffUsers)
        .set({ totpSecretCiphertext: sealTotpSecret(this.keyring, user.id, totpSecret), totpEnabledAt: new Date() })
        .where(eq(staffUsers.id, user.id));
      await this.db
        .insert(staffRecoveryCodes)
        .values(recoveryCodes.map((code) => ({ userId: user.id, codeHash: hashRecoveryCode(user.id, normaliseRecoveryCode(code)!) })));
    }

    let lastStep: number | null = null;
    const secret = totpSecret;
    return {
      id: user.id,
      email: user.email,
      password,
      displayName,
      role: options.role,
      practiceId: practice!.id,
      totpSecret,
      recoveryCodes,
      async nextCode() {
        if (!secret) throw new Error(`${user.email} has no two-step sign-in`);
        for (;;) {
          const now = Date.now();
          const current = totpStep(now);
          const step = lastStep === null ? current : Math.max(current, lastStep + 1);
          if (step <= current + 1) {
            lastStep = step;
            return totpCode(secret, step * PERIOD_MS);
          }
          await new Promise((resolve) => setTimeout(resolve, (current + 1) * PERIOD_MS - now + 100));
        }
      },
      noteCodeUsed(at = Date.now()) {
        lastStep = Math.max(lastStep ?? 0, totpStep(at));
      },
    };
  }

  /** Pretends the person has done nothing for `minutes` on every open session (the idle clock). */
  async idleSessions(userId: string, minutes: number): Promise<number> {
    const moved = await this.db
      .update(staffSessions)
      .set({ lastSeenAt: sql`now() - make_interval(mins => ${minutes})` })
      .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)))
      .returning({ id: staffSessions.id });
    return moved.length;
  }

  async openSessionCount(userId: string): Promise<number> {
    const rows = await this.db
      .select({ id: staffSessions.id })
      .from(staffSessions)
      .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)));
    return rows.length;
  }

  /** Removes the practices (users, sessions and recovery codes go with them). */
  async removePractices(ids: string[]): Promise<void> {
    if (ids.length) await this.db.delete(practices).where(inArray(practices.id, ids));
  }
}

type StaffFixtures = {
  /** Creates a staff user of its own for this test. */
  staff: (options: { role: StaffRole; totp?: boolean; displayName?: string; practiceId?: string }) => Promise<StaffAccount>;
};
type StaffWorkerFixtures = { staffDb: StaffDb };

export const test = base.extend<StaffFixtures, StaffWorkerFixtures>({
  staffDb: [
    async ({}, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      if (!baseURL) throw new Error(`Project ${workerInfo.project.name} has no baseURL`);
      const file = e2eDatabaseUrlFile(new URL(baseURL).port);
      if (!fs.existsSync(file)) throw new Error(`No e2e database URL at ${file}: staff specs run against the PostgreSQL server (serve.mts pg).`);
      const pool = new pg.Pool({ connectionString: fs.readFileSync(file, 'utf8').trim(), max: 2 });
      await use(new StaffDb(pool));
      await pool.end();
    },
    { scope: 'worker' },
  ],
  staff: async ({ staffDb }, use) => {
    const practiceIds: string[] = [];
    await use(async (options) => {
      const account = await staffDb.createAccount(options);
      practiceIds.push(account.practiceId);
      return account;
    });
    await staffDb.removePractices(practiceIds);
  },
});

export { expect } from '../fixtures';
