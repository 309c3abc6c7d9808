import { describe, expect, it } from 'vitest';
import { metricNamesIn } from './promql-metrics';

describe('metric names in PromQL', () => {
  it('finds selectors, not functions, aggregations, label names, keywords, numbers or durations', () => {
    expect(
      metricNamesIn(`sum by (service) (rate(rapport_http_requests_total{status=~"5..", route!~"/readyz|by"}[5m] offset 1h))
        / sum by (service) (rate(rapport_http_requests_total[5m])) > 0.05 and on (service) up == 1e3`),
    ).toEqual(['rapport_http_requests_total', 'up']);
  });

  it('reads histogram series, Grafana variables, unless and binary operators between two metrics', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le, route) (rate(rapport_http_request_duration_seconds_bucket{service="x"}[$__rate_interval]))) unless sum without (instance) (pg_pool_connections - pg_pool_connections_idle)',
      ),
    ).toEqual(['rapport_http_request_duration_seconds_bucket', 'pg_pool_connections', 'pg_pool_connections_idle']);
  });

  it('keeps a metric whose name contains a keyword, and names with colons (recording rules)', () => {
    expect(metricNamesIn('max(job:order_by_total:rate5m) or bool_metric')).toEqual(['job:order_by_total:rate5m', 'bool_metric']);
  });
});
