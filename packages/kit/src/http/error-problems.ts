import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemType, statusProblemType, statusTitle, validationProblem } from './problem';
import type { ProblemDetails } from './problem';
import { malformedJson } from './raw-body';
import { REQUEST_ID_HEADER } from './request-id';
import { RequestValidationError, fieldErrors } from './request-validation';
import type { RequestPart } from './request-validation';

/** The request path without its query string (which may carry tokens). */
export function instanceOf(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Maps anything thrown while handling a request to the problem the client sees. Only errors
 * whose text was written for clients (HttpProblem, Fastify's own request errors) show their
 * message; anything else is a 500 whose details stay in the log.
 */
export function problemFor(error: unknown, request: FastifyRequest): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const fastifyError = error as Partial<FastifyError> & { validationContext?: RequestPart };
  if (error instanceof RequestValidationError) {
    return validationProblem(fieldErrors(error.issues, fastifyError.validationContext ?? 'body'));
  }
  const code = fastifyError.code;
  if (code === 'FST_ERR_VALIDATION') {
    // A schema not written in zod (Fastify's AJV format): paths are JSON pointers.
    return validationProblem(
      (fastifyError.validation ?? []).map((item) => ({
        path: `${fastifyError.validationContext ?? 'body'}${item.instancePath.replaceAll('/', '.')}`,
        message: item.message ?? 'is invalid',
      })),
    );
  }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return malformedJson();
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return bodyTooLarge(request.routeOptions.bodyLimit);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new HttpProblem(415, 'Unsupported media type', 'Send the request body as application/json.', {
      type: problemType('unsupported-media-type'),
    });
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const clientSafe = typeof code === 'string' && code.startsWith('FST_');
    return new HttpProblem(status, statusTitle(status), clientSafe ? fastifyError.message : statusTitle(status));
  }
  if (status === 503 && code === 'FST_UNDER_PRESSURE') return overloaded(10);
  return new HttpProblem(500, 'Internal Server Error', 'An unexpected error occurred. Quote the x-request-id when reporting it.', {
    type: statusProblemType(500),
  });
}

export function bodyTooLarge(limit: number): HttpProblem {
  return new HttpProblem(413, 'Payload too large', `The request body exceeds ${limit} bytes.`, { type: problemType('payload-too-large') });
}

export function overloaded(retryAfterSeconds: number): HttpProblem {
  return new HttpProblem(503, 'Service overloaded', 'The service is over capacity; retry later.', {
    type: problemType('overloaded'),
    headers: { 'retry-after': retryAfterSeconds },
  });
}

export function shuttingDown(): HttpProblem {
  return new HttpProblem(503, 'Service unavailable', 'The service is shutting down; retry on another instance.', {
    type: problemType('shutting-down'),
    headers: { connection: 'close', 'retry-after': 1 },
  });
}

/** Writes a problem answer. Serialized here so a route's response schema cannot reshape it. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, httpProblem: HttpProblem): FastifyReply {
  const details: ProblemDetails = httpProblem.toDetails(instanceOf(request));
  return reply
    .code(httpProblem.status)
    .headers(httpProblem.headers)
    .header(REQUEST_ID_HEADER, request.id)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(details));
}
