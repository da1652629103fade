import { z } from 'zod';
import { cleanName } from './plain-text';

/**
 * The one zod shape for a person's name typed anywhere (client, partner, staff): invisible
 * controls removed (lib/text/plain-text.ts), spaces collapsed, then length-checked, so what is
 * counted is what is stored.
 */
export function personNameSchema(max: number, tooLong = `Please keep this under ${max} characters.`) {
  return z.string().overwrite(cleanName).max(max, tooLong);
}
