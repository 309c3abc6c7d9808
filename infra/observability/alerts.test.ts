import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAlertRules } from './alert-rules';
import { metricNamesIn } from './promql-metrics';

const RUNBOOK = fileURLToPath(new URL('../../docs/operations.md', import.meta.url));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading?.[1] === undefined) continue;
    anchors.add(heading[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return anchors;
}

describe('alert rules', () => {
  const rules = loadAlertRules().groups.flatMap((group) => group.rules);

  it('validate: groups, CamelCase names, expr, for, severity, summary, runbook link', () => {
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules.map((r) => r.alert)).size, 'alert names are unique').toBe(rules.length);
  });

  it('cover what the operations issue asks for', () => {
    const all = rules.map((r) => r.expr).join('\n');
    for (const metric of ['rapport_consumer_group_lag', 'outbox_oldest_age_seconds', 'rapport_dlq_pending_messages', 'rapport_consumer_dlq_records_total', 'rapport_http_requests_total', 'rapport_ready', 'up', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(all, metric).toContain(metric);
    }
  });

  it('each select at least one metric, with balanced brackets', () => {
    for (const rule of rules) {
      expect(metricNamesIn(rule.expr), rule.alert).not.toEqual([]);
      for (const [open, close] of [['(', ')'], ['{', '}'], ['[', ']']] as const) {
        expect(rule.expr.split(open).length, `${rule.alert} ${open}${close}`).toBe(rule.expr.split(close).length);
      }
    }
  });

  it('link runbook sections that exist in docs/operations.md', () => {
    const anchors = anchorsOf(readFileSync(RUNBOOK, 'utf8'));
    for (const rule of rules) {
      const anchor = rule.annotations.runbook_url.split('#')[1] ?? '';
      expect(anchors.has(anchor), `${rule.alert} → #${anchor}`).toBe(true);
    }
  });
});
