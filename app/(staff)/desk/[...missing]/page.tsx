import { notFound } from 'next/navigation';
import { requireStaffPage } from '../../_lib/staff-guard';

/** Any other address under /desk: checked like every staff page, then "not found" inside the staff frame. */
export default async function DeskAreaNotFound() {
  await requireStaffPage('schedule.read');
  notFound();
}
