import 'server-only';
import { env } from '../env';
import { parseKeyring, type Keyring } from './envelope';

let cached: { spec: string | undefined; keyring: Keyring } | undefined;

/** The process's keyring from HAVEN_DATA_KEYS; throws MissingEncryptionKeyError when unset. */
export function dataKeyring(): Keyring {
  const spec = env().HAVEN_DATA_KEYS;
  if (cached && cached.spec === spec) return cached.keyring;
  const keyring = parseKeyring(spec);
  cached = { spec, keyring };
  return keyring;
}
