import type { FastifyRequest } from 'fastify';
import { adminTokenMatches, bearerToken } from '../access/api-key-format';
import { unauthorized } from './problems';

/** An `onRequest` hook for admin routes: `Authorization: Bearer <admin token>` or 401. */
export function requireAdminToken(adminToken: string) {
  return (request: FastifyRequest, _reply: unknown, done: (error?: Error) => void): void => {
    if (adminTokenMatches(adminToken, bearerToken(request.headers.authorization))) done();
    else done(unauthorized('Admin routes take Authorization: Bearer <admin token>.'));
  };
}
