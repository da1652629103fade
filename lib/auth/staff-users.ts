import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { auditEvents, clinicians, staffUsers, STAFF_ROLES, type StaffRole } from '../../db/schema';
import { AppError, UNIQUE_VIOLATION, sqlStateOf } from '../errors';
import { personNameSchema } from '../text/schemas';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword } from './password';

/**
 * Creating staff users: used by `npm run staff:create` and the demo seed, which run outside
 * Next.js — so this module takes its database as a parameter and does not import 'server-only'.
 * There is deliberately no page for it yet.
 */
const staffEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'The email address is too long.')
  .pipe(z.email('Please give a valid email address.'));

const staffPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `The password must be at most ${MAX_PASSWORD_LENGTH} characters.`);

export const staffUserInputSchema = z
  .object({
    email: staffEmailSchema,
    displayName: personNameSchema(120, 'The display name is too long (120 characters at most).').min(1, 'Please give a display name.'),
    role: z.enum(STAFF_ROLES, { message: `The role must be one of: ${STAFF_ROLES.join(', ')}.` }),
    clinicianId: z.uuid('The clinician id must be a UUID.').nullish(),
    password: staffPasswordSchema,
  })
  .superRefine((v, ctx) => {
    if (v.role === 'clinician' && !v.clinicianId) {
      ctx.addIssue({ code: 'custom', path: ['clinicianId'], message: 'A clinician user needs the id of their clinician (--clinician-id).' });
    }
    if (v.role === 'front_desk' && v.clinicianId) {
      ctx.addIssue({ code: 'custom', path: ['clinicianId'], message: 'A front-desk user is not linked to a clinician: leave out --clinician-id.' });
    }
  });

export type StaffUserInput = z.input<typeof staffUserInputSchema>;

export async function createStaffUser(
  db: Executor,
  params: StaffUserInput & { practiceId: string; now?: Date },
): Promise<{ id: string; email: string; role: StaffRole }> {
  const parsed = staffUserInputSchema.safeParse(params);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues.map((i) => i.message).join(' '));
  const input = parsed.data;
  const now = params.now ?? new Date();

  if (input.clinicianId) {
    const [clinician] = await db
      .select({ id: clinicians.id })
      .from(clinicians)
      .where(and(eq(clinicians.id, input.clinicianId), eq(clinicians.practiceId, params.practiceId)));
    if (!clinician) throw new AppError('NOT_FOUND', 'No clinician with that id in this practice.');
  }

  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(staffUsers)
        .values({
          practiceId: params.practiceId,
          email: input.email,
          displayName: input.displayName,
          role: input.role,
          clinicianId: input.clinicianId ?? null,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: staffUsers.id, email: staffUsers.email, role: staffUsers.role });
      if (!row) throw new Error('Staff user insert returned nothing.');
      // recordAudit's module is server-only (it would throw under tsx): the same row, written here.
      await tx.insert(auditEvents).values({
        actorKind: 'system',
        actorId: null,
        action: 'staff.user.created',
        subjectType: 'staff_user',
        subjectId: row.id,
        detail: { role: row.role },
        occurredAt: now,
      });
      return row;
    });
  } catch (err) {
    if (sqlStateOf(err) === UNIQUE_VIOLATION) {
      throw new AppError('CONFLICT', input.clinicianId ? 'That email, or that clinician, already has a staff sign-in.' : 'That email already has a staff sign-in.');
    }
    throw err;
  }
}

/**
 * Gives an existing staff user a new password (argon2id), and ends their open sessions: a
 * password change must not leave an old sign-in alive. Used by the e2e server to replace the
 * published demo passwords; there is no page for it yet. Returns whether the user existed.
 */
export async function setStaffPassword(db: Executor, params: { email: string; password: string; now?: Date }): Promise<boolean> {
  const email = staffEmailSchema.safeParse(params.email);
  const password = staffPasswordSchema.safeParse(params.password);
  if (!email.success || !password.success) {
    throw new AppError('INVALID', [...(email.error?.issues ?? []), ...(password.error?.issues ?? [])].map((i) => i.message).join(' '));
  }
  const now = params.now ?? new Date();
  const passwordHash = await hashPassword(password.data);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffUsers)
      .set({ passwordHash, sessionsValidAfter: now, updatedAt: now })
      .where(eq(staffUsers.email, email.data))
      .returning({ id: staffUsers.id });
    if (!row) return false;
    await tx.insert(auditEvents).values({
      actorKind: 'system',
      actorId: null,
      action: 'staff.password.set',
      subjectType: 'staff_user',
      subjectId: row.id,
      detail: {},
      occurredAt: now,
    });
    return true;
  });
}
