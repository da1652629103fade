import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '../action';
import { cancelSchema, makeBookingDetailsSchema, rescheduleSchema } from './schemas';

const valid = {
  typeSlug: 'couples-video',
  startsAt: '2026-12-02T15:00:00.000Z',
  clinicianId: '6f1c2a7e-4a55-4c8e-9a57-3f9d2c1b0a11',
  clientTimeZone: 'Europe/Berlin',
  idempotencyKey: '0b8e9c1d-2f3a-4b5c-8d6e-7f8091a2b3c4',
  name: 'Ana',
  email: 'Ana@Example.com ',
  phone: '+49 30 1234567',
  preferredChannel: 'email',
  okToLeaveVoicemail: false,
  okToText: false,
  okToEmail: true,
  consent: true,
} as const;

function errors(schema: ReturnType<typeof makeBookingDetailsSchema>, input: unknown) {
  const r = schema.safeParse(input);
  return r.success ? {} : fieldErrorsFrom(r.error.issues);
}

describe('booking details schema', () => {
  it('normalises email and accepts a valid individual booking', () => {
    const r = makeBookingDetailsSchema({ couple: false }).safeParse(valid);
    expect(r.success && r.data.email).toBe('ana@example.com');
  });

  it('reports partner problems in the same pass as other field errors', () => {
    const e = errors(makeBookingDetailsSchema({ couple: true }), { ...valid, name: '', phone: 'abc' });
    expect(Object.keys(e).sort()).toEqual(['name', 'partnerEmail', 'partnerName', 'phone']);
  });

  it('gives specific messages', () => {
    const s = makeBookingDetailsSchema({ couple: true });
    expect(errors(s, { ...valid, partnerName: 'Bo', partnerEmail: 'ANA@example.com' }).partnerEmail).toMatch(/own email/);
    expect(errors(s, { ...valid, partnerName: 'Bo', partnerEmail: 'nope' }).partnerEmail).toMatch(/name@example.com/);
    expect(errors(s, { ...valid, consent: false, partnerName: 'Bo', partnerEmail: 'bo@example.com' }).consent).toMatch(/contact you/);
    expect(errors(s, { ...valid, email: 'x@', partnerName: 'Bo', partnerEmail: 'bo@example.com' }).email).toMatch(/name@example.com/);
    expect(errors(s, { ...valid, phone: '12', partnerName: 'Bo', partnerEmail: 'bo@example.com' }).phone).toBeDefined();
  });

  it('asks for permission on the preferred channel', () => {
    const s = makeBookingDetailsSchema({ couple: false });
    expect(errors(s, { ...valid, preferredChannel: 'text', okToText: false }).okToText).toMatch(/allow texts/);
  });

  it('refuses an absurd or unparseable start as a field error on startsAt', () => {
    const s = makeBookingDetailsSchema({ couple: false });
    for (const startsAt of ['9999-12-31T10:00:00Z', '1970-01-01T00:00:00Z', '2100-01-01T00:00:00Z', '2026-02-31T10:00:00Z', 'tomorrow', '']) {
      expect(errors(s, { ...valid, startsAt }).startsAt, startsAt).toBe('Please choose a time.');
    }
    expect(errors(s, { ...valid, startsAt: '2099-12-31T23:59:00Z' }).startsAt).toBeUndefined();
    expect(rescheduleSchema.safeParse({ startsAt: '9999-12-31T10:00:00Z', clinicianId: valid.clinicianId, clientTimeZone: 'Europe/Berlin' }).success).toBe(false);
    expect(rescheduleSchema.safeParse({ startsAt: valid.startsAt, clinicianId: valid.clinicianId, clientTimeZone: 'Europe/Berlin' }).success).toBe(true);
  });
});

describe('phone numbers', () => {
  const phone = (value: string) => errors(makeBookingDetailsSchema({ couple: false }), { ...valid, phone: value }).phone;

  it('says a short number is too short, with how many digits it has and needs', () => {
    expect(phone('12')).toBe('That phone number is too short: it has 2 digits, and a phone number has at least 7. Please include the area code.');
    expect(phone('1')).toMatch(/it has 1 digit,/);
    expect(phone('+1 (555) 12')).toMatch(/too short: it has 6 digits/);
  });

  it('says a long number is too long', () => {
    expect(phone('+49 30 1234 5678 9012 34')).toBe(
      'That phone number is too long: it has 18 digits, and a phone number has at most 15, country code included.',
    );
    expect(phone('1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6')).toMatch(/too long/);
  });

  it('asks for digits only when other characters are used, and for a number when empty', () => {
    expect(phone('call me')).toMatch(/digits only/);
    expect(phone('555-CALL-NOW')).toMatch(/digits only/);
    expect(phone('   ')).toBe('Please enter a phone number.');
  });

  it('accepts numbers written the usual ways', () => {
    for (const ok of ['+49 30 1234567', '(212) 555-0100', '212.555.0100', '+1 212 555 0100', '5550100', '+44 20 7946 0958']) {
      expect(phone(ok)).toBeUndefined();
    }
  });
});

describe('names', () => {
  it('strips bidi overrides and invisible controls from the client and partner names', () => {
    const r = makeBookingDetailsSchema({ couple: true }).safeParse({
      ...valid,
      name: 'Ana\u202e \u2066Ruiz\u2069\u200b',
      partnerName: '\u202bBo\u202c',
      partnerEmail: 'bo@example.com',
    });
    expect(r.success && [r.data.name, r.data.partnerName]).toEqual(['Ana Ruiz', 'Bo']);
  });

  it('a name of invisible characters only is asked for again', () => {
    expect(errors(makeBookingDetailsSchema({ couple: false }), { ...valid, name: '\u202e\u200b' }).name).toBe('Please tell us your name.');
  });
});

describe('over-long text', () => {
  it('refuses a 1,203-character note with a field error that says how long and by how much (no silent cut)', () => {
    const e = errors(makeBookingDetailsSchema({ couple: false }), { ...valid, note: `  ${'a'.repeat(1203)}  ` });
    expect(e.note).toBe('This is 1,203 characters; the limit is 1,000. Please shorten it by 203.');
    expect(errors(makeBookingDetailsSchema({ couple: false }), { ...valid, note: 'a'.repeat(1000) }).note).toBeUndefined();
  });

  it('counts a name after invisible characters are removed', () => {
    const e = errors(makeBookingDetailsSchema({ couple: false }), { ...valid, name: 'a'.repeat(121) });
    expect(e.name).toBe('This is 121 characters; the limit is 120. Please shorten it by 1.');
  });

  it('refuses an over-long cancellation reason with the same words', () => {
    const r = cancelSchema.safeParse({ reason: 'b'.repeat(501) });
    expect(r.success ? null : r.error.issues[0]?.message).toBe('This is 501 characters; the limit is 500. Please shorten it by 1.');
  });
});
