import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { commonConfig, commonSlices } from './common-config';
import { bool, commaList, duration, hostPort, port, secret } from './env-fields';
import { ConfigError, loadConfig } from './load-config';

const valid = {
  DATABASE_URL: 'postgres://rapport_scoring:s3cr3t-pa55@127.0.0.1:5432/rapport',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('parses the common environment with its defaults', () => {
    const env = loadConfig(commonConfig, valid);
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: 3000,
      SHUTDOWN_GRACE_MS: 10_000,
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
    });
    expect(env.MIGRATION_DATABASE_URL).toBeUndefined();
  });

  it('lists every problem, one per line, naming each variable', () => {
    const problems = problemsOf(() =>
      loadConfig(commonConfig, { PORT: 'eighty', LOG_FORMAT: 'xml', SHUTDOWN_GRACE_MS: 'soon', KAFKA_BROKERS: 'nohost' }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: expected an integer between 1 and 65535',
        expect.stringMatching(/^LOG_FORMAT: /),
        'SHUTDOWN_GRACE_MS: expected a duration such as 500ms, 10s, 5m or 1h',
        'DATABASE_URL: is required',
        expect.stringMatching(/^KAFKA_BROKERS(\.0)?: expected host:port$/),
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(() => loadConfig(commonConfig, { ...valid, PORT: 'eighty' })).toThrow(
      'Invalid configuration:\n  PORT: expected an integer between 1 and 65535',
    );
  });

  it('never prints a value, even of a failing secret', () => {
    const schema = commonConfig.extend({ ADMIN_TOKEN: secret(32), PORT: port(3002) });
    const leaked = ['tok-visible-in-logs', 'mysql://root:hunter2@db/x', 'sixty-thousand'];
    const error = (() => {
      try {
        loadConfig(schema, {
          ADMIN_TOKEN: leaked[0],
          DATABASE_URL: leaked[1],
          KAFKA_BROKERS: '127.0.0.1:9092',
          PORT: leaked[2],
        });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.problems).toHaveLength(3);
    for (const value of leaked) expect(error.message).not.toContain(value);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('env fields', () => {
  it('reads durations in several units', () => {
    const schema = duration();
    expect(schema.parse('500')).toBe(500);
    expect(schema.parse('500ms')).toBe(500);
    expect(schema.parse('1.5s')).toBe(1_500);
    expect(schema.parse('5m')).toBe(300_000);
    expect(schema.parse('1h')).toBe(3_600_000);
    expect(schema.safeParse('-1s').success).toBe(false);
    expect(schema.safeParse('10 days').success).toBe(false);
  });

  it('reads booleans', () => {
    const schema = z.object({ A: bool(), B: bool(), C: bool().default(false) });
    expect(schema.parse({ A: 'true', B: 'off' })).toEqual({ A: true, B: false, C: false });
    expect(schema.safeParse({ A: 'maybe', B: '1' }).success).toBe(false);
  });

  it('reads comma lists and rejects an empty one', () => {
    const schema = commaList(hostPort());
    expect(schema.parse(' a:1 ,b:2,, ')).toEqual(['a:1', 'b:2']);
    expect(schema.safeParse(' , ').success).toBe(false);
    expect(schema.safeParse('a:1,b').success).toBe(false);
  });
});

describe('commonSlices', () => {
  const env = loadConfig(commonConfig, { ...valid, MIGRATION_DATABASE_URL: 'postgresql://owner@127.0.0.1/rapport' });

  it('cuts the environment into the slices components receive', () => {
    const slices = commonSlices(env, 'scoring', false);
    expect(slices.kafka).toEqual({ brokers: ['127.0.0.1:9092', '127.0.0.1:9093'], clientId: 'rapport-scoring' });
    expect(slices.postgres).toEqual({ url: valid.DATABASE_URL, migrationUrl: 'postgresql://owner@127.0.0.1/rapport' });
    expect(slices.http).toEqual({ host: '127.0.0.1', port: 3000 });
  });

  it('logs pretty only in a terminal outside production, unless told', () => {
    expect(commonSlices(env, 's', true).log.format).toBe('pretty');
    expect(commonSlices(env, 's', false).log.format).toBe('json');
    expect(commonSlices({ ...env, NODE_ENV: 'production' }, 's', true).log.format).toBe('json');
    expect(commonSlices({ ...env, LOG_FORMAT: 'json' }, 's', true).log.format).toBe('json');
  });
});
