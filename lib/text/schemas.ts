import { z } from 'zod';
import { maxLengthError } from './length';
import { cleanName } from './plain-text';

/**
 * The one zod shape for a person's name typed anywhere (client, partner, staff): invisible
 * controls removed (lib/text/plain-text.ts), spaces collapsed, then length-checked, so what is
 * counted is what is stored.
 */
export function personNameSchema(max: number, tooLong: Parameters<z.ZodString['max']>[1] = maxLengthError(max)) {
  return z.string().overwrite(cleanName).max(max, tooLong);
}
