import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { openTestDatabase } from '../../tests/support/test-db';
import * as auditQueries from '../audit/queries';
import { recordAudit } from '../audit/record';
import type { StaffActor } from '../auth/actor';
import { AppError } from '../errors';
import * as commands from './commands';
import * as queries from './queries';
import { availabilityVersionOf, createSchedulingPractice, insertOverride, typeVersionOf, type SchedulingFixture } from './testing/fixture';

/*
 * The availability editor's and audit view's authorization, as a matrix: every exported
 * data-layer function × {the clinician whose calendar it is, another clinician of the practice,
 * the front desk, a clinician of another practice} → allowed or NOT_FOUND (unauthorized and
 * absent look the same). A function missing from the matrix fails the first test; a new
 * data-layer module (server-only, takes a StaffActor) in these folders fails the second.
 */

const driver = process.env.TEST_DB_DRIVER ?? 'pglite';
const NOW = new Date('2026-03-04T15:00:00Z');
const ACTORS = ['clinician', 'otherClinician', 'frontDesk', 'otherPractice'] as const;
type ActorName = (typeof ACTORS)[number];
/** 'own_practice_only': allowed, and shows nothing of the target practice. */
type Outcome = 'allowed' | 'not_found' | 'own_practice_only';

type Case = {
  expected: Record<ActorName, Outcome>;
  /** Calls the function against the target practice's data as `actor`. */
  call: (actor: StaffActor) => Promise<unknown>;
  /** The same call with an id that does not exist / is malformed (for functions that take one). */
  absent?: Array<(actor: StaffActor) => Promise<unknown>>;
};

const MODULES = {
  'lib/availability/queries.ts': queries,
  'lib/availability/commands.ts': commands,
  'lib/audit/queries.ts': auditQueries,
} as const;

let handle: DatabaseHandle;
let fx: SchedulingFixture;
let foreign: SchedulingFixture;
let actors: Record<ActorName, StaffActor>;
let dateCounter = 0;
/** A fresh future date per call, so allowed writes never collide. */
const nextDate = () => `2026-04-${String(1 + (dateCounter++ % 28)).padStart(2, '0')}`;

beforeAll(async () => {
  handle = await openTestDatabase();
  fx = await createSchedulingPractice(handle.db, { timeZone: 'America/New_York' });
  foreign = await createSchedulingPractice(handle.db, { timeZone: 'Europe/Berlin' });
  actors = { ...fx.actors, otherPractice: foreign.actors.clinician };
  await recordAudit(handle.db, { actor: { kind: 'staff', id: fx.users.clinician.id }, action: 'staff.sign_in.succeeded', subjectType: 'staff_user', subjectId: fx.users.clinician.id, at: NOW });
});
afterAll(async () => {
  await handle.close();
});

const MISSING = '00000000-0000-4000-8000-000000000000';
const own = { clinician: 'allowed', otherClinician: 'not_found', frontDesk: 'not_found', otherPractice: 'not_found' } as const;
const practiceRead = { clinician: 'allowed', otherClinician: 'allowed', frontDesk: 'allowed', otherPractice: 'not_found' } as const;
const clinicianPractice = { clinician: 'allowed', otherClinician: 'allowed', frontDesk: 'not_found', otherPractice: 'not_found' } as const;

