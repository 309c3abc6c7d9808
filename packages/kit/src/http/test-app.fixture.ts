// Builds a server as a service would, with a few routes that exercise the kit, for the tests.
import { Writable } from 'node:stream';
import * as z from 'zod';
import { currentContext } from '../context/request-context';
import type { Component } from '../lifecycle/component';
import { createLogger } from '../log/create-logger';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { createHttpServer } from './create-http-server';
import type { CreateHttpServerOptions } from './create-http-server';
import { problem } from './problem';
import { parseJsonBody, rawBodyOf } from './raw-body';

export const eventSchema = z.object({
  id: z.string().min(1),
  occurredAt: z.iso.datetime(),
  kind: z.enum(['follow', 'comment']),
});

export async function buildTestApp(overrides: Partial<CreateHttpServerOptions> = {}) {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'kit-test',
    level: 'debug',
    format: 'json',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    }),
  });
  const registry = createMetricsRegistry({ service: 'kit-test', defaultMetrics: false });
  const components: Component[] = [];
  const app = await createHttpServer({ service: 'kit-test', version: '1.2.3', logger, registry, components, ...overrides });

  app.post(
    '/v1/sources/:sourceId/events',
    {
      schema: {
        summary: 'Post events',
        params: z.object({ sourceId: z.uuid() }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(10).optional() }),
        headers: z.object({ 'webhook-id': z.string().min(3) }),
        body: z.object({ events: z.array(eventSchema).min(1) }),
        response: { 202: z.object({ accepted: z.number() }) },
      },
    },
    (request, reply) => {
      reply.code(202);
      return { accepted: request.body.events.length };
    },
  );

  app.post(
    '/v1/raw',
    { config: { rawBody: true }, bodyLimit: 64, schema: { body: z.object({ events: z.array(eventSchema) }) } },
    (request) => {
      const raw = rawBodyOf(request);
      if (request.headers['x-signature'] !== `len=${raw.length}`) throw problem(401, 'Bad signature');
      const body = parseJsonBody(raw, z.object({ events: z.array(eventSchema) }));
      return { bytes: raw.length, events: body.events.length };
    },
  );

  app.get('/v1/boom', () => {
    throw new Error('relation "secret_table" does not exist: SELECT * FROM secret_table WHERE token = \'abc\'');
  });
  app.get('/v1/busy', () => {
    throw problem(503, 'Storage unavailable', 'Events cannot be stored right now.', { headers: { 'retry-after': 7 } });
  });
  app.get('/v1/items/:id', () => ({ ok: true }));
  app.delete('/v1/items/:id', () => ({ ok: true }));
  app.get('/v1/context', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return currentContext() ?? {};
  });
  app.post('/v1/context', { schema: { body: z.object({ a: z.number() }) } }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return currentContext() ?? {};
  });

  const logLines = () =>
    lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { app, registry, components, logLines, rawLog: () => lines.join('') };
}

export function healthy(id: string): Component {
  return { id, healthcheck: () => Promise.resolve({ ok: true }), stop: () => Promise.resolve() };
}
