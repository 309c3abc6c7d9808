import type { BenchResult, Figure, Goal } from './bench-result';
import { notesOf } from './bench-result';
import { evaluateGoal, ratioToCeiling, type GoalVerdict } from './goals';
import { formatNumber, formatValue } from './number-format';
import type { BenchOutcome, MachineFacts } from './run-report';

// Markdown pieces shared by the run report and docs/performance.md.

const VERDICT_TEXT: Record<GoalVerdict, string> = { met: 'yes', missed: '**NO**', none: '—', unmeasured: 'not measured' };

export function goalText(goal: Goal | undefined, unit: string): string {
  if (goal === undefined) return '—';
  return `${goal.op === '>=' ? '≥' : '≤'} ${formatValue(goal.value, unit)}`;
}

function ceilingText(figure: Figure): string {
  if (figure.ceiling === undefined) return '—';
  const ratio = ratioToCeiling(figure);
  // A share for a rate below its ceiling; a multiple for a latency above its floor.
  const share = ratio === undefined ? '' : ratio < 1 ? ` (${formatValue(ratio * 100, '%')})` : ` (×${formatNumber(ratio)})`;
  return `${figure.ceiling.name}: ${formatValue(figure.ceiling.value, figure.unit)}${share}`;
}

/** `figure | value | goal | met?`, plus a ceiling column when any figure has a ceiling. */
export function figureTable(figures: readonly Figure[]): string {
  if (figures.length === 0) return '_No figures._';
  const withCeiling = figures.some((f) => f.ceiling !== undefined);
  const header = ['figure', 'value', 'goal', 'met?', ...(withCeiling ? ['ceiling (same run)'] : [])];
  const rows = figures.map((f) => [
    f.name,
    formatValue(f.value, f.unit),
    goalText(f.goal, f.unit),
    VERDICT_TEXT[evaluateGoal(f)],
    ...(withCeiling ? [ceilingText(f)] : []),
  ]);
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

/** The table, the benchmark's problems, notes and setup facts, as one block. */
export function outcomeBody(outcome: BenchOutcome): string {
  const parts: string[] = [];
  if (outcome.problems.length > 0) parts.push(['**Failed:**', ...outcome.problems.map((p) => `- ${p}`)].join('\n'));
  const result: BenchResult | undefined = outcome.result;
  if (result === undefined) {
    parts.push('_No result: see the problems above._');
    return parts.join('\n\n');
  }
  parts.push(figureTable(result.figures));
  const notes = notesOf(result);
  if (notes.length > 0) parts.push(['Notes:', ...notes.map((n) => `- ${n}`)].join('\n'));
  const setup = Object.entries(result.machine ?? {});
  if (setup.length > 0) parts.push(['Setup:', ...setup.map(([k, v]) => `- ${k}: ${String(v)}`)].join('\n'));
  return parts.join('\n\n');
}

/** One sentence naming the machine a figure came from. */
export function machineSentence(machine: MachineFacts): string {
  const load = machine.loadAverage.map((l) => l.toFixed(2)).join(', ');
  return (
    `${machine.cpus} × ${machine.cpuModel}, ${formatValue(machine.memoryGiB, 'GiB')} RAM, ${machine.os}; ` +
    `Node ${machine.node}, Kafka ${machine.kafka}, PostgreSQL ${machine.postgres}; ` +
    `load average at start ${load}; commit ${machine.commit}${machine.dirty ? ' (with uncommitted changes)' : ''}.`
  );
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
}
