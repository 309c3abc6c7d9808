import { STATUS_CODES } from 'node:http';
import * as z from 'zod';

/** RFC 9457 media type of every error answer. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const PROBLEM_BASE = 'https://rapport.dev/problems/';

/** `validation` → `https://rapport.dev/problems/validation`. */
export function problemType(slug: string): string {
  return `${PROBLEM_BASE}${slug}`;
}

/** The type of a problem that has no more specific one: derived from the status text. */
export function statusProblemType(status: number): string {
  const text = STATUS_CODES[status] ?? 'error';
  return problemType(text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path (no query string: it may carry tokens). */
  instance?: string;
  [extension: string]: unknown;
}

/** One failing input of a 400, `path` in the form `events[3].occurredAt` or `query.limit`. */
export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemExtras {
  /** A problem type URI; defaults to one derived from the status. */
  type?: string;
  /** Extension members (`errors`, `failing`…), shown to the client as they are. */
  extensions?: Record<string, unknown>;
  /** Answer headers such as `Retry-After` or `WWW-Authenticate`. */
  headers?: Record<string, string | number>;
}

/**
 * An error route code throws to answer with a problem. Its title and detail are shown to the
 * client as written, 5xx included — write them for the client (never a stack, SQL or secret).
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly type: string;
  readonly detail: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string | number>;

  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    extras: ProblemExtras = {},
  ) {
    super(detail ?? title);
    this.type = extras.type ?? statusProblemType(status);
    this.detail = detail ?? title;
    this.extensions = extras.extensions ?? {};
    this.headers = extras.headers ?? {};
  }

  toDetails(instance?: string): ProblemDetails {
    return {
      ...this.extensions,
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance === undefined ? {} : { instance }),
    };
  }
}

/** `throw problem(404, 'Source not found', 'No enabled source has this id.')`. */
export function problem(status: number, title: string, detail?: string, extras?: ProblemExtras): HttpProblem {
  return new HttpProblem(status, title, detail, extras);
}

/** A 400 listing every failing input. */
export function validationProblem(errors: readonly FieldError[], detail?: string): HttpProblem {
  const count = errors.length;
  return new HttpProblem(400, 'Invalid request', detail ?? `The request has ${count} invalid ${count === 1 ? 'value' : 'values'}.`, {
    type: problemType('validation'),
    extensions: { errors },
  });
}

/** The problem document, for route response schemas and the OpenAPI document. */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
