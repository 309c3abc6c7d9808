import { parseArgs } from 'node:util';

export interface RunnerArgs {
  /** Benchmarks to run by name (`ingestion` for `bench/ingestion.bench.ts`); empty: all of them. */
  names: string[];
  updateDocs: boolean;
  /** Ask benchmarks to run their measured processes under `node --cpu-prof`. */
  profile: boolean;
  /** Exit non-zero when a goal is missed, not only when a benchmark fails. */
  strict: boolean;
  list: boolean;
  help: boolean;
}

export const RUNNER_USAGE = `pnpm bench [-- [names…] [--update-docs] [--profile] [--strict] [--list]]

  names          run only these benchmarks (bench/<name>.bench.ts); default: all
  --update-docs  rewrite each run benchmark's section of docs/performance.md
  --profile      run the measured service processes under node --cpu-prof (slower figures)
  --strict       exit 2 when a goal is missed (a failed benchmark always exits 1)
  --list         list the benchmarks and exit`;

/** The runner's command line (`pnpm bench -- …` may or may not pass the `--` on). */
export function parseRunnerArgs(argv: readonly string[]): RunnerArgs {
  const { values, positionals } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    allowPositionals: true,
    options: {
      'update-docs': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return {
    names: positionals,
    updateDocs: values['update-docs'],
    profile: values.profile,
    strict: values.strict,
    list: values.list,
    help: values.help,
  };
}
