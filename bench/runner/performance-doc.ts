import { machineSentence, outcomeBody } from './figure-table';
import type { BenchOutcome, RunReport } from './run-report';

// docs/performance.md keeps the latest figures of each benchmark with the machine they came from.
// Each benchmark owns one section between markers, so `pnpm bench -- ingestion --update-docs`
// rewrites the ingestion section and leaves the others (and any hand-written text) alone.

export const PERFORMANCE_DOC_HEADER = `# Performance

Latest figures of each benchmark, written by \`pnpm bench -- --update-docs\` (see \`bench/README.md\`).
Each section names the machine and the commit it was measured on; ceilings are measured in the same
run. Text outside the \`bench:\` markers is kept as written.
`;

const start = (name: string) => `<!-- bench:${name}:start -->`;
const end = (name: string) => `<!-- bench:${name}:end -->`;

/** The section of one benchmark, markers included. */
export function renderDocSection(outcome: BenchOutcome, report: Pick<RunReport, 'startedAt' | 'machine' | 'profiled'>): string {
  const when = report.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  const status = outcome.status === 'passed' ? 'passed' : '**failed**';
  const lines = [
    start(outcome.name),
    `## ${outcome.name}`,
    '',
    `Measured ${when} (status: ${status}) on ${machineSentence(report.machine)}`,
  ];
  if (report.profiled) lines.push('', '> Profiled run: figures are lower than an unprofiled run’s.');
  lines.push('', outcomeBody(outcome), end(outcome.name));
  return lines.join('\n');
}

/** `doc` with each outcome's section replaced, or appended when new. */
export function updatePerformanceDoc(doc: string | undefined, report: RunReport): string {
  let text = doc ?? PERFORMANCE_DOC_HEADER;
  for (const outcome of report.benchmarks) {
    const section = renderDocSection(outcome, report);
    const from = text.indexOf(start(outcome.name));
    const to = text.indexOf(end(outcome.name));
    if (from >= 0 && to > from) {
      text = text.slice(0, from) + section + text.slice(to + end(outcome.name).length);
    } else {
      text = `${text.trimEnd()}\n\n${section}\n`;
    }
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
