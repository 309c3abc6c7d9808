import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@rapport/kit/config';
import { describe, expect, it } from 'vitest';
import { ingestionConfigSchema } from './config';

const env = {
  DATABASE_URL: 'postgres://rapport_ingestion@127.0.0.1:5432/rapport',
  KAFKA_BROKERS: '127.0.0.1:9092',
  ADMIN_TOKEN: 'admin-token-0123456789',
  SOURCE_SECRET_KEY: randomBytes(32).toString('base64'),
};

describe('ingestion config', () => {
  it('listens on 3001 by default, with its intake slice', () => {
    const config = loadConfig(ingestionConfigSchema, env);
    expect(config.service).toBe('ingestion');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3001 });
    expect(config.intake.adminToken).toBe(env.ADMIN_TOKEN);
    expect(config.intake.secretKey).toHaveLength(32);
  });

  it('requires its secrets without printing them', () => {
    const problems = (() => {
      try {
        loadConfig(ingestionConfigSchema, { ...env, ADMIN_TOKEN: 'short', SOURCE_SECRET_KEY: undefined });
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(problems).toContain('ADMIN_TOKEN: expected at least 16 characters');
    expect(problems).toContain('SOURCE_SECRET_KEY: is required');
    expect(problems).not.toContain('short');
  });
});
