import 'server-only';
import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';

/** The data layer's NOT_FOUND as the page's 404. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
}
