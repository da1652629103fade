import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '../action';
import { makeBookingDetailsSchema } from './schemas';

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
});
