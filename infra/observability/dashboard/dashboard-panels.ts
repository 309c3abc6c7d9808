// What the Grafana dashboard shows, row by row: one row per service, then the processes. Every
// query uses metrics the services export (observability.int.test.ts checks each name against
// the services' /metrics). `build-dashboard.ts` lays the rows out as Grafana JSON.

export interface PanelQuery {
  expr: string;
  legend: string;
}

export interface PanelSpec {
  title: string;
  /** Grafana unit id: `reqps`, `s`, `short`, `percentunit`, `bytes`… */
  unit: string;
  queries: PanelQuery[];
  description?: string;
}

export interface RowSpec {
  title: string;
  panels: PanelSpec[];
}

const RATE = '$__rate_interval';
const NOT_PROBES = 'route!~"/readyz|/healthz|/metrics"';

const p99 = (metric: string, by: string, selector = '') =>
  `histogram_quantile(0.99, sum by (le${by === '' ? '' : `, ${by}`}) (rate(${metric}_bucket${selector}[${RATE}])))`;
const mean = (metric: string, selector = '', by = '') =>
  `sum${by === '' ? '' : ` by (${by})`} (rate(${metric}_sum${selector}[${RATE}])) / sum${by === '' ? '' : ` by (${by})`} (rate(${metric}_count${selector}[${RATE}]))`;

function httpPanels(service: string): PanelSpec[] {
  const selector = `{service="${service}", ${NOT_PROBES}}`;
  return [
    {
      title: `${service}: requests by route and status`,
      unit: 'reqps',
      queries: [{ expr: `sum by (route, status) (rate(rapport_http_requests_total${selector}[${RATE}]))`, legend: '{{route}} {{status}}' }],
    },
    {
      title: `${service}: latency p99 by route`,
      unit: 's',
      queries: [{ expr: p99('rapport_http_request_duration_seconds', 'route', selector), legend: '{{route}}' }],
    },
    {
      title: `${service}: share of 5xx answers`,
      unit: 'percentunit',
      description: 'Alert RapportHttp5xxRate fires above 5 %.',
      queries: [
        {
          expr: `sum (rate(rapport_http_requests_total{service="${service}", status=~"5..", ${NOT_PROBES}}[${RATE}])) / sum (rate(rapport_http_requests_total${selector}[${RATE}]))`,
          legend: '5xx',
        },
      ],
    },
  ];
}

function consumerPanels(service: string): PanelSpec[] {
  const selector = `{service="${service}"}`;
  return [
    {
      title: `${service}: consumer lag by partition (broker)`,
      unit: 'short',
      description: "Committed offset vs end of each partition, read from the broker at scrape time; replicas report the same value.",
      queries: [{ expr: `max by (group, topic, partition) (rapport_consumer_group_lag${selector})`, legend: '{{topic}}[{{partition}}]' }],
    },
    {
      title: `${service}: batch size (mean) and batches per second`,
      unit: 'short',
      queries: [
        { expr: mean('rapport_consumer_batch_size', selector), legend: 'records per batch' },
        { expr: `sum (rate(rapport_consumer_batch_size_count${selector}[${RATE}]))`, legend: 'batches/s' },
      ],
    },
    {
      title: `${service}: batch duration p99`,
      unit: 's',
      queries: [{ expr: p99('rapport_consumer_batch_duration_seconds', 'topic', selector), legend: '{{topic}}' }],
    },
    {
      title: `${service}: dead letters`,
      unit: 'short',
      description: 'Records copied to <topic>.dlq per second, and those still waiting for an operator (pnpm ops dlq).',
      queries: [
        { expr: `sum by (topic) (rate(rapport_consumer_dlq_records_total${selector}[${RATE}]))`, legend: 'dead-lettered/s {{topic}}' },
        { expr: `max by (topic) (rapport_dlq_pending_messages${selector})`, legend: 'waiting in {{topic}}' },
      ],
    },
  ];
}

function outboxPanel(service: string): PanelSpec {
  const selector = `{service="${service}"}`;
  return {
    title: `${service}: outbox backlog and oldest row`,
    unit: 'short',
    description: 'Rows not yet published to Kafka (left axis) and the age in seconds of the oldest one.',
    queries: [
      { expr: `max by (schema) (outbox_backlog_rows${selector})`, legend: 'rows {{schema}}' },
      { expr: `max by (schema) (outbox_oldest_age_seconds${selector})`, legend: 'oldest (s) {{schema}}' },
      { expr: `sum by (schema) (rate(outbox_published_total${selector}[${RATE}]))`, legend: 'published/s {{schema}}' },
    ],
  };
}

