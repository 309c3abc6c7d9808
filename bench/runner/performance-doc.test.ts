import { describe, expect, it } from 'vitest';
import { PERFORMANCE_DOC_HEADER, updatePerformanceDoc } from './performance-doc';
import { failed, passed, report } from './report-fixtures';

describe('updatePerformanceDoc', () => {
  it('starts the document when there is none, with one section per benchmark', () => {
    const doc = updatePerformanceDoc(undefined, report([passed]));
    expect(doc.startsWith(PERFORMANCE_DOC_HEADER)).toBe(true);
    expect(doc).toContain('<!-- bench:ingestion:start -->\n## ingestion\n');
    expect(doc).toContain('Measured 2025-11-25 23:50:01 UTC (status: passed) on 2 × Example CPU');
    expect(doc).toContain('| single-event rate | 6,200 events/s | ≥ 5,000 events/s | yes |');
    expect(doc.trimEnd().endsWith('<!-- bench:ingestion:end -->')).toBe(true);
  });

  it('replaces a benchmark’s section and keeps the other sections and hand-written text', () => {
    const first = updatePerformanceDoc(undefined, report([passed, failed]));
    const edited = first.replace('# Performance\n', '# Performance\n\nHand-written context.\n');
    const faster = { ...passed, result: { ...passed.result!, figures: [{ name: 'single-event rate', value: 7_000, unit: 'events/s' }] } };
    const second = updatePerformanceDoc(edited, report([faster], { startedAt: '2025-11-26T10:00:00.000Z' }));
    expect(second).toContain('Hand-written context.');
    expect(second).toContain('| single-event rate | 7,000 events/s |');
    expect(second).not.toContain('| single-event rate | 6,200 events/s');
    expect(second.match(/<!-- bench:ingestion:start -->/g)).toHaveLength(1);
    // The scoring section of the earlier run is untouched, its failure still visible.
    expect(second).toContain('## scoring');
    expect(second).toContain('(status: **failed**)');
    expect(second).toContain('- exited with code 1');
  });

  it('is stable: the same report twice gives the same document', () => {
    const once = updatePerformanceDoc(undefined, report([passed, failed]));
    expect(updatePerformanceDoc(once, report([passed, failed]))).toBe(once);
  });
});