const MATRIX: Record<string, Case> = {
  'lib/availability/queries.ts#getAvailability': {
    expected: practiceRead,
    call: (actor) => queries.getAvailability({ actor, clinicianId: fx.clinician.id, now: NOW }),
    absent: [
      (actor) => queries.getAvailability({ actor, clinicianId: MISSING, now: NOW }),
      (actor) => queries.getAvailability({ actor, clinicianId: 'not-a-uuid', now: NOW }),
      (actor) => queries.getAvailability({ actor, clinicianId: foreign.clinician.id, now: NOW }),
    ],
  },
  'lib/availability/commands.ts#replaceWeeklyHours': {
    expected: own,
    call: async (actor) =>
      commands.replaceWeeklyHours({ actor, clinicianId: fx.clinician.id, version: await availabilityVersionOf(handle.db, fx.clinician.id), rules: [{ weekday: 1, start: '09:00', end: '17:00', modalities: ['video'] }], now: NOW }),
    absent: [async (actor) => commands.replaceWeeklyHours({ actor, clinicianId: MISSING, version: await availabilityVersionOf(handle.db, fx.clinician.id), rules: [], now: NOW })],
  },
  'lib/availability/commands.ts#addTimeOff': {
    expected: own,
    call: async (actor) => commands.addTimeOff({ actor, clinicianId: fx.clinician.id, version: await availabilityVersionOf(handle.db, fx.clinician.id), input: { date: nextDate() }, now: NOW }),
    absent: [async (actor) => commands.addTimeOff({ actor, clinicianId: 'x', version: await availabilityVersionOf(handle.db, fx.clinician.id), input: { date: nextDate() }, now: NOW })],
  },
  'lib/availability/commands.ts#addExtraHours': {
    expected: own,
    call: async (actor) =>
      commands.addExtraHours({ actor, clinicianId: fx.clinician.id, version: await availabilityVersionOf(handle.db, fx.clinician.id), input: { date: nextDate(), start: '18:00', end: '19:00', modalities: ['phone'] }, now: NOW }),
    absent: [async (actor) => commands.addExtraHours({ actor, clinicianId: MISSING, version: await availabilityVersionOf(handle.db, fx.clinician.id), input: { date: nextDate(), start: '18:00', end: '19:00', modalities: ['phone'] }, now: NOW })],
  },
  'lib/availability/commands.ts#removeOverride': {
    expected: own,
    call: async (actor) => {
      const override = await insertOverride(handle.db, { clinicianId: fx.clinician.id, date: nextDate(), kind: 'time_off' });
      return commands.removeOverride({ actor, overrideId: override.id, version: await availabilityVersionOf(handle.db, fx.clinician.id), now: NOW });
    },
    absent: [
      async (actor) => commands.removeOverride({ actor, overrideId: MISSING, version: await availabilityVersionOf(handle.db, fx.clinician.id), now: NOW }),
      async (actor) => commands.removeOverride({ actor, overrideId: '', version: await availabilityVersionOf(handle.db, fx.clinician.id), now: NOW }),
      async (actor) => {
        const theirs = await insertOverride(handle.db, { clinicianId: foreign.clinician.id, date: nextDate(), kind: 'time_off' });
        return commands.removeOverride({ actor, overrideId: theirs.id, version: await availabilityVersionOf(handle.db, fx.clinician.id), now: NOW });
      },
    ],
  },
  'lib/availability/commands.ts#updateConsultationType': {
    expected: clinicianPractice,
    call: async (actor) => commands.updateConsultationType({ actor, typeId: fx.type('video-50').id, version: await typeVersionOf(handle.db, fx.type('video-50').id), patch: { feeCents: 1000 + dateCounter++ }, now: NOW }),
    absent: [
      async (actor) => commands.updateConsultationType({ actor, typeId: MISSING, version: await typeVersionOf(handle.db, MISSING), patch: { feeCents: 1 }, now: NOW }),
      async (actor) => commands.updateConsultationType({ actor, typeId: foreign.type('video-50').id, version: await typeVersionOf(handle.db, foreign.type('video-50').id), patch: { feeCents: 1 }, now: NOW }),
    ],
  },
  'lib/audit/queries.ts#findAuditEvents': {
    expected: { clinician: 'allowed', otherClinician: 'allowed', frontDesk: 'not_found', otherPractice: 'own_practice_only' },
    call: (actor) => auditQueries.findAuditEvents({ actor, limit: 200 }),
  },
};

async function outcomeOf(call: () => Promise<unknown>): Promise<{ outcome: 'allowed' | 'not_found'; value: unknown }> {
  try {
    return { outcome: 'allowed', value: await call() };
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return { outcome: 'not_found', value: null };
    throw err;
  }
}

describe(`availability and audit authorization matrix on ${driver}`, () => {
  it('covers every exported function of the data-layer modules', () => {
    const exported = Object.entries(MODULES).flatMap(([file, mod]) =>
      Object.entries(mod)
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => `${file}#${name}`),
    );
    expect(exported.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('knows every data-layer module in lib/availability and lib/audit', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const found = ['lib/availability', 'lib/audit'].flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => `${dir}/${f}`)
        .filter((file) => {
          const source = fs.readFileSync(path.join(root, file), 'utf8');
          return source.includes("import 'server-only'") && /\bStaffActor\b/.test(source);
        }),
    );
    expect(found.sort()).toEqual(Object.keys(MODULES).sort());
  });

  for (const [name, c] of Object.entries(MATRIX)) {
    describe(name, () => {
      for (const who of ACTORS) {
        const expected = c.expected[who];
        it(`${who} → ${expected}`, async () => {
          const { outcome, value } = await outcomeOf(() => c.call(actors[who]));
          expect(outcome).toBe(expected === 'not_found' ? 'not_found' : 'allowed');
          if (expected === 'allowed' && value && typeof value === 'object' && 'ok' in value) {
            // Allowed writes really went through (not refused for some other reason).
            expect(value).toMatchObject({ ok: true });
          }
          if (expected === 'own_practice_only') {
            const json = JSON.stringify(value);
            for (const id of [fx.practice.id, fx.clinician.id, fx.users.clinician.id, fx.type('video-50').id]) expect(json).not.toContain(id);
          }
        });
      }
      if (c.absent) {
        it('absent or malformed ids → not_found, even for the clinician', async () => {
          for (const call of c.absent!) expect((await outcomeOf(() => call(actors.clinician))).outcome).toBe('not_found');
        });
      }
    });
  }

  it('an allowed audit read sees the events of its own practice', async () => {
    const page = await auditQueries.findAuditEvents({ actor: actors.otherClinician, limit: 200 });
    expect(page.events.some((e) => e.action === 'staff.sign_in.succeeded' && e.actor.staffUserId === fx.users.clinician.id)).toBe(true);
  });
});
