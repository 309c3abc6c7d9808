/**
 * API keys: `rpk_<id>_<secret>` — a public id (16 hex digits, the primary key of the row) and
 * 256 random bits. Only SHA-256 of the whole key is stored: with that much entropy a slow hash
 * adds nothing, and a presented key is found by id and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY = /^rpk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface MintedKey {
  id: string;
  key: string;
  hash: Buffer;
}

export function mintApiKey(): MintedKey {
  const id = randomBytes(8).toString('hex');
  const key = `rpk_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The id of a well-formed key, else null (no lookup is worth making). */
export function apiKeyId(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}

export function apiKeyMatches(key: string, storedHash: Buffer): boolean {
  const presented = hashApiKey(key);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}

