import { relations } from 'drizzle-orm';
import { availabilityOverrides, availabilityRules, clinicians } from './clinicians';
import { clinicianConsultationTypes, consultationTypes } from './consultation-types';
import { bookingLinks, bookings } from './bookings';
import { practices } from './practices';
import { staffRecoveryCodes, staffSessions, staffUsers } from './staff';

export const practicesRelations = relations(practices, ({ many }) => ({
  clinicians: many(clinicians),
  consultationTypes: many(consultationTypes),
}));

export const cliniciansRelations = relations(clinicians, ({ one, many }) => ({
  practice: one(practices, { fields: [clinicians.practiceId], references: [practices.id] }),
  rules: many(availabilityRules),
  overrides: many(availabilityOverrides),
  bookings: many(bookings),
  offers: many(clinicianConsultationTypes),
}));

export const availabilityRulesRelations = relations(availabilityRules, ({ one }) => ({
  clinician: one(clinicians, { fields: [availabilityRules.clinicianId], references: [clinicians.id] }),
}));

export const availabilityOverridesRelations = relations(availabilityOverrides, ({ one }) => ({
  clinician: one(clinicians, { fields: [availabilityOverrides.clinicianId], references: [clinicians.id] }),
}));

export const consultationTypesRelations = relations(consultationTypes, ({ one, many }) => ({
  practice: one(practices, { fields: [consultationTypes.practiceId], references: [practices.id] }),
  offeredBy: many(clinicianConsultationTypes),
}));

export const clinicianConsultationTypesRelations = relations(clinicianConsultationTypes, ({ one }) => ({
  clinician: one(clinicians, { fields: [clinicianConsultationTypes.clinicianId], references: [clinicians.id] }),
  consultationType: one(consultationTypes, {
    fields: [clinicianConsultationTypes.consultationTypeId],
    references: [consultationTypes.id],
  }),
}));

export const bookingsRelations = relations(bookings, ({ one, many }) => ({
  practice: one(practices, { fields: [bookings.practiceId], references: [practices.id] }),
  clinician: one(clinicians, { fields: [bookings.clinicianId], references: [clinicians.id] }),
  consultationType: one(consultationTypes, {
    fields: [bookings.consultationTypeId],
    references: [consultationTypes.id],
  }),
  links: many(bookingLinks),
}));

export const bookingLinksRelations = relations(bookingLinks, ({ one }) => ({
  booking: one(bookings, { fields: [bookingLinks.bookingId], references: [bookings.id] }),
}));

export const staffUsersRelations = relations(staffUsers, ({ one, many }) => ({
  practice: one(practices, { fields: [staffUsers.practiceId], references: [practices.id] }),
  clinician: one(clinicians, { fields: [staffUsers.clinicianId], references: [clinicians.id] }),
  sessions: many(staffSessions),
  recoveryCodes: many(staffRecoveryCodes),
}));

export const staffSessionsRelations = relations(staffSessions, ({ one }) => ({
  user: one(staffUsers, { fields: [staffSessions.userId], references: [staffUsers.id] }),
}));

export const staffRecoveryCodesRelations = relations(staffRecoveryCodes, ({ one }) => ({
  user: one(staffUsers, { fields: [staffRecoveryCodes.userId], references: [staffUsers.id] }),
}));
