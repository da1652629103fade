import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, PERMISSIONS, can, canForClinician, twoFactorRequired, type Permission, type StaffActor } from './actor';

const clinician: StaffActor = { kind: 'staff', userId: 'u1', role: 'clinician', practiceId: 'p1', clinicianId: 'c1', sessionId: 's1' };
const frontDesk: StaffActor = { kind: 'staff', userId: 'u2', role: 'front_desk', practiceId: 'p1', clinicianId: null, sessionId: 's2' };

/** The whole table, spelled out: changing a permission means changing this test on purpose. */
const EXPECTED: Record<Permission, { clinician: boolean; front_desk: boolean }> = {
  'schedule.read': { clinician: true, front_desk: true },
  'booking.read_contact': { clinician: true, front_desk: true },
  'booking.search': { clinician: true, front_desk: true },
  'booking.read_clinical': { clinician: true, front_desk: false },
  'booking.write_clinical': { clinician: true, front_desk: false },
  'booking.read_intake_status': { clinician: true, front_desk: true },
  'booking.decide_request': { clinician: true, front_desk: false },
  'booking.reschedule': { clinician: true, front_desk: true },
  'booking.reschedule_override': { clinician: true, front_desk: true },
  'booking.cancel': { clinician: true, front_desk: true },
  'booking.set_status': { clinician: true, front_desk: true },
  'booking.reissue_link': { clinician: true, front_desk: true },
  'booking.resend_message': { clinician: true, front_desk: true },
  'availability.read': { clinician: true, front_desk: true },
  'availability.edit': { clinician: true, front_desk: false },
  'consultation_types.edit': { clinician: true, front_desk: false },
  'audit.read': { clinician: true, front_desk: false },
  'practice.edit_security': { clinician: true, front_desk: false },
  'practice.edit_client_pages': { clinician: true, front_desk: false },
  'staff.manage_sign_in': { clinician: true, front_desk: false },
  'calendar_feed.manage': { clinician: true, front_desk: false },
  'practice.edit_messages': { clinician: true, front_desk: false },
  'practice.edit_intake': { clinician: true, front_desk: false },
  'clinician.edit_own_profile': { clinician: true, front_desk: false },
};

describe('can(): the role table', () => {
  it('covers exactly the expected permissions', () => {
    expect(new Set(ALL_PERMISSIONS)).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it.each(ALL_PERMISSIONS)('%s', (permission) => {
    expect(can(clinician, permission)).toBe(EXPECTED[permission].clinician);
    expect(can(frontDesk, permission)).toBe(EXPECTED[permission].front_desk);
  });

  it('gives the front desk nothing clinical', () => {
    for (const permission of ALL_PERMISSIONS) {
      if (PERMISSIONS[permission].scope === 'own_clinician' || permission.includes('clinical')) expect(can(frontDesk, permission)).toBe(false);
    }
  });

  it('gives nobody anything without an actor, or for an unknown permission', () => {
    for (const permission of ALL_PERMISSIONS) {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
    }
    expect(can(clinician, 'staff.delete_everything' as Permission)).toBe(false);
  });
});

describe('canForClinician(): clinical content is the own clinician\'s only', () => {
  it('lets a clinician read clinical content of their own bookings, not a colleague\'s', () => {
    expect(canForClinician(clinician, 'booking.read_clinical', 'c1')).toBe(true);
    expect(canForClinician(clinician, 'booking.read_clinical', 'c2')).toBe(false);
    expect(canForClinician(clinician, 'availability.edit', 'c2')).toBe(false);
  });

  it('lets a clinician manage their own calendar feed only', () => {
    expect(canForClinician(clinician, 'calendar_feed.manage', 'c1')).toBe(true);
    expect(canForClinician(clinician, 'calendar_feed.manage', 'c2')).toBe(false);
    expect(canForClinician({ ...frontDesk, clinicianId: 'c1' }, 'calendar_feed.manage', 'c1')).toBe(false);
  });

  it('keeps practice-wide permissions practice-wide', () => {
    expect(canForClinician(clinician, 'booking.reschedule', 'c2')).toBe(true);
    expect(canForClinician(frontDesk, 'booking.reschedule', 'c1')).toBe(true);
  });

  it('never lets the front desk in, whatever the clinician', () => {
    expect(canForClinician(frontDesk, 'booking.read_clinical', 'c1')).toBe(false);
    expect(canForClinician({ ...frontDesk, clinicianId: 'c1' }, 'booking.read_clinical', 'c1')).toBe(false);
    expect(canForClinician(null, 'schedule.read', 'c1')).toBe(false);
  });
});

describe('twoFactorRequired', () => {
  it('is always on for clinicians and for everyone when the practice says so', () => {
    expect(twoFactorRequired('clinician', false)).toBe(true);
    expect(twoFactorRequired('front_desk', false)).toBe(false);
    expect(twoFactorRequired('front_desk', true)).toBe(true);
  });
});
