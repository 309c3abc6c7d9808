import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as z from 'zod';

export const ALERTS_FILE = fileURLToPath(new URL('./alerts.yaml', import.meta.url));

/** Prometheus durations as rules use them: `30s`, `5m`, `1h30m`. */
const Duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'must be a Prometheus duration');

/** What every Rapport alert carries: a severity to route on, a summary, a runbook section. */
export const AlertRule = z.strictObject({
  alert: z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'must be a CamelCase alert name'),
  expr: z.string().trim().min(1),
  for: Duration.optional(),
  labels: z.looseObject({ severity: z.enum(['critical', 'warning']) }),
  annotations: z.looseObject({
    summary: z.string().min(1),
    description: z.string().min(1).optional(),
    runbook_url: z.string().regex(/^docs\/operations\.md#[a-z0-9-]+$/, 'must link a section of docs/operations.md'),
  }),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const RuleFile = z.strictObject({
  groups: z
    .array(z.strictObject({ name: z.string().min(1), interval: Duration.optional(), rules: z.array(AlertRule).min(1) }))
    .min(1),
});
export type RuleFile = z.infer<typeof RuleFile>;

/** alerts.yaml, validated; throws naming every problem. */
export function loadAlertRules(file = ALERTS_FILE): RuleFile {
  return RuleFile.parse(parse(readFileSync(file, 'utf8')));
}
