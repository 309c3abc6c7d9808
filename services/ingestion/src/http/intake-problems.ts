import { problem, problemType, type HttpProblem } from '@rapport/kit/http';

export function rateLimited(retryAfterSeconds: number): HttpProblem {
  return problem(429, 'Too many requests', "The source is over its rate limit; retry after the time in Retry-After.", {
    type: problemType('rate-limited'),
    headers: { 'retry-after': retryAfterSeconds },
  });
}
