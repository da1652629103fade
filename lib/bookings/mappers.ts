import type { ConsultationType, Practice } from '../../db/schema';
import type { PracticeAddress, PublicConsultationType } from './dto';

/** The allow-list of consultation type fields a visitor may see. */
export function toPublicType(t: ConsultationType): PublicConsultationType {
  return {
    slug: t.slug,
    title: t.title,
    description: t.description,
    durationMinutes: t.durationMinutes,
    modality: t.modality,
    audience: t.audience,
    feeCents: t.feeCents,
    bookingMode: t.bookingMode,
  };
}

export function toAddress(p: Practice): PracticeAddress {
  return {
    line1: p.addressLine1,
    line2: p.addressLine2,
    city: p.city,
    region: p.region,
    postalCode: p.postalCode,
  };
}
