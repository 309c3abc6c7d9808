import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, problemType } from './problem';

/**
 * Compares a presented token with the configured one in constant time. Both are hashed first so
 * the comparison never leaks the token's length (timingSafeEqual needs equal lengths).
 */
export function adminTokenMatches(configured: string, presented: string | undefined): boolean {
  if (presented === undefined || presented.length === 0) return false;
  const a = createHash('sha256').update(configured, 'utf8').digest();
  const b = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** `Authorization: Bearer <token>` → the token; anything else (or absurdly long) → undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.length > 1024) return undefined;
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization)?.[1];
}

/**
 * An `onRequest` hook for every service's admin routes: `Authorization: Bearer <admin token>` or
 * a 401 problem. Runs before the body is read or validated, so an unauthenticated caller learns
 * nothing about what a valid request looks like.
 */
export function requireAdminToken(adminToken: string) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    if (adminTokenMatches(adminToken, bearerToken(request.headers.authorization))) {
      done();
      return;
    }
    done(
      problem(401, 'Unauthorized', 'Admin routes take Authorization: Bearer <admin token>.', {
        type: problemType('unauthorized'),
        headers: { 'www-authenticate': 'Bearer' },
      }),
    );
  };
}
