// `pnpm bench [-- names… --update-docs --profile --strict]`: runs the repo's benchmarks one after
// the other, each in its own process, and writes one JSON and one Markdown report of the run.
// See bench/README.md for the result format a benchmark prints.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBenchProcess } from './runner/bench-process';
import { discoverBenchmarks, selectBenchmarks } from './runner/discovery';
import { summarizeGoals } from './runner/goals';
import { ensureInfrastructure } from './runner/infrastructure';
import { collectMachineFacts } from './runner/machine-facts';
import { updatePerformanceDoc } from './runner/performance-doc';
import { renderRunMarkdown } from './runner/run-markdown';
import { outcomeOf, type BenchOutcome, type RunReport } from './runner/run-report';
import { parseRunnerArgs, RUNNER_USAGE } from './runner/runner-args';
import { benchEnvironmentVariables, REPO_ROOT, runStamp } from './support/bench-environment';

const BENCH_DIR = join(REPO_ROOT, 'bench');
const RESULTS_DIR = join(BENCH_DIR, 'results');
const PERFORMANCE_DOC = join(REPO_ROOT, 'docs', 'performance.md');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30 * 60_000);

async function main(): Promise<number> {
  const args = parseRunnerArgs(process.argv.slice(2));
  if (args.help) {
    console.log(RUNNER_USAGE);
    return 0;
  }
  const all = await discoverBenchmarks(BENCH_DIR);
  if (args.list) {
    for (const file of all) console.log(file.name);
    return 0;
  }
  const selection = selectBenchmarks(all, args.names);
  if (!selection.ok) {
    console.error(`pnpm bench: ${selection.error}`);
    return 1;
  }

  const started = new Date();
  const stamp = runStamp(started);
  const infrastructure = await ensureInfrastructure(REPO_ROOT);
  const machine = await collectMachineFacts(REPO_ROOT, infrastructure.adminDatabaseUrl, process.env.KAFKA_BROKERS === undefined);
  console.error(`pnpm bench: ${selection.files.map((f) => f.name).join(', ')}; load average ${machine.loadAverage.join(', ')}`);

  let interrupted = false;
  process.on('SIGINT', () => (interrupted = true));
  process.on('SIGTERM', () => (interrupted = true));

  const benchmarks: BenchOutcome[] = [];
  for (const file of selection.files) {
    if (interrupted) break;
    console.error(`\n=== ${file.name} (${file.path}) ===`);
    const artifactsDir = join(RESULTS_DIR, stamp, file.name);
    await mkdir(artifactsDir, { recursive: true });
    const exit = await runBenchProcess(file, {
      cwd: REPO_ROOT,
      env: benchEnvironmentVariables({ ...infrastructure, artifactsDir, profile: args.profile }),
      timeoutMs: TIMEOUT_MS,
    });
    const outcome = outcomeOf(exit);
    benchmarks.push(outcome);
    console.error(`=== ${file.name}: ${outcome.status}${outcome.problems.length > 0 ? ` (${outcome.problems.join('; ')})` : ''} ===`);
  }

  const report: RunReport = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    profiled: args.profile,
    machine,
    benchmarks,
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const markdown = renderRunMarkdown(report);
  await writeFile(join(RESULTS_DIR, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(RESULTS_DIR, `${stamp}.md`), markdown);
  console.error(`\n${markdown}`);
  console.error(`pnpm bench: wrote bench/results/${stamp}.json and .md`);

  if (args.updateDocs && benchmarks.length > 0) {
    const current = await readFile(PERFORMANCE_DOC, 'utf8').catch(() => undefined);
    await writeFile(PERFORMANCE_DOC, updatePerformanceDoc(current, report));
    console.error('pnpm bench: updated docs/performance.md');
  }

  if (interrupted) return 130;
  if (benchmarks.some((b) => b.status === 'failed')) return 1;
  if (args.strict && benchmarks.some((b) => b.result !== undefined && summarizeGoals(b.result).missed.length > 0)) return 2;
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('pnpm bench failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
