import type { HttpServer } from './http-server';
import type { Registry } from 'prom-client';
import * as z from 'zod';
import type { Component } from '../lifecycle/component';
import { sendProblem } from './error-problems';
import { HttpProblem, problemSchema, problemType } from './problem';
import { checkReadiness } from './readiness';
import { registerReadinessMetrics } from './readiness-metrics';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An operations probe: exempt from back-pressure, logged only at warn. */
    probe?: boolean;
  }
}

const okSchema = z.object({ status: z.literal('ok') });

/** `/healthz` (the process is up), `/readyz` (its dependencies answer), `/metrics`. */
export function registerOpsRoutes(
  app: HttpServer,
  { components, registry, readinessTimeoutMs }: { components: readonly Component[]; registry: Registry; readinessTimeoutMs: number },
): void {
  const probe = { config: { probe: true }, logLevel: 'warn' as const };
  registerReadinessMetrics(registry, components, readinessTimeoutMs);

  app.get('/healthz', { ...probe, schema: { tags: ['ops'], summary: 'The process is up', response: { 200: okSchema } } }, () => ({
    status: 'ok' as const,
  }));

  const dependency = z.object({ id: z.string(), detail: z.string() });
  app.get(
    '/readyz',
    {
      ...probe,
      schema: {
        tags: ['ops'],
        summary: 'Every dependency answers (503 naming the failing ones)',
        response: {
          200: okSchema.extend({ checks: z.array(z.string()), degraded: z.array(dependency) }),
          503: problemSchema.extend({ failing: z.array(dependency), degraded: z.array(dependency) }),
        },
      },
    },
    async (request, reply) => {
      const { failing, degraded } = await checkReadiness(components, readinessTimeoutMs);
      if (failing.length === 0) return { status: 'ok' as const, checks: components.map((component) => component.id), degraded };
      request.log.warn({ failing, degraded }, 'not ready');
      return sendProblem(
        reply,
        request,
        new HttpProblem(503, 'Not ready', `Failing: ${failing.map((dependency) => dependency.id).join(', ')}.`, {
          type: problemType('not-ready'),
          extensions: { failing, degraded },
        }),
      );
    },
  );

  app.get('/metrics', { ...probe, schema: { tags: ['ops'], summary: 'Prometheus metrics' } }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
}
