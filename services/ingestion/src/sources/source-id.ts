import { randomBytes } from 'node:crypto';

/**
 * A new source id: `src_` + 16 random bytes in base64url. Source ids appear in URLs, so they are
 * public, but unguessable ids keep the registry from being enumerated; the alphabet fits the
 * contract's `[A-Za-z0-9._-]{1,64}`.
 */
export function generateSourceId(): string {
  return `src_${randomBytes(16).toString('base64url')}`;
}
