import autocannon from 'autocannon';
import type { SignedRequests } from './signed-requests';

export interface ClosedModelOptions {
  baseUrl: string;
  path: string;
  /** Concurrent senders, each sending its next request as soon as the previous one is answered. */
  connections: number;
  durationSeconds: number;
  requests: SignedRequests;
  /** Every answer, with the index of the request it answers. */
  onStatus(index: number, status: number): void;
}

export interface ClosedModelResult {
  durationSeconds: number;
  statuses: Record<string, number>;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** As autocannon measures it (from write to answer); informative only under a closed model. */
  latencyMs: { p50: number; p99: number };
}

interface RequestContext {
  index?: number;
}

/**
 * The closed model (max throughput): autocannon with `connections` keep-alive connections, no
 * pipelining (webhook senders do not pipeline), each request a distinct signed delivery taken
 * from `requests`.
 */
export async function runClosedModel(options: ClosedModelOptions): Promise<ClosedModelResult> {
  const statuses: Record<string, number> = {};
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    pipelining: 1,
    duration: options.durationSeconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: options.path,
        // NOTE: one request definition, so autocannon starts each request from a fresh context;
        // with one request in flight per connection, the context holds the index of the request
        // its answer belongs to.
        setupRequest: (request, context) => {
          const { index, request: signed } = options.requests.take();
          (context as RequestContext).index = index;
          return { ...request, headers: signed.headers, body: signed.body };
        },
        onResponse: (status, _body, context) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          const index = (context as RequestContext).index;
          if (index !== undefined) options.onStatus(index, status);
        },
      },
    ],
  });
  return {
    durationSeconds: result.duration,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  };
}
