import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricNamesIn } from '../promql-metrics';
import { DASHBOARD_FILE, buildDashboard, dashboardJson } from './build-dashboard';

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: { refId: string; expr: string; legendFormat: string }[];
}

describe('grafana dashboard', () => {
  it('is committed exactly as build-dashboard.ts writes it (run it after editing dashboard-panels.ts)', () => {
    expect(readFileSync(DASHBOARD_FILE, 'utf8')).toBe(dashboardJson());
  });

  it('has unique ids, panels that do not overlap, and a query naming a metric in every panel', () => {
    const panels = buildDashboard().panels as Panel[];
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const cells = new Set<string>();
    for (const panel of panels) {
      const { h, w, x, y } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) {
        for (let column = x; column < x + w; column++) {
          const cell = `${row}:${column}`;
          expect(cells.has(cell), `${panel.title} overlaps at ${cell}`).toBe(false);
          cells.add(cell);
        }
      }
      if (panel.type === 'row') continue;
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(metricNamesIn(target.expr), `${panel.title}: ${target.expr}`).not.toEqual([]);
    }
  });

  it('has a row for each service', () => {
    const rows = (buildDashboard().panels as Panel[]).filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(expect.arrayContaining(['Ingestion', 'Scoring', 'Reporting']));
  });
});