export const DASHBOARD_ROWS: RowSpec[] = [
  {
    title: 'Overview',
    panels: [
      {
        title: 'Ready instances by service',
        unit: 'short',
        queries: [{ expr: 'sum by (service) (rapport_ready)', legend: '{{service}}' }],
      },
      {
        title: 'Components failing readiness',
        unit: 'short',
        queries: [{ expr: 'count by (service, component) (rapport_component_ready == 0)', legend: '{{service}} {{component}}' }],
      },
      {
        title: 'Requests by service and status',
        unit: 'reqps',
        queries: [{ expr: `sum by (service, status) (rate(rapport_http_requests_total{${NOT_PROBES}}[${RATE}]))`, legend: '{{service}} {{status}}' }],
      },
    ],
  },
  {
    title: 'Ingestion',
    panels: [
      ...httpPanels('ingestion'),
      {
        title: 'ingestion: events by platform and outcome',
        unit: 'short',
        queries: [{ expr: `sum by (platform, outcome) (rate(ingestion_intake_events_total[${RATE}]))`, legend: '{{platform}} {{outcome}}' }],
      },
      {
        title: 'ingestion: refused deliveries by platform and reason',
        unit: 'reqps',
        queries: [{ expr: `sum by (platform, reason) (rate(ingestion_intake_rejections_total[${RATE}]))`, legend: '{{platform}} {{reason}}' }],
      },
      outboxPanel('ingestion'),
      {
        title: 'ingestion: group commit',
        unit: 's',
        description: 'Duration p99 of one commit transaction, and requests committed together (mean, right of the legend).',
        queries: [
          { expr: p99('ingestion_group_commit_seconds', ''), legend: 'commit p99 (s)' },
          { expr: mean('ingestion_group_commit_requests'), legend: 'requests per commit' },
        ],
      },
    ],
  },
  {
    title: 'Scoring',
    panels: [
      ...consumerPanels('scoring'),
      {
        title: 'scoring: interactions by result',
        unit: 'short',
        queries: [{ expr: `sum by (result) (rate(scoring_events_total[${RATE}]))`, legend: '{{result}}' }],
      },
      {
        title: 'scoring: batch transaction p99',
        unit: 's',
        queries: [{ expr: p99('scoring_batch_transaction_seconds', ''), legend: 'p99' }],
      },
      {
        title: 'scoring: sweep',
        unit: 's',
        description: 'Mean duration of a full sweep of due stage changes, and relationships it re-evaluated per second.',
        queries: [
          { expr: mean('scoring_sweep_seconds'), legend: 'sweep duration (s)' },
          { expr: `sum (rate(scoring_sweep_claimed_total[${RATE}]))`, legend: 're-evaluated/s' },
        ],
      },
      outboxPanel('scoring'),
    ],
  },
  {
    title: 'Reporting',
    panels: [...consumerPanels('reporting'), ...httpPanels('reporting')],
  },
  {
    title: 'Processes',
    panels: [
      {
        title: 'Event-loop delay p99',
        unit: 's',
        queries: [{ expr: 'max by (service, instance) (nodejs_eventloop_lag_p99_seconds)', legend: '{{service}} {{instance}}' }],
      },
      {
        title: 'Postgres pool: in use, size, waiting',
        unit: 'short',
        queries: [
          { expr: 'sum by (service) (pg_pool_connections - pg_pool_connections_idle)', legend: 'in use {{service}}' },
          { expr: 'sum by (service) (pg_pool_max_connections)', legend: 'size {{service}}' },
          { expr: 'sum by (service) (pg_pool_waiting_clients)', legend: 'waiting {{service}}' },
        ],
      },
      {
        title: 'CPU',
        unit: 'percentunit',
        queries: [{ expr: `sum by (service, instance) (rate(process_cpu_seconds_total[${RATE}]))`, legend: '{{service}} {{instance}}' }],
      },
      {
        title: 'Resident memory',
        unit: 'bytes',
        queries: [{ expr: 'max by (service, instance) (process_resident_memory_bytes)', legend: '{{service}} {{instance}}' }],
      },
    ],
  },
];
