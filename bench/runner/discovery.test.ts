import { describe, expect, it } from 'vitest';
import { benchFilesAmong, selectBenchmarks } from './discovery';

const files = benchFilesAmong('/repo/bench', ['run.ts', 'scoring.bench.ts', 'ingestion.bench.ts', 'end-to-end.bench.ts', 'README.md', 'x.bench.ts.orig', 'Bad.bench.ts']);

describe('benchFilesAmong', () => {
  it('keeps only <name>.bench.ts files, sorted by name', () => {
    expect(files).toEqual([
      { name: 'end-to-end', path: '/repo/bench/end-to-end.bench.ts' },
      { name: 'ingestion', path: '/repo/bench/ingestion.bench.ts' },
      { name: 'scoring', path: '/repo/bench/scoring.bench.ts' },
    ]);
  });
});

describe('selectBenchmarks', () => {
  it('selects all when no name is given', () => {
    expect(selectBenchmarks(files, [])).toEqual({ ok: true, files });
  });

  it('selects the named ones in the order asked, once each', () => {
    const selection = selectBenchmarks(files, ['scoring', 'ingestion', 'scoring']);
    expect(selection.ok && selection.files.map((f) => f.name)).toEqual(['scoring', 'ingestion']);
  });

  it('refuses an unknown name, listing what exists', () => {
    expect(selectBenchmarks(files, ['ingestoin'])).toEqual({ ok: false, error: 'unknown benchmark ingestoin; available: end-to-end, ingestion, scoring' });
  });
});
