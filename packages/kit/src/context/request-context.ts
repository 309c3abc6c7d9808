import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * What every log line written while handling one unit of work (an HTTP request, a Kafka batch)
 * should carry. The HTTP base fills it from `traceparent`; OpenTelemetry can fill it later
 * without changing a caller.
 */
export interface RequestContext {
  requestId?: string;
  traceId?: string;
  spanId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the work in progress, or undefined outside of any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it awaits) inside `context`. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const ALL_ZERO = /^0+$/;

/**
 * A context continuing the W3C trace in `traceparent` when it is valid, or starting a new
 * trace. The span id is always new: this process's work is a child of the caller's span.
 */
export function contextFromTraceparent(traceparent: string | undefined, requestId?: string): RequestContext {
  const match = traceparent === undefined ? null : TRACEPARENT.exec(traceparent.trim());
  const inherited = match?.[1];
  const traceId = inherited !== undefined && !ALL_ZERO.test(inherited) ? inherited : randomBytes(16).toString('hex');
  const context: RequestContext = { traceId, spanId: randomBytes(8).toString('hex') };
  if (requestId !== undefined) context.requestId = requestId;
  return context;
}

/** The `traceparent` header value that propagates `context` to the next hop (HTTP or Kafka). */
export function toTraceparent(context: RequestContext): string | undefined {
  if (context.traceId === undefined || context.spanId === undefined) return undefined;
  return `00-${context.traceId}-${context.spanId}-01`;
}
