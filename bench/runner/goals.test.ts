import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { evaluateGoal, ratioToCeiling, summarizeGoals } from './goals';

describe('evaluateGoal', () => {
  it('meets a >= goal at and above it, misses below', () => {
    const goal = { op: '>=' as const, value: 5_000 };
    expect(evaluateGoal({ value: 5_000, goal })).toBe('met');
    expect(evaluateGoal({ value: 5_001, goal })).toBe('met');
    expect(evaluateGoal({ value: 4_999.9, goal })).toBe('missed');
  });

  it('meets a <= goal at and below it, misses above', () => {
    const goal = { op: '<=' as const, value: 20 };
    expect(evaluateGoal({ value: 20, goal })).toBe('met');
    expect(evaluateGoal({ value: 0, goal })).toBe('met');
    expect(evaluateGoal({ value: 20.01, goal })).toBe('missed');
  });

  it('has no verdict without a goal, and none for a value not measured', () => {
    expect(evaluateGoal({ value: 3 })).toBe('none');
    expect(evaluateGoal({ value: null, goal: { op: '<=', value: 1 } })).toBe('unmeasured');
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true })])(
    'a value meets exactly one of >= g and < g',
    (value, goal) => {
      const atLeast = evaluateGoal({ value, goal: { op: '>=', value: goal } }) === 'met';
      const atMost = evaluateGoal({ value, goal: { op: '<=', value: goal } }) === 'met';
      expect(atLeast || atMost).toBe(true);
      expect(atLeast && atMost).toBe(value === goal);
    },
  );
});

describe('ratioToCeiling', () => {
  it('is computed from the ceiling unless the benchmark gave it', () => {
    expect(ratioToCeiling({ name: 'a', value: 40, unit: 'x', ceiling: { name: 'bare', value: 100 } })).toBe(0.4);
    expect(ratioToCeiling({ name: 'a', value: 40, unit: 'x', ceiling: { name: 'bare', value: 100 }, ratioToCeiling: 0.5 })).toBe(0.5);
    expect(ratioToCeiling({ name: 'a', value: 40, unit: 'x', ceiling: { name: 'bare', value: 0 } })).toBeUndefined();
    expect(ratioToCeiling({ name: 'a', value: 40, unit: 'x' })).toBeUndefined();
  });
});

describe('summarizeGoals', () => {
  it('counts met goals and names the missed and unmeasured ones', () => {
    const summary = summarizeGoals({
      figures: [
        { name: 'rate', value: 6_000, unit: 'events/s', goal: { op: '>=', value: 5_000 } },
        { name: 'p99', value: 31, unit: 'ms', goal: { op: '<=', value: 20 } },
        { name: 'batch', value: null, unit: 'events/s', goal: { op: '>=', value: 30_000 } },
        { name: 'rss', value: 120, unit: 'MiB' },
      ],
    });
    expect(summary).toEqual({ met: 1, missed: ['p99'], unmeasured: ['batch'] });
  });
});
