import type { BenchResult, Figure } from './bench-result';

/** `met`/`missed` against the goal; `none` without a goal; `unmeasured` when the value is missing. */
export type GoalVerdict = 'met' | 'missed' | 'none' | 'unmeasured';

export function evaluateGoal(figure: Pick<Figure, 'value' | 'goal'>): GoalVerdict {
  if (figure.goal === undefined) return 'none';
  if (figure.value === null) return 'unmeasured';
  switch (figure.goal.op) {
    case '>=':
      return figure.value >= figure.goal.value ? 'met' : 'missed';
    case '<=':
      return figure.value <= figure.goal.value ? 'met' : 'missed';
  }
}

/** The figure's share of its ceiling: as given by the benchmark, else computed. */
export function ratioToCeiling(figure: Figure): number | undefined {
  if (figure.ratioToCeiling !== undefined) return figure.ratioToCeiling;
  if (figure.ceiling === undefined || figure.value === null || figure.ceiling.value === 0) return undefined;
  return figure.value / figure.ceiling.value;
}

export interface GoalSummary {
  met: number;
  missed: string[];
  unmeasured: string[];
}

/** Which goals of a result were met, missed (by figure name) or could not be judged. */
export function summarizeGoals(result: Pick<BenchResult, 'figures'>): GoalSummary {
  const summary: GoalSummary = { met: 0, missed: [], unmeasured: [] };
  for (const figure of result.figures) {
    const verdict = evaluateGoal(figure);
    if (verdict === 'met') summary.met += 1;
    else if (verdict === 'missed') summary.missed.push(figure.name);
    else if (verdict === 'unmeasured') summary.unmeasured.push(figure.name);
  }
  return summary;
}
