import { readFileSync } from 'node:fs';
import { loadAlertRules } from './alert-rules';
import { DASHBOARD_FILE } from './dashboard/build-dashboard';
import { metricNamesIn } from './promql-metrics';

/** Series Prometheus writes itself for each scrape target: no service exports them. */
export const PROMETHEUS_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);

interface DashboardJson {
  panels: { title: string; targets?: { expr: string }[] }[];
}

/** Every metric the alert rules and the committed dashboard query, with where each is used. */
export function metricsUsed(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const note = (expr: string, where: string) => {
    for (const name of metricNamesIn(expr)) used.set(name, [...(used.get(name) ?? []), where]);
  };
  for (const group of loadAlertRules().groups) {
    for (const rule of group.rules) note(rule.expr, `alert ${rule.alert}`);
  }
  const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as DashboardJson;
  for (const panel of dashboard.panels) {
    for (const target of panel.targets ?? []) note(target.expr, `panel "${panel.title}"`);
  }
  return used;
}
