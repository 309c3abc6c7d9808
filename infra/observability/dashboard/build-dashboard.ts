// Writes infra/observability/grafana-dashboard.json from dashboard-panels.ts:
//
//   pnpm tsx infra/observability/dashboard/build-dashboard.ts
//
// The JSON is committed (Grafana imports it as is); a unit test fails when it differs from what
// this script builds, so the two cannot drift apart.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DASHBOARD_ROWS, type RowSpec } from './dashboard-panels';

export const DASHBOARD_FILE = fileURLToPath(new URL('../grafana-dashboard.json', import.meta.url));

const COLUMNS = 3;
const WIDTH = 24 / COLUMNS;
const HEIGHT = 8;
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** The Grafana dashboard (schema 39): a row per spec, its panels three to a line. */
export function buildDashboard(rows: readonly RowSpec[] = DASHBOARD_ROWS): Record<string, unknown> {
  const panels: Record<string, unknown>[] = [];
  let id = 1;
  let y = 0;
  for (const row of rows) {
    panels.push({ id: id++, type: 'row', title: row.title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
    y += 1;
    row.panels.forEach((panel, index) => {
      panels.push({
        id: id++,
        type: 'timeseries',
        title: panel.title,
        ...(panel.description === undefined ? {} : { description: panel.description }),
        datasource: DATASOURCE,
        gridPos: { h: HEIGHT, w: WIDTH, x: (index % COLUMNS) * WIDTH, y: y + Math.floor(index / COLUMNS) * HEIGHT },
        fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
        options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
        targets: panel.queries.map((query, q) => ({
          refId: String.fromCharCode(65 + q),
          datasource: DATASOURCE,
          expr: query.expr,
          legendFormat: query.legend,
        })),
      });
    });
    y += Math.ceil(row.panels.length / COLUMNS) * HEIGHT;
  }
  return {
    uid: 'rapport-services',
    title: 'Rapport services',
    description: 'Ingestion, scoring and reporting: requests, intake, outboxes, consumer lag, dead letters, sweep, pools, event loop. Alerts: infra/observability/alerts.yaml; runbook: docs/operations.md.',
    tags: ['rapport'],
    editable: true,
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    timezone: 'utc',
    templating: {
      list: [{ name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', current: {}, hide: 0 }],
    },
    annotations: { list: [] },
    panels,
  };
}

export function dashboardJson(): string {
  return `${JSON.stringify(buildDashboard(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(DASHBOARD_FILE, dashboardJson());
  console.log(`wrote ${DASHBOARD_FILE}`);
}
