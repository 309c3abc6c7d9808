import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, problemType } from '@rapport/kit/http';
import { adminTokenMatches, bearerToken } from '../sources/admin-token';

/**
 * An `onRequest` hook for admin routes: `Authorization: Bearer <admin token>` or a 401 problem.
 * Runs before the body is read or validated, so an unauthenticated caller learns nothing about
 * what a valid request looks like.
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
