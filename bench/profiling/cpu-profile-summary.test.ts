import { describe, expect, it } from 'vitest';
import { groupOf, renderProfileSummary, summarizeCpuProfile, type CpuProfile } from './cpu-profile-summary';

const ROOT = '/work/main';
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

// root → handler (kit) → parse (zod); plus idle and GC. Samples carry their own time deltas.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 4, 5] },
    { id: 2, callFrame: frame('handler', 'file:///work/main/packages/kit/src/http/raw-body.ts', 11), children: [3] },
    { id: 3, callFrame: frame('parse', 'file:///work/main/node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/parse.js', 40) },
    { id: 4, callFrame: frame('(idle)', '') },
    { id: 5, callFrame: frame('(garbage collector)', '') },
  ],
  startTime: 0,
  endTime: 10_000,
  samples: [2, 3, 3, 4, 5, 3],
  timeDeltas: [1_000, 2_000, 2_000, 3_000, 1_000, 1_000],
};

describe('summarizeCpuProfile', () => {
  const summary = summarizeCpuProfile(profile, ROOT);

  it('splits idle from busy time', () => {
    expect(summary).toMatchObject({ totalMs: 10, idleMs: 3, busyMs: 7 });
  });

  it('ranks functions by self time with their location and share of busy time', () => {
    expect(summary.functions.map((f) => [f.name, f.location, f.selfMs])).toEqual([
      ['parse', 'zod/v4/core/parse.js:41', 5],
      ['handler', 'packages/kit/src/http/raw-body.ts:12', 1],
      ['(garbage collector)', '', 1],
    ]);
    expect(summary.functions[0]?.share).toBeCloseTo((5 / 7) * 100);
  });

  it('adds self time up by package', () => {
    expect(summary.groups.map((g) => [g.group, g.selfMs])).toEqual([
      ['zod', 5],
      ['packages/kit', 1],
      ['(garbage collector)', 1],
    ]);
    expect(renderProfileSummary(summary)).toContain('71.4%        5 ms  zod');
  });
});

describe('groupOf', () => {
  it.each([
    ['file:///work/main/node_modules/.pnpm/@fastify+ajv@1/node_modules/@fastify/ajv-compiler/index.js', '', '@fastify/ajv-compiler'],
    ['file:///work/main/node_modules/.pnpm/pg@8/node_modules/pg/lib/client.js', '', 'pg'],
    ['file:///work/main/services/ingestion/src/store/group-commit.ts', '', 'services/ingestion'],
    ['file:///work/main/bench/ingestion/open-model.ts', '', 'bench'],
    ['node:internal/streams/writable', '', 'node'],
    ['', '(program)', '(program)'],
    ['', 'writev', '(native)'],
  ])('%s %s → %s', (url, name, group) => {
    expect(groupOf(url, name, ROOT)).toBe(group);
  });
});
