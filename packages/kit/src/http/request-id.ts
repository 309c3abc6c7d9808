import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// Visible ASCII only, bounded: the id is echoed in a header and written to every log line.
const SANE = /^[\x21-\x7e]{1,200}$/;

/** The caller's `x-request-id` when it is sane, a new UUID otherwise. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE.test(given) ? given : randomUUID();
}
