import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM envelopes for sensitive text (client notes; later intake answers and clinician
 * notes). Format: `v1.<keyId>.<iv b64url>.<ciphertext b64url>.<tag b64url>`: the key id travels
 * with the ciphertext so keys can rotate. Fails closed: with no key nothing is encrypted or stored.
 */
export type DataKey = { id: string; key: Buffer };
export type Keyring = { active: DataKey; all: ReadonlyMap<string, DataKey> };

export class MissingEncryptionKeyError extends Error {
  constructor() {
    super('HAVEN_DATA_KEYS is not set: refusing to store sensitive data unencrypted.');
    this.name = 'MissingEncryptionKeyError';
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses "id:base64key,id2:base64key2" (first = active). Throws on any malformed key. */
export function parseKeyring(spec: string | undefined): Keyring {
  if (!spec?.trim()) throw new MissingEncryptionKeyError();
  const keys: DataKey[] = spec.split(',').map((part) => {
    const [id, material] = part.trim().split(':');
    if (!id || !KEY_ID.test(id) || !material) throw new Error('HAVEN_DATA_KEYS: each entry must be "id:base64(32 bytes)".');
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new Error(`HAVEN_DATA_KEYS: key "${id}" must be 32 bytes (base64).`);
    return { id, key };
  });
  return { active: keys[0]!, all: new Map(keys.map((k) => [k.id, k])) };
}

export function generateKeySpec(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export function encryptText(keyring: Keyring, plaintext: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.active.key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v1', keyring.active.id, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.');
}

export function decryptText(keyring: Keyring, envelope: string, associatedData: string): string {
  const [version, keyId, iv, body, tag] = envelope.split('.');
  if (version !== 'v1' || !keyId || !iv || body === undefined || !tag) throw new Error('Unreadable encrypted value.');
  const key = keyring.all.get(keyId);
  if (!key) throw new Error(`No key "${keyId}" to decrypt this value.`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
