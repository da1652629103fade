import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { loadPractice } from '../../../_lib/practice';
import { isPlausibleSlug } from '../../../_lib/params';

export const dynamic = 'force-dynamic';

/**
 * Checks the consultation type exists before the page streams (the practice is already loaded
 * for the header, so this costs nothing): an unknown type answers a real 404.
 */
export default async function ConsultationTypeLayout({ children, params }: { children: ReactNode; params: Promise<{ type: string }> }) {
  const { type } = await params;
  if (!isPlausibleSlug(type)) notFound();
  const practice = await loadPractice();
  if (!practice.consultationTypes.some((t) => t.slug === type)) notFound();
  return children;
}
