import { expect } from 'vitest';
import type { FaultCaseResult } from '../fault-case';

/** What every fault case must end with: nothing lost, nothing counted twice, nothing else off. */
export function expectFullyReconciled(result: FaultCaseResult, minimumAcknowledged: number): void {
  const r = result.reconciliation;
  expect(r.totals.acknowledged, 'too little load reached the system for the case to mean anything').toBeGreaterThanOrEqual(minimumAcknowledged);
  expect(r.lost, result.report).toBe(0);
  expect(r.doubleCounted, result.report).toBe(0);
  expect(r.problems, result.report).toEqual([]);
  expect(r.modelChecked, result.report).toBe(r.members);
  expect(result.settle.settled, result.report).toBe(true);
  for (const recovery of result.recoveries) expect(recovery.recoveryMs, `${recovery.name}: the system never showed a new event again`).toBeDefined();
}
