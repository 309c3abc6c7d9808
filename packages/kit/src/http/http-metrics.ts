import type { HttpServer } from './http-server';
import type { Registry } from 'prom-client';
import { counter, histogram } from '../metrics/metrics-registry';

/**
 * Request count and latency per route *pattern* (`/v1/sources/:sourceId/events`), never the raw
 * URL, so that the number of series stays bounded whatever clients send.
 */
export function registerHttpMetrics(app: HttpServer, registry: Registry): void {
  const labelNames = ['route', 'method', 'status'] as const;
  const requests = counter(registry, { name: 'rapport_http_requests_total', help: 'HTTP requests answered', labelNames });
  const duration = histogram(registry, {
    name: 'rapport_http_request_duration_seconds',
    help: 'Time from receiving a request to answering it',
    labelNames,
  });
  app.addHook('onResponse', (request, reply, done) => {
    const labels = { route: request.routeOptions.url ?? 'unmatched', method: request.method, status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1_000);
    done();
  });
}
