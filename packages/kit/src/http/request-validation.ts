import { formatIssuePath } from '@rapport/contracts';
import type { FastifySchemaCompiler } from 'fastify';
import type * as z from 'zod';
import type { FieldError } from './problem';

/** Where a failing input was: the part of the request Fastify validated. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

const PREFIX: Record<RequestPart, string> = { body: '', querystring: 'query', params: 'params', headers: 'headers' };

/**
 * Every zod issue as `{path, message}`: body paths as `events[3].occurredAt`, other parts
 * prefixed (`query.limit`, `headers.webhook-id`); an unknown key is listed under its own path.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], part: RequestPart = 'body'): FieldError[] {
  return issues.flatMap((issue) => {
    const paths: PropertyKey[][] =
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [[...issue.path]];
    const message = issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message;
    return paths.map((path) => ({ path: formatPath(part, path), message }));
  });
}

function formatPath(part: RequestPart, path: readonly PropertyKey[]): string {
  const prefix = PREFIX[part];
  if (prefix === '') return path.length === 0 ? 'body' : formatIssuePath(path);
  const [name, ...rest] = path;
  if (name === undefined) return prefix;
  // A header or query parameter is named as sent (`headers.webhook-id`, `query.hub.mode`).
  const tail = formatIssuePath(rest);
  return `${prefix}.${String(name)}${tail === '' || tail.startsWith('[') ? tail : `.${tail}`}`;
}

/** A request validation failure that keeps zod's issues (Fastify's own format loses paths). */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super('request validation failed');
  }
}

/**
 * Validates route schemas written in zod. A raw-body route (`config.rawBody`) receives its body
 * as a Buffer: its body schema documents it, and the route validates after its own checks
 * (signature first) with `parseJsonBody`.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    if (httpPart === 'body' && Buffer.isBuffer(data)) return { value: data };
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues) };
  };
