import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for source secrets (webhook secrets, platform app secrets): AES-256-GCM with a
 * key from configuration. A sealed value reads `v1.<keyId>.<base64url(iv | tag | ciphertext)>`.
 *
 * - The key id (first 8 hex chars of SHA-256 of the key) lets a later key rotation open old values
 *   with a retired key while sealing new ones with the current key.
 * - The `context` (e.g. `src_abc:secret`) is authenticated as associated data, so a ciphertext
 *   copied into another row or column fails to open instead of silently becoming that row's secret.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Throws when the value was not sealed by one of the box's keys for that context. */
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Decodes a base64 key from configuration; throws unless it is exactly 32 bytes. */
export function decodeSecretKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`a source secret key must be 32 bytes of base64, got ${key.length} bytes`);
  return key;
}

export function createSecretBox(currentKey: Buffer, retiredKeys: readonly Buffer[] = []): SecretBox {
  const keys = new Map<string, Buffer>();
  for (const key of [currentKey, ...retiredKeys]) {
    if (key.length !== 32) throw new Error('AES-256-GCM keys are 32 bytes');
    keys.set(keyIdOf(key), key);
  }
  const currentId = keyIdOf(currentKey);

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const payload = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
      return `${VERSION}.${currentId}.${payload}`;
    },
    open(sealed, context) {
      const [version, keyId, payload, ...rest] = sealed.split('.');
      if (version !== VERSION || keyId === undefined || payload === undefined || rest.length > 0) {
        throw new Error('not a sealed secret');
      }
      const key = keys.get(keyId);
      if (key === undefined) throw new Error(`sealed with an unknown key (${keyId})`);
      const raw = Buffer.from(payload, 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
