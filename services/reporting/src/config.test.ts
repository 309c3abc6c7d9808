import { ConfigError, loadConfig } from '@rapport/kit/config';
import { describe, expect, it } from 'vitest';
import { reportingConfigSchema } from './config';

describe('reporting config', () => {
  it('listens on 3003 by default and cuts the environment into slices', () => {
    const config = loadConfig(reportingConfigSchema, {
      DATABASE_URL: 'postgres://rapport_reporting@127.0.0.1:5432/rapport',
      KAFKA_BROKERS: '127.0.0.1:9092',
      ADMIN_TOKEN: 'admin-token-of-16+chars',
    });
    expect(config.service).toBe('reporting');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3003 });
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'rapport-reporting' });
    expect(config.reporting).toMatchObject({
      adminToken: 'admin-token-of-16+chars',
      relationshipsTopic: 'relationships.v1',
      consumer: { groupId: 'rapport-reporting', sessionTimeoutMs: 30_000 },
      api: { rateLimit: { max: 6000, windowMs: 60_000 }, keyCacheTtlMs: 10_000 },
    });
  });

  it('fails with every problem listed', () => {
    expect(() => loadConfig(reportingConfigSchema, { PORT: '0' })).toThrow(ConfigError);
  });
});
