import { machineSentence, outcomeBody } from './figure-table';
import { summarizeGoals } from './goals';
import { formatNumber } from './number-format';
import type { BenchOutcome, RunReport } from './run-report';

/** The Markdown report of one run (`bench/results/<timestamp>.md`). */
export function renderRunMarkdown(report: RunReport): string {
  const lines = [
    `# Benchmark run ${report.startedAt}`,
    '',
    `Machine: ${machineSentence(report.machine)}`,
    '',
    `Command: \`pnpm bench${report.args.length > 0 ? ` -- ${report.args.join(' ')}` : ''}\`; finished ${report.finishedAt}.`,
  ];
  if (report.profiled) lines.push('', '> Profiled run: the measured processes ran under a CPU profiler, so these figures are lower than an unprofiled run’s.');
  lines.push('', summaryTable(report.benchmarks));
  for (const outcome of report.benchmarks) {
    lines.push('', `## ${outcome.name} — ${outcome.status}`, '', outcomeBody(outcome));
  }
  return `${lines.join('\n')}\n`;
}

function summaryTable(outcomes: readonly BenchOutcome[]): string {
  if (outcomes.length === 0) return '_No benchmark ran._';
  const rows = outcomes.map((o) => {
    const goals = o.result === undefined ? undefined : summarizeGoals(o.result);
    const judged = goals === undefined ? 0 : goals.met + goals.missed.length;
    const goalCell = goals === undefined ? '—' : judged === 0 ? 'no goals' : `${goals.met} of ${judged}${goals.missed.length > 0 ? ` (missed: ${goals.missed.join(', ')})` : ''}`;
    return `| ${o.name} | ${o.status === 'failed' ? '**failed**' : 'passed'} | ${goalCell} | ${formatNumber(o.durationMs / 1000)} s |`;
  });
  return ['| benchmark | status | goals met | duration |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
