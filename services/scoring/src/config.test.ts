import { ConfigError, loadConfig } from '@rapport/kit/config';
import { describe, expect, it } from 'vitest';
import { scoringConfigSchema } from './config';

describe('scoring config', () => {
  it('listens on 3002 by default and cuts the environment into slices', () => {
    const config = loadConfig(scoringConfigSchema, {
      DATABASE_URL: 'postgres://rapport_scoring@127.0.0.1:5432/rapport',
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    expect(config.service).toBe('scoring');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3002 });
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'rapport-scoring' });
  });

  it('fails with every problem listed', () => {
    expect(() => loadConfig(scoringConfigSchema, { PORT: '0' })).toThrow(ConfigError);
  });
});
