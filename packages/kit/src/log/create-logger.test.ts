import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runWithContext } from '../context/request-context';
import { createLogger } from './create-logger';
import { REDACT_PATHS, scrubText } from './redaction';

function capture(format: 'json' | 'pretty' = 'json') {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ service: 'test-svc', level: 'trace', format, destination });
  const text = () => chunks.join('');
  const lines = () => text().trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, text, lines };
}

const SECRET = 'sup3r-s3cr3t-value-0xDEADBEEF';

describe('createLogger', () => {
  it('writes JSON lines with the service name', () => {
    const { logger, lines } = capture();
    logger.info({ brandId: 'b-1' }, 'hello');
    expect(lines()).toEqual([expect.objectContaining({ service: 'test-svc', brandId: 'b-1', msg: 'hello', level: 30 })]);
  });

  it.each([
    ['a top-level secret', { secret: SECRET }],
    ['a nested appSecret', { source: { appSecret: SECRET } }],
    ['a password two levels down', { config: { postgres: { password: SECRET } } }],
    ['a token', { auth: { token: SECRET } }],
    ['an authorization header', { request: { headers: { authorization: `Bearer ${SECRET}` } } }],
    ['a webhook-signature header', { headers: { 'webhook-signature': `v1,${SECRET}` } }],
    ['a platform signature header', { headers: { 'x-hub-signature-256': `sha256=${SECRET}` } }],
    ['an API key', { apiKey: SECRET }],
    ['a connection string in a field', { target: `postgres://rapport:${SECRET}@127.0.0.1:5432/rapport` }],
    ['a database URL setting', { DATABASE_URL: `postgres://rapport@127.0.0.1/${SECRET}` }],
  ])('never writes %s', (_case, payload) => {
    const { logger, text } = capture();
    logger.info(payload, 'something happened');
    expect(text()).toContain('something happened');
    expect(text()).not.toContain(SECRET);
    expect(text()).toContain('[REDACTED]');
  });

  it('scrubs a connection string password from the message and from an error', () => {
    const { logger, text, lines } = capture();
    logger.warn(`cannot connect to postgres://rapport:${SECRET}@db:5432/rapport`);
    logger.error({ err: new Error(`connect failed: postgresql://owner:${SECRET}@db/rapport`) }, 'boom');
    expect(text()).not.toContain(SECRET);
    expect(lines()[0]?.msg).toBe('cannot connect to postgres://rapport:[REDACTED]@db:5432/rapport');
    expect((lines()[1]?.err as { message: string }).message).toBe('connect failed: postgresql://owner:[REDACTED]@db/rapport');
  });

  it('scrubs secret query parameters from a logged request url', () => {
    const { logger, text } = capture();
    logger.info({ req: { method: 'GET', url: `/v1/webhooks/meta/s1?hub.mode=subscribe&hub.verify_token=${SECRET}&hub.challenge=42` } }, 'incoming request');
    expect(text()).not.toContain(SECRET);
    expect(text()).toContain('hub.challenge=42');
  });

  it('redacts in pretty output too', () => {
    const { logger, text } = capture('pretty');
    logger.info({ secret: SECRET, note: 'visible' }, 'pretty line');
    expect(text()).toContain('pretty line');
    expect(text()).toContain('visible');
    expect(text()).not.toContain(SECRET);
  });

  it('adds traceId and spanId of the active context', () => {
    const { logger, lines } = capture();
    logger.info('outside');
    runWithContext({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }, () => logger.info('inside'));
    const [outside, inside] = lines();
    expect(outside).not.toHaveProperty('traceId');
    expect(inside).toMatchObject({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) });
  });
});

describe('redaction rules', () => {
  it('covers every secret key at three depths', () => {
    expect(REDACT_PATHS).toEqual(expect.arrayContaining(['secret', '*.secret', '*.*.secret', '*.*["webhook-signature"]']));
  });

  it('leaves text without secrets alone', () => {
    const text = 'GET /v1/brands/b-1/members?limit=10&sort=-score from http://127.0.0.1:3003/x';
    expect(scrubText(text)).toBe(text);
    expect(scrubText('kafka://user:pw@broker:9092')).toBe('kafka://user:[REDACTED]@broker:9092');
    expect(scrubText('/x?crc_token=abc&api_key=k&keep=1')).toBe('/x?crc_token=[REDACTED]&api_key=[REDACTED]&keep=1');
  });
});
