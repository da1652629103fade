import { notFound } from 'next/navigation';
import { requireStaffPage } from '../../_lib/staff-guard';

/**
 * Any other address under /clinician: checked like every staff page, then "not found" inside the
 * staff frame (pages added later at a real path take precedence over this catch-all).
 */
export default async function ClinicianAreaNotFound() {
  await requireStaffPage('booking.read_clinical');
  notFound();
}
