import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { MAX_HISTORY_DAYS, type SimulationOptions } from './run-simulation';

// The simulator's command line: every option explained in --help, parsed into SimulationOptions.

export interface CliOptions extends SimulationOptions {
  summaryJson?: string | undefined;
}

const positiveInt = (name: string) => (text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

const positiveNumber = (name: string) => (text: string) => {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
  return n;
};

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `90` (seconds), `500ms`, `30s`, `5m`, `1h`. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (match?.[1] === undefined) throw new InvalidArgumentError('expected a duration such as 90, 30s, 5m or 1h');
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']!);
}

const BRAND = /^[A-Za-z0-9._-]{1,64}$/;
const collectBrand = (value: string, previous: string[] = []) => {
  if (!BRAND.test(value)) throw new InvalidArgumentError('a brand id is [A-Za-z0-9._-]{1,64}');
  return [...previous, value];
};

export function buildCli(): Command {
  return new Command('simulator')
    .description(
      'Simulates brand communities and sends their traffic to ingestion, signed with Standard Webhooks.\n' +
        'Live traffic by default (occurredAt = now); --history-days sends compressed history instead.\n' +
        'Open model with --rate (fixed events/s), closed model without it (as fast as --concurrency connections go).',
    )
    .option('--ingestion-url <url>', 'ingestion base URL', 'http://127.0.0.1:3001')
    .option('--admin-token <token>', 'ingestion admin token: creates one source per brand (default: $ADMIN_TOKEN)')
    .option('--source-id <id>', 'send to this existing source instead (one brand only; needs --secret)')
    .option('--secret <whsec>', "the source's Standard Webhooks secret (whsec_...)")
    .option('--brand <id>', 'a brand to simulate (repeatable)', collectBrand)
    .option('--brands <n>', 'simulate brands brand-1 … brand-N instead of naming them', positiveInt('--brands'))
    .option('--members <n>', 'community members per brand', positiveInt('--members'), 1_000)
    .option('--seed <n>', 'random seed: the same seed gives the same community and stream', positiveInt('--seed'), 1)
    .option('--history-days <days>', `send compressed history over the last N days (≤ ${MAX_HISTORY_DAYS}) instead of live traffic`, positiveNumber('--history-days'))
    .option('--events <n>', 'stop after N events (with --history-days: about N events over the window)', positiveInt('--events'))
    .option('--duration <time>', 'stop after this long: 90, 30s, 5m, 1h', parseDuration)
    .option('--rate <events/s>', 'open model: send at this fixed rate (events per second)', positiveNumber('--rate'))
    .option('--concurrency <n>', 'closed model: connections sending back to back', positiveInt('--concurrency'), 8)
    .option('--max-in-flight <n>', 'open model: requests in flight at most; a request due beyond that is missed and counted', positiveInt('--max-in-flight'), 512)
    .option('--batch <n>', 'events per request: 1 sends single events, more sends {"events": [...]} (≤ 1000)', positiveInt('--batch'), 1)
    .option('--out <file.ndjson>', 'also write the stream to this file (as sent), to replay it later')
    .addOption(
      new Option('--from <file.ndjson>', 'replay a recorded stream (its brands, its events) instead of generating one').conflicts([
        'historyDays',
        'members',
        'seed',
        'brand',
        'brands',
      ]),
    )
    .option('--restamp', 'with --from: set each occurredAt to the moment it is sent')
    .option('--accepted-log <file.ndjson>', 'write every event id that got a 2xx, with accepted/duplicate/ignored')
    .option('--id-prefix <prefix>', 'prefix of event and order ids (default sim-<seed>-); change it to resend a seed to the same source')
    .option('--source-rate-limit <n>', 'requests per second of the sources created by this run', positiveInt('--source-rate-limit'))
    .option('--retries <n>', 'attempts per request on 429/502/503/504 or a dropped connection', positiveInt('--retries'), DEFAULT_RETRY_POLICY.maxAttempts)
    .option('--dry-run', 'generate (and write --out) without sending')
    .option('--no-progress', 'no progress bar (the default when stderr is not a terminal)')
    .option('--summary-json <file>', 'also write the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  # 60 days of history for one brand, then stop (sources created with the admin token)
  pnpm tsx tools/simulator/cli.ts --admin-token $ADMIN_TOKEN --brand acme --history-days 60 --events 5000 --batch 100
  # live traffic for 3 brands at a fixed 500 events/s for 5 minutes, logging every accepted id
  pnpm tsx tools/simulator/cli.ts --brands 3 --rate 500 --duration 5m --accepted-log .local/accepted.ndjson
  # as fast as 32 connections go, batches of 100, recorded; then the same stream again
  pnpm tsx tools/simulator/cli.ts --concurrency 32 --batch 100 --events 200000 --out .local/run.ndjson
  pnpm tsx tools/simulator/cli.ts --from .local/run.ndjson --concurrency 32 --batch 100`,
    )
    .showHelpAfterError('(--help lists every option)');
}

interface RawOptions {
  ingestionUrl: string;
  adminToken?: string;
  sourceId?: string;
  secret?: string;
  brand?: string[];
  brands?: number;
  members: number;
  seed: number;
  historyDays?: number;
  events?: number;
  duration?: number;
  rate?: number;
  concurrency: number;
  maxInFlight: number;
  batch: number;
  out?: string;
  from?: string;
  restamp?: boolean;
  acceptedLog?: string;
  idPrefix?: string;
  sourceRateLimit?: number;
  retries: number;
  dryRun?: boolean;
  progress: boolean;
  summaryJson?: string;
}

/** Parses argv (node and script first, as process.argv) into run options; throws on a bad combination. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, isTty = process.stderr.isTTY === true): CliOptions {
  const command = buildCli().exitOverride();
  command.parse([...argv]);
  const raw = command.opts<RawOptions>();
  if ((raw.sourceId === undefined) !== (raw.secret === undefined)) throw new InvalidArgumentError('--source-id and --secret go together');
  if (raw.brand !== undefined && raw.brands !== undefined) throw new InvalidArgumentError('use either --brand or --brands');
  if (raw.batch > 1_000) throw new InvalidArgumentError('--batch is at most 1000');
  const brands = raw.brand ?? (raw.brands === undefined ? ['sim'] : Array.from({ length: raw.brands }, (_, i) => `brand-${i + 1}`));
  if (raw.historyDays === undefined && raw.from === undefined && raw.events === undefined && raw.duration === undefined && raw.dryRun === true) {
    throw new InvalidArgumentError('a dry run of live traffic needs --events or --duration');
  }
  return {
    ingestionUrl: raw.ingestionUrl,
    adminToken: raw.adminToken ?? env.ADMIN_TOKEN,
    source: raw.sourceId === undefined ? undefined : { sourceId: raw.sourceId, secret: raw.secret! },
    brands,
    membersPerBrand: raw.members,
    seed: raw.seed,
    historyDays: raw.historyDays,
    events: raw.events,
    durationMs: raw.duration,
    ratePerSecond: raw.rate,
    concurrency: raw.concurrency,
    maxInFlight: raw.maxInFlight,
    batchSize: raw.batch,
    out: raw.out,
    from: raw.from,
    restamp: raw.restamp === true,
    acceptedLog: raw.acceptedLog,
    idPrefix: raw.idPrefix,
    sourceRateLimit: raw.sourceRateLimit,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: raw.retries },
    dryRun: raw.dryRun === true,
    progress: raw.progress && isTty,
    summaryJson: raw.summaryJson,
  };
}
