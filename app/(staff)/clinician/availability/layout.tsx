import type { ReactNode } from 'react';
import { requireStaffPage } from '../../_lib/staff-guard';

/**
 * The permission check before the page streams behind loading.tsx: a notFound() thrown inside
 * the streamed page would arrive with status 200, so someone without 'availability.edit' (the front desk)
 * gets a real 404 here. The page checks again (layouts are not re-rendered on every navigation).
 */
export default async function Layout({ children }: { children: ReactNode }) {
  await requireStaffPage('availability.edit');
  return children;
}
