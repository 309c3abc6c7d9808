import { ConfigError, loadConfig } from '@rapport/kit/config';
import { describe, expect, it } from 'vitest';
import { scoringConfigSchema } from './config';

describe('scoring config', () => {
  it('listens on 3002 by default and cuts the environment into slices', () => {
    const config = loadConfig(scoringConfigSchema, {
      DATABASE_URL: 'postgres://rapport_scoring@127.0.0.1:5432/rapport',
      KAFKA_BROKERS: '127.0.0.1:9092',
      ADMIN_TOKEN: 'an-admin-token-of-some-length',
    });
    expect(config.service).toBe('scoring');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3002 });
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'rapport-scoring' });
  });

  it('has defaults for its own work: topics, group, sweep at least hourly, retention of late events', () => {
    const config = loadConfig(scoringConfigSchema, {
      DATABASE_URL: 'postgres://rapport_scoring@127.0.0.1:5432/rapport',
      KAFKA_BROKERS: '127.0.0.1:9092',
      ADMIN_TOKEN: 'an-admin-token-of-some-length',
    });
    expect(config.scoring).toMatchObject({
      interactionsTopic: 'interactions.v1',
      relationshipsTopic: 'relationships.v1',
      consumer: { groupId: 'rapport-scoring', concurrency: 2, sessionTimeoutMs: 30_000 },
      sweep: { intervalMs: 60_000, chunkSize: 500 },
      retention: { retainMs: 72 * 3_600_000, maxRetained: 200 },
    });
  });

  it('refuses a sweep interval over an hour and a missing admin token', () => {
    let problems: readonly string[] = [];
    try {
      loadConfig(scoringConfigSchema, { DATABASE_URL: 'postgres://x@127.0.0.1/r', KAFKA_BROKERS: '127.0.0.1:9092', SWEEP_INTERVAL: '2h' });
    } catch (error) {
      problems = error instanceof ConfigError ? error.problems : [];
    }
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^SWEEP_INTERVAL: /), expect.stringMatching(/^ADMIN_TOKEN: /)]));
  });

  it('fails with every problem listed', () => {
    expect(() => loadConfig(scoringConfigSchema, { PORT: '0' })).toThrow(ConfigError);
  });
});
