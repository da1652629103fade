import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS, describeAuditEvent, isKnownAuditAction } from './labels';
import { auditFilterSchema } from './schemas';

describe('audit log words', () => {
  it('names every action the filter offers, and each is a valid filter value', () => {
    const actions = AUDIT_ACTION_GROUPS.flatMap((g) => Object.keys(g.actions));
    expect(new Set(actions).size).toBe(actions.length);
    for (const action of actions) {
      expect(isKnownAuditAction(action)).toBe(true);
      expect(AUDIT_ACTION_LABELS[action]).toMatch(/^[A-Z]/);
      expect(auditFilterSchema.safeParse({ action, limit: 1 }).success).toBe(true);
    }
    expect(isKnownAuditAction('toString')).toBe(false);
    expect(isKnownAuditAction('booking.nonsense')).toBe(false);
  });

  it('says what happened in plain words, using only allow-listed facts', () => {
    expect(describeAuditEvent({ action: 'booking.status_set', detail: { from: 'confirmed', to: 'no_show' } })).toBe('Marked the consultation a no-show');
    expect(describeAuditEvent({ action: 'booking.status_set', detail: { to: 'completed' } })).toBe('Marked the consultation completed');
    expect(describeAuditEvent({ action: 'booking.clinical_viewed', detail: { clientNote: true } })).toBe('Opened the consultation record');
    expect(describeAuditEvent({ action: 'booking.clinical_notes_saved', detail: { notes: 'saved', outcomeChanged: true } })).toBe(
      'Saved the private notes and changed the outcome',
    );
    expect(describeAuditEvent({ action: 'booking.clinical_notes_saved', detail: { notes: 'cleared', outcomeChanged: true } })).toBe('Changed the outcome');
    expect(describeAuditEvent({ action: 'staff.sign_in.failed', detail: { reason: 'totp_invalid', ipHash: 'abc' } })).toBe('Sign-in failed (wrong code)');
    expect(describeAuditEvent({ action: 'staff.sign_in.failed', detail: { reason: 'something new' } })).toBe('Sign-in failed');
    expect(describeAuditEvent({ action: 'staff.sign_in.succeeded', detail: { reason: 'ok' } })).toBe('Signed in');
    expect(describeAuditEvent({ action: 'report.exported', detail: {} })).toBe('Report exported');
    expect(describeAuditEvent({ action: 'calendar_feed.names_changed', detail: { showsNames: true } })).toBe('Calendar feed now shows clients’ full names');
    expect(describeAuditEvent({ action: 'calendar_feed.names_changed', detail: { showsNames: false } })).toBe('Calendar feed now shows initials only');
    expect(describeAuditEvent({ action: 'calendar_feed.regenerated', detail: {} })).toBe('Replaced a calendar feed’s address');
  });

  it('never repeats free text from the detail', () => {
    const text = describeAuditEvent({ action: 'booking.cancelled', detail: { by: 'staff', reason: 'private words' } });
    expect(text).not.toContain('private words');
  });
});
