import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented admin token with the configured one in constant time. Both are hashed first
 * so the comparison never leaks the token's length (timingSafeEqual needs equal lengths).
 */
export function adminTokenMatches(configured: string, presented: string | undefined): boolean {
  if (presented === undefined || presented.length === 0) return false;
  const a = createHash('sha256').update(configured, 'utf8').digest();
  const b = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** `Authorization: Bearer <token>` → the token; anything else → undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  return match?.[1];
}
