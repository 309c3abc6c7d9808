import { problem, problemType, type HttpProblem } from '@rapport/kit/http';

export const unauthorized = (detail: string): HttpProblem =>
  problem(401, 'Unauthorized', detail, { type: problemType('unauthorized'), headers: { 'www-authenticate': 'Bearer' } });

export const forbiddenBrand = (): HttpProblem =>
  problem(403, 'Forbidden', 'This API key is not allowed to read this brand.', { type: problemType('brand-forbidden') });

export const memberNotFound = (): HttpProblem =>
  problem(404, 'Member not found', 'No relationship of this brand matches.', { type: problemType('member-not-found') });

export const databaseUnavailable = (): HttpProblem =>
  problem(503, 'Service unavailable', 'The read models cannot be reached right now; retry shortly.', {
    type: problemType('storage-unavailable'),
    headers: { 'retry-after': 2 },
  });

export const rateLimited = (retryAfterSeconds: number): HttpProblem =>
  problem(429, 'Too many requests', `This API key is over its rate limit; retry in ${retryAfterSeconds} s.`, {
    type: problemType('rate-limited'),
    headers: { 'retry-after': retryAfterSeconds },
  });
