import { problem, problemSchema, problemType, type HttpProblem } from '@rapport/kit/http';
import type { CommitOutcome } from '../store/durable-intake';
import type { SubmissionResult } from '../store/submission';

/** Every refusal a delivery route can answer (the precedence is in spec/api.md), for OpenAPI. */
export const intakeRefusalResponses = {
  400: problemSchema,
  401: problemSchema,
  404: problemSchema,
  413: problemSchema,
  415: problemSchema,
  429: problemSchema,
  503: problemSchema,
} as const;


/** The answers intake routes share beyond the kit's own. */

export function rateLimited(retryAfterSeconds: number): HttpProblem {
  return problem(429, 'Too many requests', 'The source is over its rate limit; retry after the time in Retry-After.', {
    type: problemType('rate-limited'),
    headers: { 'retry-after': retryAfterSeconds },
  });
}

const NOT_STORED = {
  'storage-unavailable': 'Events cannot be stored right now; retry later.',
  'backlog-full': 'The event backlog is full while the broker catches up; retry later.',
  'shutting-down': 'The service is shutting down; retry later.',
} as const;

/** 503 + Retry-After: nothing was stored, the sender keeps the events and retries. */
export function notStored(reason: keyof typeof NOT_STORED, retryAfterSeconds: number): HttpProblem {
  return problem(503, 'Service unavailable', NOT_STORED[reason], {
    type: problemType(reason),
    headers: { 'retry-after': retryAfterSeconds },
  });
}

/** The committed result, or the 503 problem thrown for the route's error handler. */
export function committedOrThrow(outcome: CommitOutcome, retryAfterSeconds: number): SubmissionResult {
  if (outcome.ok) return outcome.result;
  throw notStored(outcome.reason, retryAfterSeconds);
}
