import { describe, expect, it } from 'vitest';
import { parseCli, parseDuration } from './cli-options';

const argv = (...args: string[]) => ['node', 'cli.ts', ...args];
const parse = (...args: string[]) => parseCli(argv(...args), {}, false);

describe('simulator command line', () => {
  it('has defaults for a live closed-model run of one brand', () => {
    expect(parse('--admin-token', 't')).toMatchObject({
      ingestionUrl: 'http://127.0.0.1:3001',
      adminToken: 't',
      brands: ['sim'],
      membersPerBrand: 1_000,
      seed: 1,
      batchSize: 1,
      concurrency: 8,
      ratePerSecond: undefined,
      historyDays: undefined,
      dryRun: false,
      progress: false,
    });
  });

  it('reads every option', () => {
    const options = parse(
      ...['--ingestion-url', 'http://10.0.0.1:9000', '--source-id', 'src_1', '--secret', 'whsec_abc=', '--brand', 'acme', '--brand', 'zeta', '--members', '50'],
      ...['--seed', '7', '--history-days', '60', '--events', '3000', '--duration', '5m', '--rate', '250.5', '--concurrency', '3', '--max-in-flight', '9'],
      ...['--batch', '100', '--out', 'o.ndjson', '--accepted-log', 'a.ndjson', '--id-prefix', 'run2-', '--source-rate-limit', '5000', '--retries', '2', '--summary-json', 's.json'],
    );
    expect(options).toMatchObject({
      ingestionUrl: 'http://10.0.0.1:9000',
      source: { sourceId: 'src_1', secret: 'whsec_abc=' },
      brands: ['acme', 'zeta'],
      membersPerBrand: 50,
      seed: 7,
      historyDays: 60,
      events: 3_000,
      durationMs: 300_000,
      ratePerSecond: 250.5,
      concurrency: 3,
      maxInFlight: 9,
      batchSize: 100,
      out: 'o.ndjson',
      acceptedLog: 'a.ndjson',
      idPrefix: 'run2-',
      sourceRateLimit: 5_000,
      retry: { maxAttempts: 2 },
      summaryJson: 's.json',
    });
  });

  it('names N brands, takes the admin token from the environment and shows progress only on a terminal', () => {
    expect(parse('--brands', '3').brands).toEqual(['brand-1', 'brand-2', 'brand-3']);
    expect(parseCli(argv(), { ADMIN_TOKEN: 'from-env' }, false).adminToken).toBe('from-env');
    expect(parseCli(argv(), {}, true).progress).toBe(true);
    expect(parseCli(argv('--no-progress'), {}, true).progress).toBe(false);
  });

  it('refuses contradictions and bad values', () => {
    expect(() => parse('--source-id', 'x')).toThrow('--source-id and --secret go together');
    expect(() => parse('--brand', 'a', '--brands', '2')).toThrow('either --brand or --brands');
    expect(() => parse('--batch', '1001')).toThrow('at most 1000');
    expect(() => parse('--batch', '0')).toThrow();
    expect(() => parse('--rate', '-5')).toThrow();
    expect(() => parse('--brand', 'no spaces')).toThrow();
    expect(() => parse('--from', 'f.ndjson', '--history-days', '3')).toThrow();
    expect(() => parse('--dry-run')).toThrow('needs --events or --duration');
  });

  it('reads durations', () => {
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(() => parseDuration('soon')).toThrow();
  });
});
