import type { ReactNode } from 'react';
import { requireStaffPage } from '../_lib/staff-guard';

/**
 * Every page under /clinician is for clinicians only. The pages still check their own permission
 * (requireStaffPage): this gate exists for the HTTP status. The segments' loading.tsx wrap the
 * pages in Suspense, so the response has started (200) before a page can call notFound(); a
 * layout renders before that boundary, so the front desk gets a real 404 here. (The check is
 * cached per request: the page's own check costs no extra query.)
 */
export default async function ClinicianLayout({ children }: { children: ReactNode }) {
  await requireStaffPage('booking.read_clinical');
  return children;
}
