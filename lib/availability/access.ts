import { AppError } from '../errors';

/** Unauthorized and absent look the same (STYLE.md). */
export function notFound(): AppError {
  return new AppError('NOT_FOUND', 'Not found.');
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from URLs and forms: a malformed one is "not found", never a database error. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
