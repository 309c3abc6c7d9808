import type { FastifyRequest } from 'fastify';
import type { HttpServer } from './http-server';
import type * as z from 'zod';
import { HttpProblem, problemType, validationProblem } from './problem';
import { fieldErrors } from './request-validation';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route receives `application/json` bodies as the exact bytes sent (a Buffer), unparsed
     * and unvalidated, so it can check a signature over them first (`rawBodyOf`, then
     * `parseJsonBody`).
     */
    rawBody?: boolean;
  }
}

/**
 * JSON bodies, parsed by Fastify's own parser (prototype-poisoning checks included) except on
 * routes that asked for the raw bytes. Only JSON is accepted: any other content type is a 415.
 */
export function installJsonParser(app: HttpServer): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    if (request.routeOptions.config.rawBody === true) {
      done(null, body);
      return;
    }
    void parseJson(request, (body as Buffer).toString('utf8'), done);
  });
}

/** The exact bytes of a raw-body route's request. */
export function rawBodyOf(request: FastifyRequest): Buffer {
  const body: unknown = request.body;
  if (Buffer.isBuffer(body)) return body;
  // No body at all (no content type, empty): the bytes are empty.
  if (body === undefined || body === null) return Buffer.alloc(0);
  throw new Error(`route ${request.routeOptions.url ?? ''} did not set config.rawBody`);
}

const PROTOTYPE_KEY = /"(?:__proto__|constructor)"\s*:/;

function assertNoPrototypeKeys(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Object.hasOwn(value, '__proto__')) throw new SyntaxError('forbidden key __proto__');
  const ctor: unknown = (value as Record<string, unknown>).constructor;
  if (Object.hasOwn(value, 'constructor') && ctor !== null && typeof ctor === 'object' && Object.hasOwn(ctor, 'prototype')) {
    throw new SyntaxError('forbidden key constructor.prototype');
  }
  for (const child of Object.values(value)) assertNoPrototypeKeys(child);
}

/**
 * Parses raw JSON bytes and validates them against `schema`; a 400 problem (malformed JSON, or
 * every failing path) otherwise. Rejects prototype-poisoning keys as Fastify's parser does.
 */
export function parseJsonBody<S extends z.ZodType>(raw: Buffer, schema: S): z.output<S> {
  const text = raw.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
    // Only walk the document when its text could hold such a key: the common case costs one scan.
    if (PROTOTYPE_KEY.test(text)) assertNoPrototypeKeys(value);
  } catch {
    throw malformedJson();
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(fieldErrors(result.error.issues, 'body'));
  return result.data;
}

export function malformedJson(): HttpProblem {
  return new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.', { type: problemType('malformed-json') });
}
