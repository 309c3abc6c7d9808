import { describe, expect, it } from 'vitest';
import { figureTable } from './figure-table';
import { failed, passed, report } from './report-fixtures';
import { renderRunMarkdown } from './run-markdown';

describe('figureTable', () => {
  it('has a row per figure with value, goal and verdict, and a ceiling column when any figure has one', () => {
    const table = figureTable(passed.result!.figures).split('\n');
    expect(table[0]).toBe('| figure | value | goal | met? | ceiling (same run) |');
    expect(table[2]).toBe('| single-event rate | 6,200 events/s | ≥ 5,000 events/s | yes | bare route: 15,500 events/s (40 %) |');
    expect(table[3]).toBe('| p99 at 70% | 31.4 ms | ≤ 20 ms | **NO** | — |');
    expect(table[4]).toBe('| RSS peak | 180 MiB | — | — | — |');
  });

  it('shows a value above its ceiling (a latency over the bare route’s) as a multiple', () => {
    const table = figureTable([{ name: 'p99', value: 12.4, unit: 'ms', ceiling: { name: 'bare route', value: 2 } }]).split('\n');
    expect(table[2]).toBe('| p99 | 12.4 ms | — | — | bare route: 2 ms (×6.2) |');
  });

  it('leaves the ceiling column out when no figure has a ceiling, and escapes pipes', () => {
    const table = figureTable([{ name: 'a | b', value: null, unit: 'ms', goal: { op: '<=', value: 5 } }]).split('\n');
    expect(table[0]).toBe('| figure | value | goal | met? |');
    expect(table[2]).toBe('| a \\| b | not measured | ≤ 5 ms | not measured |');
  });
});

describe('renderRunMarkdown', () => {
  const markdown = renderRunMarkdown(report([passed, failed]));

  it('names the machine and the command', () => {
    expect(markdown).toContain('# Benchmark run 2025-11-25T23:50:01.000Z');
    expect(markdown).toContain('2 × Example CPU @ 2.0GHz, 23.5 GiB RAM, Linux 6.1.0; Node v20.20.0, Kafka 4.1.2, PostgreSQL 15.20');
    expect(markdown).toContain('load average at start 0.50, 0.75, 1.00; commit abc1234.');
    expect(markdown).toContain('`pnpm bench -- ingestion`');
  });

  it('summarizes each benchmark: a failed one is shown as failed, with its problems', () => {
    expect(markdown).toContain('| ingestion | passed | 1 of 2 (missed: p99 at 70%) | 95 s |');
    expect(markdown).toContain('| scoring | **failed** | — | 4 s |');
    expect(markdown).toContain('## scoring — failed');
    expect(markdown).toContain('- exited with code 1');
  });

  it('has the figures, notes and setup of each benchmark', () => {
    expect(markdown).toContain('## ingestion — passed');
    expect(markdown).toContain('| single-event rate | 6,200 events/s |');
    expect(markdown).toContain('- phase s: 6,200 events/s');
    expect(markdown).toContain('- connections: 64');
  });

  it('warns that a profiled run is slower', () => {
    expect(renderRunMarkdown(report([passed], { profiled: true }))).toContain('Profiled run');
    expect(markdown).not.toContain('Profiled run');
  });
});
