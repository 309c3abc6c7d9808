import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, problemType } from '@rapport/kit/http';

/** Constant-time comparison; both sides hashed first so the token's length never leaks. */
function tokenMatches(configured: string, presented: string | undefined): boolean {
  if (presented === undefined || presented.length === 0) return false;
  const a = createHash('sha256').update(configured, 'utf8').digest();
  const b = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization)?.[1];
}

/**
 * An `onRequest` hook for admin routes: `Authorization: Bearer <admin token>` or a 401 problem,
 * before anything about the request is validated.
 */
export function requireAdminToken(adminToken: string) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    if (tokenMatches(adminToken, bearerToken(request.headers.authorization))) {
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
