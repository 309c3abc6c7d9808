// The community simulator: `pnpm tsx tools/simulator/cli.ts --help`.
import { writeFile } from 'node:fs/promises';
import { CommanderError } from 'commander';
import { parseCli } from './cli-options';
import { runSimulation } from './run-simulation';
import { formatSummary } from './send-stats';

async function main(): Promise<number> {
  let options;
  try {
    options = parseCli(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander printed help or the problem
    console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }

  // First Ctrl-C: stop taking new events, let those in flight finish, print the summary.
  // Second: leave at once.
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    console.error('\nstopping: finishing the requests in flight (Ctrl-C again to quit at once)');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const report = await runSimulation({ ...options, signal: stop.signal });
  if (report.summary === undefined) {
    console.error(`generated ${report.streamedEvents} events${options.out === undefined ? '' : ` into ${options.out}`}`);
    return 0;
  }
  console.error(formatSummary(report.summary));
  if (options.summaryJson !== undefined) await writeFile(options.summaryJson, JSON.stringify({ ...report, options: { ...options, adminToken: undefined, source: undefined } }, null, 2));
  const { summary } = report;
  // Non-zero when something was not accepted, so scripts notice.
  return summary.failedEvents > 0 || Object.keys(summary.rejectedEvents).length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
